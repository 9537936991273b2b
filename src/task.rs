//! One task as a resumable machine: it runs until its next sleep and says how long to sleep, so
//! the same task runs on a blocking thread, an event loop, or a worker driven by timers.

use crate::counter::SharedCounter;
use crate::cpu::CpuWork;
use crate::event::EventKind;
use crate::gil::{Gil, SWITCH_INTERVAL_MS};
use crate::recorder::Recorder;
use crate::scenario::{Fault, Scenario, Work};
use std::sync::atomic::{AtomicBool, Ordering};

/// What every task of a run shares.
pub struct RunContext<'a> {
    pub scenario: &'a Scenario,
    pub recorder: Recorder<'a>,
    pub counter: &'a SharedCounter,
    /// Present under the `gil` model.
    pub gil: Option<&'a Gil>,
    /// Present when the scenario computes.
    pub cpu: Option<CpuWork>,
    pub stop: &'a StopSignal,
}

/// Asks a run to stop: tasks end at their next iteration, and sleeps and computation are cut
/// short, so a run ends within one iteration.
#[derive(Debug, Default)]
pub struct StopSignal(AtomicBool);

impl StopSignal {
    /// Not stopped; `const`, so a wasm instance can keep one in a `static`.
    pub const fn new() -> Self {
        Self(AtomicBool::new(false))
    }

    /// Not stopped any more, for the next run.
    pub fn reset(&self) {
        self.0.store(false, Ordering::Relaxed);
    }

    pub fn stop(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_stopped(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// How soon a sleeping task notices a stop.
const STOP_CHECK_MS: f64 = 20.0;

/// Sleeps `ms` on `recorder`'s clock, returning early (within [`STOP_CHECK_MS`]) on a stop.
///
/// Slices of `thread::sleep`, not a timed condvar wait: timed waits need `Instant`, which
/// wasm32-unknown-unknown lacks. Each slice is measured against the run's clock, so the
/// slices' small overshoots do not add up.
pub fn sleep_until_stopped(recorder: &Recorder, stop: &StopSignal, ms: f64) {
    let until_ms = recorder.elapsed_ms() + ms;
    loop {
        let left_ms = until_ms - recorder.elapsed_ms();
        if left_ms <= 0.0 || stop.is_stopped() {
            return;
        }
        let slice_ms = left_ms.min(STOP_CHECK_MS);
        std::thread::sleep(std::time::Duration::from_secs_f64(slice_ms / 1000.0));
    }
}

impl<'a> RunContext<'a> {
    /// Sleeps `ms` on the run's clock, noticing a stop within [`STOP_CHECK_MS`].
    pub fn sleep(&self, ms: f64) {
        sleep_until_stopped(&self.recorder, self.stop, ms);
    }

    /// Takes the GIL, if this model has one, recording a wait if it is held; returns how long
    /// the task waited.
    pub fn acquire_gil(&self, task: u32) -> f64 {
        let Some(gil) = self.gil else {
            return 0.0;
        };
        let mut waited_since = None;
        gil.acquire(|| {
            waited_since = Some(self.recorder.emit(EventKind::Wait, task, None));
        });
        waited_since.map_or(0.0, |since| self.recorder.elapsed_ms() - since)
    }

    pub fn release_gil(&self) {
        if let Some(gil) = self.gil {
            gil.release();
        }
    }

    /// About `cpu_ms` of real computation, in switch-interval slices: between them a stop
    /// ends it, and under the GIL waiting threads take their turn. Returns how long the task
    /// waited for the GIL.
    fn compute(&self, task: u32, cpu: CpuWork) -> f64 {
        self.recorder.emit(EventKind::Cpu, task, None);
        let total_ms = f64::from(self.scenario.cpu_ms);
        let mut done_ms = 0.0;
        let mut waited_ms = 0.0;
        // The stretch computed since the last pause: when it began, and its steps.
        let mut stretch = (self.recorder.elapsed_ms(), 0);
        while done_ms < total_ms && !self.stop.is_stopped() {
            let slice_ms = SWITCH_INTERVAL_MS.min(total_ms - done_ms);
            let steps = cpu.steps_for(slice_ms);
            crate::cpu::burn(steps);
            stretch.1 += steps;
            done_ms += slice_ms;
            if let Some(gil) = self.gil.filter(|gil| done_ms < total_ms && gil.is_wanted()) {
                // Without the GIL from the release on: on a busy machine the OS may run the
                // thread handed the GIL and leave this one unscheduled before it even starts
                // to wait, and that time is not this task's own (counted as its own, two tasks
                // under one GIL measured a 1.3-1.6x "speedup").
                let released_ms = self.recorder.elapsed_ms();
                CpuWork::observe(stretch.1, released_ms - stretch.0);
                gil.release();
                self.acquire_gil(task);
                waited_ms += self.recorder.elapsed_ms() - released_ms;
                self.recorder.emit(EventKind::Cpu, task, None);
                stretch = (self.recorder.elapsed_ms(), 0);
            }
        }
        CpuWork::observe(stretch.1, self.recorder.elapsed_ms() - stretch.0);
        waited_ms
    }
}

/// What a task needs next from whoever drives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Sleep this many milliseconds, then call [`TaskMachine::step`] again.
    Sleep(u32),
    /// The task has run for a while without sleeping: let a single-threaded driver answer
    /// messages (a stop, a watchdog), then call `step` again at once. Not a switch point: the
    /// same task goes on.
    Yield,
    /// The task has ended.
    Done,
}

/// How long one `step` may run before it yields (at the end of an iteration).
const STEP_BUDGET_MS: f64 = 50.0;

/// One task's progress through its iterations.
#[derive(Debug)]
pub struct TaskMachine {
    task: u32,
    next_iteration: u32,
    started_ms: f64,
    /// Time spent waiting for a turn (the GIL, the event loop), which is not the task's own.
    waited_ms: f64,
    /// Once the task has ended: its duration without the waiting.
    own_ms: Option<f64>,
}

impl TaskMachine {
    /// Records the task's start.
    pub fn start(task: u32, context: &RunContext) -> Self {
        let started_ms = context.recorder.emit(EventKind::Start, task, None);
        Self::started(task, started_ms)
    }

    /// A task whose start was already recorded at `started_ms`.
    pub fn started(task: u32, started_ms: f64) -> Self {
        Self {
            task,
            next_iteration: 0,
            started_ms,
            waited_ms: 0.0,
            own_ms: None,
        }
    }

    /// The task's duration without its waiting for a turn; 0 until it has ended.
    pub fn own_ms(&self) -> f64 {
        self.own_ms.unwrap_or(0.0)
    }

    /// Counts time the task spent waiting for its turn.
    pub fn add_wait(&mut self, ms: f64) {
        self.waited_ms += ms.max(0.0);
    }

    pub fn task(&self) -> u32 {
        self.task
    }

    /// Runs iterations until one sleeps or the task ends. Each iteration prints its line, then
    /// does the scenario's work. A stopped run's tasks end at their next iteration.
    pub fn step(&mut self, context: &RunContext) -> Step {
        let scenario = context.scenario;
        let started_ms = context.recorder.elapsed_ms();
        while self.next_iteration < scenario.iterations && !context.stop.is_stopped() {
            let iteration = self.next_iteration;
            self.next_iteration += 1;
            if scenario.fault == Fault::Panic && (self.task, iteration) == (1, 1) {
                panic!("task 1 panicked at iteration 1 (fault=panic)");
            }
            let recorder = &context.recorder;
            recorder.emit(EventKind::Line, self.task, Some(iteration));
            if let (true, Some(cpu)) = (scenario.computes(), context.cpu) {
                self.waited_ms += context.compute(self.task, cpu);
            }
            if scenario.work == Work::Count {
                recorder.emit(EventKind::Cpu, self.task, None);
                context.counter.increment(scenario.increments);
            }
            let sleep_ms = scenario.sleep_per_iteration_ms();
            if sleep_ms > 0 {
                recorder.emit(EventKind::Sleep, self.task, None);
                return Step::Sleep(sleep_ms);
            }
            let more = self.next_iteration < scenario.iterations;
            if more && recorder.elapsed_ms() - started_ms > STEP_BUDGET_MS {
                return Step::Yield;
            }
        }
        let ended_ms = context.recorder.emit(EventKind::End, self.task, None);
        self.own_ms = Some(ended_ms - self.started_ms - self.waited_ms);
        Step::Done
    }
}
