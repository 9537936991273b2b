//! How processes start: `Process.start()` forks, so it returns before the child runs and the
//! child begins a little later, as in CPython; a `Pool`'s workers each run its initializer
//! once, as the pool is made.
mod common;

use common::{printed, run_python};
use threadplay::event::{Event, EventKind};
use threadplay::scenario::Model;

/// When each printed line came, by its text.
fn printed_at(events: &[Event], text: &str) -> f64 {
    events
        .iter()
        .find(|event| event.kind == EventKind::Line && event.text() == Some(text.to_string()))
        .map(|event| event.t_ms)
        .unwrap_or_else(|| panic!("{text:?} was printed"))
}

#[test]
fn a_process_starts_after_start_returns_as_a_fork_does() {
    let program = "\
import multiprocessing

def child(n):
    print('child', n, 'runs')

if __name__ == '__main__':
    print('starting')
    for n in range(2):
        p = multiprocessing.Process(target=child, args=(n,))
        p.start()
        print('started', n)
";
    for model in [Model::Gil, Model::Threads] {
        for workers in [1, 2] {
            let (events, report) = run_python(program, model, workers);
            assert_eq!(report.error, None);
            let lines = printed(&events);
            assert_eq!(lines[0], "starting");
            // On one worker the parent, whose fork ended first, runs first even when the
            // worker wakes after both timers are due. On two, the parent and the child run at
            // once, and a busy host may delay the parent past the child's start, as it may
            // delay CPython's parent past its child's.
            if workers == 1 {
                assert_eq!(lines[1], "started 0", "{model} {workers}: {lines:?}");
            }
            let mut rest = lines[1..].to_vec();
            rest.sort();
            assert_eq!(
                rest,
                ["child 0 runs", "child 1 runs", "started 0", "started 1"]
            );
            // The fork takes the parent 0.8 ms; the child's target begins 2 ms after `start()`.
            let forked = printed_at(&events, "started 0") - printed_at(&events, "starting");
            assert!(forked >= 0.7, "{model} {workers}: start() took {forked} ms");
            let booted = printed_at(&events, "child 0 runs") - printed_at(&events, "starting");
            assert!(
                booted >= 1.9,
                "{model} {workers}: the child ran after {booted} ms"
            );
        }
    }
}

#[test]
fn a_pools_initializer_runs_once_in_each_worker_as_the_pool_is_made() {
    let program = "\
import multiprocessing
import time

def init():
    print('init', multiprocessing.current_process().name)

if __name__ == '__main__':
    with multiprocessing.Pool(2, initializer=init) as pool:
        print('pool made')
        print(pool.map(abs, [-1, -2, -3]))
        time.sleep(0.05)  # the workers' queue runs dry; later work starts them again
        print(pool.map(abs, [-4, -5, -6]))
";
    for workers in [1, 2] {
        let (events, report) = run_python(program, Model::Gil, workers);
        assert_eq!(report.error, None);
        assert_eq!(
            printed(&events),
            [
                "init ForkPoolWorker-1",
                "init ForkPoolWorker-2",
                "pool made",
                "[1, 2, 3]",
                "[4, 5, 6]"
            ],
            "{workers} workers"
        );
    }
}
