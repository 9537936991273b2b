//! Natives that call back into Python (`key=` functions, a future's done callbacks): the
//! callback runs as frames like any call, so it may block, and the thread is parked meanwhile.

mod common;

use common::{printed, run_python};
use threadplay::scenario::Model;

#[test]
fn sort_min_and_max_call_a_python_key_even_one_that_sleeps() {
    let (events, report) = run_python(include_str!("programs/sort_keys.py"), Model::Gil, 1);
    assert!(report.error.is_none(), "{:?}", report.error);
    let mut lines = printed(&events);
    // The two sorting threads finish together, in either order.
    lines[4..6].sort();
    // Two threads each sleeping six times 50 ms in their key, on one worker: together, 0.3 s
    // (taking turns would take 0.6); a busy machine may round it up.
    let seconds: f64 = lines
        .pop()
        .and_then(|line| line.parse().ok())
        .unwrap_or(-1.0);
    assert!(
        (0.3..0.5).contains(&seconds),
        "slept together in {seconds} s"
    );
    let sorted_by_length = "['fig', 'pear', 'kiwi', 'plum', 'apple', 'banana']";
    assert_eq!(
        lines,
        [
            sorted_by_length.to_string(),
            "['pear', 'plum', 'kiwi', 'fig', 'apple', 'banana']".into(),
            "fig apple".into(),
            "[9, 5, 3, 1] 9 1".into(),
            format!("t0 {sorted_by_length}"),
            format!("t1 {sorted_by_length}"),
        ]
    );
}

#[test]
fn done_callbacks_run_in_the_worker_that_finished_the_future_before_shutdown_returns() {
    let (events, report) = run_python(include_str!("programs/done_callbacks.py"), Model::Gil, 2);
    assert!(report.error.is_none(), "{:?}", report.error);
    // As CPython 3.11 prints it.
    assert_eq!(
        printed(&events),
        [
            "done: 1 in ThreadPoolExecutor-0_1",
            "done: 9 in ThreadPoolExecutor-0_0",
            "done: 4 in ThreadPoolExecutor-0_1",
            "all done",
            "done: 9 in MainThread",
            "[1, 4, 9]",
        ]
    );
}
