//! `threadplay run` prints the tutorial's lines and closing line, and refuses bad settings.
mod common;

use std::process::Command;

fn threadplay(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_threadplay"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn run_prints_interleaved_lines_and_the_finish_line() {
    let output = threadplay(&[
        "run",
        "--tasks",
        "2",
        "--iterations",
        "3",
        "--sleep-ms",
        "30",
        "--threads",
        "2",
    ]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    for task in 1..=2 {
        for iteration in 0..3 {
            let line = format!("Task {task} - Iteration {iteration}");
            assert!(stdout.contains(&line), "missing {line:?} in\n{stdout}");
        }
    }
    let workers: std::collections::HashSet<_> = stdout
        .lines()
        .filter_map(|line| line.split("worker").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect();
    assert_eq!(workers.len(), 2, "lines from two workers in\n{stdout}");
    // Three 30 ms sleeps in a row: at least 0.09 s, and well under a second on a busy machine.
    let finished: f64 = stdout
        .split("Finished in ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_else(|| panic!("no finish line in\n{stdout}"));
    assert!((0.08..0.6).contains(&finished), "{stdout}");
}

#[test]
fn run_refuses_out_of_range_settings() {
    let output = threadplay(&["run", "--threads", "0"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("threads must be between 1 and 64 (got 0)"),
        "{stderr}"
    );
}

fn run_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["run", "--json"];
    all.extend_from_slice(args);
    let output = threadplay(&all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("a JSON run record")
}

#[test]
fn processes_compute_in_parallel_in_child_processes() {
    let record = run_json(&[
        "--preset",
        "cpu-processes",
        "--cpu-ms",
        "150",
        "--iterations",
        "2",
    ]);
    common::on_two_free_cores(|| {
        let record = run_json(&[
            "--preset",
            "cpu-processes",
            "--cpu-ms",
            "150",
            "--iterations",
            "2",
        ]);
        let report = &record["report"];
        let speedup = report["sequentialMs"].as_f64().unwrap() / report["wallMs"].as_f64().unwrap();
        if speedup > 1.4 {
            Ok(())
        } else {
            Err(format!("speedup {speedup:.2}: {report}"))
        }
    });
    let events = record["events"].as_array().unwrap();
    let workers: std::collections::HashSet<_> = events
        .iter()
        .map(|event| event["worker"].as_u64())
        .collect();
    assert_eq!(workers.len(), 2, "two process slots");
    let lines = events
        .iter()
        .filter(|event| event["kind"] == "line")
        .count();
    assert_eq!(lines, 4);
}

#[test]
fn processes_do_not_share_the_counter() {
    let record = run_json(&[
        "--preset",
        "race",
        "--model",
        "processes",
        "--increments",
        "100",
    ]);
    assert_eq!(record["report"]["counter"]["expected"], 2000);
    assert_eq!(record["report"]["counter"]["actual"], 0);
}
