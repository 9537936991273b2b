//! `asyncio.timeout(delay)` and `timeout_at(when)` (3.11): an `async with` that cancels its
//! task when the time is out, and turns that cancel into `TimeoutError` at its exit.

use super::event_loop::with_loop;
use super::future::{Callback, Future};
use super::protocols::is_cancelled_error;
use super::task::Task;
use super::wait::seconds;
use super::{Awaitable, EventLoop, Started};
use crate::event::lock;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::modules::time::real;
use crate::python::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::value::Value;
use crate::python::vm::{Invoked, Vm};
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Timeout",
    methods: &[
        native("__aenter__", |_, args| {
            let this = args.this::<Timeout>()?;
            done(Awaitable::coroutine("__aenter__", move |vm, event_loop| {
                this.enter(vm, event_loop)
            }))
        }),
        native("__aexit__", |vm, args| {
            let this = args.this::<Timeout>()?;
            let exception = args.positional.get(1).cloned().unwrap_or(Value::None);
            with_loop(vm, |_, event_loop| this.exit(event_loop, &exception))?;
            done(Awaitable::ready("__aexit__", Value::None))
        }),
        native("expired", |_, args| {
            args.expect("expired", 0, 0)?;
            done(Value::Bool(lock(&args.this::<Timeout>()?.state).expired))
        }),
    ],
    attribute: no_attributes,
};

pub struct Timeout {
    /// `None` never expires.
    deadline: Option<Deadline>,
    state: Mutex<TimeoutState>,
}

#[derive(Clone, Copy)]
enum Deadline {
    /// `timeout(delay)`: this long after the block starts.
    AfterMs(f64),
    /// `timeout_at(when)`: at this time of the loop's clock (`loop.time()`, in ms).
    AtMs(f64),
}

#[derive(Default)]
struct TimeoutState {
    task: Option<Arc<Task>>,
    timer: Option<u64>,
    expired: bool,
    /// The task's `cancelling()` on entry: a cancel beyond it is not the timeout's.
    cancelling: u32,
}

impl PyObject for Timeout {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let expired = if lock(&self.state).expired {
            "expired"
        } else {
            "active"
        };
        format!("<Timeout [{expired}]>")
    }
}

impl Timeout {
    fn enter(self: &Arc<Self>, vm: &mut Vm, event_loop: &mut EventLoop) -> PyResult<Started> {
        let Some(task) = event_loop.current_task() else {
            return raise(RuntimeError, "Timeout should be used inside a task");
        };
        let mut state = lock(&self.state);
        state.cancelling = task.cancelling();
        state.task = Some(task);
        let delay_ms = self.deadline.map(|deadline| match deadline {
            Deadline::AfterMs(delay_ms) => delay_ms,
            Deadline::AtMs(at_ms) => (at_ms - event_loop.time(vm) * 1000.0).max(0.0),
        });
        if let Some(delay_ms) = delay_ms {
            let expire = Arc::new(Expire(Arc::clone(self)));
            if delay_ms <= 0.0 {
                // Already out, as CPython's: it expires at the loop's next turn, before the
                // task's next step.
                event_loop.call_soon(expire, &Future::new());
            } else {
                state.timer = Some(event_loop.call_later(vm, delay_ms, expire, &Future::new()));
            }
        }
        Ok(Started::Done(Value::Object(Arc::clone(self) as _)))
    }

    fn exit(&self, event_loop: &mut EventLoop, exception: &Value) -> PyResult<()> {
        let mut state = lock(&self.state);
        if let Some(timer) = state.timer.take() {
            event_loop.cancel_timer(timer);
        }
        // An expiry still waiting for its turn finds no task to cancel.
        let task = state.task.take();
        if !state.expired {
            return Ok(());
        }
        let uncancelled = task.map_or(0, |task| task.uncancel());
        if uncancelled <= state.cancelling && is_cancelled_error(exception) {
            return raise(TimeoutError, "");
        }
        Ok(())
    }
}

/// The time is out: the task is cancelled.
struct Expire(Arc<Timeout>);

impl Callback for Expire {
    fn call(&self, event_loop: &mut EventLoop, _: &Arc<Future>) {
        let mut state = lock(&self.0.state);
        state.timer = None;
        // The block has ended.
        let Some(task) = state.task.clone() else {
            return;
        };
        state.expired = true;
        drop(state);
        task.cancel(event_loop, None);
    }
}

/// `asyncio.timeout(delay)`: `None` never expires.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [delay] = args.bind("timeout", ["delay"], 1)?;
    made(seconds(delay)?.map(Deadline::AfterMs))
}

/// `asyncio.timeout_at(when)`, `when` on the loop's clock: `None` never expires.
pub fn new_at(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [when] = args.bind("timeout_at", ["when"], 1)?;
    let at_ms = match when {
        None | Some(Value::None) => None,
        Some(when) => Some(real(&when)? * 1000.0),
    };
    made(at_ms.map(Deadline::AtMs))
}

fn made(deadline: Option<Deadline>) -> PyResult<Invoked> {
    done(Value::Object(Arc::new(Timeout {
        deadline,
        state: Mutex::default(),
    })))
}
