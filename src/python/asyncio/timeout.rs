//! `asyncio.timeout(delay)` and `timeout_at(when)` (3.11): an `async with` that cancels its
//! task when the time is out, and turns that cancel into `TimeoutError` at its exit.

use super::event_loop::{loop_time, with_loop};
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
        native("when", |_, args| {
            args.expect("when", 0, 0)?;
            let this = args.this::<Timeout>()?;
            let state = lock(&this.state);
            let when = match (state.entered, this.deadline) {
                (true, _) => state.when,
                (false, Some(Deadline::At(at))) => Some(at),
                (false, _) => None,
            };
            done(when.map_or(Value::None, Value::Float))
        }),
        native("reschedule", |vm, args| {
            let this = args.this::<Timeout>()?;
            let when = match &args.bind("reschedule", ["when"], 1)?[0] {
                None | Some(Value::None) => None,
                Some(when) => Some(real(when)?),
            };
            with_loop(vm, |vm, event_loop| {
                this.reschedule(vm, event_loop, when)?;
                done(Value::None)
            })
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
    /// `timeout_at(when)`: at this time of the loop's clock (`loop.time()`, in seconds).
    At(f64),
}

#[derive(Default)]
struct TimeoutState {
    task: Option<Arc<Task>>,
    /// Whether its block has started (it may have ended since).
    entered: bool,
    /// When it expires, on the loop's clock (`loop.time()`), once the block has started.
    when: Option<f64>,
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
        state.entered = true;
        let now = loop_time(vm);
        let when = self.deadline.map(|deadline| match deadline {
            Deadline::AfterMs(delay_ms) => now + delay_ms / 1000.0,
            Deadline::At(at) => at,
        });
        drop(state);
        self.schedule(vm, event_loop, when);
        Ok(Started::Done(Value::Object(Arc::clone(self) as _)))
    }

    /// `cm.reschedule(when)`: the block expires at `when` instead (never if `None`).
    fn reschedule(
        self: &Arc<Self>,
        vm: &mut Vm,
        event_loop: &mut EventLoop,
        when: Option<f64>,
    ) -> PyResult<()> {
        let mut state = lock(&self.state);
        if state.task.is_none() {
            let phase = match (state.entered, state.expired) {
                (false, _) => "created",
                (true, true) => "expired",
                (true, false) => "exited",
            };
            return raise(
                RuntimeError,
                format!("Cannot change state of {phase} Timeout"),
            );
        }
        if let Some(timer) = state.timer.take() {
            event_loop.cancel_timer(timer);
        }
        drop(state);
        self.schedule(vm, event_loop, when);
        Ok(())
    }

    /// Sets the expiry for `when` on the loop's clock.
    fn schedule(self: &Arc<Self>, vm: &mut Vm, event_loop: &mut EventLoop, when: Option<f64>) {
        let mut state = lock(&self.state);
        state.when = when;
        let Some(when) = when else {
            return;
        };
        let expire = Arc::new(Expire(Arc::clone(self)));
        let delay_ms = (when - loop_time(vm)) * 1000.0;
        if delay_ms <= 0.0 {
            // Already out, as CPython's: it expires at the loop's next turn, before the
            // task's next step.
            event_loop.call_soon(expire, &Future::new());
        } else {
            state.timer = Some(event_loop.call_later(vm, delay_ms, expire, &Future::new()));
        }
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
    let at = match when {
        None | Some(Value::None) => None,
        Some(when) => Some(real(&when)?),
    };
    made(at.map(Deadline::At))
}

fn made(deadline: Option<Deadline>) -> PyResult<Invoked> {
    done(Value::Object(Arc::new(Timeout {
        deadline,
        state: Mutex::default(),
    })))
}
