//! `threading`, `multiprocessing` and `concurrent.futures` on the rayon pool: each started
//! `Thread` or `Process` is a job on the pool (so at most the pool's workers run at once, as in
//! a `ThreadPoolExecutor`), locks and joins wait without holding the GIL, and a thread that
//! waits runs queued work meanwhile, so a small pool cannot deadlock on its own joins.

use super::builtins::{Args, Builtin, Method};
use super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::interpreter::{seconds_arg, Interpreter};
use super::run::ProcessState;
use super::value::{as_int, Value};
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What a `Thread` or `Process` runs: its target and arguments, until it starts.
struct Job {
    target: Value,
    args: Args,
}

/// A `threading.Thread` or `multiprocessing.Process`.
pub struct ThreadHandle {
    name: Arc<str>,
    is_main: bool,
    is_process: bool,
    daemon: bool,
    job: Mutex<Option<Job>>,
    started: AtomicBool,
    /// Set once the thread runs (on a worker, holding the GIL if there is one).
    running: AtomicBool,
    finished: AtomicBool,
}

impl std::fmt::Debug for ThreadHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ThreadHandle({})", self.name)
    }
}

impl ThreadHandle {
    /// The thread a program starts on.
    pub fn main() -> Arc<Self> {
        Arc::new(Self {
            is_main: true,
            ..Self::named("MainThread".into(), None, false)
        })
    }

    fn named(name: Arc<str>, job: Option<Job>, is_process: bool) -> Self {
        Self {
            name,
            is_main: false,
            is_process,
            daemon: false,
            started: AtomicBool::new(job.is_none()),
            job: Mutex::new(job),
            running: AtomicBool::new(false),
            finished: AtomicBool::new(false),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn is_main(&self) -> bool {
        self.is_main
    }

    pub fn is_process(&self) -> bool {
        self.is_process
    }

    pub fn is_daemon(&self) -> bool {
        self.daemon
    }

    pub fn state_name(&self) -> &'static str {
        match (self.started.load(Ordering::Acquire), self.is_finished()) {
            (false, _) => "initial",
            (true, false) => "started",
            (true, true) => "stopped",
        }
    }

    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Acquire)
    }

    pub fn finish(&self) {
        self.finished.store(true, Ordering::Release);
    }
}

/// A `threading.Lock`.
#[derive(Debug, Default)]
pub struct PyLock {
    held: AtomicBool,
}

impl PyLock {
    fn try_acquire(&self) -> bool {
        self.held
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    pub fn release(&self) -> PyResult<()> {
        if self.held.swap(false, Ordering::Release) {
            Ok(())
        } else {
            raise(RuntimeError, "release unlocked lock")
        }
    }
}

/// A `Future`: the result of work submitted to an executor, once it is done.
#[derive(Debug, Default)]
pub struct Completion {
    result: Mutex<Option<PyResult<Value>>>,
}

impl Completion {
    pub fn set(&self, result: PyResult<Value>) {
        *lock(&self.result) = Some(result);
    }

    pub fn is_done(&self) -> bool {
        lock(&self.result).is_some()
    }

    pub fn result(&self) -> Option<PyResult<Value>> {
        lock(&self.result).clone()
    }
}

/// A `ThreadPoolExecutor` (or a `multiprocessing.Pool`, whose work runs in copies of the
/// program's memory): at most `max_workers` of its jobs run at once, the rest queue.
pub struct Executor {
    max_workers: usize,
    in_processes: bool,
    state: Mutex<ExecutorState>,
}

#[derive(Default)]
struct ExecutorState {
    queue: VecDeque<(Job, Arc<Completion>, Arc<str>)>,
    workers: usize,
    unfinished: usize,
    shut_down: bool,
}

impl std::fmt::Debug for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Executor(max_workers={})", self.max_workers)
    }
}

/// The most threads (and processes) a program may start in one run.
pub const MAX_THREADS: u32 = 256;

/// Pauses between checks while waiting: short at first, for quick handovers, then longer, so
/// many waiting threads cost little.
const FIRST_PAUSE_MS: f64 = 0.05;
const LONGEST_PAUSE_MS: f64 = 0.5;

impl Interpreter<'_, '_> {
    pub(super) fn call_concurrency(&mut self, builtin: Builtin, mut args: Args) -> PyResult<Value> {
        let name = builtin.name();
        match builtin {
            Builtin::Thread | Builtin::Process => {
                self.new_thread(builtin == Builtin::Process, args)
            }
            Builtin::Lock => args.expect(name, 0, 0).map(|_| Value::Lock(Arc::default())),
            Builtin::CurrentThread => args
                .expect(name, 0, 0)
                .map(|_| Value::Thread(Arc::clone(&self.thread))),
            Builtin::ActiveCount => args
                .expect(name, 0, 0)
                .map(|_| Value::Int(self.run.active_threads().into())),
            Builtin::ThreadPoolExecutor | Builtin::Pool => {
                let keyword = if builtin == Builtin::Pool {
                    "processes"
                } else {
                    "max_workers"
                };
                let workers = args.keyword(keyword);
                args.keyword("thread_name_prefix");
                let given = args.expect(name, 0, 1)?;
                let workers = match workers.as_ref().or(given.first()) {
                    None | Some(Value::None) => self.run.workers as usize,
                    Some(value) => match as_int(value) {
                        Some(n) if n > 0 => (n as usize).min(MAX_THREADS as usize),
                        _ => return raise(ValueError, format!("{keyword} must be greater than 0")),
                    },
                };
                Ok(Value::Executor(Arc::new(Executor {
                    max_workers: workers,
                    in_processes: builtin == Builtin::Pool,
                    state: Mutex::default(),
                })))
            }
            Builtin::AsyncioRun => {
                let coroutine = args.expect(name, 1, 1)?[0].clone();
                self.asyncio_run(coroutine)
            }
            Builtin::AsyncioSleep => {
                let seconds = seconds_arg(args.expect(name, 1, 2)?)?;
                Ok(super::asyncio::Awaitable::sleep(seconds * 1000.0))
            }
            Builtin::Gather => {
                args.keyword("return_exceptions");
                args.no_more_keywords(name)?;
                Ok(super::asyncio::Awaitable::gather(args.positional))
            }
            Builtin::CreateTask => {
                args.keyword("name");
                let coroutine = args.expect(name, 1, 1)?[0].clone();
                self.create_task(coroutine)
            }
            other => raise(
                TypeError,
                format!("{}() is not callable here", other.name()),
            ),
        }
    }

    /// `threading.Thread(target=…, args=…, kwargs=…, name=…, daemon=…)`, or a `Process`.
    fn new_thread(&mut self, is_process: bool, mut args: Args) -> PyResult<Value> {
        let class = if is_process { "Process" } else { "Thread" };
        let target = args.keyword("target").unwrap_or(Value::None);
        let positional = match args.keyword("args") {
            Some(value) => value.items()?,
            None => Vec::new(),
        };
        let keywords = match args.keyword("kwargs") {
            Some(Value::Dict(pairs)) => lock(&pairs)
                .iter()
                .map(|(key, value)| (Arc::from(key.to_str()), value.clone()))
                .collect(),
            Some(Value::None) | None => Vec::new(),
            Some(other) => {
                return raise(
                    TypeError,
                    format!("kwargs must be a dict, not {}", other.type_name()),
                )
            }
        };
        let name = args.keyword("name");
        let daemon = args
            .keyword("daemon")
            .is_some_and(|value| value.is_truthy());
        if !args.positional.is_empty() {
            return raise(
                TypeError,
                format!("{class}() takes keyword arguments: {class}(target=function, args=(…))"),
            );
        }
        args.no_more_keywords(class)?;
        let number = self.run.next_thread_number(is_process);
        let name: Arc<str> = match (name, &target) {
            (Some(name), _) if !matches!(name, Value::None) => name.to_str().into(),
            (_, Value::Function(function)) => {
                format!("{class}-{number} ({})", function.code.name).into()
            }
            _ => format!("{class}-{number}").into(),
        };
        let job = Job {
            target,
            args: Args {
                positional,
                keywords,
            },
        };
        let mut handle = ThreadHandle::named(name, Some(job), is_process);
        handle.daemon = daemon;
        Ok(Value::Thread(Arc::new(handle)))
    }

    pub(super) fn call_method(
        &mut self,
        receiver: &Value,
        method: Method,
        mut args: Args,
    ) -> PyResult<Value> {
        let name = method.name();
        match (receiver, method) {
            (Value::Thread(thread), Method::Start) => {
                args.expect(name, 0, 0)?;
                self.start(thread)?;
                Ok(Value::None)
            }
            (Value::Thread(thread), Method::JoinThread) => {
                let timeout = timeout_arg(&mut args, name)?;
                if Arc::ptr_eq(thread, &self.thread) {
                    return raise(RuntimeError, "cannot join current thread");
                }
                if !thread.started.load(Ordering::Acquire) {
                    return raise(RuntimeError, "cannot join thread before it is started");
                }
                self.block_until(|| thread.is_finished(), timeout)?;
                Ok(Value::None)
            }
            (Value::Thread(thread), Method::IsAlive) => {
                args.expect(name, 0, 0)?;
                Ok(Value::Bool(
                    thread.started.load(Ordering::Acquire) && !thread.is_finished(),
                ))
            }
            (Value::Lock(lock), Method::Acquire) => {
                let blocking = args
                    .keyword("blocking")
                    .is_none_or(|value| value.is_truthy());
                let timeout = timeout_arg(&mut args, name)?.filter(|ms| *ms >= 0.0);
                let acquired = if blocking {
                    self.block_until(|| lock.try_acquire(), timeout)?
                } else {
                    lock.try_acquire()
                };
                self.locks_held += u32::from(acquired);
                Ok(Value::Bool(acquired))
            }
            (Value::Lock(lock), Method::Release) => {
                args.expect(name, 0, 0)?;
                lock.release()?;
                self.locks_held = self.locks_held.saturating_sub(1);
                Ok(Value::None)
            }
            (Value::Lock(lock), Method::Locked) => {
                args.expect(name, 0, 0)?;
                Ok(Value::Bool(lock.held.load(Ordering::Acquire)))
            }
            (Value::Executor(executor), Method::Submit) => {
                // The rest of the arguments, keywords too, are the function's.
                if args.positional.is_empty() {
                    return raise(TypeError, "submit() missing the function to run");
                }
                let target = args.positional.remove(0);
                Ok(Value::Future(self.submit(executor, target, args)?))
            }
            (Value::Executor(executor), Method::Map) => {
                let given = args.expect(name, 2, 2)?;
                let (target, items) = (given[0].clone(), given[1].items()?);
                let mut completions = Vec::with_capacity(items.len());
                for item in items {
                    let job_args = Args {
                        positional: vec![item],
                        keywords: Vec::new(),
                    };
                    completions.push(self.submit(executor, target.clone(), job_args)?);
                }
                let mut results = Vec::with_capacity(completions.len());
                for completion in completions {
                    results.push(self.wait_for(&completion, None)?);
                }
                Ok(Value::list(results))
            }
            (Value::Executor(executor), Method::Shutdown) => {
                let wait = args.keyword("wait").is_none_or(|value| value.is_truthy());
                args.expect(name, 0, 0)?;
                if wait {
                    self.shutdown(executor)?;
                } else {
                    lock(&executor.state).shut_down = true;
                }
                Ok(Value::None)
            }
            (Value::Future(completion), Method::Result) => {
                let timeout = timeout_arg(&mut args, name)?;
                self.wait_for(completion, timeout)
            }
            (Value::Future(completion), Method::Done) => {
                args.expect(name, 0, 0)?;
                Ok(Value::Bool(completion.is_done()))
            }
            _ => raise(
                AttributeError,
                format!(
                    "'{}' object has no attribute '{}'",
                    receiver.type_name(),
                    name
                ),
            ),
        }
    }

    /// `thread.start()`: the thread becomes a job on the pool. Like Python's, it returns once
    /// the thread runs (so threads started in order begin in order), or at once if every
    /// worker is busy and the thread must wait for one.
    fn start(&mut self, thread: &Arc<ThreadHandle>) -> PyResult<()> {
        let Some(job) = lock(&thread.job).take() else {
            return raise(RuntimeError, "threads can only be started once");
        };
        self.run.count_thread()?;
        thread.started.store(true, Ordering::Release);
        self.run.thread_started();
        let process = if thread.is_process {
            Arc::new(self.process.fork())
        } else {
            Arc::clone(&self.process)
        };
        let (run, started) = (self.run, Arc::clone(thread));
        self.scope.spawn_fifo(move |scope| {
            let mut interpreter = Interpreter::new(run, scope, process, Arc::clone(&started));
            // The error, if any, is reported by `run_thread`, as Python prints it.
            let _ = interpreter.run_thread(true, |interpreter| {
                started.running.store(true, Ordering::Release);
                interpreter.call(&job.target, job.args)
            });
            started.finish();
            run.thread_finished();
        });
        let run = self.run;
        self.block_until(
            || thread.running.load(Ordering::Acquire) || run.all_workers_busy(),
            None,
        )?;
        Ok(())
    }

    fn submit(
        &mut self,
        executor: &Arc<Executor>,
        target: Value,
        args: Args,
    ) -> PyResult<Arc<Completion>> {
        let completion = Arc::new(Completion::default());
        let label = job_label(&target, &args);
        let start_worker = {
            let mut state = lock(&executor.state);
            if state.shut_down {
                return raise(RuntimeError, "cannot schedule new futures after shutdown");
            }
            state
                .queue
                .push_back((Job { target, args }, Arc::clone(&completion), label));
            state.unfinished += 1;
            let start = state.workers < executor.max_workers;
            state.workers += usize::from(start);
            start
        };
        if start_worker {
            self.run.count_thread()?;
            self.run.thread_started();
            let (run, executor, process) =
                (self.run, Arc::clone(executor), Arc::clone(&self.process));
            self.scope
                .spawn_fifo(move |scope| executor_worker(run, scope, &executor, &process));
        }
        Ok(completion)
    }

    fn wait_for(&mut self, completion: &Completion, timeout_ms: Option<f64>) -> PyResult<Value> {
        if !self.block_until(|| completion.is_done(), timeout_ms)? {
            return raise(
                RuntimeError,
                "TimeoutError: the future did not finish in time",
            );
        }
        completion
            .result()
            .unwrap_or_else(|| raise(RuntimeError, "the future has no result"))
    }

    /// Waits for all the executor's work; it takes no more.
    pub(super) fn shutdown(&mut self, executor: &Executor) -> PyResult<()> {
        lock(&executor.state).shut_down = true;
        self.block_until(|| lock(&executor.state).unfinished == 0, None)?;
        Ok(())
    }

    pub(super) fn acquire_lock(&mut self, lock: &PyLock) -> PyResult<()> {
        self.block_until(|| lock.try_acquire(), None)?;
        self.locks_held += 1;
        Ok(())
    }

    /// Whether this thread, when it waits, runs queued threads on its worker meanwhile: then a
    /// thread that joins another which has no worker yet does not wait forever. The main thread
    /// does not (it has a worker of its own, not one of the pool's `workers`), nor does a
    /// thread holding a lock (a thread it ran could wait for that lock forever).
    fn helps_while_waiting(&self) -> bool {
        self.locks_held == 0 && !self.is_main()
    }

    /// Waits until `ready()` (which may take what it waits for) or `timeout_ms` passes;
    /// returns which. The GIL is released meanwhile (see also `helps_while_waiting`).
    pub(super) fn block_until(
        &mut self,
        mut ready: impl FnMut() -> bool,
        timeout_ms: Option<f64>,
    ) -> PyResult<bool> {
        if ready() {
            return Ok(true);
        }
        self.emit(EventKind::Wait);
        self.release_gil();
        let deadline_ms = timeout_ms.map(|ms| self.run.recorder.elapsed_ms() + ms);
        let mut pause_ms = FIRST_PAUSE_MS;
        let outcome = loop {
            if ready() {
                break Ok(true);
            }
            if self.run.stop.is_stopped() {
                break Err(Exception::stopped());
            }
            if deadline_ms.is_some_and(|deadline| self.run.recorder.elapsed_ms() >= deadline) {
                break Ok(false);
            }
            if self.helps_while_waiting() && rayon::yield_now() == Some(rayon::Yield::Executed) {
                pause_ms = FIRST_PAUSE_MS;
                continue;
            }
            std::thread::sleep(std::time::Duration::from_secs_f64(pause_ms / 1000.0));
            pause_ms = (pause_ms * 2.0).min(LONGEST_PAUSE_MS);
        };
        self.acquire_gil();
        self.emit(EventKind::Cpu);
        outcome
    }
}

/// One of an executor's workers: runs queued jobs, each as its own task in the log, until the
/// queue is empty.
fn executor_worker<'r>(
    run: &'r super::run::RunState<'r>,
    scope: &rayon::ScopeFifo<'r>,
    executor: &Executor,
    process: &Arc<ProcessState>,
) {
    loop {
        let next = {
            let mut state = lock(&executor.state);
            let next = state.queue.pop_front();
            if next.is_none() {
                state.workers -= 1;
            }
            next
        };
        let Some((job, completion, label)) = next else {
            run.thread_finished();
            return;
        };
        let process = if executor.in_processes {
            Arc::new(process.fork())
        } else {
            Arc::clone(process)
        };
        let thread = Arc::new(ThreadHandle::named(label, None, executor.in_processes));
        let mut interpreter = Interpreter::new(run, scope, process, thread);
        // Python keeps a job's exception in its future, for `result()` to raise.
        completion.set(
            interpreter.run_thread(false, |interpreter| interpreter.call(&job.target, job.args)),
        );
        lock(&executor.state).unfinished -= 1;
    }
}

/// A job's name in the log: the call it makes, `task(1)`.
fn job_label(target: &Value, args: &Args) -> Arc<str> {
    let function = match target {
        Value::Function(function) => function.code.name.to_string(),
        other => other.type_name().to_string(),
    };
    let args: Vec<String> = args.positional.iter().map(Value::repr).collect();
    let mut label = format!("{function}({})", args.join(", "));
    if label.chars().count() > 40 {
        label = label.chars().take(39).collect::<String>() + "…";
    }
    label.into()
}

/// A `timeout=` in seconds (keyword or first argument), as milliseconds.
fn timeout_arg(args: &mut Args, name: &str) -> PyResult<Option<f64>> {
    let keyword = args.keyword("timeout");
    let given = args.expect(name, 0, 1)?;
    match keyword.as_ref().or(given.first()) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Float(f)) if *f < 0.0 => Ok(Some(-1.0)),
        Some(value) if as_int(value).is_some_and(|i| i < 0) => Ok(Some(-1.0)),
        Some(value) => Ok(Some(seconds_arg(std::slice::from_ref(value))? * 1000.0)),
    }
}
