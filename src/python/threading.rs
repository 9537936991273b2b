//! `threading` (and `multiprocessing.Process`): a started thread is a new [`PyThread`] for the
//! scheduler; `join` and `Lock.acquire` park the calling thread instead of holding a worker,
//! and a released lock goes to its first waiter (FIFO, as CPython's threads queued on one lock
//! see in practice).

use super::builtins::{Args, Builtin, Method};
use super::error::{raise, ExceptionKind::*, PyResult};
use super::sched::{Scheduler, Waker};
use super::value::{as_int, Value};
use super::vm::{Entry, Invoked, PyThread, Vm};
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// A `threading.Thread` or `multiprocessing.Process`, as the program holds it.
pub struct ThreadHandle {
    name: Arc<str>,
    is_main: bool,
    is_process: bool,
    daemon: bool,
    /// The target and its arguments, until the thread starts.
    target: Mutex<Option<(Value, Args)>>,
    state: Mutex<HandleState>,
}

#[derive(Default)]
struct HandleState {
    started: bool,
    finished: bool,
    joiners: Vec<Waker>,
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
            ..Self::running("MainThread".into(), false)
        })
    }

    /// A thread that runs from the start (an executor's worker, the main thread).
    pub fn running(name: Arc<str>, is_process: bool) -> Self {
        Self {
            name,
            is_main: false,
            is_process,
            daemon: false,
            target: Mutex::new(None),
            state: Mutex::new(HandleState {
                started: true,
                ..HandleState::default()
            }),
        }
    }

    pub fn name(&self) -> Arc<str> {
        Arc::clone(&self.name)
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
        let state = lock(&self.state);
        match (state.started, state.finished) {
            (false, _) => "initial",
            (true, false) => "started",
            (true, true) => "stopped",
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

/// A `threading.Lock`: held or not, and the threads waiting for it, first come first served.
#[derive(Debug, Default)]
pub struct PyLock {
    state: Mutex<LockState>,
}

#[derive(Debug, Default)]
struct LockState {
    held: bool,
    waiters: VecDeque<Waker>,
}

impl PyLock {
    /// Releases the lock, handing it straight to the first thread still waiting for it.
    pub fn release(&self, scheduler: &Scheduler) -> PyResult<()> {
        let mut state = lock(&self.state);
        if !state.held {
            return raise(RuntimeError, "release unlocked lock");
        }
        while let Some(waiter) = state.waiters.pop_front() {
            if scheduler.wake(waiter, Ok(Value::Bool(true))) {
                return Ok(());
            }
        }
        state.held = false;
        Ok(())
    }

    fn is_held(&self) -> bool {
        lock(&self.state).held
    }
}

impl Vm<'_, '_> {
    pub(super) fn threading_builtin(&mut self, builtin: Builtin, args: Args) -> PyResult<Invoked> {
        let name = builtin.name();
        let value = match builtin {
            Builtin::Thread | Builtin::Process => {
                self.new_thread(builtin == Builtin::Process, args)?
            }
            Builtin::Lock => {
                args.expect(name, 0, 0)?;
                Value::Lock(Arc::default())
            }
            Builtin::CurrentThread => {
                args.expect(name, 0, 0)?;
                Value::Thread(Arc::clone(&self.thread.handle))
            }
            Builtin::ActiveCount => {
                args.expect(name, 0, 0)?;
                Value::Int(self.run.active_threads().into())
            }
            other => {
                return raise(
                    TypeError,
                    format!("{}() is not callable here", other.name()),
                )
            }
        };
        Ok(Invoked::Value(value))
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
        let call = Args {
            positional,
            keywords,
        };
        Ok(Value::Thread(Arc::new(ThreadHandle {
            daemon,
            target: Mutex::new(Some((target, call))),
            state: Mutex::default(),
            ..ThreadHandle::running(name, is_process)
        })))
    }

    pub(super) fn threading_method(
        &mut self,
        receiver: &Value,
        method: Method,
        mut args: Args,
    ) -> PyResult<Invoked> {
        let name = method.name();
        match (receiver, method) {
            (Value::Thread(thread), Method::Start) => {
                args.expect(name, 0, 0)?;
                self.start(thread)
            }
            (Value::Thread(thread), Method::JoinThread) => {
                let timeout = timeout_arg(&mut args, name)?;
                self.join(thread, timeout)
            }
            (Value::Thread(thread), Method::IsAlive) => {
                args.expect(name, 0, 0)?;
                let state = lock(&thread.state);
                Ok(Invoked::Value(Value::Bool(
                    state.started && !state.finished,
                )))
            }
            (Value::Lock(lock), Method::Acquire) => {
                let blocking = args
                    .keyword("blocking")
                    .is_none_or(|value| value.is_truthy());
                let timeout = timeout_arg(&mut args, name)?.filter(|ms| *ms >= 0.0);
                Ok(self.acquire(lock, blocking, timeout))
            }
            (Value::Lock(lock), Method::Release) => {
                args.expect(name, 0, 0)?;
                lock.release(&self.run.scheduler)?;
                Ok(Invoked::Value(Value::None))
            }
            (Value::Lock(lock), Method::Locked) => {
                args.expect(name, 0, 0)?;
                Ok(Invoked::Value(Value::Bool(lock.is_held())))
            }
            _ => self.futures_method(receiver, method, args),
        }
    }

    /// `thread.start()`: the thread becomes runnable, and, as in Python, `start` returns once
    /// it runs (so threads started in order begin in order).
    fn start(&mut self, handle: &Arc<ThreadHandle>) -> PyResult<Invoked> {
        let Some((target, args)) = lock(&handle.target).take() else {
            return raise(RuntimeError, "threads can only be started once");
        };
        self.run.count_thread()?;
        lock(&handle.state).started = true;
        let process = if handle.is_process {
            Arc::new(self.thread.process.fork(&self.run.scheduler))
        } else {
            Arc::clone(&self.thread.process)
        };
        let (lane, _) = self.run.recorder.start_named(handle.name());
        let mut thread = PyThread::new(
            self.run.scheduler.new_thread_id(),
            Arc::clone(handle),
            process,
            Entry::Target(target, args),
            lane,
        );
        let started = self.waker();
        thread.starter = Some(started);
        self.run.spawn(Box::new(thread));
        Ok(self.block(started, None, Ok(Value::None), EventKind::Wait))
    }

    fn join(&mut self, handle: &Arc<ThreadHandle>, timeout_ms: Option<f64>) -> PyResult<Invoked> {
        if Arc::ptr_eq(handle, &self.thread.handle) {
            return raise(RuntimeError, "cannot join current thread");
        }
        let mut state = lock(&handle.state);
        if !state.started {
            return raise(RuntimeError, "cannot join thread before it is started");
        }
        if state.finished || timeout_ms.is_some_and(|ms| ms <= 0.0) {
            return Ok(Invoked::Value(Value::None));
        }
        let joined = self.waker();
        state.joiners.push(joined);
        drop(state);
        Ok(self.block(joined, timeout_ms, Ok(Value::None), EventKind::Wait))
    }

    /// `lock.acquire()`, and entering `with lock:`.
    pub(super) fn acquire(
        &mut self,
        lock_: &PyLock,
        blocking: bool,
        timeout_ms: Option<f64>,
    ) -> Invoked {
        let mut state = lock(&lock_.state);
        if !state.held {
            state.held = true;
            return Invoked::Value(Value::Bool(true));
        }
        if !blocking || timeout_ms.is_some_and(|ms| ms <= 0.0) {
            return Invoked::Value(Value::Bool(false));
        }
        let acquired = self.waker();
        state.waiters.push_back(acquired);
        drop(state);
        self.block(
            acquired,
            timeout_ms,
            Ok(Value::Bool(false)),
            EventKind::Wait,
        )
    }

    /// Enters a `with` block: a lock is acquired, an executor is itself.
    pub(super) fn enter(&mut self, manager: &Value) -> PyResult<Invoked> {
        match manager {
            Value::Lock(lock) => Ok(self.acquire(lock, true, None)),
            Value::Executor(_) => Ok(Invoked::Value(manager.clone())),
            other => raise(
                TypeError,
                format!(
                    "'{}' object does not support the context manager protocol",
                    other.type_name()
                ),
            ),
        }
    }

    /// Leaves a `with` block: a lock is released, an executor waits for its work.
    pub(super) fn exit(&mut self, manager: &Value) -> PyResult<Invoked> {
        match manager {
            Value::Lock(lock) => {
                lock.release(&self.run.scheduler)?;
                Ok(Invoked::Value(Value::None))
            }
            Value::Executor(executor) => Ok(self.shutdown(executor, true)),
            _ => Ok(Invoked::Value(Value::None)),
        }
    }

    /// Leaves a `with` block an exception passes through, without waiting.
    pub(super) fn exit_quietly(&mut self, manager: &Value) {
        match manager {
            Value::Lock(lock) => {
                let _ = lock.release(&self.run.scheduler);
            }
            Value::Executor(executor) => executor.refuse_more(),
            _ => {}
        }
    }
}

/// A `timeout=` in seconds (keyword or first argument), as milliseconds; negative is none.
pub fn timeout_arg(args: &mut Args, name: &str) -> PyResult<Option<f64>> {
    let keyword = args.keyword("timeout");
    let given = args.expect(name, 0, 1)?;
    match keyword.as_ref().or(given.first()) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Float(f)) if *f < 0.0 => Ok(Some(-1.0)),
        Some(value) if as_int(value).is_some_and(|i| i < 0) => Ok(Some(-1.0)),
        Some(value) => Ok(Some(
            super::natives::seconds_arg(std::slice::from_ref(value))? * 1000.0,
        )),
    }
}
