//! A task that panics (fault=panic: task 1 at iteration 1) ends the run with an error that
//! carries the panic's message, natively too; the next run on a new pool is unaffected.
mod common;

use threadplay::engine::run_on_new_pool;
use threadplay::event::{EventBuffer, EventKind};
use threadplay::scenario::{Fault, Model, Scenario};
use threadplay::task::StopSignal;

#[test]
fn a_panicking_task_fails_the_run_with_its_message_under_every_in_process_model() {
    for model in [Model::Threads, Model::Gil, Model::Sequential, Model::Async] {
        let scenario = Scenario {
            model,
            fault: Fault::Panic,
            ..Scenario::new(2, 3, 10, 2).unwrap()
        };
        let error = run_on_new_pool(&scenario, &EventBuffer::default(), &StopSignal::default())
            .expect_err("the run fails");
        assert_eq!(
            error.to_string(),
            "a task panicked: task 1 panicked at iteration 1 (fault=panic)",
            "{model}"
        );
        let (events, _) = common::run_scenario(&Scenario {
            fault: Fault::None,
            ..scenario
        });
        let ends = events
            .iter()
            .filter(|event| event.kind == EventKind::End)
            .count();
        let lines = events
            .iter()
            .filter(|event| event.kind == EventKind::Line)
            .count();
        assert_eq!((ends, lines), (2, 6), "{model}: the next run completes");
    }
}
