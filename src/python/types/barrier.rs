//! `threading.Barrier(parties)`: `wait()` parks each thread until `parties` of them wait, then
//! all go on; each gets its place in the arrival order (the first 0), as in CPython.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::sched::Waker;
use super::super::value::{as_int, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::{lock, EventKind};
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Barrier",
    methods: &[native("wait", wait)],
    attribute: |object, name| {
        let barrier = downcast::<PyBarrier>(object)?;
        match name {
            "parties" => Some(Value::Int(barrier.parties.into())),
            "n_waiting" => Some(Value::Int((lock(&barrier.waiting).len() as u32).into())),
            "broken" => Some(Value::Bool(false)),
            _ => None,
        }
    },
};

pub struct PyBarrier {
    parties: u32,
    /// The threads waiting for this round, in the order they came.
    waiting: Mutex<Vec<Waker>>,
}

impl PyObject for PyBarrier {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<threading.Barrier at 0x0: waiters={}/{}>",
            lock(&self.waiting).len(),
            self.parties
        )
    }
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let parties = as_int(&args.expect("Barrier", 1, 1)?[0])
        .filter(|&parties| parties >= 1 && parties <= i128::from(u32::MAX))
        .map(|parties| parties as u32);
    let Some(parties) = parties else {
        return raise(ValueError, "parties must be > 0");
    };
    done(Value::Object(Arc::new(PyBarrier {
        parties,
        waiting: Mutex::default(),
    })))
}

fn wait(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("wait", 0, 0)?;
    let barrier = args.this::<PyBarrier>()?;
    let mut waiting = lock(&barrier.waiting);
    let index = waiting.len() as u32;
    if index + 1 == barrier.parties {
        // The last to come: everyone goes on, each with its place.
        for (place, waiter) in waiting.drain(..).enumerate() {
            vm.run
                .scheduler
                .wake(waiter, Ok(Value::Int((place as u32).into())));
        }
        return done(Value::Int(index.into()));
    }
    let released = vm.waker();
    waiting.push(released);
    drop(waiting);
    Ok(vm.block(
        released,
        None,
        Ok(Value::Int(index.into())),
        EventKind::Wait,
    ))
}
