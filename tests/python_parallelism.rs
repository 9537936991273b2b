//! The GIL's lesson, natively: two threads computing take twice one thread's time under the
//! GIL and about the same without it. A binary of its own: cargo runs a binary's tests side by
//! side but one binary at a time, so no other test computes beside these. Among
//! `python_programs`' twenty others, the free threads' check failed in one of four runs.

mod common;

use common::{printed, run_python};
use std::sync::Mutex;
use threadplay::scenario::Model;

/// Taken by each test here, so the two never compute at once either.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const CPU_BOUND: &str = r#"
import threading
import time

def work():
    x = 0
    for _ in range(STEPS):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF

start = time.perf_counter()
work()
one = time.perf_counter() - start

start = time.perf_counter()
threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
two = time.perf_counter() - start
print(two / one)
"#;

/// How much longer two threads took than one did alone, for the same work each: the median of
/// three runs (a busy moment of another process skews a run either way). Each phase computes for a while (2,000,000 turns, a
/// quarter of a second or more in a debug build): with 400,000, once the interpreter got
/// faster, a moment of another test's work weighed enough to take the GIL's ratio to 1.54.
fn two_thread_ratio(model: Model) -> f64 {
    let mut ratios: Vec<f64> = (0..3)
        .map(|_| {
            let (events, report) = run_python(&CPU_BOUND.replace("STEPS", "2000000"), model, 2);
            assert!(report.error.is_none(), "{:?}", report.error);
            printed(&events)[0].parse::<f64>().expect("a ratio")
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[1]
}

#[test]
fn the_gil_keeps_two_computing_threads_from_speeding_up() {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let with_gil = two_thread_ratio(Model::Gil);
    assert!(
        with_gil > 1.6,
        "two threads under the GIL took {with_gil:.2}x one thread's time"
    );
}

#[test]
fn without_the_gil_two_computing_threads_run_in_parallel() {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    common::on_two_free_cores(|| {
        let free = two_thread_ratio(Model::Threads);
        if free < 1.5 {
            Ok(())
        } else {
            Err(format!(
                "two free threads took {free:.2}x one thread's time"
            ))
        }
    });
}
