//! `asyncio.timeout(delay)` (3.11): an `async with` that cancels its task when the time is out,
//! and turns that cancel into `TimeoutError` at its exit.

use super::event_loop::with_loop;
use super::future::{Callback, Future};
use super::protocols::is_cancelled_error;
use super::task::Task;
use super::wait::seconds;
use super::{Awaitable, EventLoop, Started};
use crate::event::lock;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
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
    delay_ms: Option<f64>,
    state: Mutex<TimeoutState>,
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
        if let Some(delay_ms) = self.delay_ms {
            let expire = Arc::new(Expire(Arc::clone(self)));
            state.timer = Some(event_loop.call_later(vm, delay_ms, expire, &Future::new()));
        }
        Ok(Started::Done(Value::Object(Arc::clone(self) as _)))
    }

    fn exit(&self, event_loop: &mut EventLoop, exception: &Value) -> PyResult<()> {
        let mut state = lock(&self.state);
        if let Some(timer) = state.timer.take() {
            event_loop.cancel_timer(timer);
        }
        if !state.expired {
            return Ok(());
        }
        let uncancelled = state.task.as_ref().map_or(0, |task| task.uncancel());
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
        state.expired = true;
        let task = state.task.clone();
        drop(state);
        if let Some(task) = task {
            task.cancel(event_loop, None);
        }
    }
}

/// `asyncio.timeout(delay)`: `None` never expires.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [delay] = args.bind("timeout", ["delay"], 1)?;
    done(Value::Object(Arc::new(Timeout {
        delay_ms: seconds(delay)?,
        state: Mutex::default(),
    })))
}
