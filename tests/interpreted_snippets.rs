//! The Python beside each run also runs in threadplay's own interpreter, printing the lines the
//! settings that generated it print.

mod common;

use common::{printed, run_python, small_scenarios};
use std::collections::BTreeSet;
use threadplay::clock::InstantClock;
use threadplay::codegen::code_for;
use threadplay::engine;
use threadplay::event::EventBuffer;
use threadplay::scenario::{Model, Scenario, SyncMode, Work};

/// The lines the scenario itself prints, run by the engine.
fn scenario_lines(scenario: &Scenario) -> BTreeSet<String> {
    let events = EventBuffer::default();
    if scenario.model == Model::Processes {
        let clock = InstantClock::default();
        for task in 1..=scenario.tasks {
            engine::run_task_alone(scenario, task, task - 1, &clock, 0.0, &events);
        }
    } else {
        engine::run_on_new_pool(scenario, &events, &Default::default()).expect("the scenario runs");
    }
    printed(&events.drain()).into_iter().collect()
}

#[test]
fn every_generated_program_prints_its_settings_lines_in_the_interpreter() {
    let mut programs = 0;
    for scenario in small_scenarios() {
        let (model, sync) = (scenario.model, scenario.sync);
        let program = code_for(&scenario).python;
        let (events, report) = run_python(&program, model, scenario.threads);
        assert!(report.error.is_none(), "{:?}\n{program}", report.error);
        let lines = printed(&events);
        let task_lines: BTreeSet<String> = lines
            .iter()
            .filter(|line| line.starts_with("Task "))
            .cloned()
            .collect();
        assert_eq!(task_lines, scenario_lines(&scenario), "{program}");
        assert!(
            lines.iter().any(|line| line.starts_with("Finished in ")),
            "{lines:?}"
        );
        if scenario.work == Work::Count {
            let counter = lines
                .iter()
                .find(|line| line.starts_with("Counter: "))
                .expect("a counter line");
            let exact = sync != SyncMode::None && model != Model::Processes;
            if exact || model == Model::Sequential || model == Model::Async {
                assert_eq!(counter, "Counter: 1200 (expected 1200)", "{program}");
            }
            if model == Model::Processes {
                assert_eq!(counter, "Counter: 0 (expected 1200)", "{program}");
            }
        }
        programs += 1;
    }
    assert_eq!(programs, 5 * 6 * 2);
}
