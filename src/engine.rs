//! Runs a [`Scenario`] under its execution model, reporting each step as an event.
//!
//! `threads` and `gil` use the current rayon pool as Python's `ThreadPoolExecutor` uses its
//! threads: tasks are submitted in order with `spawn_fifo`, each pool thread takes the oldest
//! waiting task, so at most `threads` tasks run at once and they start in submission order.
//! `sequential` and `async` run on one thread. `processes` needs isolated memory, which only
//! the platform can give, so the platform schedules it and runs each task with
//! [`run_task_alone`].
//!
//! ```text
//! threads = 2, tasks = 3          time ─────────────────────▶
//! worker 0   [ task 1: line · sleep · line · sleep ][ task 3 … ]
//! worker 1   [ task 2: line · sleep · line · sleep ]
//! ```

use crate::clock::Clock;
use crate::counter::{CounterReport, SharedCounter};
use crate::cpu::CpuWork;
use crate::event::{EventKind, EventSink};
use crate::gil::Gil;
use crate::recorder::Recorder;
use crate::scenario::{Model, Scenario, Work};
use crate::task::{RunContext, Step, TaskMachine};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt;
use std::time::Duration;

/// How long a run took, in the numbers the tutorials compare.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    /// From the run's start until its last task ended.
    pub wall_ms: f64,
    /// The sum of the tasks' own durations: the time one thread would have needed.
    pub sequential_ms: f64,
    /// The wall time the model allows with no overhead (see [`Scenario::ideal_ms`]); for work
    /// whose length is not set in advance, the sequential time shared among the tasks in flight.
    pub ideal_ms: f64,
    /// How many tasks the model lets be in progress at once.
    pub parallelism: u32,
    /// The race lab's counter, for `count` work.
    pub counter: Option<CounterReport>,
}

impl RunReport {
    pub fn new(
        scenario: &Scenario,
        wall_ms: f64,
        sequential_ms: f64,
        counted: Option<u64>,
    ) -> Self {
        let parallelism = scenario.parallelism();
        Self {
            wall_ms,
            sequential_ms,
            ideal_ms: scenario
                .ideal_ms()
                .unwrap_or(sequential_ms / f64::from(parallelism)),
            parallelism,
            counter: counted.map(|actual| CounterReport {
                expected: scenario.expected_count(),
                actual,
            }),
        }
    }

    /// How many times faster than running the tasks one after another.
    pub fn speedup(&self) -> f64 {
        if self.wall_ms > 0.0 {
            self.sequential_ms / self.wall_ms
        } else {
            1.0
        }
    }

    /// The speedup as a share of the tasks the model lets be in progress at once.
    pub fn efficiency(&self) -> f64 {
        self.speedup() / f64::from(self.parallelism)
    }

    /// The tutorial's closing line: `Finished in 1.00 second(s)`.
    pub fn finished_line(&self) -> String {
        format!("Finished in {:.2} second(s)", self.wall_ms / 1000.0)
    }
}

/// `engine::run` was asked to run the `processes` model, which the platform must schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedsProcesses;

impl fmt::Display for NeedsProcesses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the processes model runs each task in its own process or worker")
    }
}

impl std::error::Error for NeedsProcesses {}

/// Runs `scenario` in this process on the rayon pool this is called in (the global pool unless
/// inside `ThreadPool::install`) and returns once every task has ended.
///
/// Every event goes to `sink` from the thread it happened on, in the order it happened.
pub fn run(
    scenario: &Scenario,
    clock: &dyn Clock,
    sink: &dyn EventSink,
) -> Result<RunReport, NeedsProcesses> {
    let cpu = calibrate(scenario, clock);
    let counter = SharedCounter::new(scenario.sync);
    let gil = Gil::default();
    let gil = (scenario.model == Model::Gil).then_some(&gil);
    let context = RunContext::new(scenario, Recorder::new(clock, sink), &counter, gil, cpu);
    match scenario.model {
        Model::Threads | Model::Gil => run_on_pool(&context),
        Model::Sequential => run_in_order(&context),
        Model::Async => run_event_loop(&context),
        Model::Processes => return Err(NeedsProcesses),
    }
    let wall_ms = context.recorder.elapsed_ms();
    Ok(RunReport::new(
        scenario,
        wall_ms,
        context.sequential_ms(),
        (scenario.work == Work::Count).then(|| counter.value()),
    ))
}

/// What one task run apart from the others reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskOutcome {
    pub task_ms: f64,
    /// The task's own counter: a process does not share the others' memory.
    pub counted: u64,
}

/// Runs one task of `scenario` with its own memory (counter), as worker `worker`, timing its
/// events from the run's `origin_ms` on `clock`: the body of a process under `processes`.
pub fn run_task_alone(
    scenario: &Scenario,
    task: u32,
    worker: u32,
    clock: &dyn Clock,
    origin_ms: f64,
    sink: &dyn EventSink,
) -> TaskOutcome {
    let counter = SharedCounter::new(scenario.sync);
    let recorder = Recorder::with_origin(clock, sink, origin_ms, worker);
    let context = RunContext::new(
        scenario,
        recorder,
        &counter,
        None,
        calibrate(scenario, clock),
    );
    let mut machine = TaskMachine::start(task, &context);
    drive_blocking(&mut machine, &context);
    TaskOutcome {
        task_ms: context.sequential_ms(),
        counted: counter.value(),
    }
}

/// Runs `scenario` natively on a new pool of exactly `scenario.threads` OS threads.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_on_new_pool(
    scenario: &Scenario,
    sink: &dyn EventSink,
) -> Result<RunReport, Box<dyn std::error::Error>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(scenario.threads as usize)
        .thread_name(|index| format!("threadplay-worker-{index}"))
        .build()?;
    let clock = crate::clock::InstantClock::default();
    Ok(pool.install(|| run(scenario, &clock, sink))?)
}

/// Calibrates CPU work before the run's clock starts, if the scenario computes.
fn calibrate(scenario: &Scenario, clock: &dyn Clock) -> Option<CpuWork> {
    scenario.computes().then(|| CpuWork::calibrated(clock))
}

fn run_on_pool(context: &RunContext) {
    rayon::scope_fifo(|scope| {
        for _ in 0..context.scenario.tasks {
            scope.spawn_fifo(|_| {
                let (task, started_ms) = context.recorder.start_next_task();
                drive_blocking(&mut TaskMachine::started(task, started_ms), context);
            });
        }
    });
}

fn run_in_order(context: &RunContext) {
    for task in 1..=context.scenario.tasks {
        drive_blocking(&mut TaskMachine::start(task, context), context);
    }
}

/// Runs a task to its end on this thread, sleeping where it sleeps (and letting go of the GIL
/// meanwhile, as CPython does around blocking calls).
fn drive_blocking(machine: &mut TaskMachine, context: &RunContext) {
    machine.add_wait(context.acquire_gil(machine.task()));
    while let Step::Sleep(ms) = machine.step(context) {
        context.release_gil();
        std::thread::sleep(Duration::from_millis(ms.into()));
        machine.add_wait(context.acquire_gil(machine.task()));
    }
    context.release_gil();
}

/// `asyncio.gather` on one thread: every task runs until its first sleep, then whichever
/// sleeper wakes first runs next. Computation blocks everyone, as it does in asyncio; a task
/// that is ready while another runs is waiting for the loop.
fn run_event_loop(context: &RunContext) {
    let recorder = &context.recorder;
    let mut machines: Vec<TaskMachine> = Vec::new();
    // Each ready task's slot and the time it became ready.
    let mut ready: VecDeque<(usize, f64)> = VecDeque::new();
    // Wake-up times in microseconds, then submission order to break ties, then the slot.
    let mut sleepers: BinaryHeap<Reverse<(u64, u64, usize)>> = BinaryHeap::new();
    let mut sleeps = 0_u64;
    for task in 1..=context.scenario.tasks {
        let machine = TaskMachine::start(task, context);
        if task > 1 {
            recorder.emit(EventKind::Wait, task, None);
        }
        ready.push_back((machines.len(), recorder.elapsed_ms()));
        machines.push(machine);
    }
    loop {
        while let Some((slot, ready_since_ms)) = ready.pop_front() {
            let machine = &mut machines[slot];
            machine.add_wait(recorder.elapsed_ms() - ready_since_ms);
            if let Step::Sleep(ms) = machine.step(context) {
                let wake_us = micros(recorder.elapsed_ms() + f64::from(ms));
                sleeps += 1;
                sleepers.push(Reverse((wake_us, sleeps, slot)));
            }
        }
        let Some(Reverse((wake_us, _, slot))) = sleepers.pop() else {
            break;
        };
        let now_us = micros(recorder.elapsed_ms());
        if wake_us > now_us {
            std::thread::sleep(Duration::from_micros(wake_us - now_us));
        }
        ready.push_back((slot, wake_us as f64 / 1000.0));
    }
}

fn micros(ms: f64) -> u64 {
    (ms * 1000.0).max(0.0) as u64
}
