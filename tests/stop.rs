//! Stopping a run: it ends within one iteration, even mid-sleep or mid-computation, under
//! every in-process model, keeps the events so far, and says it was stopped.
use std::time::{Duration, Instant};
use threadplay::clock::InstantClock;
use threadplay::cpu::CpuWork;
use threadplay::engine::run_on_new_pool;
use threadplay::event::{EventBuffer, EventKind};
use threadplay::scenario::{Model, Scenario, Work};
use threadplay::task::StopSignal;

/// Runs `scenario`, stops it after `after`, and returns how long the stop took to end it.
fn stop_after(scenario: &Scenario, after: Duration) -> (Duration, EventBuffer, bool) {
    let stop = StopSignal::default();
    let events = EventBuffer::default();
    let (report, stopped_at) = std::thread::scope(|scope| {
        let run =
            scope.spawn(|| run_on_new_pool(scenario, &events, &stop).expect("the pool starts"));
        std::thread::sleep(after);
        stop.stop();
        let stopped_at = Instant::now();
        (run.join().expect("the run ends"), stopped_at)
    });
    (stopped_at.elapsed(), events, report.stopped)
}

#[test]
fn a_long_sleep_is_cut_short_under_every_in_process_model() {
    for model in [Model::Threads, Model::Gil, Model::Sequential, Model::Async] {
        let scenario = Scenario {
            model,
            ..Scenario::new(4, 100, 10_000, 2).unwrap()
        };
        let (took, events, stopped) = stop_after(&scenario, Duration::from_millis(100));
        assert!(stopped, "{model}");
        assert!(
            took < Duration::from_millis(200),
            "{model}: stopping took {took:?}"
        );
        let events = events.drain();
        let started = events
            .iter()
            .filter(|event| event.kind == EventKind::Start)
            .count();
        let ended = events
            .iter()
            .filter(|event| event.kind == EventKind::End)
            .count();
        assert!(started >= 1, "{model}: events so far are kept");
        assert_eq!(started, ended, "{model}: every started task ended");
    }
}

#[test]
fn long_computation_is_cut_short() {
    let scenario = Scenario {
        work: Work::Cpu,
        cpu_ms: 10_000,
        ..Scenario::new(2, 10, 0, 2).unwrap()
    };
    // The first computing run measures the CPU before it starts (a few hundred ms on a busy
    // machine), which a stop does not cut short: measure it first, so the stop lands mid-run.
    CpuWork::calibrated(&InstantClock::default());
    let (took, _, stopped) = stop_after(&scenario, Duration::from_millis(150));
    assert!(stopped);
    assert!(took < Duration::from_millis(200), "stopping took {took:?}");
}

#[test]
fn queued_tasks_never_start_once_stopped() {
    let scenario = Scenario::new(50, 2, 1000, 2).unwrap();
    let (_, events, _) = stop_after(&scenario, Duration::from_millis(50));
    let started = events
        .drain()
        .iter()
        .filter(|event| event.kind == EventKind::Start)
        .count();
    assert_eq!(started, 2, "only the first round started");
}
