//! A program's run: what its threads share (the recorder, the stop, the limits), each
//! process's memory and GIL, and the entry point that runs the main thread and waits for the
//! others, as Python waits for its threads at exit.

use super::concurrency::{ThreadHandle, MAX_THREADS};
use super::error::{raise, Exception, ExceptionKind::*, ProgramError, PyResult};
use super::interpreter::{Frame, Interpreter};
use super::ir::Name;
use super::value::Value;
use super::Program;
use crate::clock::Clock;
use crate::event::{lock, EventKind, EventSink};
use crate::gil::Gil;
use crate::recorder::Recorder;
use crate::scenario::Model;
use crate::task::{sleep_until_stopped, StopSignal};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Statements a run may execute, all threads together: enough for seconds of real
/// computation, and an end for a loop that never ends by itself.
pub const MAX_STEPS: u64 = 200_000_000;

/// Lines a run may print.
pub const MAX_LINES: u64 = 1_000_000;

/// How a program runs: under which model (`gil` gives each process one global interpreter
/// lock, as CPython; `threads` runs threads in parallel, as free-threaded Python; the others
/// run as `gil`) and with how many workers for its threads.
#[derive(Debug, Clone, Copy)]
pub struct ProgramSettings {
    pub model: Model,
    pub workers: u32,
    /// Statements the run may execute, all threads together.
    pub max_steps: u64,
}

impl ProgramSettings {
    pub fn new(model: Model, workers: u32) -> Self {
        Self {
            model,
            workers,
            max_steps: MAX_STEPS,
        }
    }

    pub fn has_gil(&self) -> bool {
        self.model != Model::Threads
    }
}

/// How a program's run went.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramReport {
    pub wall_ms: f64,
    /// Threads and processes the program started (and executor workers).
    pub threads: u32,
    pub lines: u64,
    pub stopped: bool,
    pub origin_ms: f64,
    /// The first uncaught exception, in whichever thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ProgramError>,
}

impl ProgramReport {
    /// The report of a program that could not start: it did not parse, or left the subset.
    pub fn failed_before_run(error: ProgramError) -> Self {
        Self {
            wall_ms: 0.0,
            threads: 0,
            lines: 0,
            stopped: false,
            origin_ms: 0.0,
            error: Some(error),
        }
    }
}

/// What every thread of a run shares.
pub struct RunState<'r> {
    pub recorder: Recorder<'r>,
    pub stop: &'r StopSignal,
    pub workers: u32,
    has_gil: bool,
    max_steps: u64,
    steps: AtomicU64,
    lines: AtomicU64,
    threads_started: AtomicU32,
    threads_running: AtomicU32,
    /// Threads (and executor workers) started and not yet ended.
    threads_unfinished: AtomicU32,
    threads_named: AtomicU32,
    processes_named: AtomicU32,
    random: AtomicU64,
    first_error: Mutex<Option<ProgramError>>,
}

impl RunState<'_> {
    pub fn count_steps(&self, steps: u64) -> PyResult<()> {
        if self.steps.fetch_add(steps, Ordering::Relaxed) + steps > self.max_steps {
            self.stop.stop();
            return raise(
                RuntimeError,
                format!(
                    "the program ran {} steps, threadplay's limit (an endless loop?)",
                    self.max_steps
                ),
            );
        }
        Ok(())
    }

    pub fn count_line(&self) -> PyResult<()> {
        if self.lines.fetch_add(1, Ordering::Relaxed) >= MAX_LINES {
            self.stop.stop();
            return raise(
                RuntimeError,
                format!("the program printed {MAX_LINES} lines, threadplay's limit"),
            );
        }
        Ok(())
    }

    pub fn count_thread(&self) -> PyResult<()> {
        if self.threads_started.fetch_add(1, Ordering::Relaxed) >= MAX_THREADS {
            return raise(
                RuntimeError,
                format!(
                    "can't start new thread: threadplay runs at most {MAX_THREADS} in a program"
                ),
            );
        }
        Ok(())
    }

    pub fn thread_started(&self) {
        self.threads_unfinished.fetch_add(1, Ordering::AcqRel);
    }

    pub fn thread_finished(&self) {
        self.threads_unfinished.fetch_sub(1, Ordering::AcqRel);
    }

    /// Waits until every thread the program started has ended, as Python does before it
    /// exits.
    fn wait_for_threads(&self) {
        while self.threads_unfinished.load(Ordering::Acquire) > 0 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// Whether every worker for the program's threads is running one (the main thread has a
    /// worker of its own).
    pub fn all_workers_busy(&self) -> bool {
        self.threads_running.load(Ordering::Acquire) > self.workers
    }

    pub fn active_threads(&self) -> u32 {
        self.threads_running.load(Ordering::Relaxed)
    }

    /// The number in a new thread's default name: `Thread-1`, `Process-1`.
    pub fn next_thread_number(&self, is_process: bool) -> u32 {
        let counter = if is_process {
            &self.processes_named
        } else {
            &self.threads_named
        };
        counter.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A pseudo-random number in [0, 1) (xorshift, seeded by the run's start time).
    pub fn random(&self) -> f64 {
        let mut next = 0;
        let _ = self
            .random
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |mut x| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                next = x;
                Some(x)
            });
        (next >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Sleeps on the run's clock, waking early for a stop.
    pub fn sleep(&self, ms: f64) {
        sleep_until_stopped(&self.recorder, self.stop, ms);
    }

    fn record_error(&self, error: ProgramError) {
        lock(&self.first_error).get_or_insert(error);
    }
}

/// One process's memory: its globals, and its GIL under models that have one.
pub struct ProcessState {
    pub globals: Mutex<HashMap<Name, Value>>,
    pub gil: Option<Gil>,
}

impl ProcessState {
    fn new(has_gil: bool) -> Self {
        let globals = HashMap::from([("__name__".into(), Value::str("__main__"))]);
        Self {
            globals: Mutex::new(globals),
            gil: has_gil.then(Gil::default),
        }
    }

    /// A child process: a copy of this one's memory, with a GIL of its own.
    pub fn fork(&self) -> Self {
        let globals = lock(&self.globals)
            .iter()
            .map(|(name, value)| (Arc::clone(name), value.copied_for_process()))
            .collect();
        Self {
            globals: Mutex::new(globals),
            gil: self.gil.as_ref().map(|_| Gil::default()),
        }
    }
}

impl Interpreter<'_, '_> {
    /// Runs a thread's body as a task of its own in the log: started, running Python code
    /// (under the GIL, if any), ended. An uncaught exception is printed as Python prints it and
    /// becomes the run's error if it is the first; `report` is false for executor jobs, whose
    /// exceptions go to their futures.
    pub fn run_thread(
        &mut self,
        report: bool,
        body: impl FnOnce(&mut Self) -> PyResult<Value>,
    ) -> PyResult<Value> {
        let (task, _) = self.run.recorder.start_named(self.thread.name().into());
        self.task = task;
        self.run.threads_running.fetch_add(1, Ordering::Relaxed);
        self.acquire_gil();
        self.emit(EventKind::Cpu);
        let result = body(self).and_then(|value| self.flush().map(|()| value));
        if let (Err(error), true) = (&result, report) {
            self.report(error);
        }
        self.release_gil();
        self.run.threads_running.fetch_sub(1, Ordering::Relaxed);
        self.emit(EventKind::End);
        result
    }

    pub fn is_main(&self) -> bool {
        self.thread.is_main()
    }

    fn report(&mut self, error: &Exception) {
        if error.kind == Stopped {
            return;
        }
        let _ = self.flush();
        if !self.is_main() {
            let _ = self.write(&format!("Exception in thread {}:\n", self.thread.name()));
        }
        for line in error.traceback_lines() {
            let _ = self.write(&format!("{line}\n"));
        }
        self.run
            .record_error(ProgramError::from_exception(error, self.thread.name()));
    }
}

/// Runs `program` on the rayon pool this is called in (its main thread on this worker, its
/// threads as jobs on the pool) and returns once every thread has ended.
pub fn run_program(
    program: &Program,
    settings: ProgramSettings,
    clock: &dyn Clock,
    sink: &dyn EventSink,
    stop: &StopSignal,
) -> ProgramReport {
    let recorder = Recorder::new(clock, sink);
    let seed = (recorder.origin_ms() * 1000.0) as u64 | 1;
    let run = RunState {
        recorder,
        stop,
        workers: settings.workers,
        has_gil: settings.has_gil(),
        max_steps: settings.max_steps,
        steps: AtomicU64::new(0),
        lines: AtomicU64::new(0),
        threads_started: AtomicU32::new(0),
        threads_running: AtomicU32::new(0),
        threads_unfinished: AtomicU32::new(0),
        threads_named: AtomicU32::new(0),
        processes_named: AtomicU32::new(0),
        random: AtomicU64::new(seed),
        first_error: Mutex::new(None),
    };
    let process = Arc::new(ProcessState::new(run.has_gil));
    rayon::in_place_scope_fifo(|scope| {
        let mut main = Interpreter::new(&run, scope, process, ThreadHandle::main());
        let frame = Frame::new(Arc::clone(&program.module), Vec::new());
        // Its error, if any, is reported by `run_thread`.
        let _ = main.run_thread(true, |main| main.call_frame(frame));
        run.wait_for_threads();
    });
    let error = lock(&run.first_error).take();
    ProgramReport {
        wall_ms: run.recorder.elapsed_ms(),
        threads: run.threads_started.load(Ordering::Relaxed),
        lines: run.lines.load(Ordering::Relaxed).min(MAX_LINES),
        stopped: stop.is_stopped() && error.is_none(),
        origin_ms: run.recorder.origin_ms(),
        error,
    }
}

/// Each worker's stack: room for the deepest recursion the interpreter allows.
#[cfg(not(target_arch = "wasm32"))]
const PYTHON_STACK_BYTES: usize = 16 << 20;

/// Runs `program` natively on a new pool: a worker for the main thread and `settings.workers`
/// for the threads it starts.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_on_new_pool(
    program: &Program,
    settings: ProgramSettings,
    sink: &dyn EventSink,
    stop: &StopSignal,
) -> Result<ProgramReport, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.workers as usize + 1)
        .thread_name(|index| format!("threadplay-python-{index}"))
        // Unoptimised builds (the tests) take about 23 KB of stack per Python call.
        .stack_size(PYTHON_STACK_BYTES)
        .build()?;
    let clock = crate::clock::InstantClock::default();
    Ok(pool.install(|| run_program(program, settings, &clock, sink, stop)))
}
