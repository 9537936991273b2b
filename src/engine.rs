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
use crate::event::{lock, EventKind, EventSink};
use crate::gil::Gil;
use crate::recorder::Recorder;
use crate::scenario::{Model, Scenario, Work};
use crate::task::{RunContext, Step, StopSignal, TaskMachine};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt;
use std::sync::Mutex;

/// How long a run took, in the numbers the tutorials compare, worked out here for every front
/// end (the page, the CLI) to show as they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// How many times faster than running the tasks one after another.
    pub speedup: f64,
    /// The speedup as a share of the tasks the model lets be in progress at once.
    pub efficiency: f64,
    /// The tutorial's closing line: `Finished in 1.00 second(s)`.
    pub finished_line: String,
    /// The race lab's counter, for `count` work.
    pub counter: Option<CounterReport>,
    /// Whether the run was stopped before its tasks finished.
    pub stopped: bool,
    /// When the run started on its clock (in the browser, `performance.timeOrigin +
    /// performance.now()`), so event times can be set against other clocks' readings.
    pub origin_ms: f64,
}

impl RunReport {
    pub fn new(
        scenario: &Scenario,
        wall_ms: f64,
        sequential_ms: f64,
        counted: Option<u64>,
    ) -> Self {
        let parallelism = scenario.parallelism();
        let speedup = if wall_ms > 0.0 {
            sequential_ms / wall_ms
        } else {
            1.0
        };
        Self {
            wall_ms,
            sequential_ms,
            ideal_ms: scenario
                .ideal_ms()
                .unwrap_or(sequential_ms / f64::from(parallelism)),
            parallelism,
            speedup,
            efficiency: speedup / f64::from(parallelism),
            finished_line: format!("Finished in {:.2} second(s)", wall_ms / 1000.0),
            counter: counted.map(|actual| CounterReport {
                expected: scenario.expected_count(),
                actual,
            }),
            stopped: false,
            origin_ms: 0.0,
        }
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
    stop: &StopSignal,
) -> Result<RunReport, NeedsProcesses> {
    // Before the run's clock starts: measuring the CPU takes a while the first time.
    let cpu = CpuWork::for_scenario(scenario, clock);
    let counter = SharedCounter::new(scenario.sync);
    let gil = Gil::default();
    let context = RunContext {
        scenario,
        recorder: Recorder::new(clock, sink),
        counter: &counter,
        gil: (scenario.model == Model::Gil).then_some(&gil),
        cpu,
        stop,
    };
    let sequential_ms = match scenario.model {
        Model::Threads | Model::Gil => run_on_pool(&context),
        Model::Sequential | Model::Async => {
            let mut event_loop = EventLoop::new(scenario);
            while let Some(wait_ms) = event_loop.poll(&context) {
                context.sleep(wait_ms);
            }
            event_loop.own_ms()
        }
        Model::Processes => return Err(NeedsProcesses),
    };
    let wall_ms = context.recorder.elapsed_ms();
    let report = RunReport::new(
        scenario,
        wall_ms,
        sequential_ms,
        (scenario.work == Work::Count).then(|| counter.value()),
    );
    Ok(RunReport {
        stopped: stop.is_stopped(),
        origin_ms: context.recorder.origin_ms(),
        ..report
    })
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
    let context = RunContext {
        scenario,
        recorder: Recorder::with_origin(clock, sink, origin_ms, worker),
        counter: &counter,
        gil: None,
        cpu: CpuWork::for_scenario(scenario, clock),
        stop: &StopSignal::default(),
    };
    let mut machine = TaskMachine::start(task, &context);
    drive_blocking(&mut machine, &context);
    TaskOutcome {
        task_ms: machine.own_ms(),
        counted: counter.value(),
    }
}

/// Runs `scenario` natively on a new pool of exactly `scenario.threads` OS threads.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_on_new_pool(
    scenario: &Scenario,
    sink: &dyn EventSink,
    stop: &StopSignal,
) -> Result<RunReport, Box<dyn std::error::Error>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(scenario.threads as usize)
        .thread_name(|index| format!("threadplay-worker-{index}"))
        .build()?;
    let clock = crate::clock::InstantClock::default();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pool.install(|| run(scenario, &clock, sink, stop))
    }));
    match outcome {
        Ok(report) => Ok(report?),
        Err(panic) => Err(TaskPanicked::from(panic).into()),
    }
}

/// A task panicked; the run ended without a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskPanicked(pub String);

impl TaskPanicked {
    /// The message a panic carries (`panic!` makes a `&str` or a `String` payload).
    pub fn from_payload(payload: &(dyn std::any::Any + Send)) -> Self {
        let message = payload
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a task panicked".to_string());
        TaskPanicked(message)
    }
}

impl From<Box<dyn std::any::Any + Send>> for TaskPanicked {
    fn from(panic: Box<dyn std::any::Any + Send>) -> Self {
        Self::from_payload(&*panic)
    }
}

impl fmt::Display for TaskPanicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a task panicked: {}", self.0)
    }
}

impl std::error::Error for TaskPanicked {}

/// Runs every task on the current pool; returns the sum of their own durations.
fn run_on_pool(context: &RunContext) -> f64 {
    let own_ms = Mutex::new(0.0);
    rayon::scope_fifo(|scope| {
        for _ in 0..context.scenario.tasks {
            scope.spawn_fifo(|_| {
                // Tasks still queued when the run stops never start.
                if context.stop.is_stopped() {
                    return;
                }
                let (task, started_ms) = context.recorder.start_next_task();
                let mut machine = TaskMachine::started(task, started_ms);
                drive_blocking(&mut machine, context);
                *lock(&own_ms) += machine.own_ms();
            });
        }
    });
    let own_ms = *lock(&own_ms);
    own_ms
}

/// Runs a task to its end on this thread, sleeping where it sleeps (and letting go of the GIL
/// meanwhile, as CPython does around blocking calls).
fn drive_blocking(machine: &mut TaskMachine, context: &RunContext) {
    let _unwinding = ReleaseGilOnPanic(context);
    machine.add_wait(context.acquire_gil(machine.task()));
    loop {
        match machine.step(context) {
            Step::Sleep(ms) => {
                context.release_gil();
                context.sleep(f64::from(ms));
                machine.add_wait(context.acquire_gil(machine.task()));
            }
            Step::Yield => {}
            Step::Done => break,
        }
    }
    context.release_gil();
}

/// Lets go of the GIL when a task panics (natively, where panics unwind) while holding it, as
/// it does from inside a step, so that the other threads finish and the run can report the
/// panic instead of waiting forever.
struct ReleaseGilOnPanic<'c, 'a>(&'c RunContext<'a>);

impl Drop for ReleaseGilOnPanic<'_, '_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.release_gil();
        }
    }
}

/// The one-thread models as a loop that its caller drives: `async` is `asyncio.gather` (every
/// task runs until its first sleep, then whichever sleeper wakes first runs next; computation
/// blocks everyone, and a task that is ready while another runs waits for the loop);
/// `sequential` starts each task when the one before it has ended.
///
/// Natively and on the shared-memory build, the caller sleeps between polls; without shared
/// memory (no blocking sleep), the page's timers do.
#[derive(Debug)]
pub struct EventLoop {
    one_at_a_time: bool,
    tasks: u32,
    started: u32,
    machines: Vec<TaskMachine>,
    /// Each ready task's slot and the time it became ready.
    ready: VecDeque<(usize, f64)>,
    /// Wake-up times in microseconds, then submission order to break ties, then the slot.
    sleepers: BinaryHeap<Reverse<(u64, u64, usize)>>,
    sleeps: u64,
    own_ms: f64,
}

impl EventLoop {
    /// A loop for `scenario`, whose model must be `sequential` or `async`.
    pub fn new(scenario: &Scenario) -> Self {
        Self {
            one_at_a_time: scenario.model != Model::Async,
            tasks: scenario.tasks,
            started: 0,
            machines: Vec::new(),
            ready: VecDeque::new(),
            sleepers: BinaryHeap::new(),
            sleeps: 0,
            own_ms: 0.0,
        }
    }

    /// Runs every task that is ready until it sleeps or ends. Returns how many milliseconds
    /// until the next one wakes, or `None` once every task has ended.
    pub fn poll(&mut self, context: &RunContext) -> Option<f64> {
        if self.started == 0 {
            self.start_tasks(context);
        }
        let recorder = &context.recorder;
        loop {
            if context.stop.is_stopped() {
                // Wake every sleeper now: at its next step it ends.
                while let Some(Reverse((_, _, slot))) = self.sleepers.pop() {
                    self.ready.push_back((slot, recorder.elapsed_ms()));
                }
            }
            while let Some((slot, ready_since_ms)) = self.ready.pop_front() {
                let machine = &mut self.machines[slot];
                machine.add_wait(recorder.elapsed_ms() - ready_since_ms);
                match machine.step(context) {
                    Step::Yield => {
                        // The same task goes on after the driver has had a moment.
                        self.ready.push_front((slot, recorder.elapsed_ms()));
                        return Some(0.0);
                    }
                    Step::Sleep(ms) => {
                        let wake_us = micros(recorder.elapsed_ms() + f64::from(ms));
                        self.sleeps += 1;
                        self.sleepers.push(Reverse((wake_us, self.sleeps, slot)));
                    }
                    Step::Done => {
                        self.own_ms += machine.own_ms();
                        if self.one_at_a_time {
                            self.start_next_task(context);
                        }
                    }
                }
            }
            let now_us = micros(recorder.elapsed_ms());
            let Reverse((wake_us, _, slot)) = *self.sleepers.peek()?;
            if wake_us > now_us {
                return Some((wake_us - now_us) as f64 / 1000.0);
            }
            self.sleepers.pop();
            self.ready.push_back((slot, wake_us as f64 / 1000.0));
        }
    }

    /// The sum of the ended tasks' own durations.
    pub fn own_ms(&self) -> f64 {
        self.own_ms
    }

    fn start_tasks(&mut self, context: &RunContext) {
        if self.one_at_a_time {
            self.start_next_task(context);
            return;
        }
        while self.start_next_task(context) {
            if self.started > 1 {
                context.recorder.emit(EventKind::Wait, self.started, None);
            }
        }
    }

    /// Starts the next task and makes it ready; false when none is left (or the run stopped).
    fn start_next_task(&mut self, context: &RunContext) -> bool {
        if self.started == self.tasks || context.stop.is_stopped() {
            return false;
        }
        self.started += 1;
        let machine = TaskMachine::start(self.started, context);
        self.ready
            .push_back((self.machines.len(), context.recorder.elapsed_ms()));
        self.machines.push(machine);
        true
    }
}

fn micros(ms: f64) -> u64 {
    (ms * 1000.0).max(0.0) as u64
}
