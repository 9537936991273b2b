//! The tutorials' CPU claim on real OS threads: computation speeds up on threads (and in
//! processes, see cli.rs), but not under a GIL, on an event loop, or one task after another.
mod common;

use threadplay::event::EventKind;
use threadplay::scenario::{Model, Scenario, Work};

fn cpu_bound(model: Model) -> Scenario {
    Scenario {
        model,
        work: Work::Cpu,
        cpu_ms: 120,
        ..Scenario::new(2, 2, 0, 2).unwrap()
    }
}

/// Four 120 ms computations one after another take 480 ms, but how many steps make a
/// millisecond is measured once per process: measured while another process held the cores,
/// the work is shorter (a third of it was seen). The bound only proves the work was done.
const MIN_WALL_MS: f64 = 120.0;

#[test]
fn cpu_work_speeds_up_on_two_threads() {
    common::on_two_free_cores(|| {
        let (_, report) = common::run_scenario(&cpu_bound(Model::Threads));
        assert!(
            report.wall_ms > MIN_WALL_MS / 2.0,
            "wall {} ms: the work was not done",
            report.wall_ms
        );
        if report.speedup > 1.5 {
            Ok(())
        } else {
            Err(format!("speedup {:.2}", report.speedup))
        }
    });
}

#[test]
fn cpu_work_does_not_speed_up_under_the_gil_the_event_loop_or_in_order() {
    for model in [Model::Gil, Model::Async, Model::Sequential] {
        let (_, report) = common::run_scenario(&cpu_bound(model));
        assert!(
            report.speedup < 1.25,
            "{model}: speedup {:.2}",
            report.speedup
        );
        assert!(
            report.wall_ms > MIN_WALL_MS,
            "{model}: wall {} ms",
            report.wall_ms
        );
    }
}

#[test]
fn gil_threads_take_turns_and_wait_for_each_other() {
    let (events, _) = common::run_scenario(&cpu_bound(Model::Gil));
    let waits = events
        .iter()
        .filter(|event| event.kind == EventKind::Wait)
        .count();
    // 480 ms of work handed over about every 5 ms: dozens of waits, each task on its own worker.
    assert!(waits > 20, "{waits} waits");
    let (events, _) = common::run_scenario(&cpu_bound(Model::Threads));
    assert!(events.iter().all(|event| event.kind != EventKind::Wait));
}
