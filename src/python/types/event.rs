//! `threading.Event`: a flag threads wait for; `set` wakes them all.

use super::super::error::PyResult;
use super::super::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use super::super::sched::Waker;
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Event",
    methods: &[
        native("set", set),
        native("clear", |_, args| {
            args.expect("clear", 0, 0)?;
            lock(&args.this::<PyEvent>()?.state).flag = false;
            done(Value::None)
        }),
        native("is_set", |_, args| {
            args.expect("is_set", 0, 0)?;
            done(Value::Bool(lock(&args.this::<PyEvent>()?.state).flag))
        }),
        native("wait", wait),
    ],
    attribute: no_attributes,
};

#[derive(Default)]
pub struct PyEvent {
    state: Mutex<EventState>,
}

#[derive(Default)]
struct EventState {
    flag: bool,
    waiters: Vec<Waker>,
}

impl PyObject for PyEvent {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let state = if lock(&self.state).flag {
            "set"
        } else {
            "unset"
        };
        format!("<threading.Event at 0x0: {state}>")
    }

    fn for_child_process(&self) -> Option<Value> {
        Some(Value::Object(Arc::new(PyEvent::default())))
    }
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Event", 0, 0)?;
    done(Value::Object(Arc::new(PyEvent::default())))
}

fn set(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("set", 0, 0)?;
    let event = args.this::<PyEvent>()?;
    let mut state = lock(&event.state);
    state.flag = true;
    for waiter in state.waiters.drain(..) {
        vm.run.scheduler.wake(waiter, Ok(Value::Bool(true)));
    }
    done(Value::None)
}

/// `event.wait(timeout=None)`: true once the flag is set, false if the time ran out first.
fn wait(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "wait")?;
    let event = args.this::<PyEvent>()?;
    let mut state = lock(&event.state);
    if state.flag {
        return done(Value::Bool(true));
    }
    if timeout.is_some_and(|ms| ms <= 0.0) {
        return done(Value::Bool(false));
    }
    let set = vm.waker();
    state.waiters.push(set);
    drop(state);
    Ok(vm.block(set, timeout, Ok(Value::Bool(false)), EventKind::Wait))
}
