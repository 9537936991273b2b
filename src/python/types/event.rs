//! `threading.Event`: a flag threads wait for; `set` wakes them all.

use super::super::error::PyResult;
use super::super::registry::{address_of, done, native, no_attributes, Args, PyObject, TypeDef};
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
        native("is_set", is_set),
        native("isSet", |vm, args| {
            vm.warn_deprecated("isSet() is deprecated, use is_set() instead")?;
            is_set(vm, args)
        }),
        native("wait", wait),
    ],
    attribute: no_attributes,
};

fn is_set(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("is_set", 0, 0)?;
    done(Value::Bool(args.this::<PyEvent>()?.is_set()))
}

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
        format!("<threading.Event at {:#x}: {state}>", address_of(self))
    }

    fn for_child_process(&self) -> Option<Value> {
        Some(Value::Object(Arc::new(PyEvent::default())))
    }
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Event", 0, 0)?;
    done(Value::Object(Arc::new(PyEvent::default())))
}

impl PyEvent {
    /// Sets the flag: its waiters wake.
    pub fn is_set(&self) -> bool {
        lock(&self.state).flag
    }

    pub fn set(&self, vm: &Vm) {
        let mut state = lock(&self.state);
        state.flag = true;
        for waiter in state.waiters.drain(..) {
            vm.run.scheduler.wake(waiter, Ok(Value::Bool(true)));
        }
    }

    /// Gives true once the flag is set, false if `timeout_ms` ran out first.
    pub fn wait(&self, vm: &mut Vm, timeout_ms: Option<f64>, state: EventKind) -> Invoked {
        let mut flag = lock(&self.state);
        if flag.flag {
            return Invoked::Value(Value::Bool(true));
        }
        if timeout_ms.is_some_and(|ms| ms <= 0.0) {
            return Invoked::Value(Value::Bool(false));
        }
        let set = vm.waker();
        flag.waiters.push(set);
        drop(flag);
        vm.block(set, timeout_ms, Ok(Value::Bool(false)), state)
    }
}

fn set(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("set", 0, 0)?;
    args.this::<PyEvent>()?.set(vm);
    done(Value::None)
}

/// `event.wait(timeout=None)`: true once the flag is set, false if the time ran out first.
fn wait(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "wait")?;
    Ok(args.this::<PyEvent>()?.wait(vm, timeout, EventKind::Wait))
}
