//! `threadplay run` prints the tutorial's lines and closing line, and refuses bad settings.
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
    assert!(stdout.contains("Finished in 0.0"), "{stdout}");
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
