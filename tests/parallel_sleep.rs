//! The tutorial's claim: two tasks that sleep overlap on two threads, and do not on one.
mod common;

#[test]
fn two_sleeping_tasks_overlap_on_two_threads() {
    let (_, report) = common::run(2, 1, 200, 2);
    assert!(report.wall_ms >= 195.0, "wall {} ms", report.wall_ms);
    assert!(
        report.wall_ms < 340.0,
        "wall {} ms: not overlapped",
        report.wall_ms
    );
    assert!(
        report.sequential_ms >= 395.0,
        "sequential {} ms",
        report.sequential_ms
    );
    assert!(report.speedup > 1.4, "speedup {}", report.speedup);
}

#[test]
fn two_sleeping_tasks_take_turns_on_one_thread() {
    let (_, report) = common::run(2, 1, 200, 1);
    assert!(report.wall_ms >= 400.0, "wall {} ms", report.wall_ms);
    assert!(report.speedup < 1.1, "speedup {}", report.speedup);
}
