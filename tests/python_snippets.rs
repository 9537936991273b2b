//! The Python shown beside each run is real: every generated program runs with `python3` at
//! small sizes and prints the lines the playground prints.
mod common;

use common::{small, small_scenarios};
use std::process::Command;
use threadplay::codegen::code_for;
use threadplay::scenario::{Model, SyncMode, Work};

fn run_python(program: &str) -> String {
    let output = Command::new("python3")
        .args(["-c", program])
        .output()
        .expect("python3 is installed (./build.sh test needs it)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{stderr}\n--- program ---\n{program}"
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn every_generated_python_program_runs_and_prints_the_playgrounds_lines() {
    let mut programs = 0;
    // 2 threads for 3 tasks needs a pool (ThreadPoolExecutor); 3 starts threads.
    for scenario in small_scenarios() {
        let program = code_for(&scenario).python;
        let stdout = run_python(&program);
        for task in 1..=3 {
            for iteration in 0..2 {
                let line = format!("Task {task} - Iteration {iteration}");
                assert!(
                    stdout.contains(&line),
                    "{line:?} missing\n{stdout}\n{program}"
                );
            }
        }
        assert!(stdout.contains("Finished in "), "{stdout}");
        if scenario.work == Work::Count {
            assert!(stdout.contains("(expected 1200)"), "{stdout}");
        }
        programs += 1;
    }
    assert_eq!(programs, 5 * 6 * 2);
}

#[test]
fn locked_python_counters_are_exact() {
    let program = code_for(&small(Model::Threads, Work::Count, SyncMode::Mutex, 3)).python;
    assert!(program.contains("with lock:"), "{program}");
    assert!(run_python(&program).contains("Counter: 1200 (expected 1200)"));
}

#[test]
fn python_processes_keep_their_own_counter() {
    let program = code_for(&small(Model::Processes, Work::Count, SyncMode::None, 3)).python;
    assert!(run_python(&program).contains("Counter: 0 (expected 1200)"));
}

#[test]
fn the_rust_listing_names_what_each_model_runs() {
    let expect = [
        (Model::Threads, "scope_fifo"),
        (Model::Gil, "GIL.acquire()"),
        (Model::Sequential, "for n in 1..=3"),
        (Model::Processes, "Worker::spawn()"),
        (Model::Async, "sleepers.pop()"),
    ];
    for (model, construct) in expect {
        let rust = code_for(&small(model, Work::Io, SyncMode::None, 2)).rust;
        assert!(
            rust.contains(construct),
            "{model}: no {construct:?} in\n{rust}"
        );
    }
}
