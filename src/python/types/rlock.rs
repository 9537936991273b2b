//! `threading.RLock`: a lock its owner may take again; it is free once released as many times
//! as it was taken. Waiters get it in the order they came (as `Lock`'s do).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use super::super::sched::{ThreadId, Waker};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::acquire_args;
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "RLock",
    methods: &[
        native("acquire", acquire),
        native("release", release),
        native("__enter__", |vm, args| {
            Ok(args.this::<PyRLock>()?.acquire(vm, true, None))
        }),
        native("__exit__", release),
        // CPython's private test, which `Condition` uses and tutorials call.
        native("_is_owned", |vm, args| {
            args.expect("_is_owned", 0, 0)?;
            let owner = lock(&args.this::<PyRLock>()?.state).owner;
            done(Value::Bool(
                owner.is_some_and(|(owner, _)| owner == vm.thread.id),
            ))
        }),
    ],
    attribute: no_attributes,
};

#[derive(Default)]
pub struct PyRLock {
    state: Mutex<RLockState>,
}

#[derive(Default)]
struct RLockState {
    /// The thread holding it, and how many times it took it.
    owner: Option<(ThreadId, u32)>,
    /// Who waits for it, each with its thread.
    waiters: VecDeque<(Waker, ThreadId)>,
}

impl PyObject for PyRLock {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let state = lock(&self.state);
        let held = if state.owner.is_some() {
            "locked"
        } else {
            "unlocked"
        };
        let count = state.owner.map_or(0, |(_, count)| count);
        format!("<{held} _thread.RLock object count={count}>")
    }

    fn for_child_process(&self) -> Option<Value> {
        Some(Value::Object(Arc::new(PyRLock::default())))
    }
}

impl PyRLock {
    /// How many times its owner has taken it (0: free).
    pub fn count(&self) -> u32 {
        lock(&self.state).owner.map_or(0, |(_, count)| count)
    }

    fn acquire(&self, vm: &mut Vm, blocking: bool, timeout_ms: Option<f64>) -> Invoked {
        let me = vm.thread.id;
        let mut state = lock(&self.state);
        match &mut state.owner {
            None => state.owner = Some((me, 1)),
            Some((owner, count)) if *owner == me => *count += 1,
            Some(_) if !blocking || timeout_ms.is_some_and(|ms| ms <= 0.0) => {
                return Invoked::Value(Value::Bool(false));
            }
            Some(_) => {
                let acquired = vm.waker();
                state.waiters.push_back((acquired, me));
                drop(state);
                return vm.block(
                    acquired,
                    timeout_ms,
                    Ok(Value::Bool(false)),
                    EventKind::Wait,
                );
            }
        }
        Invoked::Value(Value::Bool(true))
    }
}

fn acquire(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (blocking, timeout) = acquire_args(&mut args, "acquire")?;
    Ok(args.this::<PyRLock>()?.acquire(vm, blocking, timeout))
}

fn release(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let rlock = args.this::<PyRLock>()?;
    let mut state = lock(&rlock.state);
    match &mut state.owner {
        Some((owner, count)) if *owner == vm.thread.id => {
            *count -= 1;
            if *count > 0 {
                return done(Value::None);
            }
        }
        _ => return raise(RuntimeError, "cannot release un-acquired lock"),
    }
    state.owner = None;
    // Straight to the first waiter still waiting.
    while let Some((waiter, thread)) = state.waiters.pop_front() {
        if vm.run.scheduler.wake(waiter, Ok(Value::Bool(true))) {
            state.owner = Some((thread, 1));
            break;
        }
    }
    done(Value::None)
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("RLock", 0, 0)?;
    done(Value::Object(Arc::new(PyRLock::default())))
}
