//! `asyncio` on the VM, laid out as CPython's: `asyncio.run` turns the calling thread into an
//! event loop (`event_loop.rs`) whose ready queue holds task steps and futures' callbacks, run
//! an iteration at a time, so lines print in CPython's order. A task (`task.rs`) is a stack of
//! suspended frames; `await` on a coroutine runs its frame like a call, and `await` on a future
//! (`future.rs`) not done suspends the task until the future's callbacks wake it. The
//! primitives (`sync.rs`, `queue.rs`), the combinators (`wait.rs`), `TaskGroup` and the bridge
//! to threads are futures and callbacks, as in CPython. With nothing ready the thread parks
//! until the earliest timer, so the loop holds no worker. Each task is its own lane in the
//! timeline.

mod async_generator;
mod barrier;
mod callbacks;
mod event_loop;
mod future;
pub(in crate::python) mod inbox;
mod loop_handle;
pub mod protocols;
mod queue;
mod runner;
mod shield;
mod sync;
mod task;
mod task_group;
mod threads;
mod timeout;
mod wait;

pub use async_generator::{aiter, anext, AsyncGenerator};
pub use barrier::new as new_barrier;
pub use event_loop::{is_future, run, sleep, EventLoop};
pub use future::{new as new_future, Future};
pub use loop_handle::{
    get_event_loop, get_running_loop, log_destroyed_pending, new_event_loop,
    run_coroutine_threadsafe, set_event_loop,
};
pub use queue::new as new_queue;
pub use runner::new as new_runner;
pub use shield::shield;
pub use sync::{
    new_bounded_semaphore, new_condition, new_event, new_lock, new_semaphore_plain as new_semaphore,
};
pub use task::{all_tasks, create_task, current_task};
pub use task_group::new as new_task_group;
pub use threads::{to_thread, wrap_future};
pub use timeout::{new as timeout, new_at as timeout_at};
pub use wait::{as_completed, gather, wait, wait_for};

use super::error::{raise, ExceptionKind::*, PyResult};
use super::value::Value;
use super::vm::{Frame, Vm};
use crate::event::{lock, EventKind};
use std::sync::{Arc, Mutex};

/// What calling an `async def` gives: its frame, not yet run.
#[derive(Debug)]
pub struct Coroutine {
    name: Arc<str>,
    frame: Mutex<Option<Box<Frame>>>,
}

impl Coroutine {
    /// Named as CPython's reprs and warnings name it, by its function's qualified name
    /// (`Worker.fetch`).
    pub fn new(frame: Box<Frame>) -> Self {
        Self {
            name: Arc::clone(&frame.code().qualname),
            frame: Mutex::new(Some(frame)),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn take(&self) -> PyResult<Box<Frame>> {
        lock(&self.frame).take().map_or_else(
            || raise(RuntimeError, "cannot reuse already awaited coroutine"),
            Ok,
        )
    }
}

/// A coroutine of the library (`asyncio.sleep(1)`, `queue.get()`): what it does runs when it
/// is awaited, or when the task made of it starts, as a coroutine's body does.
pub struct Awaitable {
    name: &'static str,
    start: Mutex<Option<Start>>,
}

type Start = Box<dyn FnOnce(&mut Vm, &mut EventLoop) -> PyResult<Started> + Send>;

/// What a library coroutine does once started, or once what it waited for is done.
pub enum Started {
    Done(Value),
    Wait(Wait),
    /// `asyncio.sleep(0, result)`: the task lets the others run once.
    Yield(Value),
    /// The coroutine calls the program's function (`Condition.wait_for`'s predicate) on the
    /// task's thread and goes on with `Then`, given what it returned; what it raises goes to
    /// the task's `await`.
    Call(Value, Then),
}

/// A library coroutine waiting for a future: it goes on with `then`, given the future's
/// result, or gives that result.
pub struct Wait {
    future: Arc<Future>,
    then: Option<Then>,
    shown: EventKind,
}

/// What a library coroutine does after an `await` of its own (CPython's code after it).
pub type Then =
    Box<dyn FnOnce(&mut Vm, &mut EventLoop, PyResult<Value>) -> PyResult<Started> + Send>;

impl Started {
    pub fn wait(future: Arc<Future>) -> Self {
        Started::Wait(Wait {
            future,
            then: None,
            shown: EventKind::Wait,
        })
    }

    pub fn sleep(future: Arc<Future>) -> Self {
        Started::Wait(Wait {
            future,
            then: None,
            shown: EventKind::Sleep,
        })
    }

    pub fn wait_then(
        future: Arc<Future>,
        then: impl FnOnce(&mut Vm, &mut EventLoop, PyResult<Value>) -> PyResult<Started>
            + Send
            + 'static,
    ) -> Self {
        Started::Wait(Wait {
            future,
            then: Some(Box::new(then)),
            shown: EventKind::Wait,
        })
    }
}

impl Started {
    /// This, then `next` with its result, ok or not (CPython's code after an `await`,
    /// `try`/`except` around it included). A yield gives way to `next` at once.
    pub fn and_then(
        self,
        vm: &mut Vm,
        event_loop: &mut EventLoop,
        next: Then,
    ) -> PyResult<Started> {
        match self {
            Started::Done(value) | Started::Yield(value) => next(vm, event_loop, Ok(value)),
            Started::Wait(Wait {
                future,
                then: None,
                shown,
            }) => Ok(Started::Wait(Wait {
                future,
                then: Some(next),
                shown,
            })),
            Started::Wait(Wait {
                future,
                then: Some(first),
                shown,
            }) => Ok(Started::Wait(Wait {
                future,
                then: Some(chain(first, next)),
                shown,
            })),
            Started::Call(function, first) => Ok(Started::Call(function, chain(first, next))),
        }
    }
}

/// `first`, then `next` with what comes of it.
fn chain(first: Then, next: Then) -> Then {
    Box::new(
        move |vm, event_loop, result| match first(vm, event_loop, result) {
            Ok(started) => started.and_then(vm, event_loop, next),
            Err(error) => next(vm, event_loop, Err(error)),
        },
    )
}

/// The name of a coroutine that nothing else holds and that never ran, which CPython warns
/// about as it frees it ("coroutine 'work' was never awaited"): `work()` or
/// `asyncio.sleep(1)` as a statement, where the program meant to await it.
pub fn never_awaited(value: &Value) -> Option<&str> {
    match value {
        Value::Coroutine(coroutine) if Arc::strong_count(coroutine) == 1 => {
            lock(&coroutine.frame).is_some().then_some(coroutine.name())
        }
        Value::Awaitable(awaitable) if Arc::strong_count(awaitable) == 1 => {
            lock(&awaitable.start).is_some().then_some(awaitable.name)
        }
        _ => None,
    }
}

impl Awaitable {
    /// A library coroutine that does `start` when awaited.
    pub fn coroutine(
        name: &'static str,
        start: impl FnOnce(&mut Vm, &mut EventLoop) -> PyResult<Started> + Send + 'static,
    ) -> Value {
        Value::Awaitable(Arc::new(Self {
            name,
            start: Mutex::new(Some(Box::new(start))),
        }))
    }

    /// A coroutine that gives `value` at once.
    pub fn ready(name: &'static str, value: Value) -> Value {
        Self::coroutine(name, |_, _| Ok(Started::Done(value)))
    }

    pub fn name(&self) -> &str {
        self.name
    }

    /// Whether CPython's is a future, not a coroutine (`gather(…)`'s): run by
    /// `run_until_complete`, it is no task, and takes no task's number.
    pub(super) fn is_future(&self) -> bool {
        self.name == "gather"
    }

    fn start(&self, vm: &mut Vm, event_loop: &mut EventLoop) -> PyResult<Started> {
        let start = lock(&self.start).take();
        match start {
            Some(start) => start(vm, event_loop),
            None => raise(RuntimeError, "cannot reuse already awaited coroutine"),
        }
    }
}

impl std::fmt::Debug for Awaitable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<coroutine object {}>", self.name)
    }
}

/// A set of the values (`asyncio.wait`'s results, `all_tasks()`).
fn set_of(items: Vec<Value>) -> PyResult<Value> {
    super::types::set::new(&super::registry::Args::new(vec![Value::list(items)]), false)
}

/// `asyncio.ensure_future(aw)`: a task or future as it is, a coroutine wrapped in a task. Outside
/// a running loop, Python 3.6's way: the task is one of the loop `get_event_loop()` gives, and
/// runs once that loop does.
pub fn ensure_future(vm: &mut Vm, mut args: super::registry::Args) -> PyResult<super::vm::Invoked> {
    let handle = args
        .keyword("loop")
        .filter(|handle| !matches!(handle, Value::None));
    let awaitable = args.expect("ensure_future", 1, 1)?[0].clone();
    let is_coroutine = matches!(awaitable, Value::Coroutine(_) | Value::Awaitable(_));
    if is_coroutine && (handle.is_some() || vm.thread.event_loop.is_none()) {
        let handle = match handle {
            Some(handle) => handle,
            None => loop_handle::event_loop(vm)?,
        };
        let task = loop_handle::create_task(vm, &handle, awaitable, None)?;
        return Ok(super::vm::Invoked::Value(Value::Object(task)));
    }
    event_loop::with_loop(vm, |vm, event_loop| {
        let (value, _) = event_loop.ensure_future(vm, awaitable)?;
        Ok(super::vm::Invoked::Value(value))
    })
}
