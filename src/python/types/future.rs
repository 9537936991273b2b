//! `concurrent.futures.Future`: the result of submitted work, once it is done, and the threads
//! waiting for it, parked until it is.

use super::super::error::{raise, Exception, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::{address_of, done, downcast_ref, native, Args, PyObject, TypeDef};
use super::super::sched::{Scheduler, Waker};
use super::super::value::Value;
use super::super::vm::{Callback, CallbackKind, Invoked, Then, Vm};
use super::attributes::Attributes;
use super::exception::PyException;
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Future",
    methods: &[
        native("result", result),
        native("exception", exception),
        native("done", is_done),
        native("running", |_, args| {
            args.expect("running", 0, 0)?;
            let running = lock(&args.this::<Completion>()?.state).stage == Stage::Running;
            done(Value::Bool(running))
        }),
        native("cancelled", |_, args| {
            args.expect("cancelled", 0, 0)?;
            let cancelled = lock(&args.this::<Completion>()?.state).stage == Stage::Cancelled;
            done(Value::Bool(cancelled))
        }),
        native("cancel", cancel),
        native("set_result", |vm, args| {
            let value = args.expect("set_result", 1, 1)?[0].clone();
            settle(vm, &args, Ok(value))
        }),
        native("set_exception", |vm, args| {
            let given = args.expect("set_exception", 1, 1)?[0].clone();
            let exception = super::super::modules::traceback::exception_of(&given)?;
            settle(vm, &args, Err(exception))
        }),
        native("set_running_or_notify_cancel", |_, args| {
            args.expect("set_running_or_notify_cancel", 0, 0)?;
            let future = args.this::<Completion>()?;
            let mut state = lock(&future.state);
            match state.stage {
                Stage::Cancelled => done(Value::Bool(false)),
                Stage::Pending => {
                    state.stage = Stage::Running;
                    done(Value::Bool(true))
                }
                _ => raise(RuntimeError, "Future in unexpected state"),
            }
        }),
        native("add_done_callback", add_done_callback),
    ],
    attribute: |object, name| {
        let completion = downcast_ref::<Completion>(object)?;
        lock(&completion.attributes).get(name).cloned()
    },
};

#[derive(Debug, Default)]
pub struct Completion {
    state: Mutex<CompletionState>,
    /// What the program set on it (`future.url = url`), as on CPython's.
    attributes: Mutex<Attributes>,
}

#[derive(Debug, Default)]
struct CompletionState {
    stage: Stage,
    result: Option<PyResult<Value>>,
    /// Threads waiting for its result, woken with it.
    waiters: Vec<Waker>,
    /// Threads waiting for any of several futures (`as_completed`, `wait`), woken with `None`.
    any_waiters: Vec<Waker>,
    groups: Vec<Arc<AllOf>>,
    callbacks: Vec<Value>,
}

/// Where a future is in its life; the result says how a finished one ended.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    #[default]
    Pending,
    Running,
    Cancelled,
    Finished,
}

impl PyObject for Completion {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        lock(&self.attributes).set(name, value.clone());
        Ok(true)
    }

    /// CPython's: `<Future at 0x… state=finished returned int>`.
    fn repr(&self) -> String {
        let state = lock(&self.state);
        let at = address_of(self);
        let stage = match state.stage {
            Stage::Pending => "pending",
            Stage::Running => "running",
            Stage::Cancelled => "cancelled",
            Stage::Finished => "finished",
        };
        match &state.result {
            Some(Ok(value)) if state.stage == Stage::Finished => format!(
                "<Future at {at:#x} state={stage} returned {}>",
                value.type_name()
            ),
            Some(Err(error)) if state.stage == Stage::Finished => format!(
                "<Future at {at:#x} state={stage} raised {}>",
                error.type_name()
            ),
            _ => format!("<Future at {at:#x} state={stage}>"),
        }
    }
}

impl Completion {
    /// Stores the result and wakes whoever waits; returns the callbacks to call now, in the
    /// thread that finished the future, as CPython calls them.
    pub fn set(&self, result: PyResult<Value>, scheduler: &Scheduler) -> Vec<Value> {
        let mut state = lock(&self.state);
        if state.stage != Stage::Cancelled {
            state.stage = Stage::Finished;
        }
        let callbacks = std::mem::take(&mut state.callbacks);
        for waiter in state.waiters.drain(..) {
            scheduler.wake(waiter, result.clone());
        }
        for waiter in state.any_waiters.drain(..) {
            scheduler.wake(waiter, Ok(Value::None));
        }
        let groups = std::mem::take(&mut state.groups);
        state.result = Some(result);
        drop(state);
        for group in groups {
            group.one_done(scheduler);
        }
        callbacks
    }

    pub fn is_done(&self) -> bool {
        lock(&self.state).result.is_some()
    }

    pub fn result(&self) -> Option<PyResult<Value>> {
        lock(&self.state).result.clone()
    }

    /// Marks a job's future as started; `false` if it was cancelled first (the job is then
    /// skipped).
    pub fn start_running(&self) -> bool {
        let mut state = lock(&self.state);
        if state.stage == Stage::Cancelled {
            return false;
        }
        state.stage = Stage::Running;
        true
    }

    /// Calls `callback(future)` in the thread that finishes the future; `false` if it is done
    /// already (the caller then calls it).
    pub fn call_when_done(&self, callback: Value) -> bool {
        let mut state = lock(&self.state);
        let pending = state.result.is_none();
        if pending {
            state.callbacks.push(callback);
        }
        pending
    }

    /// Wakes `waker` when this future is done (at once if it is).
    pub fn wake_when_done(&self, waker: Waker, scheduler: &Scheduler) {
        let mut state = lock(&self.state);
        if state.result.is_some() {
            drop(state);
            scheduler.wake(waker, Ok(Value::None));
        } else {
            state.any_waiters.push(waker);
        }
    }
}

/// `future.result(timeout)`: the result (or the job's exception, raised), waiting for it.
pub fn await_result(vm: &mut Vm, future: &Completion, timeout: Option<f64>) -> PyResult<Invoked> {
    await_result_or(vm, future, timeout, TimeoutError)
}

/// `await_result`, raising `timed_out` if the timeout passes.
pub fn await_result_or(
    vm: &mut Vm,
    future: &Completion,
    timeout: Option<f64>,
    timed_out: ExceptionKind,
) -> PyResult<Invoked> {
    let mut state = lock(&future.state);
    if let Some(result) = &state.result {
        return result.clone().map(Invoked::Value);
    }
    let finished = vm.waker();
    state.waiters.push(finished);
    drop(state);
    let timed_out = Err(Exception::new(timed_out, ""));
    Ok(vm.block(finished, timeout, timed_out, EventKind::Wait))
}

/// A thread waiting for every future of a list (`executor.map`), woken with their results in
/// order once the last is done.
#[derive(Debug)]
struct AllOf {
    futures: Vec<Arc<Completion>>,
    left: Mutex<usize>,
    waker: Waker,
}

impl AllOf {
    fn one_done(&self, scheduler: &Scheduler) {
        let mut left = lock(&self.left);
        *left -= 1;
        if *left == 0 {
            scheduler.wake(self.waker, self.results());
        }
    }

    fn results(&self) -> PyResult<Value> {
        let mut results = Vec::with_capacity(self.futures.len());
        for future in &self.futures {
            match future.result() {
                Some(result) => results.push(result?),
                None => return raise(RuntimeError, "a future has no result"),
            }
        }
        Ok(Value::list(results))
    }
}

/// Parks the calling thread until every future is done; it resumes with their results.
pub fn wait_for_all(vm: &mut Vm, futures: Vec<Arc<Completion>>) -> Invoked {
    let waker = vm.waker();
    let group = Arc::new(AllOf {
        left: Mutex::new(futures.len() + 1),
        futures,
        waker,
    });
    for future in &group.futures {
        let mut state = lock(&future.state);
        if state.result.is_none() {
            state.groups.push(Arc::clone(&group));
        } else {
            drop(state);
            *lock(&group.left) -= 1;
        }
    }
    // The extra count kept the group from waking before every future was looked at.
    group.one_done(&vm.run.scheduler);
    vm.block(waker, None, Ok(Value::None), EventKind::Wait)
}

fn result(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "result")?;
    await_result(vm, &*args.this::<Completion>()?, timeout)
}

/// `future.exception(timeout)`: the exception the job raised, or `None`, waiting for it.
fn exception(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "exception")?;
    let future = args.this::<Completion>()?;
    if let Some(result) = future.result() {
        return exception_of(result);
    }
    let finished = vm.waker();
    future.wake_when_done(finished, &vm.run.scheduler);
    let timed_out = Err(Exception::new(TimeoutError, ""));
    let blocked = vm.block(finished, timeout, timed_out, EventKind::Wait);
    vm.then_after(
        blocked,
        Then::new(move |_, _| match future.result() {
            Some(result) => exception_of(result),
            None => raise(RuntimeError, "a future has no result"),
        }),
    )
}

/// What `exception()` gives for a finished future: its exception (a cancelled one raises).
fn exception_of(result: PyResult<Value>) -> PyResult<Invoked> {
    match result {
        Ok(_) => done(Value::None),
        Err(error) if error.kind == FuturesCancelledError => Err(error),
        Err(error) => done(PyException::caught(&error)),
    }
}

/// `future.cancel()`: a job not started yet never runs; its future raises `CancelledError`.
/// `concurrent.futures.Future()`: a future the program finishes itself, with `set_result` or
/// `set_exception` (as an executor does for the futures it gives).
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Future", 0, 0)?;
    done(Value::Object(Arc::new(Completion::default())))
}

/// `set_result` or `set_exception`: the future is done, its waiters woken, and its callbacks
/// called before it returns, as CPython calls them.
fn settle(vm: &mut Vm, args: &Args, result: PyResult<Value>) -> PyResult<Invoked> {
    let future = args.this::<Completion>()?;
    if future.is_done() {
        return raise(InvalidStateError, format!("FINISHED: {}", future.repr()));
    }
    let callbacks = future.set(result, &vm.run.scheduler);
    invoke_callbacks(args.receiver.clone(), callbacks.into_iter(), Value::None)
}

/// `future.cancel()`: whether it is cancelled; its callbacks are called first if it is now.
fn cancel(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("cancel", 0, 0)?;
    let Some(callbacks) = args.this::<Completion>()?.cancel(&vm.run.scheduler) else {
        return done(Value::Bool(false));
    };
    invoke_callbacks(
        args.receiver.clone(),
        callbacks.into_iter(),
        Value::Bool(true),
    )
}

impl Completion {
    /// Cancels the future unless its job has started: `None` if it cannot be, else the
    /// callbacks to call now (none if it was cancelled already).
    pub fn cancel(&self, scheduler: &Scheduler) -> Option<Vec<Value>> {
        let mut state = lock(&self.state);
        match state.stage {
            Stage::Cancelled => Some(Vec::new()),
            Stage::Running | Stage::Finished => None,
            Stage::Pending => {
                state.stage = Stage::Cancelled;
                drop(state);
                let cancelled = Err(Exception::new(FuturesCancelledError, ""));
                Some(self.set(cancelled, scheduler))
            }
        }
    }

    /// Queues `callbacks` with this future, for its thread to call once it is between calls
    /// (an executor's worker, after its job).
    pub fn queue_callbacks(self: &Arc<Self>, vm: &mut Vm, callbacks: Vec<Value>) {
        for callback in callbacks {
            let call = Args::new(vec![Value::Object(Arc::clone(self) as _)]);
            let queued = Callback::new(callback, call, CallbackKind::FutureDone);
            vm.thread.callbacks.push_back(queued);
        }
    }
}

/// Calls each of `callbacks` with `future` in turn, as CPython's `_invoke_callbacks`: what one
/// raises is logged (`exception calling callback for …`) and the next is called all the same;
/// then the native's call gives `result`.
fn invoke_callbacks(
    future: Value,
    mut callbacks: std::vec::IntoIter<Value>,
    result: Value,
) -> PyResult<Invoked> {
    let Some(callback) = callbacks.next() else {
        return done(result);
    };
    let call = Args::new(vec![future.clone()]);
    let (rest, rest_after_failure) = (callbacks.clone(), callbacks);
    let (failed_future, result_after_failure) = (future.clone(), result.clone());
    let logged = move |vm: &mut Vm, error| {
        vm.callback_failed(CallbackKind::FutureDone, &failed_future, &error);
        invoke_callbacks(failed_future, rest_after_failure, result_after_failure)
    };
    let then = Then::new(move |_, _| invoke_callbacks(future, rest, result)).or_caught(logged);
    Ok(Invoked::CallThen(callback, call, then))
}

/// `add_done_callback(fn)`: `fn(future)` once the future is done, at once if it is.
fn add_done_callback(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let callback = args.expect("add_done_callback", 1, 1)?[0].clone();
    if args.this::<Completion>()?.call_when_done(callback.clone()) {
        return done(Value::None);
    }
    invoke_callbacks(
        args.receiver.clone(),
        vec![callback].into_iter(),
        Value::None,
    )
}

fn is_done(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("done", 0, 0)?;
    done(Value::Bool(args.this::<Completion>()?.is_done()))
}
