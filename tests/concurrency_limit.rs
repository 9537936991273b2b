//! Never more than `threads` tasks at once, and the pool is used up to that limit.
mod common;

use threadplay::event::{Event, EventKind};

fn most_at_once(events: &[Event]) -> i32 {
    let mut running = 0;
    let mut most = 0;
    for event in events {
        match event.kind {
            EventKind::Start => running += 1,
            EventKind::End => running -= 1,
            _ => {}
        }
        most = most.max(running);
    }
    most
}

#[test]
fn at_most_threads_tasks_run_at_once() {
    for threads in [1, 2, 3] {
        let (events, _) = common::run(8, 2, 15, threads);
        assert_eq!(most_at_once(&events), threads as i32, "threads = {threads}");
    }
}

#[test]
fn tasks_run_on_distinct_workers_within_the_pool() {
    let (events, _) = common::run(6, 2, 20, 3);
    let mut workers: Vec<u32> = events.iter().map(|event| event.worker).collect();
    workers.sort_unstable();
    workers.dedup();
    assert_eq!(workers, [0, 1, 2]);
}
