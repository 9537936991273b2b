//! The tutorials' I/O claim: waiting overlaps under every model but `sequential`.
mod common;

use threadplay::event::EventKind;
use threadplay::scenario::{Model, Scenario};

fn io_bound(model: Model) -> Scenario {
    Scenario {
        model,
        ..Scenario::new(3, 2, 100, 3).unwrap()
    }
}

#[test]
fn sleeping_tasks_overlap_under_threads_gil_and_async() {
    for model in [Model::Threads, Model::Gil, Model::Async] {
        let (_, report) = common::run_scenario(&io_bound(model));
        assert!(
            report.wall_ms >= 195.0,
            "{model}: wall {} ms",
            report.wall_ms
        );
        assert!(
            report.wall_ms < 350.0,
            "{model}: wall {} ms",
            report.wall_ms
        );
        assert!(
            report.speedup > 2.0,
            "{model}: speedup {:.2}",
            report.speedup
        );
    }
}

#[test]
fn sleeping_tasks_take_turns_in_order() {
    let (events, report) = common::run_scenario(&io_bound(Model::Sequential));
    assert!(report.wall_ms >= 600.0, "wall {} ms", report.wall_ms);
    let starts = common::tasks_in_order(&events, EventKind::Start);
    let ends = common::tasks_in_order(&events, EventKind::End);
    assert_eq!((starts, ends), (vec![1, 2, 3], vec![1, 2, 3]));
}

#[test]
fn the_event_loop_interleaves_tasks_on_one_thread() {
    let (events, _) = common::run_scenario(&io_bound(Model::Async));
    assert!(events.iter().all(|event| event.worker == events[0].worker));
    let lines: Vec<(u32, Option<u32>)> = events
        .iter()
        .filter(|event| event.kind == EventKind::Line)
        .map(|event| (event.task, event.iteration))
        .collect();
    // Like asyncio.gather: every task's first line, then every task's second.
    let expected: Vec<_> = [0, 1]
        .into_iter()
        .flat_map(|iteration| (1..=3).map(move |task| (task, Some(iteration))))
        .collect();
    assert_eq!(lines, expected);
}
