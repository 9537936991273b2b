//! Runs scenarios natively for the tests and collects what they reported.
// Each test file compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use std::sync::{Mutex, MutexGuard, PoisonError};
use threadplay::engine::{run_on_new_pool, RunReport};
use threadplay::event::{Event, EventBuffer, EventKind};
use threadplay::scenario::{Model, Scenario, SyncMode, Work};
use threadplay::task::StopSignal;

/// The tutorial's scenario (sleeping tasks on threads) with these numbers.
pub fn run(tasks: u32, iterations: u32, sleep_ms: u32, threads: u32) -> (Vec<Event>, RunReport) {
    run_scenario(&Scenario::new(tasks, iterations, sleep_ms, threads).expect("a valid scenario"))
}

/// Any in-process scenario, on a new pool of its size.
///
/// One run at a time per test binary: the tests in a file run in parallel, and runs competing
/// for the machine's cores would blur the timings they check.
pub fn run_scenario(scenario: &Scenario) -> (Vec<Event>, RunReport) {
    let _turn = one_at_a_time();
    let events = EventBuffer::default();
    let report =
        run_on_new_pool(scenario, &events, &StopSignal::default()).expect("the pool starts");
    (events.drain(), report)
}

/// Waits for the machine: one run (scenario or program) at a time per test binary.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A small version of a generated program's settings: 3 tasks × 2 iterations, 10 ms sleeps,
/// 1 ms of CPU work, 200 increments.
pub fn small(model: Model, work: Work, sync: SyncMode, threads: u32) -> Scenario {
    Scenario {
        model,
        work,
        sync,
        cpu_ms: 1,
        increments: 200,
        ..Scenario::new(3, 2, 10, threads).unwrap()
    }
}

/// Every kind of program the code panel generates, small: each model, work and counter
/// protection, on 2 threads (fewer than the tasks: a pool) and on 3 (a thread each).
pub fn small_scenarios() -> Vec<Scenario> {
    let mut scenarios = Vec::new();
    for &model in Model::ALL {
        for &work in Work::ALL {
            let syncs: &[SyncMode] = if work == Work::Count {
                SyncMode::ALL
            } else {
                &[SyncMode::None]
            };
            for &sync in syncs {
                for threads in [2, 3] {
                    scenarios.push(small(model, work, sync, threads));
                }
            }
        }
    }
    scenarios
}

/// Task numbers in the order their `kind` events were emitted.
pub fn tasks_in_order(events: &[Event], kind: EventKind) -> Vec<u32> {
    events
        .iter()
        .filter(|event| event.kind == kind)
        .map(|event| event.task)
        .collect()
}

/// Runs a Python program natively (one at a time, like scenarios) and returns its events, its
/// report and the printed lines.
pub fn run_python(
    source: &str,
    model: threadplay::scenario::Model,
    workers: u32,
) -> (Vec<Event>, threadplay::python::ProgramReport) {
    run_python_with(
        source,
        threadplay::python::ProgramSettings::new(model, workers),
        &StopSignal::default(),
    )
}

pub fn run_python_with(
    source: &str,
    settings: threadplay::python::ProgramSettings,
    stop: &StopSignal,
) -> (Vec<Event>, threadplay::python::ProgramReport) {
    let _turn = one_at_a_time();
    let program = threadplay::python::Program::compile(source).expect("the program compiles");
    let events = EventBuffer::default();
    let report = threadplay::python::run_on_new_pool(&program, settings, &events, stop)
        .expect("the pool starts");
    (events.drain(), report)
}

/// Runs a Python program and stops it `after` its first printed line (however long the
/// machine takes to get there).
pub fn run_python_stopped(
    source: &str,
    settings: threadplay::python::ProgramSettings,
    after: std::time::Duration,
) -> (Vec<Event>, threadplay::python::ProgramReport) {
    struct Watched {
        events: EventBuffer,
        printed: std::sync::atomic::AtomicBool,
    }
    impl threadplay::event::EventSink for Watched {
        fn emit(&self, event: Event) {
            if event.kind == EventKind::Line {
                self.printed
                    .store(true, std::sync::atomic::Ordering::Release);
            }
            self.events.emit(event);
        }
    }
    let _turn = one_at_a_time();
    let program = threadplay::python::Program::compile(source).expect("the program compiles");
    let sink = Watched {
        events: EventBuffer::default(),
        printed: Default::default(),
    };
    let stop = StopSignal::default();
    let report = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !sink.printed.load(std::sync::atomic::Ordering::Acquire) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            std::thread::sleep(after);
            stop.stop();
        });
        threadplay::python::run_on_new_pool(&program, settings, &sink, &stop)
            .expect("the pool starts")
    });
    (sink.events.drain(), report)
}

/// The text of every printed line, in order.
pub fn printed(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter(|event| event.kind == EventKind::Line)
        .filter_map(Event::text)
        .collect()
}

/// Runs `check` of a speedup on two cores when the machine has two free: another process
/// holding a core (a build, another test binary) would make any parallel speedup fail.
/// Each attempt first times the same work on one OS thread and on two at once; a check that
/// fails with both cores free is tried again, up to three times, then fails the test. If the
/// cores are never free, the check is skipped and says so.
pub fn on_two_free_cores(check: impl Fn() -> Result<(), String>) {
    let mut failures = Vec::new();
    for _ in 0..3 {
        let ratio = two_thread_ratio();
        if ratio > 1.3 {
            failures.push(format!(
                "cores busy: two threads took {ratio:.2}x one's time"
            ));
            std::thread::sleep(std::time::Duration::from_millis(300));
            continue;
        }
        match check() {
            Ok(()) => return,
            // Cores taken while the check ran leave it undecided, not failed.
            Err(failure) if two_thread_ratio() > 1.3 => {
                failures.push(format!("cores busy: {failure} while another process ran"));
            }
            Err(failure) => failures.push(failure),
        }
    }
    if failures
        .iter()
        .all(|failure| failure.starts_with("cores busy"))
    {
        eprintln!("skipped: no two free cores ({})", failures.join("; "));
        return;
    }
    panic!("{}", failures.join("; "));
}

/// How much longer two OS threads take to spin than one (1.0 on two free cores).
fn two_thread_ratio() -> f64 {
    fn spin() {
        let mut x = 1u64;
        for i in 0..20_000_000u64 {
            x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005) ^ i);
        }
        std::hint::black_box(x);
    }
    let started = std::time::Instant::now();
    spin();
    let one = started.elapsed();
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(spin);
        scope.spawn(spin);
    });
    started.elapsed().as_secs_f64() / one.as_secs_f64()
}
