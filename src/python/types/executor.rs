//! `concurrent.futures.ThreadPoolExecutor` and `ProcessPoolExecutor`, and the workers of
//! `multiprocessing.Pool` (see `pool.rs`): an executor starts workers (threads, or processes)
//! as work arrives, up to `max_workers`, and each worker runs queued jobs one after another,
//! each job on a timeline lane of its own.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{
    done, downcast, native, no_attributes, Args, Native, PyObject, TypeDef,
};
use super::super::run::ProcessState;
use super::super::sched::Waker;
use super::super::value::{as_int, Value};
use super::super::vm::{Callback, CallbackKind, Entry, Invoked, PyThread, Then, Vm};
use super::future::Completion;
use super::futures_wait;
use super::start_method::{self, StartMethod};
use super::thread::ThreadHandle;
use crate::event::{lock, EventKind};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Most workers an executor may have.
const MAX_WORKERS: usize = 1024;

const METHODS: &[Native] = &[
    native("submit", submit),
    native("map", map),
    native("shutdown", shutdown),
    native("__enter__", |_, args| done(args.receiver)),
    native("__exit__", |vm, args| {
        Ok(args.this::<Executor>()?.shutdown(vm, true, false))
    }),
];

pub static THREAD_POOL: TypeDef = TypeDef {
    name: "ThreadPoolExecutor",
    methods: METHODS,
    attribute: executor_attribute,
};

pub static PROCESS_POOL: TypeDef = TypeDef {
    name: "ProcessPoolExecutor",
    methods: METHODS,
    attribute: executor_attribute,
};

/// `executor._max_workers`, which programs print.
fn executor_attribute(object: &Value, name: &str) -> Option<Value> {
    match (downcast::<Executor>(object), name) {
        (Some(executor), "_max_workers") => Some(Value::Int(executor.max_workers as i128)),
        _ => None,
    }
}

/// Which executor: its workers are threads or processes, named as CPython names them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `ThreadPoolExecutor`: threads `ThreadPoolExecutor-0_0`, or `{thread_name_prefix}_0`.
    Threads,
    /// `ProcessPoolExecutor`: processes `ForkProcess-1`.
    Processes,
    /// `multiprocessing.Pool`'s workers: processes `ForkPoolWorker-1`.
    Pool,
    /// `multiprocessing.pool.ThreadPool`'s workers: threads `Thread-1 (worker)`.
    ThreadPool,
    /// A pool's result handler, the thread in the pool's process that runs the callbacks:
    /// `Thread-3 (_handle_results)`.
    ResultHandler,
}

impl Kind {
    fn in_processes(self) -> bool {
        matches!(self, Kind::Processes | Kind::Pool)
    }
}

/// Work submitted to an executor.
struct Job {
    target: Value,
    args: Args,
    future: Arc<Completion>,
    label: Arc<str>,
}

pub struct Executor {
    /// What its threads' names start with.
    prefix: Arc<str>,
    /// The number in its first worker's name, for pools (CPython numbers a pool's workers as
    /// it makes them, all at once).
    first_number: u32,
    max_workers: usize,
    kind: Kind,
    /// `initializer=` and `initargs=`: what each worker calls before its first job.
    initializer: Option<Initializer>,
    /// The process it was made in: its thread workers run there, its process workers are
    /// copies of it.
    owner: Arc<ProcessState>,
    /// How its process workers start: copies of the owner (`fork`) or afresh.
    start_method: StartMethod,
    state: Mutex<ExecutorState>,
}

/// A function and its arguments.
pub type Initializer = (Value, Vec<Value>);

/// `initializer=` and `initargs=` of an executor or a pool.
pub fn initializer_args(
    initializer: Option<Value>,
    initargs: Option<Value>,
) -> PyResult<Option<Initializer>> {
    match initializer {
        None | Some(Value::None) => Ok(None),
        Some(function) => {
            let args = match initargs {
                None | Some(Value::None) => Vec::new(),
                Some(args) => args.items()?,
            };
            Ok(Some((function, args)))
        }
    }
}

#[derive(Default)]
struct ExecutorState {
    queue: VecDeque<Job>,
    workers: usize,
    workers_named: usize,
    /// Jobs submitted and not finished.
    unfinished: usize,
    shut_down: bool,
    /// Threads in `shutdown(wait=True)`.
    idle_waiters: Vec<Waker>,
    /// A `Pool`'s processes with no worker thread running in them now.
    idle: Vec<Arc<ProcessState>>,
    /// A `Pool`'s `maxtasksperchild`: the jobs after which a process is replaced.
    max_tasks_per_child: Option<usize>,
    /// The jobs each of a `Pool`'s processes has taken, by process, with `maxtasksperchild`.
    tasks_taken: HashMap<usize, usize>,
}

impl PyObject for Executor {
    fn type_def(&self) -> &'static TypeDef {
        match self.kind {
            Kind::Threads => &THREAD_POOL,
            Kind::Processes => &PROCESS_POOL,
            Kind::Pool | Kind::ThreadPool | Kind::ResultHandler => &POOL_WORKERS,
        }
    }
}

/// A pool's own executors, which the program never sees.
static POOL_WORKERS: TypeDef = TypeDef {
    name: "Pool",
    methods: &[],
    attribute: no_attributes,
};

/// `ThreadPoolExecutor(max_workers=None, thread_name_prefix='')` or
/// `ProcessPoolExecutor(max_workers=None)`. Without a number, as CPython:
/// `min(32, os.cpu_count() + 4)` threads, or `os.cpu_count()` processes.
pub fn new(vm: &mut Vm, mut args: Args, kind: Kind) -> PyResult<Invoked> {
    let name = match kind {
        Kind::Threads => "ThreadPoolExecutor",
        _ => "ProcessPoolExecutor",
    };
    let workers = args.keyword("max_workers");
    let prefix = args.keyword("thread_name_prefix");
    let initializer = initializer_args(args.keyword("initializer"), args.keyword("initargs"))?;
    let start_method = match args.keyword("mp_context") {
        Some(context) => start_method::of_context(&context),
        None => None,
    };
    let given = args.expect(name, 0, 1)?;
    let cores = vm.run.cores as usize;
    let workers = match workers.as_ref().or(given.first()) {
        None | Some(Value::None) if kind == Kind::Threads => (cores + 4).min(32),
        None | Some(Value::None) => cores,
        Some(value) => match as_int(value) {
            Some(n) if n > 0 => (n as usize).min(MAX_WORKERS),
            _ => return raise(ValueError, "max_workers must be greater than 0"),
        },
    };
    // Numbered only without a prefix, as CPython's counter counts.
    let prefix = match prefix {
        Some(Value::Str(prefix)) if !prefix.is_empty() => prefix,
        _ => format!("ThreadPoolExecutor-{}", vm.run.next_executor_number()).into(),
    };
    let start_method = start_method.unwrap_or_else(|| StartMethod::current(vm));
    done(Value::Object(Executor::create(
        vm,
        kind,
        workers,
        prefix,
        0,
        initializer,
        start_method,
    )))
}

impl Executor {
    /// An executor of the calling thread's process, its workers named after `prefix` or
    /// numbered from `first_number`.
    pub fn create(
        vm: &Vm,
        kind: Kind,
        max_workers: usize,
        prefix: Arc<str>,
        first_number: u32,
        initializer: Option<Initializer>,
        start_method: StartMethod,
    ) -> Arc<Self> {
        let max_workers = max_workers.min(MAX_WORKERS);
        let owner = Arc::clone(&vm.thread.process);
        // A `Pool`'s processes are copies of its process as it was when the pool was made,
        // and keep their memory from one job to the next, as CPython's workers.
        let idle = match kind {
            Kind::Pool => (0..max_workers as u32)
                .rev()
                .map(|index| pool_process(vm, &owner, start_method, first_number + index))
                .collect(),
            _ => Vec::new(),
        };
        Arc::new(Executor {
            prefix,
            first_number,
            max_workers,
            kind,
            initializer,
            owner,
            start_method,
            state: Mutex::new(ExecutorState {
                idle,
                ..ExecutorState::default()
            }),
        })
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// `initializer(*initargs)`, its arguments copied for a worker in a process of its own.
    fn initializer_call(&self) -> Option<Callback> {
        let (function, initargs) = self.initializer.as_ref()?;
        let mut args = Args::new(initargs.clone());
        if self.kind.in_processes() {
            args.copy_for_process();
        }
        Some(Callback::new(
            function.clone(),
            args,
            CallbackKind::Uncaught,
        ))
    }

    /// A pool's initializer, run once by each worker from `slot` on, in turn, as the pool is
    /// made (CPython's workers run it as they start, before any job; a worker started again
    /// later here, for work that came after its queue ran dry, does not run it again). Each
    /// runs in the worker's process (a `ThreadPool`'s: the pool's), and the caller goes on once
    /// it has started, as `Thread.start` returns; then `made` is the result.
    pub fn initialize_workers(
        self: &Arc<Self>,
        vm: &mut Vm,
        slot: usize,
        made: Value,
    ) -> PyResult<Invoked> {
        if slot == self.max_workers {
            return done(made);
        }
        // A pool's processes started afresh run the program's module as they start (see
        // `PyThread::run_module_first`), before any initializer.
        let afresh = self.kind == Kind::Pool && self.start_method.runs_module();
        let entry = match self.initializer_call() {
            Some(initializer) => Entry::Target(initializer.function, initializer.args),
            None if afresh => Entry::Done,
            None => return done(made),
        };
        vm.run.count_thread()?;
        let idle = lock(&self.state).idle.iter().rev().nth(slot).cloned();
        let (process, name): (_, Arc<str>) = match idle {
            Some(process) => {
                let name = process.handle.name();
                (process, name)
            }
            None => (
                Arc::clone(&self.owner),
                pool_thread_name(self.first_number + slot as u32),
            ),
        };
        let (lane, _) = vm.run.recorder.start_named(Arc::clone(&name));
        let handle = Arc::new(ThreadHandle::running(name, self.kind.in_processes()));
        let mut worker = PyThread::new(
            vm.run.scheduler.new_thread_id(),
            handle,
            process,
            entry,
            lane,
        );
        let started = vm.waker();
        worker.starter = Some(started);
        vm.run.spawn(Box::new(worker));
        let waited = vm.block(started, None, Ok(Value::None), EventKind::Wait);
        let pool = Arc::clone(self);
        vm.then_after(
            waited,
            Then::new(move |vm, _| pool.initialize_workers(vm, slot + 1, made)),
        )
    }

    /// A `Pool`'s `maxtasksperchild`: each process ends after that many jobs, and a new one
    /// takes its place.
    pub fn replace_processes_after(&self, tasks: usize) {
        lock(&self.state).max_tasks_per_child = Some(tasks);
    }

    /// Takes no more work.
    pub fn refuse_more(&self) {
        lock(&self.state).shut_down = true;
    }

    pub fn is_shut_down(&self) -> bool {
        lock(&self.state).shut_down
    }

    /// Takes no more work and drops what has not started (`Pool.terminate()`); whoever waits
    /// for a dropped job waits on, as in CPython.
    pub fn drop_queued(&self, vm: &Vm) {
        let mut state = lock(&self.state);
        state.shut_down = true;
        let dropped = std::mem::take(&mut state.queue);
        for _ in dropped {
            one_less_unfinished(&mut state, vm);
        }
    }

    pub fn submit(
        self: &Arc<Self>,
        vm: &mut Vm,
        target: Value,
        args: Args,
    ) -> PyResult<Arc<Completion>> {
        let future = Arc::new(Completion::default());
        self.submit_into(vm, target, args, Arc::clone(&future), None)?;
        Ok(future)
    }

    /// Queues `target(*args)`, its result to go to `future`. A worker thread started for it
    /// wakes `starter`, if given, when it runs (see [`PyThread::starter`]); whether one was.
    pub fn submit_into(
        self: &Arc<Self>,
        vm: &mut Vm,
        target: Value,
        mut args: Args,
        future: Arc<Completion>,
        starter: Option<Waker>,
    ) -> PyResult<bool> {
        let label = job_label(&target, &args);
        // A process works on copies of what it is sent, as if pickled; what CPython cannot
        // pickle (a lambda) fails the job before any process sees it.
        if self.kind.in_processes() {
            let sendable = start_method::check_picklable(&target)
                .and_then(|()| start_method::check_args_picklable(&args));
            if let Err(error) = sendable {
                future.set(Err(error), &vm.run.scheduler);
                return Ok(false);
            }
            args.copy_for_process();
        }
        let worker_number = {
            let mut state = lock(&self.state);
            if state.shut_down {
                return raise(RuntimeError, "cannot schedule new futures after shutdown");
            }
            state.queue.push_back(Job {
                target,
                args,
                future: Arc::clone(&future),
                label,
            });
            state.unfinished += 1;
            let start = state.workers < self.max_workers;
            state.workers += usize::from(start);
            state.workers_named += usize::from(start);
            // A worker started for the only job queued takes it at once, as CPython's new
            // thread does before its starter goes on: the job is running (too late to cancel).
            if start && state.queue.len() == 1 {
                future.start_running();
            }
            let idle = match start {
                true => state.idle.pop(),
                false => None,
            };
            start.then_some((state.workers_named, state.workers, idle))
        };
        match worker_number {
            Some((number, alive, idle)) => self.start_worker(vm, number, alive, idle, starter),
            None => Ok(false),
        }
    }

    /// Starts worker `number` (`alive` running with it), in `idle`, a `Pool`'s process, if
    /// given. It wakes `starter`, if given, when it runs; whether one was.
    fn start_worker(
        self: &Arc<Self>,
        vm: &mut Vm,
        number: usize,
        alive: usize,
        idle: Option<Arc<ProcessState>>,
        starter: Option<Waker>,
    ) -> PyResult<bool> {
        vm.run.count_thread()?;
        // CPython's pool threads live as long as the pool: one started again here (for
        // work that came after its queue ran dry) has the name of one that ended.
        let pooled = self.first_number + alive as u32 - 1;
        // A `Pool` has an idle process for each worker it starts, but for those that ended
        // after `maxtasksperchild` jobs: their successors are new, and start as the first did.
        let replaces_process = self.kind == Kind::Pool && idle.is_none();
        let idle = match replaces_process {
            true => {
                let number = vm.run.next_thread_number(true);
                Some(pool_process(vm, &self.owner, self.start_method, number))
            }
            false => idle,
        };
        let name: Arc<str> = match (self.kind, &idle) {
            (_, Some(process)) => process.handle.name(),
            (Kind::Threads, _) => format!("{}_{}", self.prefix, number - 1).into(),
            (Kind::Processes, _) => {
                // CPython starts its executor's manager thread with the first worker.
                if number == 1 {
                    vm.run.next_thread_number(false);
                }
                // It numbers these with `Process`es, as it starts them.
                format!(
                    "{}Process-{}",
                    self.start_method.title(),
                    vm.run.next_thread_number(true)
                )
                .into()
            }
            // (A `Pool`'s worker always has its process by now.)
            (Kind::ThreadPool | Kind::Pool, _) => pool_thread_name(pooled),
            (Kind::ResultHandler, _) => {
                format!("Thread-{} (_handle_results)", self.first_number).into()
            }
        };
        let in_processes = self.kind.in_processes();
        let handle = Arc::new(ThreadHandle::running(name, in_processes));
        let process = match idle {
            Some(process) => process,
            None if in_processes => Arc::new(self.owner.child(
                &vm.run.scheduler,
                Arc::clone(&handle),
                self.start_method,
            )),
            None => Arc::clone(&self.owner),
        };
        // Each job gets a lane of its own when it starts (see `next_job`).
        let mut worker = PyThread::new(
            vm.run.scheduler.new_thread_id(),
            handle,
            process,
            Entry::Worker(Arc::clone(self)),
            0,
        );
        // A pool's workers ran it when the pool was made (`initialize_workers`), but in a
        // process that replaces one.
        if !matches!(self.kind, Kind::Pool | Kind::ThreadPool) || replaces_process {
            worker.callbacks.extend(self.initializer_call());
        }
        let waits = starter.is_some();
        worker.starter = starter;
        vm.run.spawn(Box::new(worker));
        Ok(waits)
    }

    /// `shutdown(wait=…, cancel_futures=…)`: takes no more work; with `cancel_futures`,
    /// cancels the jobs not started (workers skip them); with `wait`, waits for the rest.
    pub fn shutdown(&self, vm: &mut Vm, wait: bool, cancel_futures: bool) -> Invoked {
        let mut state = lock(&self.state);
        state.shut_down = true;
        if cancel_futures {
            let queued: Vec<_> = state
                .queue
                .iter()
                .map(|job| Arc::clone(&job.future))
                .collect();
            drop(state);
            for future in queued {
                let callbacks = future.cancel(&vm.run.scheduler).unwrap_or_default();
                future.queue_callbacks(vm, callbacks);
            }
            state = lock(&self.state);
        }
        if !wait || state.unfinished == 0 {
            return Invoked::Value(Value::None);
        }
        let idle = vm.waker();
        state.idle_waiters.push(idle);
        drop(state);
        vm.block(idle, None, Ok(Value::None), EventKind::Wait)
    }

    /// A worker's next job, on a lane of its own, its future kept by the worker thread;
    /// `None` when the queue is empty or its `Pool` process has done its `maxtasksperchild`
    /// jobs (the worker then ends).
    pub fn next_job(self: &Arc<Self>, vm: &mut Vm) -> Option<(Value, Args)> {
        if std::mem::take(&mut vm.thread.job_settling) {
            self.job_settled(vm);
        }
        let job = loop {
            let mut state = lock(&self.state);
            if self.has_done_its_tasks(&mut state, &vm.thread.process) {
                // Its process ends. CPython's pool starts another at once; one that work would
                // wait for starts here now, any other with the next job (see `start_worker`):
                // the pool has most often ended by the time CPython notices the exit.
                if state.queue.is_empty() {
                    state.workers -= 1;
                    return None;
                }
                state.workers_named += 1;
                let (number, alive) = (state.workers_named, state.workers);
                drop(state);
                if self.start_worker(vm, number, alive, None, None).is_ok() {
                    return None;
                }
                // Past the program's limit of threads, this process goes on with the work.
                continue;
            }
            let Some(job) = state.queue.pop_front() else {
                state.workers -= 1;
                if self.kind == Kind::Pool {
                    state.idle.push(Arc::clone(&vm.thread.process));
                }
                return None;
            };
            if job.future.start_running() {
                if state.max_tasks_per_child.is_some() {
                    *state
                        .tasks_taken
                        .entry(process_key(&vm.thread.process))
                        .or_default() += 1;
                }
                break job;
            }
            // Cancelled before it started: it never runs.
            one_less_unfinished(&mut state, vm);
        };
        let (lane, _) = vm.run.recorder.start_named(job.label);
        vm.thread.lane = lane;
        vm.thread.shown = EventKind::Start;
        vm.show(EventKind::Cpu);
        vm.thread.job = Some(job.future);
        Some((job.target, job.args))
    }

    /// Whether `process`, a `Pool`'s, has taken its `maxtasksperchild` jobs (then it is
    /// forgotten: its worker ends).
    fn has_done_its_tasks(&self, state: &mut ExecutorState, process: &Arc<ProcessState>) -> bool {
        let Some(max) = state.max_tasks_per_child else {
            return false;
        };
        let key = process_key(process);
        let done = state
            .tasks_taken
            .get(&key)
            .is_some_and(|&taken| taken >= max);
        if done {
            state.tasks_taken.remove(&key);
        }
        done
    }

    /// A job has returned or raised: its future gets the result (Python keeps a job's
    /// exception there for `result()` to raise), and its callbacks run next in this thread.
    pub fn job_done(&self, vm: &mut Vm, future: Arc<Completion>, result: PyResult<Value>) {
        // It goes back to the parent as a copy, as if pickled.
        let result = match self.kind.in_processes() {
            true => result.map(|value| value.copied_for_process()),
            false => result,
        };
        let callbacks = future.set(result, &vm.run.scheduler);
        future.queue_callbacks(vm, callbacks);
        vm.thread.job_settling = true;
    }

    /// A job and its callbacks are done: `shutdown(wait=True)` may return once all are.
    fn job_settled(&self, vm: &mut Vm) {
        vm.show(EventKind::End);
        one_less_unfinished(&mut lock(&self.state), vm);
    }
}

/// A `Pool`'s process `ForkPoolWorker-{number}` (as the start method names it), a child of
/// `owner`: its handle is the process's own, not that of a worker thread running in it.
fn pool_process(
    vm: &Vm,
    owner: &ProcessState,
    start_method: StartMethod,
    number: u32,
) -> Arc<ProcessState> {
    let name = format!("{}PoolWorker-{number}", start_method.title()).into();
    let handle = Arc::new(ThreadHandle::running(name, true));
    Arc::new(owner.child(&vm.run.scheduler, handle, start_method))
}

/// A process's identity, for `ExecutorState::tasks_taken`.
fn process_key(process: &Arc<ProcessState>) -> usize {
    Arc::as_ptr(process) as usize
}

/// A job is over (done, or cancelled before it ran): `shutdown(wait=True)` returns once none
/// is left.
fn one_less_unfinished(state: &mut ExecutorState, vm: &Vm) {
    state.unfinished -= 1;
    if state.unfinished == 0 {
        for waiter in state.idle_waiters.drain(..) {
            vm.run.scheduler.wake(waiter, Ok(Value::None));
        }
    }
}

fn submit(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    // The rest of the arguments, keywords too, are the function's.
    if args.positional.is_empty() {
        return raise(TypeError, "submit() missing the function to run");
    }
    let executor = args.this::<Executor>()?;
    let target = args.positional.remove(0);
    let call = Args {
        positional: args.positional,
        keywords: args.keywords,
        ..Args::default()
    };
    let calls = VecDeque::from([call]);
    submit_each(vm, executor, target, calls, Vec::new(), |futures| {
        Value::Object(Arc::clone(&futures[0]) as _)
    })
}

/// Submits `target(*call)` for each call, then gives `finish` of their futures. As
/// `Thread.start()`, which CPython's `submit` calls when it starts a worker: the worker runs
/// first, and takes the job it was started for, so what the job prints at once comes before
/// what the caller prints next (`map` starts a worker for each of its first jobs, each in turn).
fn submit_each(
    vm: &mut Vm,
    executor: Arc<Executor>,
    target: Value,
    mut calls: VecDeque<Args>,
    mut futures: Vec<Arc<Completion>>,
    finish: fn(Vec<Arc<Completion>>) -> Value,
) -> PyResult<Invoked> {
    while let Some(call) = calls.pop_front() {
        let future = Arc::new(Completion::default());
        let started = vm.waker();
        let starting = executor.kind == Kind::Threads;
        let waits = executor.submit_into(
            vm,
            target.clone(),
            call,
            Arc::clone(&future),
            starting.then_some(started),
        )?;
        futures.push(future);
        if waits {
            let start = vm.block(started, None, Ok(Value::None), EventKind::Wait);
            let rest =
                Then::new(move |vm, _| submit_each(vm, executor, target, calls, futures, finish));
            return vm.then_after(start, rest);
        }
    }
    done(finish(futures))
}

/// `executor.map(fn, *iterables)`: every call submitted now, their results given lazily, in
/// order, as each is ready (a job's exception raised when its turn comes).
fn map(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    args.keyword("timeout");
    args.keyword("chunksize");
    if args.positional.len() < 2 {
        return raise(TypeError, "map() missing the function or the iterable");
    }
    let target = args.positional.remove(0);
    let columns = args
        .positional
        .iter()
        .map(Value::items)
        .collect::<PyResult<Vec<_>>>()?;
    let len = columns.iter().map(Vec::len).min().unwrap_or(0);
    let executor = args.this::<Executor>()?;
    let calls = (0..len)
        .map(|row| Args::new(columns.iter().map(|column| column[row].clone()).collect()))
        .collect();
    let futures = Vec::with_capacity(len);
    submit_each(vm, executor, target, calls, futures, |futures| {
        futures_wait::results_in_order(futures)
    })
}

fn shutdown(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let wait = args.keyword("wait");
    let cancel_futures = args.keyword("cancel_futures");
    let given = args.expect("shutdown", 0, 2)?;
    let wait = wait.as_ref().or(given.first()).is_none_or(Value::is_truthy);
    let cancel_futures = cancel_futures
        .as_ref()
        .or(given.get(1))
        .is_some_and(Value::is_truthy);
    Ok(args.this::<Executor>()?.shutdown(vm, wait, cancel_futures))
}

/// A job's name in the log: the call it makes, `task(1)`.
fn job_label(target: &Value, args: &Args) -> Arc<str> {
    let function = match target {
        Value::Function(function) => function.name.to_string(),
        other => other.type_name().to_string(),
    };
    let args: Vec<String> = args.positional.iter().map(Value::repr).collect();
    let mut label = format!("{function}({})", args.join(", "));
    if label.chars().count() > 40 {
        label = label.chars().take(39).collect::<String>() + "…";
    }
    label.into()
}

/// A pool's worker thread: `Thread-3 (worker)`, numbered as CPython numbers it.
fn pool_thread_name(number: u32) -> Arc<str> {
    format!("Thread-{number} (worker)").into()
}
