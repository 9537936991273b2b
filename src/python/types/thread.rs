//! `threading.Thread` and `multiprocessing.Process`: a started thread is a new [`PyThread`] for
//! the scheduler, and `join` parks the caller until the thread ends.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::modules::os;
use super::super::registry::{done, native, Args, Native, PyObject, TypeDef};
use super::super::run::ProcessState;
use super::super::sched::{Scheduler, ThreadId, Waker};
use super::super::value::Value;
use super::super::vm::{Entry, Invoked, PyThread, Then, Vm};
use super::connection;
use super::event::PyEvent;
use super::parent_process::ParentProcess;
use super::start_method::{self, StartMethod};
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};

/// The methods of every handle (`Thread`, `Timer`, `Process`), then `$extra`.
macro_rules! handle_methods {
    ($($extra:expr),* $(,)?) => {
        &[
            native("start", start),
            native("join", join),
            native("is_alive", is_alive),
            $($extra),*
        ]
    };
}

/// A thread's (and a timer's): the handle's, the accessors before Python 3.10, which older
/// tutorials use, then `$extra`.
macro_rules! thread_methods {
    ($($extra:expr),* $(,)?) => {
        handle_methods!(
            native("getName", |vm, args| {
                vm.warn_deprecated("getName() is deprecated, get the name attribute instead")?;
                args.expect("getName", 0, 0)?;
                done(Value::str(args.this::<ThreadHandle>()?.name()))
            }),
            native("setName", |vm, args| {
                vm.warn_deprecated("setName() is deprecated, set the name attribute instead")?;
                let name = args.expect("setName", 1, 1)?[0].clone();
                args.this::<ThreadHandle>()?.set_attribute("name", &name)?;
                done(Value::None)
            }),
            native("isDaemon", |vm, args| {
                vm.warn_deprecated("isDaemon() is deprecated, get the daemon attribute instead")?;
                args.expect("isDaemon", 0, 0)?;
                done(Value::Bool(args.this::<ThreadHandle>()?.is_daemon()))
            }),
            native("setDaemon", |vm, args| {
                vm.warn_deprecated("setDaemon() is deprecated, set the daemon attribute instead")?;
                let daemonic = args.expect("setDaemon", 1, 1)?[0].clone();
                args.this::<ThreadHandle>()?
                    .set_attribute("daemon", &daemonic)?;
                done(Value::None)
            }),
            $($extra),*
        )
    };
}

pub static THREAD: TypeDef = TypeDef {
    name: "Thread",
    methods: thread_methods!(native("run", run)),
    attribute,
};

pub static TIMER: TypeDef = TypeDef {
    name: "Timer",
    methods: thread_methods!(native("cancel", |vm, args| {
        args.expect("cancel", 0, 0)?;
        if let Some(cancelled) = &args.this::<ThreadHandle>()?.cancelled {
            cancelled.set(vm);
        }
        done(Value::None)
    })),
    attribute,
};

pub static PROCESS: TypeDef = TypeDef {
    name: "Process",
    methods: handle_methods!(
        native("run", run),
        native("terminate", |vm, args| signal(
            vm,
            args,
            "terminate",
            SIGTERM
        )),
        native("kill", |vm, args| signal(vm, args, "kill", SIGKILL)),
    ),
    attribute,
};

/// `multiprocessing.current_process()` in the main process.
pub static MAIN_PROCESS: TypeDef = TypeDef {
    name: "_MainProcess",
    methods: &[],
    attribute,
};

/// The signals `terminate()` and `kill()` send, whose numbers a process's `exitcode` shows.
const SIGTERM: i128 = 15;
const SIGKILL: i128 = 9;

/// `process.terminate()`, `process.kill()`: the process ends at once, running no `finally`
/// blocks, and its `exitcode` is minus the signal's number; one not running is left alone.
fn signal(vm: &mut Vm, args: Args, name: &str, signal: i128) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    args.this::<ThreadHandle>()?
        .signal(&vm.run.scheduler, signal);
    done(Value::None)
}

/// `threading.get_ident()` of the Python thread `id`: a number the size of CPython's (the
/// address of a pthread), so that output with its ids masked reads as CPython's does.
pub fn python_ident(id: ThreadId) -> u64 {
    140_000_000_000_000 + id * 8_392_704
}

/// `threading.get_native_id()` of the Python thread `id`: the size of a Linux thread's id.
pub fn native_id(id: ThreadId) -> u64 {
    20_000 + id
}

/// A `threading.Thread` or `multiprocessing.Process`, as the program holds it.
pub struct ThreadHandle {
    name: Mutex<Arc<str>>,
    is_main: bool,
    is_process: bool,
    /// The process that made it, if it is a process (`None` for the main process).
    parent: Option<ParentProcess>,
    daemon: AtomicBool,
    /// The target and its arguments, until `run` calls it (CPython's `_target`, `_args`,
    /// `_kwargs`, which `Thread.run` deletes).
    target: Mutex<Option<(Value, Args)>>,
    /// A subclass's own `run`, bound to its instance, which the thread runs instead of the
    /// target (its `super().run()` calls the target).
    run_override: Option<Value>,
    /// A `threading.Timer`'s cancellation, which its thread waits on.
    cancelled: Option<Arc<PyEvent>>,
    /// The function `_thread.start_new_thread` started the thread with, which CPython names
    /// over an exception the thread leaves uncaught (it has no `threading.Thread`).
    started_bare: Option<Value>,
    state: Mutex<HandleState>,
}

#[derive(Default)]
struct HandleState {
    started: bool,
    finished: bool,
    /// `ident` (and `native_id`), once the thread exists.
    ident: Option<u64>,
    /// A process's `pid`, once started.
    pid: Option<u64>,
    /// A started process's memory, which `terminate()` ends.
    process: Weak<ProcessState>,
    /// A process's `exitcode` once it ends: 1 after an uncaught exception, `sys.exit`'s code,
    /// -15 when terminated (SIGTERM's number, negated as CPython gives a signal).
    exit_code: i128,
    joiners: Vec<Waker>,
    /// A process's start method, if its context chose one (else the program's at `start()`).
    start_method: Option<StartMethod>,
}

impl PyObject for ThreadHandle {
    fn type_def(&self) -> &'static TypeDef {
        if self.is_process && self.is_main {
            &MAIN_PROCESS
        } else if self.is_process {
            &PROCESS
        } else if self.cancelled.is_some() {
            &TIMER
        } else {
            &THREAD
        }
    }

    fn repr(&self) -> String {
        let class = if self.is_main && !self.is_process {
            "_MainThread"
        } else {
            self.type_def().name
        };
        self.repr_as(class)
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        match name {
            "daemon" => {
                if lock(&self.state).started {
                    return raise(RuntimeError, "cannot set daemon status of active thread");
                }
                self.daemon.store(value.is_truthy(), Ordering::Relaxed);
            }
            "name" => *lock(&self.name) = value.to_str().into(),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

impl ThreadHandle {
    /// Gives the thread its identity, when the Python thread that runs it is made.
    pub fn set_ident(&self, ident: u64) {
        lock(&self.state).ident = Some(ident);
    }

    /// The thread a program starts on.
    pub fn main() -> Arc<Self> {
        Arc::new(Self {
            is_main: true,
            ..Self::running("MainThread".into(), false)
        })
    }

    /// The process a program starts in (`multiprocessing.current_process()` there).
    pub fn main_process() -> Arc<Self> {
        Arc::new(Self {
            is_main: true,
            ..Self::running("MainProcess".into(), true)
        })
    }

    /// A thread that runs from the start (an executor's worker, the main thread).
    pub fn running(name: Arc<str>, is_process: bool) -> Self {
        Self {
            name: Mutex::new(name),
            is_main: false,
            is_process,
            parent: None,
            daemon: AtomicBool::new(false),
            target: Mutex::new(None),
            run_override: None,
            cancelled: None,
            started_bare: None,
            state: Mutex::new(HandleState {
                started: true,
                ..HandleState::default()
            }),
        }
    }

    pub fn name(&self) -> Arc<str> {
        Arc::clone(&lock(&self.name))
    }

    /// The process that started this one (`multiprocessing.parent_process()` in it).
    pub fn parent(&self) -> Option<&ParentProcess> {
        self.parent.as_ref()
    }

    /// The function of a thread `_thread.start_new_thread` started.
    pub fn started_bare(&self) -> Option<&Value> {
        self.started_bare.as_ref()
    }

    /// Marks a handle not yet shared as `_thread.start_new_thread`'s, started with `function`.
    pub fn mark_bare(self: &mut Arc<Self>, function: Value) {
        if let Some(handle) = Arc::get_mut(self) {
            handle.started_bare = Some(function);
        }
    }

    /// `ident` once the thread exists.
    pub fn ident(&self) -> Option<u64> {
        lock(&self.state).ident.map(python_ident)
    }

    pub fn is_process(&self) -> bool {
        self.is_process
    }

    /// A process made by a context's `Process`: started by the context's method.
    pub fn start_by(&self, method: StartMethod) {
        lock(&self.state).start_method = Some(method);
    }

    pub fn is_main(&self) -> bool {
        self.is_main
    }

    /// Ends a running process as `terminate()` does.
    pub fn terminate(&self, scheduler: &Scheduler) {
        self.signal(scheduler, SIGTERM);
    }

    /// Ends a running process by `signal`, which its `exitcode` shows.
    fn signal(&self, scheduler: &Scheduler, signal: i128) {
        let state = lock(&self.state);
        let running = state.process.upgrade().filter(|_| !state.finished);
        drop(state);
        if let Some(process) = running {
            self.set_exit_code(-signal);
            process.terminate(scheduler);
        }
    }

    pub fn is_daemon(&self) -> bool {
        self.daemon.load(Ordering::Relaxed)
    }

    /// Its repr as CPython's, for an instance of `class` (its own type, or a program's class
    /// deriving from it).
    pub fn repr_as(&self, class: &str) -> String {
        if !self.is_process {
            // `<Thread(Thread-1 (work), started daemon 140187…)>`.
            let mut status = self.state_name().to_string();
            if self.is_daemon() {
                status.push_str(" daemon");
            }
            if let Some(id) = lock(&self.state).ident {
                status.push_str(&format!(" {}", python_ident(id)));
            }
            return format!("<{class}({}, {status})>", self.name());
        }
        // As `multiprocessing`'s parent sees it: `<Process name='Process-1' pid=10001
        // parent=10000 stopped exitcode=0>`.
        let mut info = vec![
            class.to_string(),
            format!("name={}", Value::str(self.name()).repr()),
        ];
        if let Some(pid) = lock(&self.state).pid {
            info.push(format!("pid={pid}"));
        }
        info.push(match &self.parent {
            Some(parent) => format!("parent={}", parent.pid),
            None => "parent=None".to_string(),
        });
        info.push(self.state_name().to_string());
        if let Value::Int(code) = self.exitcode() {
            info.push(format!("exitcode={code}"));
        }
        if self.is_daemon() {
            info.push("daemon".to_string());
        }
        format!("<{}>", info.join(" "))
    }

    fn state_name(&self) -> &'static str {
        let state = lock(&self.state);
        match (state.started, state.finished) {
            (false, _) => "initial",
            (true, false) => "started",
            (true, true) => "stopped",
        }
    }

    /// The process's `exitcode` once it ends (see `HandleState::exit_code`).
    pub fn set_exit_code(&self, code: i128) {
        lock(&self.state).exit_code = code;
    }

    /// A process's `exitcode`: `None` until it ends.
    fn exitcode(&self) -> Value {
        let state = lock(&self.state);
        match state.finished {
            false => Value::None,
            true => Value::Int(state.exit_code),
        }
    }

    /// The thread has ended: its joiners wake.
    pub fn finish(&self, scheduler: &Scheduler) {
        let mut state = lock(&self.state);
        state.finished = true;
        for joiner in state.joiners.drain(..) {
            scheduler.wake(joiner, Ok(Value::None));
        }
    }
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let thread = super::super::registry::downcast::<ThreadHandle>(object)?;
    match name {
        "name" => Some(Value::str(thread.name())),
        "daemon" => Some(Value::Bool(thread.is_daemon())),
        "pid" if thread.is_process => Some(
            lock(&thread.state)
                .pid
                .map_or(Value::None, |pid| Value::Int(pid.into())),
        ),
        "exitcode" if thread.is_process => Some(thread.exitcode()),
        "ident" | "native_id" => Some(lock(&thread.state).ident.map_or(Value::None, |id| {
            let ident = if name == "ident" {
                python_ident(id)
            } else {
                native_id(id)
            };
            Value::Int(ident.into())
        })),
        _ => None,
    }
}

/// `threading.Thread(target=…, args=…, kwargs=…, name=…, daemon=…)`, or a `Process`.
pub fn new(vm: &mut Vm, args: Args, is_process: bool) -> PyResult<Invoked> {
    done(Value::Object(handle(vm, args, is_process, None)?))
}

/// A context's `Process(…)`: named after its class (`SpawnProcess-1`), started by `method`.
pub fn context_process(
    vm: &mut Vm,
    args: Args,
    class_name: &str,
    method: StartMethod,
) -> PyResult<Invoked> {
    let handle = handle(vm, args, true, Some(class_name))?;
    handle.start_by(method);
    done(Value::Object(handle))
}

/// `threading.Timer(interval, function, args=None, kwargs=None)`: a thread whose target waits
/// on `cancelled` for the interval (see `types/timer.rs`); of a subclass's `instance`, it runs
/// the instance's own `run` if its class has one.
pub fn timer(
    vm: &mut Vm,
    target: Value,
    cancelled: Arc<PyEvent>,
    instance: Option<&Value>,
) -> PyResult<Value> {
    let args = Args {
        keywords: vec![("target".into(), target)],
        ..Args::default()
    };
    let mut handle = handle(vm, args, false, None)?;
    if let Some(handle) = Arc::get_mut(&mut handle) {
        handle.cancelled = Some(cancelled);
        handle.run_override = instance.and_then(own_run);
    }
    Ok(Value::Object(handle))
}

/// `Thread.__init__(self, …)` for an instance of a subclass: its thread, which runs the
/// instance's own `run` method if its class has one, else the target.
pub fn for_subclass(
    vm: &mut Vm,
    instance: &Value,
    args: Args,
    is_process: bool,
) -> PyResult<Value> {
    // A process's default name is its class's: `Greeter-1`.
    let class = instance.type_name();
    let named = if is_process { Some(&*class) } else { None };
    let mut handle = handle(vm, args, is_process, named)?;
    if let Some(handle) = Arc::get_mut(&mut handle) {
        handle.run_override = own_run(instance);
    }
    Ok(Value::Object(handle))
}

/// The instance's `run` method, bound, if its class defines one.
fn own_run(instance: &Value) -> Option<Value> {
    let run = match instance {
        Value::Instance(of) => of.class.lookup("run"),
        _ => None,
    };
    match run {
        Some(Value::Function(_)) => super::attribute(instance, "run").ok(),
        _ => None,
    }
}

/// A new thread's handle; its default name starts with `class_name` if given, else with
/// `Thread` or `Process`.
pub fn handle(
    vm: &mut Vm,
    mut args: Args,
    is_process: bool,
    class_name: Option<&str>,
) -> PyResult<Arc<ThreadHandle>> {
    let class = if is_process { "Process" } else { "Thread" };
    let target = args.keyword("target").unwrap_or(Value::None);
    // `args=(5)`, a tutorial's classic slip: as in CPython, the thread fails when it calls
    // its target, and the thread that made it goes on.
    let mut not_iterable = None;
    let positional = match args.keyword("args") {
        Some(value) => value.items().unwrap_or_else(|_| {
            not_iterable = Some(format!(
                "{}() argument after * must be an iterable, not {}",
                qualified_name(&target),
                value.type_name()
            ));
            Vec::new()
        }),
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
    if args
        .keyword("group")
        .is_some_and(|group| !matches!(group, Value::None))
    {
        return raise(AssertionError, "group argument must be None for now");
    }
    let name = args.keyword("name");
    // Without `daemon=`, a thread is a daemon if the thread making it is, as in CPython.
    let daemon = match args.keyword("daemon") {
        None | Some(Value::None) => !is_process && vm.thread.handle.is_daemon(),
        Some(value) => value.is_truthy(),
    };
    if !args.positional.is_empty() {
        return raise(
            TypeError,
            format!("{class}() takes keyword arguments: {class}(target=function, args=(…))"),
        );
    }
    args.no_more_keywords(class)?;
    // A process always takes the next number (its `_identity`); a thread only when it needs
    // a name, as CPython's `_newname` (so `Thread-1` is the first thread without one).
    let name = name.filter(|name| name.is_truthy());
    let number = (is_process || name.is_none()).then(|| vm.run.next_thread_number(is_process));
    // A target with a `__name__` (a function, a lambda, a builtin) names the thread.
    let target_name = match &target {
        Value::None => None,
        target => super::attribute(target, "__name__").ok(),
    };
    let name: Arc<str> = match (name, target_name, number) {
        (Some(name), _, _) => name.to_str().into(),
        // A thread's default name tells its target; a process's does not.
        (None, Some(target_name), Some(number)) if !is_process => {
            format!("{class}-{number} ({})", target_name.to_str()).into()
        }
        (None, _, number) => format!(
            "{}-{}",
            class_name.unwrap_or(class),
            number.unwrap_or_default()
        )
        .into(),
    };
    let (target, call) = match not_iterable {
        Some(message) => (
            Value::Builtin(&RAISE_TYPE_ERROR),
            Args::new(vec![Value::str(message)]),
        ),
        None => (
            target,
            Args {
                positional,
                keywords,
                ..Args::default()
            },
        ),
    };
    Ok(Arc::new(ThreadHandle {
        parent: is_process.then(|| ParentProcess {
            name: vm.thread.process.handle.name(),
            pid: os::pid(vm),
        }),
        daemon: AtomicBool::new(daemon),
        target: Mutex::new(Some((target, call))),
        state: Mutex::default(),
        ..ThreadHandle::running(name, is_process)
    }))
}

/// A thread's target that raises the `TypeError` its arguments made (see `handle`).
static RAISE_TYPE_ERROR: Native = native("target", |_, args| {
    let message = args
        .positional
        .first()
        .map(Value::to_str)
        .unwrap_or_default();
    raise(TypeError, message)
});

/// A callable's name as CPython's call errors give it: `__main__.work` for the program's
/// functions and methods, the bare name for builtins.
fn qualified_name(callable: &Value) -> String {
    let name = |attribute| super::attribute(callable, attribute).map(|name| name.to_str());
    match callable {
        Value::Function(_) | Value::BoundMethod(_) => {
            format!("__main__.{}", name("__qualname__").unwrap_or_default())
        }
        _ => name("__name__").unwrap_or_else(|_| callable.type_name().to_string()),
    }
}

/// `thread.start()`: the thread becomes runnable, and, as in Python, `start` returns once it
/// runs (so threads started in order begin in order).
fn start(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("start", 0, 0)?;
    start_handle(vm, args.this::<ThreadHandle>()?)
}

/// Starts the thread (or process) of `handle`.
pub fn start_handle(vm: &mut Vm, handle: Arc<ThreadHandle>) -> PyResult<Invoked> {
    let method = lock(&handle.state)
        .start_method
        .unwrap_or_else(|| StartMethod::current(vm));
    if handle.is_process && method.runs_module() && !lock(&handle.state).started {
        // Pickled for the new process before it starts: what cannot be stops `start()`.
        if let Some((target, call)) = &*lock(&handle.target) {
            start_method::check_picklable(target)?;
            start_method::check_args_picklable(call)?;
        }
    }
    if std::mem::replace(&mut lock(&handle.state).started, true) {
        return raise(RuntimeError, "threads can only be started once");
    }
    vm.run.count_thread()?;
    let (target, call) = match &handle.run_override {
        Some(run) => (run.clone(), Args::default()),
        None => lock(&handle.target)
            .take()
            .unwrap_or((Value::None, Args::default())),
    };
    let (process, call) = if handle.is_process {
        let ((process, call), pipe_handles) = connection::forking(|| {
            let process = vm
                .thread
                .process
                .child(&vm.run.scheduler, Arc::clone(&handle), method);
            // The child's arguments are in its copy of memory.
            let call = Args {
                positional: call
                    .positional
                    .iter()
                    .map(Value::copied_for_process)
                    .collect(),
                keywords: call
                    .keywords
                    .into_iter()
                    .map(|(name, value)| (name, value.copied_for_process()))
                    .collect(),
                ..Args::default()
            };
            (process, call)
        });
        *lock(&process.pipe_handles) = pipe_handles;
        let process = Arc::new(process);
        let mut state = lock(&handle.state);
        state.pid = Some(os::pid_of(&process));
        state.process = Arc::downgrade(&process);
        drop(state);
        (process, call)
    } else {
        (Arc::clone(&vm.thread.process), call)
    };
    let (lane, _) = vm.run.recorder.start_named(handle.name());
    let mut thread = PyThread::new(
        vm.run.scheduler.new_thread_id(),
        handle,
        process,
        // `Thread()` without a target, or one whose `run()` was called already, runs nothing.
        match target {
            Value::None => Entry::Done,
            target => Entry::Target(target, call),
        },
        lane,
    );
    if thread.handle.is_process {
        // CPython's `start()` forks: it returns once the fork is done, and the child's target
        // begins a little later, after the child's own start (a new interpreter's, which then
        // runs the program's module, if the method starts it afresh).
        let boot_ms = if method.runs_module() {
            PROCESS_SPAWN_BOOT_MS
        } else {
            PROCESS_BOOT_MS
        };
        let starts_at_ms = vm.now_ms() + boot_ms;
        vm.run.spawn_at(Box::new(thread), starts_at_ms);
        let forked = vm.waker();
        return Ok(vm.block(
            forked,
            Some(PROCESS_FORK_MS),
            Ok(Value::None),
            EventKind::Wait,
        ));
    }
    if thread.handle.started_bare.is_some() {
        // `_thread.start_new_thread` returns at once: the new thread waits for its turn.
        vm.run.spawn(Box::new(thread));
        return done(Value::None);
    }
    let started = vm.waker();
    thread.starter = Some(started);
    vm.run.spawn(Box::new(thread));
    Ok(vm.block(started, None, Ok(Value::None), EventKind::Wait))
}

/// How long `Process.start()` takes (CPython 3.11's fork on Linux: 0.5-1.9 ms, most often
/// about 0.8) and when the child's target begins after `start()` was called (1.5-3.6 ms,
/// most often about 2): measured with `time.perf_counter()` in parent and child.
const PROCESS_FORK_MS: f64 = 0.8;
const PROCESS_BOOT_MS: f64 = 2.0;
/// When a spawned child's module begins after `start()` was called: CPython 3.11 starts an
/// interpreter for it, about 20 ms on this machine (its target began 35-40 ms after `start()`
/// for a program that imports `multiprocessing` and `time`, which a new interpreter imports
/// again).
const PROCESS_SPAWN_BOOT_MS: f64 = 20.0;

/// `thread.run()`: the target, called on the calling thread (what a started thread runs, and
/// what a subclass's `run` reaches through `super().run()`); once only, as CPython forgets it.
fn run(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("run", 0, 0)?;
    let handle = args.this::<ThreadHandle>()?;
    let Some((target, call)) = lock(&handle.target).take() else {
        return done(Value::None);
    };
    if matches!(target, Value::None) {
        return done(Value::None);
    }
    let called = vm.invoke(&target, call)?;
    vm.then_after(called, Then::new(|_, _| done(Value::None)))
}

/// `thread.join()`, for a native that started `thread` (`logging.handlers.QueueListener`).
pub fn join_thread(vm: &mut Vm, thread: Value) -> PyResult<Invoked> {
    join(
        vm,
        Args {
            receiver: thread,
            ..Args::default()
        },
    )
}

fn join(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout_ms = timeout_arg(&mut args, "join")?;
    let handle = args.this::<ThreadHandle>()?;
    if Arc::ptr_eq(&handle, &vm.thread.handle) {
        return raise(RuntimeError, "cannot join current thread");
    }
    let mut state = lock(&handle.state);
    if !state.started {
        return raise(RuntimeError, "cannot join thread before it is started");
    }
    if state.finished || timeout_ms.is_some_and(|ms| ms <= 0.0) {
        return done(Value::None);
    }
    let joined = vm.waker();
    state.joiners.push(joined);
    drop(state);
    Ok(vm.block(joined, timeout_ms, Ok(Value::None), EventKind::Wait))
}

fn is_alive(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("is_alive", 0, 0)?;
    let handle = args.this::<ThreadHandle>()?;
    let state = lock(&handle.state);
    done(Value::Bool(state.started && !state.finished))
}
