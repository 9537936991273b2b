//! Runs a [`Scenario`] on the current rayon pool, reporting each step as an [`Event`].
//!
//! The pool plays Python's `ThreadPoolExecutor`: tasks are submitted in order with
//! `spawn_fifo`, each pool thread takes the oldest waiting task, so at most `threads` tasks run
//! at once and they start in submission order. Each task prints `iterations` lines, sleeping
//! after each one, like the tutorial's `task1`.
//!
//! ```text
//! threads = 2, tasks = 3          time ─────────────────────▶
//! worker 0   [ task 1: line · sleep · line · sleep ][ task 3 … ]
//! worker 1   [ task 2: line · sleep · line · sleep ]
//! ```

use crate::clock::Clock;
use crate::event::{lock, Event, EventKind, EventSink};
use crate::scenario::Scenario;
use serde::Serialize;
use std::sync::Mutex;
use std::time::Duration;

/// How long a run took, in the two numbers the tutorials compare.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    /// From the run's start until its last task ended.
    pub wall_ms: f64,
    /// The sum of the tasks' own durations: the time one thread would have needed.
    pub sequential_ms: f64,
}

impl RunReport {
    /// How many times faster than running the tasks one after another.
    pub fn speedup(&self) -> f64 {
        if self.wall_ms > 0.0 {
            self.sequential_ms / self.wall_ms
        } else {
            1.0
        }
    }

    /// The tutorial's closing line: `Finished in 1.00 second(s)`.
    pub fn finished_line(&self) -> String {
        format!("Finished in {:.2} second(s)", self.wall_ms / 1000.0)
    }
}

/// Runs `scenario` on the rayon pool this is called in (the global pool unless inside
/// `ThreadPool::install`) and returns once every task has ended.
///
/// Every event goes to `sink` from the thread it happened on, in the order it happened.
pub fn run(scenario: &Scenario, clock: &dyn Clock, sink: &dyn EventSink) -> RunReport {
    let recorder = Recorder::new(clock, sink);
    let sequential_ms = Mutex::new(0.0);
    rayon::scope_fifo(|scope| {
        for _ in 0..scenario.tasks {
            scope.spawn_fifo(|_| {
                let task_ms = run_next_task(scenario, &recorder);
                *lock(&sequential_ms) += task_ms;
            });
        }
    });
    let wall_ms = recorder.elapsed_ms();
    let sequential_ms = *lock(&sequential_ms);
    RunReport {
        wall_ms,
        sequential_ms,
    }
}

/// Runs `scenario` natively on a new pool of exactly `scenario.threads` OS threads.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_on_new_pool(
    scenario: &Scenario,
    sink: &dyn EventSink,
) -> Result<RunReport, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(scenario.threads as usize)
        .thread_name(|index| format!("threadplay-worker-{index}"))
        .build()?;
    let clock = crate::clock::InstantClock::default();
    Ok(pool.install(|| run(scenario, &clock, sink)))
}

/// One task: a start, `iterations` lines each followed by a sleep, an end. Returns its duration.
fn run_next_task(scenario: &Scenario, recorder: &Recorder) -> f64 {
    let (task, started_ms) = recorder.start_next_task();
    for iteration in 0..scenario.iterations {
        recorder.emit(EventKind::Line, task, Some(iteration));
        if scenario.sleep_ms > 0 {
            std::thread::sleep(Duration::from_millis(scenario.sleep_ms.into()));
        }
    }
    recorder.emit(EventKind::End, task, None) - started_ms
}

/// Stamps events and hands them to the sink under one lock, so their order in the sink is the
/// order of their timestamps even when several threads emit at the same instant.
struct Recorder<'a> {
    clock: &'a dyn Clock,
    sink: &'a dyn EventSink,
    origin_ms: f64,
    /// The next task number to start. Tasks are numbered when they start, not when they are
    /// submitted, so two threads picking up jobs at once still start tasks in order.
    next_task: Mutex<u32>,
}

impl<'a> Recorder<'a> {
    fn new(clock: &'a dyn Clock, sink: &'a dyn EventSink) -> Self {
        Self {
            clock,
            sink,
            origin_ms: clock.now_ms(),
            next_task: Mutex::new(1),
        }
    }

    fn elapsed_ms(&self) -> f64 {
        self.clock.now_ms() - self.origin_ms
    }

    /// Numbers the next task and records its start; returns the task and its start time.
    fn start_next_task(&self) -> (u32, f64) {
        let mut next_task = lock(&self.next_task);
        let task = *next_task;
        *next_task += 1;
        (task, self.emit_locked(EventKind::Start, task, None))
    }

    /// Records an event; returns its time.
    fn emit(&self, kind: EventKind, task: u32, iteration: Option<u32>) -> f64 {
        let _in_order = lock(&self.next_task);
        self.emit_locked(kind, task, iteration)
    }

    /// Must be called with `next_task` locked.
    fn emit_locked(&self, kind: EventKind, task: u32, iteration: Option<u32>) -> f64 {
        let t_ms = self.elapsed_ms();
        self.sink.emit(Event {
            kind,
            task,
            iteration,
            worker: rayon::current_thread_index().map_or(0, |index| index as u32),
            t_ms,
        });
        t_ms
    }
}
