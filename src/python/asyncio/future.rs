//! `asyncio.Future`: a result to come, and what to do once it has come. Its callbacks go to the
//! loop's ready queue when it finishes, one hop each, as CPython's `call_soon` puts them: that
//! is what orders the lines of tasks woken together.

use super::event_loop::{with_loop, EventLoop};
use super::task::Task;
use crate::event::lock;
use crate::python::error::{raise, Exception, ExceptionKind::*, PyResult, PROGRAM_FILE};
use crate::python::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::types::exception::{to_raise, PyException};
use crate::python::value::Value;
use crate::python::vm::{Invoked, Vm};
use std::sync::{Arc, Mutex, Weak};

pub static TYPE: TypeDef = TypeDef {
    name: "Future",
    methods: &[
        native("result", |_, args| {
            args.expect("result", 0, 0)?;
            args.this::<Future>()?.result_now().map(Invoked::Value)
        }),
        native("exception", |_, args| {
            args.expect("exception", 0, 0)?;
            done(args.this::<Future>()?.exception_now()?)
        }),
        native("done", |_, args| {
            args.expect("done", 0, 0)?;
            done(Value::Bool(args.this::<Future>()?.is_done()))
        }),
        native("cancelled", |_, args| {
            args.expect("cancelled", 0, 0)?;
            done(Value::Bool(args.this::<Future>()?.is_cancelled()))
        }),
        native("cancel", |vm, mut args| {
            let message = args.keyword("msg");
            let future = args.this::<Future>()?;
            let message = message.or_else(|| args.positional.first().cloned());
            with_loop(vm, |_, event_loop| {
                done(Value::Bool(future.cancel(event_loop, message)))
            })
        }),
        native("set_result", |vm, args| {
            let value = args.expect("set_result", 1, 1)?[0].clone();
            let future = args.this::<Future>()?;
            settle(vm, &future, Outcome::Value(value))
        }),
        native("set_exception", |vm, args| {
            let exception = args.expect("set_exception", 1, 1)?[0].clone();
            let future = args.this::<Future>()?;
            let exception = to_raise(&exception)?;
            settle(vm, &future, Outcome::Raised(exception))
        }),
        native("add_done_callback", super::callbacks::add_done_callback),
        native(
            "remove_done_callback",
            super::callbacks::remove_done_callback,
        ),
    ],
    attribute: no_attributes,
};

/// How a future finished.
#[derive(Debug, Clone)]
pub enum Outcome {
    Value(Value),
    Raised(Exception),
    /// Its `CancelledError`, with the message `cancel(msg)` gave.
    Cancelled(Exception),
}

impl Outcome {
    pub fn result(&self) -> PyResult<Value> {
        match self {
            Outcome::Value(value) => Ok(value.clone()),
            Outcome::Raised(exception) | Outcome::Cancelled(exception) => Err(exception.clone()),
        }
    }

    /// What `gather(return_exceptions=True)` and `exception()` give: the exception as a value.
    pub fn value_or_exception(&self) -> Value {
        match self {
            Outcome::Value(value) => value.clone(),
            Outcome::Raised(exception) | Outcome::Cancelled(exception) => {
                PyException::caught(exception)
            }
        }
    }
}

/// What runs once a future is done.
#[derive(Clone)]
pub enum Waiter {
    /// A task suspended on it: it goes on with the future's result.
    Task(Arc<Task>),
    Call(Arc<dyn Callback>),
    /// A program's callable (`add_done_callback`), called with the task or future given here.
    Python(Value, Value),
}

/// A callback of the library's own (`gather`, `wait_for`, a timer), run from the ready queue.
pub trait Callback: Send + Sync {
    fn call(&self, event_loop: &mut EventLoop, future: &Arc<Future>);
}

#[derive(Default)]
pub struct Future {
    state: Mutex<FutureState>,
}

#[derive(Default)]
struct FutureState {
    outcome: Option<Outcome>,
    waiters: Vec<Waiter>,
    /// The task whose result it is: cancelling it cancels the task.
    task: Option<Weak<Task>>,
    /// Cancelling it cancels these instead, and it finishes when they do (`gather`,
    /// `wait_for`), as CPython's do.
    cancel_passes_to: Vec<Arc<Future>>,
    cancel_requested: bool,
    /// The timer that will finish it (a sleep's), dropped if it is cancelled first.
    timer: Option<u64>,
    /// It raised, and nothing has asked for its result or exception since (CPython's
    /// `__log_traceback`): a task let go of in this state is logged.
    unretrieved: bool,
}

impl PyObject for Future {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    /// A task's future is shown as the task (what a task's `wait_for=` shows).
    fn repr(&self) -> String {
        let task = lock(&self.state).task.as_ref().and_then(Weak::upgrade);
        if let Some(task) = task {
            return task.repr();
        }
        let state = lock(&self.state);
        let outcome = match &state.outcome {
            None => "pending".to_string(),
            Some(Outcome::Cancelled(_)) => "cancelled".to_string(),
            Some(Outcome::Value(value)) => format!("finished result={}", value.repr()),
            Some(Outcome::Raised(exception)) => format!(
                "finished exception={}",
                PyException::caught(exception).repr()
            ),
        };
        format!("<Future {outcome}{}>", state.callbacks_shown())
    }
}

impl FutureState {
    /// CPython's ` cb=[…]`: the tasks waiting on it (`Task.task_wakeup()`) and the program's
    /// callbacks (`done() at <program>:7`), the middle ones counted when there are more than
    /// two. asyncio's own callbacks (`gather`'s, `wait_for`'s) are not shown: they would
    /// name files of CPython's library.
    fn callbacks_shown(&self) -> String {
        let shown: Vec<String> = self
            .waiters
            .iter()
            .filter_map(|waiter| match waiter {
                Waiter::Task(_) => Some("Task.task_wakeup()".to_string()),
                Waiter::Python(callback, _) => Some(callback_source(callback)),
                Waiter::Call(_) => None,
            })
            .collect();
        match shown.as_slice() {
            [] => String::new(),
            [only] => format!(" cb=[{only}]"),
            [first, second] => format!(" cb=[{first}, {second}]"),
            [first, .., last] => format!(" cb=[{first}, <{} more>, {last}]", shown.len() - 2),
        }
    }
}

/// A callback as CPython's asyncio names it: a function with where it is defined.
fn callback_source(callback: &Value) -> String {
    let function = match callback {
        Value::Function(function) => Some(function),
        Value::BoundMethod(method) => match &method.1 {
            Value::Function(function) => Some(function),
            _ => None,
        },
        _ => None,
    };
    match function {
        Some(function) => format!(
            "{}() at {PROGRAM_FILE}:{}",
            function.qualname, function.code.pos.line
        ),
        None => format!("{}()", callback.repr()),
    }
}

impl Future {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// What its `repr()` lists of the callbacks waiting for it: ` cb=[…]`, or nothing.
    pub fn callbacks_shown(&self) -> String {
        lock(&self.state).callbacks_shown()
    }

    /// How it finished, for the program or the library to act on: an exception it raised
    /// counts as retrieved, as `result()` and `exception()` make it in CPython.
    pub fn outcome(&self) -> Option<Outcome> {
        let mut state = lock(&self.state);
        state.unretrieved = false;
        state.outcome.clone()
    }

    /// How it finished, only to be shown (a `repr`).
    pub fn outcome_shown(&self) -> Option<Outcome> {
        lock(&self.state).outcome.clone()
    }

    /// Whether it raised an exception nothing has retrieved.
    pub fn is_unretrieved(&self) -> bool {
        lock(&self.state).unretrieved
    }

    pub fn is_done(&self) -> bool {
        lock(&self.state).outcome.is_some()
    }

    pub fn is_cancelled(&self) -> bool {
        matches!(lock(&self.state).outcome, Some(Outcome::Cancelled(_)))
    }

    /// `result()`: raises as CPython's does if it is not done.
    pub fn result_now(&self) -> PyResult<Value> {
        match self.outcome() {
            Some(outcome) => outcome.result(),
            None => raise(InvalidStateError, "Result is not set."),
        }
    }

    /// `exception()`: the exception it finished with, or `None`.
    pub fn exception_now(&self) -> PyResult<Value> {
        match self.outcome() {
            Some(Outcome::Value(_)) => Ok(Value::None),
            Some(Outcome::Raised(exception)) => Ok(PyException::caught(&exception)),
            Some(Outcome::Cancelled(exception)) => Err(exception),
            None => raise(InvalidStateError, "Exception is not set."),
        }
    }

    /// Finishes it, its waiters in line on the ready queue; false if it was done already.
    pub fn finish(self: &Arc<Self>, event_loop: &mut EventLoop, outcome: Outcome) -> bool {
        let mut state = lock(&self.state);
        if state.outcome.is_some() {
            return false;
        }
        let cancelled = matches!(outcome, Outcome::Cancelled(_));
        state.unretrieved = matches!(outcome, Outcome::Raised(_));
        state.outcome = Some(outcome);
        let waiters = std::mem::take(&mut state.waiters);
        let timer = state.timer.take();
        drop(state);
        if let (true, Some(timer)) = (cancelled, timer) {
            event_loop.cancel_timer(timer);
        }
        for waiter in waiters {
            event_loop.schedule(waiter, self);
        }
        true
    }

    pub fn set_result(self: &Arc<Self>, event_loop: &mut EventLoop, value: Value) -> bool {
        self.finish(event_loop, Outcome::Value(value))
    }

    /// `cancel(msg)`: false if it is done. A future standing for tasks cancels them instead.
    pub fn cancel(self: &Arc<Self>, event_loop: &mut EventLoop, message: Option<Value>) -> bool {
        let state = lock(&self.state);
        if state.outcome.is_some() {
            return false;
        }
        if let Some(task) = state.task.as_ref().and_then(Weak::upgrade) {
            drop(state);
            return task.cancel(event_loop, message);
        }
        if !state.cancel_passes_to.is_empty() {
            let futures = state.cancel_passes_to.clone();
            drop(state);
            let mut cancelled = false;
            for future in futures {
                cancelled |= future.cancel(event_loop, message.clone());
            }
            lock(&self.state).cancel_requested |= cancelled;
            return cancelled;
        }
        drop(state);
        self.finish(event_loop, Outcome::Cancelled(cancelled_error(message)))
    }

    /// Runs `waiter` once it is done: at the loop's next turn if it is already.
    pub fn add_waiter(self: &Arc<Self>, event_loop: &mut EventLoop, waiter: Waiter) {
        if let Err(waiter) = self.wait_if_pending(waiter) {
            event_loop.schedule(waiter, self);
        }
    }

    /// Puts `waiter` among those the future wakes once it is done; gives it back if it is
    /// done already.
    pub fn wait_if_pending(&self, waiter: Waiter) -> Result<(), Waiter> {
        let mut state = lock(&self.state);
        if state.outcome.is_some() {
            return Err(waiter);
        }
        state.waiters.push(waiter);
        Ok(())
    }

    /// Removes the waiters `matches` picks; how many.
    pub fn remove_waiters(&self, matches: impl Fn(&Waiter) -> bool) -> usize {
        let mut state = lock(&self.state);
        let before = state.waiters.len();
        state.waiters.retain(|waiter| !matches(waiter));
        before - state.waiters.len()
    }

    /// The future of `task`'s result.
    pub fn of_task(task: Weak<Task>) -> Arc<Self> {
        let future = Self::new();
        lock(&future.state).task = Some(task);
        future
    }

    pub fn cancel_passes_to(&self, futures: Vec<Arc<Future>>) {
        lock(&self.state).cancel_passes_to = futures;
    }

    /// Whether a `cancel()` went to the tasks it stands for.
    pub fn cancel_requested(&self) -> bool {
        lock(&self.state).cancel_requested
    }

    pub fn finished_by_timer(&self, timer: u64) {
        lock(&self.state).timer = Some(timer);
    }
}

/// A `CancelledError`, with `cancel(msg)`'s message if there is one.
pub fn cancelled_error(message: Option<Value>) -> Exception {
    let mut exception = Exception::new(CancelledError, "");
    if let Some(message) = message.filter(|message| !matches!(message, Value::None)) {
        exception.message = message.to_str();
        exception.args = Some(Arc::new([message]));
    }
    exception
}

/// A program's `set_result` or `set_exception`: an error if it is done.
fn settle(vm: &mut Vm, future: &Arc<Future>, outcome: Outcome) -> PyResult<Invoked> {
    with_loop(vm, |_, event_loop| {
        if future.finish(event_loop, outcome) {
            done(Value::None)
        } else {
            raise(InvalidStateError, "invalid state")
        }
    })
}

/// `asyncio.Future()` or `loop.create_future()`.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Future", 0, 0)?;
    done(Value::Object(Future::new()))
}

/// A callback that finishes the future with a value unless it was cancelled first (a sleep's
/// timer).
pub struct Resolve(pub Value);

impl Callback for Resolve {
    fn call(&self, event_loop: &mut EventLoop, future: &Arc<Future>) {
        future.set_result(event_loop, self.0.clone());
    }
}
