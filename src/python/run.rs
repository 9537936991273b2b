//! A program's run: what its threads share (the recorder, the scheduler, the stop, the
//! limits), each process's memory, and the entry point that runs the main thread and the
//! threads it starts on the pool's workers until every (non-daemon) thread has ended, as
//! Python waits for its threads at exit.

use super::asyncio::inbox::Inbox;
use super::code::Code;
use super::error::{raise, Exception, ExceptionKind::*, ProgramError, PyResult};
use super::files::SharedFiles;
use super::globals::Globals;
use super::modules::random::Generator;
use super::registry::Args;
use super::sched::{Next, RunEnd, Scheduler, ThreadId};
use super::types::connection::Connection;
use super::types::except_hook::ExceptHooks;
use super::types::logger::LogConfig;
use super::types::redirect::Redirects;
use super::types::shared_memory::SharedBlocks;
use super::types::start_method::StartMethod;
use super::types::thread::ThreadHandle;
use super::value::{Function, Value};
use super::vm::{run_turn, Callback, CallbackKind, Entry, PartialLine, PyThread};
use super::Program;
use crate::clock::Clock;
use crate::event::{lock, EventSink};
use crate::recorder::Recorder;
use crate::scenario::Model;
use crate::task::StopSignal;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Bytecode instructions a run may execute, all threads together: tens of seconds of real
/// computation, and an end for a loop that never ends by itself.
pub const MAX_STEPS: u64 = 4_000_000_000;

/// Lines a run may print.
pub const MAX_LINES: u64 = 1_000_000;

/// Threads (and processes, and executor workers) a program may start in one run.
pub const MAX_THREADS: u32 = 10_000;

/// How a program runs: under which model (`gil` gives each process one global interpreter
/// lock, as CPython; `threads` runs threads in parallel, as free-threaded Python; the others
/// run as `gil`) and with how many workers for its threads.
#[derive(Debug, Clone, Copy)]
pub struct ProgramSettings {
    pub model: Model,
    pub workers: u32,
    /// Bytecode instructions the run may execute, all threads together.
    pub max_steps: u64,
    /// The machine's cores, as `os.cpu_count()` gives them (the page sets the browser's
    /// `navigator.hardwareConcurrency`).
    pub cores: u32,
}

impl ProgramSettings {
    pub fn new(model: Model, workers: u32) -> Self {
        Self {
            model,
            workers,
            max_steps: MAX_STEPS,
            cores: std::thread::available_parallelism().map_or(workers, |cores| cores.get() as u32),
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
    pub scheduler: Scheduler,
    pub workers: u32,
    /// The machine's cores (`os.cpu_count()`).
    pub cores: u32,
    /// Driven by `poll` on one worker (see [`RunState::start`]).
    pub driven: bool,
    /// Under `gil` (and `processes`, a GIL each): one thread of a process runs bytecode at a time.
    pub has_gil: bool,
    max_steps: u64,
    steps: AtomicU64,
    lines: AtomicU64,
    threads_started: AtomicU32,
    /// Threads started and not ended, the main thread too, in the order they started
    /// (`threading.enumerate()`, `active_count()`).
    threads_alive: Mutex<BTreeMap<ThreadId, Arc<ThreadHandle>>>,
    /// Threads not ended, daemons apart: the program exits when none is left.
    threads_left: AtomicUsize,
    /// `atexit`'s calls, in the order they were registered.
    pub exit_calls: Mutex<Vec<(Value, Args)>>,
    exiting: AtomicBool,
    /// The line printed without a newline yet. Every thread and process of the run writes to
    /// one terminal, unbuffered (as `python3 -u` does): a line one began, another may end.
    pub partial_line: Mutex<PartialLine>,
    threads_named: AtomicU32,
    processes_named: AtomicU32,
    executors_named: AtomicU32,
    tasks_named: AtomicU32,
    first_error: Mutex<Option<ProgramError>>,
    /// The main thread's handle (`threading.main_thread()`).
    main_thread: Arc<ThreadHandle>,
    /// The main process, and the main thread's lane: where `atexit`'s calls run.
    main_process: OnceLock<(Arc<ProcessState>, u32)>,
    /// The files `open()` and `os` see, shared by the run's processes.
    pub files: SharedFiles,
    /// The warnings printed, by line and message: CPython prints each once per place.
    warned: Mutex<HashSet<(u32, String)>>,
    /// `multiprocessing.shared_memory`'s blocks, by name.
    pub shared_blocks: SharedBlocks,
    /// `multiprocessing.set_start_method`'s choice (`fork` until one is made).
    pub start_method: Mutex<Option<StartMethod>>,
    /// The program's module, which a process started afresh (`spawn`) runs first.
    pub module: Arc<Code>,
    /// The event loops the program made (`new_event_loop()`, `get_event_loop()`), whose tasks
    /// left pending are logged at its exit.
    pub event_loops: Mutex<Vec<Arc<Inbox>>>,
}

impl RunState<'_> {
    pub fn main_thread(&self) -> Arc<ThreadHandle> {
        Arc::clone(&self.main_thread)
    }

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

    /// Counts the steps of a turn that ended between checks.
    pub fn count_steps_quietly(&self, steps: u64) {
        self.steps.fetch_add(steps, Ordering::Relaxed);
    }

    /// Whether a warning with this message at this line is new to the run.
    pub fn first_warning_at(&self, line: u32, message: &str) -> bool {
        lock(&self.warned).insert((line, message.to_owned()))
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

    /// A thread becomes runnable.
    pub fn spawn(&self, thread: Box<PyThread>) {
        self.count_alive(&thread);
        self.scheduler.spawn(thread);
    }

    /// `spawn`, the thread first running at `at_ms` on the run's clock.
    pub fn spawn_at(&self, thread: Box<PyThread>, at_ms: f64) {
        self.count_alive(&thread);
        self.scheduler.spawn_at(thread, at_ms);
    }

    fn count_alive(&self, thread: &PyThread) {
        lock(&self.threads_alive).insert(thread.id, Arc::clone(&thread.handle));
        self.thread_goes_on(thread);
    }

    /// `thread` is one more to end before its process and the program exit (unless it is a
    /// daemon): it has started, or goes on after it ended (to make `atexit`'s calls).
    pub fn thread_goes_on(&self, thread: &PyThread) {
        if !thread.is_daemon() {
            self.threads_left.fetch_add(1, Ordering::SeqCst);
            thread.process.thread_started();
        }
    }

    pub fn thread_finished(&self, thread: ThreadId) {
        lock(&self.threads_alive).remove(&thread);
    }

    /// A thread has ended; true if the program exits with it (the last one, daemons apart,
    /// which the exit abandons).
    pub fn thread_ended(&self, daemon: bool) -> bool {
        !daemon && self.threads_left.fetch_sub(1, Ordering::SeqCst) == 1
    }

    /// `atexit`'s calls, the last registered first. The program is exiting: what it registers
    /// now is never called, as in CPython.
    pub fn take_exit_calls(&self) -> Vec<Callback> {
        self.exiting.store(true, Ordering::SeqCst);
        let calls = std::mem::take(&mut *lock(&self.exit_calls));
        let in_turn = calls.into_iter().rev();
        in_turn
            .map(|(function, args)| Callback::new(function, args, CallbackKind::AtExit))
            .collect()
    }

    /// Whether `atexit`'s calls have begun.
    pub fn is_exiting(&self) -> bool {
        self.exiting.load(Ordering::SeqCst)
    }

    /// Whether `thread` is the main thread.
    pub fn is_main_thread(&self, thread: &PyThread) -> bool {
        Arc::ptr_eq(&thread.handle, &self.main_thread)
    }

    /// The main thread again, in the main process and on its lane, to make `calls` (CPython
    /// makes `atexit`'s calls in the main thread, which has waited for the others).
    pub fn main_thread_for(&self, calls: Vec<Callback>) -> Option<Box<PyThread>> {
        let (process, lane) = self.main_process.get()?;
        let mut thread = PyThread::new(
            self.scheduler.new_thread_id(),
            Arc::clone(&self.main_thread),
            Arc::clone(process),
            Entry::Done,
            *lane,
        );
        thread.callbacks.extend(calls);
        Some(Box::new(thread))
    }

    pub fn active_threads(&self) -> u32 {
        lock(&self.threads_alive).len() as u32
    }

    /// The threads alive, in the order they started.
    pub fn alive_threads(&self) -> Vec<Arc<ThreadHandle>> {
        lock(&self.threads_alive).values().cloned().collect()
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

    /// The number in an executor's workers' names: `ThreadPoolExecutor-0_1`.
    pub fn next_executor_number(&self) -> u32 {
        self.executors_named.fetch_add(1, Ordering::Relaxed)
    }

    /// The number in an asyncio task's default name: `Task-1` is the first `asyncio.run`'s.
    pub fn next_task_number(&self) -> u32 {
        self.tasks_named.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// The numbers of the two tasks CPython's runner makes as it closes its loop
    /// (`shutdown_asyncgens()` and `shutdown_default_executor()`), as `asyncio.run` and
    /// `Runner.close()` do: the next task after them is two numbers further on.
    pub fn count_runner_shutdown_tasks(&self) {
        self.tasks_named.fetch_add(2, Ordering::Relaxed);
    }

    /// Keeps the run's first uncaught exception, for its report.
    pub fn record_error(&self, error: &Exception, thread: &str) {
        lock(&self.first_error).get_or_insert_with(|| ProgramError::from_exception(error, thread));
    }
}

/// One process's memory: its globals, and its domain in the scheduler (with a GIL of its own
/// under models that have one).
pub struct ProcessState {
    pub domain: usize,
    /// What `multiprocessing.current_process()` gives in it.
    pub handle: Arc<ThreadHandle>,
    pub globals: Globals,
    /// `logging`'s configuration and loggers.
    pub logging: Mutex<LogConfig>,
    /// `random`'s generator, once the process has used or seeded it.
    pub random: Generator,
    /// `os.urandom`'s, apart from `random`'s so that reading entropy does not change what a
    /// seeded `random` draws.
    pub entropy: Generator,
    /// `threading.excepthook` and `sys.excepthook`, once the program set them.
    pub excepthooks: Mutex<ExceptHooks>,
    /// `sys.getswitchinterval()`, in milliseconds (an `f64`'s bits).
    switch_interval_ms: std::sync::atomic::AtomicU64,
    has_gil: bool,
    /// The pipe handles its copy of memory holds, which its exit closes.
    pub pipe_handles: Mutex<Vec<std::sync::Weak<Connection>>>,
    /// `terminate()` or `kill()` ended it: its threads unwind at their next step or wake.
    terminated: AtomicBool,
    /// Its threads not ended, daemons apart: it exits when none is left.
    threads_left: AtomicUsize,
    /// Its streams' `contextlib.redirect_stdout`/`redirect_stderr` targets.
    pub redirects: Redirects,
    /// Started afresh (`spawn`), its module not run yet.
    module_first: AtomicBool,
    /// Its working directory, as the file system keys it (see `files::InProcess`).
    pub cwd: Mutex<String>,
}

impl ProcessState {
    /// A process that starts afresh: the main one, or a spawned child (`handle`, `globals`).
    fn new(
        scheduler: &Scheduler,
        has_gil: bool,
        handle: Arc<ThreadHandle>,
        globals: Globals,
    ) -> Self {
        Self {
            domain: scheduler.add_domain(has_gil),
            handle,
            globals,
            logging: Mutex::default(),
            random: Generator::default(),
            entropy: Generator::default(),
            excepthooks: Mutex::default(),
            switch_interval_ms: crate::gil::SWITCH_INTERVAL_MS.to_bits().into(),
            has_gil,
            pipe_handles: Mutex::default(),
            terminated: AtomicBool::new(false),
            threads_left: AtomicUsize::new(0),
            redirects: Mutex::default(),
            module_first: AtomicBool::new(false),
            cwd: Mutex::default(),
        }
    }

    /// One more thread of its own to end before it exits (not a daemon).
    pub fn thread_started(&self) {
        self.threads_left.fetch_add(1, Ordering::SeqCst);
    }

    /// A thread of its own has ended; true if the process exits with it (the last one,
    /// daemons apart, which the exit abandons).
    pub fn thread_ended(&self, daemon: bool) -> bool {
        !daemon && self.threads_left.fetch_sub(1, Ordering::SeqCst) == 1
    }

    /// How long a thread computes before it hands the GIL (or its worker) to a waiting one.
    pub fn switch_interval_ms(&self) -> f64 {
        f64::from_bits(
            self.switch_interval_ms
                .load(std::sync::atomic::Ordering::Relaxed),
        )
    }

    /// Ends the process as a signal does: its running threads unwind at their next step, its
    /// waiting ones now (see `Scheduler::put_back` for one that blocks meanwhile).
    pub fn terminate(&self, scheduler: &Scheduler) {
        self.terminated.store(true, Ordering::SeqCst);
        scheduler.end_waits_of(self.domain);
    }

    pub fn is_terminated(&self) -> bool {
        self.terminated.load(Ordering::SeqCst)
    }

    /// `sys.setswitchinterval`, in milliseconds.
    pub fn set_switch_interval_ms(&self, interval_ms: f64) {
        self.switch_interval_ms
            .store(interval_ms.to_bits(), std::sync::atomic::Ordering::Relaxed);
    }

    /// A child process, `handle`, started by `method`: a copy of this one's memory (`fork`),
    /// or a process afresh, whose globals its run of the module makes.
    pub fn child(
        &self,
        scheduler: &Scheduler,
        handle: Arc<ThreadHandle>,
        method: StartMethod,
    ) -> Self {
        if !method.runs_module() {
            return self.fork(scheduler, handle);
        }
        Self {
            module_first: AtomicBool::new(true),
            cwd: Mutex::new(lock(&self.cwd).clone()),
            ..Self::new(scheduler, self.has_gil, handle, self.globals.afresh())
        }
    }

    /// Whether it was started afresh and has not run the program's module yet: its first
    /// thread runs it before anything else (see `PyThread::run_module_first`).
    pub fn takes_module_run(&self) -> bool {
        self.module_first.swap(false, Ordering::SeqCst)
    }

    /// A child process, `handle`: a copy of this one's memory, with a GIL of its own.
    fn fork(&self, scheduler: &Scheduler, handle: Arc<ThreadHandle>) -> Self {
        Self {
            domain: scheduler.add_domain(self.has_gil),
            handle,
            globals: self.globals.fork(),
            logging: Mutex::new(lock(&self.logging).clone()),
            // CPython reseeds the generator in a forked child, and a spawned one seeds its own.
            random: Generator::default(),
            entropy: Generator::default(),
            excepthooks: Mutex::new(lock(&self.excepthooks).clone()),
            switch_interval_ms: self.switch_interval_ms().to_bits().into(),
            has_gil: self.has_gil,
            pipe_handles: Mutex::default(),
            terminated: AtomicBool::new(false),
            threads_left: AtomicUsize::new(0),
            redirects: Mutex::default(),
            module_first: AtomicBool::new(false),
            cwd: Mutex::new(lock(&self.cwd).clone()),
        }
    }
}

impl<'r> RunState<'r> {
    /// Prepares a run of `program`: its main thread is ready, the clock starts now.
    /// `driven` runs it on one worker driven by [`RunState::poll`] (a page without shared
    /// memory), whose turns end at every switch interval so the page can take events and a stop.
    pub fn start(
        program: &Program,
        settings: ProgramSettings,
        clock: &'r dyn Clock,
        sink: &'r dyn EventSink,
        stop: &'r StopSignal,
        driven: bool,
    ) -> Self {
        let recorder = Recorder::new(clock, sink);
        let workers = if driven { 1 } else { settings.workers.max(1) };
        let run = RunState {
            recorder,
            stop,
            scheduler: Scheduler::new(workers as usize),
            workers,
            cores: settings.cores,
            driven,
            has_gil: settings.has_gil(),
            max_steps: settings.max_steps,
            steps: AtomicU64::new(0),
            lines: AtomicU64::new(0),
            threads_started: AtomicU32::new(0),
            threads_alive: Mutex::default(),
            threads_left: AtomicUsize::new(0),
            exit_calls: Mutex::default(),
            exiting: AtomicBool::new(false),
            partial_line: Mutex::default(),
            threads_named: AtomicU32::new(0),
            processes_named: AtomicU32::new(0),
            executors_named: AtomicU32::new(0),
            tasks_named: AtomicU32::new(0),
            first_error: Mutex::new(None),
            main_thread: ThreadHandle::main(),
            main_process: OnceLock::new(),
            files: SharedFiles::default(),
            warned: Mutex::default(),
            event_loops: Mutex::default(),
            shared_blocks: SharedBlocks::default(),
            start_method: Mutex::default(),
            module: Arc::clone(&program.module),
        };
        let process = Arc::new(ProcessState::new(
            &run.scheduler,
            run.has_gil,
            ThreadHandle::main_process(),
            Globals::new(Arc::clone(&program.global_names)),
        ));
        let handle = Arc::clone(&run.main_thread);
        let (lane, _) = run.recorder.start_named(handle.name());
        let _ = run.main_process.set((Arc::clone(&process), lane));
        let module = Value::Function(Arc::new(Function::new(
            Arc::clone(&program.module),
            Vec::new(),
            Vec::new(),
        )));
        let main = PyThread::new(
            run.scheduler.new_thread_id(),
            handle,
            process,
            Entry::Target(module, Args::default()),
            lane,
        );
        run.spawn(Box::new(main));
        run
    }

    /// Runs the program's threads on this thread for about `budget_ms`; returns how long to
    /// wait before the next poll, or `None` once the run is over.
    pub fn poll(&self, budget_ms: f64) -> Option<f64> {
        let until_ms = self.recorder.elapsed_ms() + budget_ms;
        loop {
            if self.stop.is_stopped() {
                self.scheduler.stop();
            }
            match self.scheduler.next(0, self.recorder.elapsed_ms()) {
                Next::Over => return None,
                Next::Idle(wait_ms) => return Some(wait_ms),
                Next::Run(mut thread) => {
                    let exit = run_turn(self, &mut thread, 0);
                    self.scheduler
                        .put_back(thread, exit, self.recorder.elapsed_ms());
                }
            }
            if self.recorder.elapsed_ms() >= until_ms {
                return Some(0.0);
            }
        }
    }

    /// How the run went, once it is over.
    pub fn report(&self) -> ProgramReport {
        if self.scheduler.end_reason() == Some(RunEnd::Deadlock) {
            let stuck = Exception::new(
                RuntimeError,
                "deadlock: every thread is waiting for another and none can go on (threadplay ended the run)",
            );
            self.record_error(&stuck, "MainThread");
        }
        // A run ended by a deadlock or a stop still shows the line left unfinished.
        let unfinished = std::mem::take(&mut *lock(&self.partial_line));
        if let (false, Some((_, lane))) = (unfinished.text.is_empty(), self.main_process.get()) {
            let text: Arc<str> = unfinished.text.into();
            self.recorder
                .print_line(*lane, text, unfinished.stream, None);
        }
        let error = lock(&self.first_error).take();
        ProgramReport {
            wall_ms: self.recorder.elapsed_ms(),
            threads: self.threads_started.load(Ordering::Relaxed),
            lines: self.lines.load(Ordering::Relaxed).min(MAX_LINES),
            stopped: self.stop.is_stopped() && error.is_none(),
            origin_ms: self.recorder.origin_ms(),
            error,
        }
    }
}

/// Runs `program` on the rayon pool this is called in, with `settings.workers` workers for
/// its threads, and returns once every non-daemon thread has ended.
pub fn run_program(
    program: &Program,
    settings: ProgramSettings,
    clock: &dyn Clock,
    sink: &dyn EventSink,
    stop: &StopSignal,
) -> ProgramReport {
    let run = RunState::start(program, settings, clock, sink, stop, false);
    rayon::in_place_scope(|scope| {
        for worker in 1..run.workers as usize {
            let run = &run;
            scope.spawn(move |_| work(run, worker));
        }
        work(&run, 0);
    });
    run.report()
}

/// One worker: runs the threads the scheduler hands it until the run is over.
fn work(run: &RunState, worker: usize) {
    loop {
        if run.stop.is_stopped() {
            run.scheduler.stop();
        }
        match run.scheduler.next(worker, run.recorder.elapsed_ms()) {
            Next::Over => return,
            Next::Idle(ms) => run.scheduler.park(worker, ms),
            Next::Run(mut thread) => {
                let exit = run_turn(run, &mut thread, worker);
                if run.stop.is_stopped() {
                    run.scheduler.stop();
                }
                run.scheduler
                    .put_back(thread, exit, run.recorder.elapsed_ms());
            }
        }
    }
}

/// Runs `program` natively on a new pool of [`pool_size`](crate::program::pool_size) threads.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_on_new_pool(
    program: &Program,
    settings: ProgramSettings,
    sink: &dyn EventSink,
    stop: &StopSignal,
) -> Result<ProgramReport, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::program::pool_size(settings.workers) as usize)
        .thread_name(|index| format!("threadplay-python-{index}"))
        .build()?;
    let clock = crate::clock::InstantClock::default();
    Ok(pool.install(|| run_program(program, settings, &clock, sink, stop)))
}
