//! `threading.Lock`: held or not, and the threads waiting for it. A released lock goes straight
//! to its first waiter (FIFO, which is what CPython's threads queued on one lock see in practice).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{address_of, done, native, no_attributes, Args, PyObject, TypeDef};
use super::super::sched::{Scheduler, Waker};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::acquire_args;
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "lock",
    methods: &[
        native("acquire", acquire),
        native("release", release),
        native("locked", locked),
        native("__enter__", |vm, args| {
            Ok(args.this::<PyLock>()?.acquire(vm, true, None))
        }),
        native("__exit__", release),
    ],
    attribute: no_attributes,
};

#[derive(Debug, Default)]
pub struct PyLock {
    state: Mutex<LockState>,
}

#[derive(Debug, Default)]
struct LockState {
    held: bool,
    /// Who waits, and what each resumes with once it holds the lock.
    waiters: VecDeque<(Waker, Value)>,
}

impl PyObject for PyLock {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let state = if self.is_held() { "locked" } else { "unlocked" };
        format!("<{state} _thread.lock object at {:#x}>", address_of(self))
    }

    /// A child process gets its own (the copy of memory a fork makes).
    fn for_child_process(&self) -> Option<Value> {
        Some(Value::Object(Arc::new(PyLock::default())))
    }
}

impl PyLock {
    /// Takes the lock, or parks the calling thread in line for it.
    pub fn acquire(&self, vm: &mut Vm, blocking: bool, timeout_ms: Option<f64>) -> Invoked {
        let mut state = lock(&self.state);
        if !state.held {
            state.held = true;
            return Invoked::Value(Value::Bool(true));
        }
        if !blocking || timeout_ms.is_some_and(|ms| ms <= 0.0) {
            return Invoked::Value(Value::Bool(false));
        }
        let acquired = vm.waker();
        state.waiters.push_back((acquired, Value::Bool(true)));
        drop(state);
        vm.block(
            acquired,
            timeout_ms,
            Ok(Value::Bool(false)),
            EventKind::Wait,
        )
    }

    /// Gives the lock to the thread parked on `waker` (resuming it with `value`) when it is
    /// free, else puts that thread in line for it: how a condition's waiter takes its lock back.
    pub fn hand_to(&self, scheduler: &Scheduler, waker: Waker, value: Value) {
        let mut state = lock(&self.state);
        if state.held {
            state.waiters.push_back((waker, value));
        } else if scheduler.wake(waker, Ok(value)) {
            state.held = true;
        }
    }

    /// Releases the lock, handing it straight to the first thread still waiting for it.
    pub fn release(&self, scheduler: &Scheduler) -> PyResult<()> {
        let mut state = lock(&self.state);
        if !state.held {
            return raise(RuntimeError, "release unlocked lock");
        }
        while let Some((waiter, value)) = state.waiters.pop_front() {
            if scheduler.wake(waiter, Ok(value)) {
                return Ok(());
            }
        }
        state.held = false;
        Ok(())
    }

    pub fn is_held(&self) -> bool {
        lock(&self.state).held
    }
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Lock", 0, 0)?;
    done(Value::Object(Arc::new(PyLock::default())))
}

fn acquire(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (blocking, timeout) = acquire_args(&mut args, "acquire")?;
    Ok(args.this::<PyLock>()?.acquire(vm, blocking, timeout))
}

fn release(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.this::<PyLock>()?.release(&vm.run.scheduler)?;
    done(Value::None)
}

fn locked(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("locked", 0, 0)?;
    done(Value::Bool(args.this::<PyLock>()?.is_held()))
}
