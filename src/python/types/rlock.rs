//! `threading.RLock`: a lock its owner may take again; it is free once released as many times
//! as it was taken. Waiters get it in the order they came (as `Lock`'s do).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{address_of, done, native, no_attributes, Args, PyObject, TypeDef};
use super::super::sched::{Scheduler, ThreadId, Waker};
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
            let owned = args.this::<PyRLock>()?.is_owned_by(vm.thread.id);
            done(Value::Bool(owned))
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
    /// Who waits for it, first come first served.
    waiters: VecDeque<Waiter>,
}

/// A thread in line for the lock.
struct Waiter {
    waker: Waker,
    thread: ThreadId,
    /// How many times it holds the lock once it has it: 1, or what a condition's `wait` gave
    /// up.
    count: u32,
    /// What its call returns with the lock.
    resumes_with: Value,
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
        let (owner, count) = state.owner.unwrap_or_default();
        format!(
            "<{held} _thread.RLock object owner={owner} count={count} at {:#x}>",
            address_of(self)
        )
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

    pub fn is_owned_by(&self, thread: ThreadId) -> bool {
        lock(&self.state)
            .owner
            .is_some_and(|(owner, _)| owner == thread)
    }

    /// Frees the lock however many times `thread` took it (a condition's `wait`), and says
    /// how many that was.
    pub fn release_all(&self, scheduler: &Scheduler, thread: ThreadId) -> PyResult<u32> {
        let mut state = lock(&self.state);
        match state.owner {
            Some((owner, count)) if owner == thread => {
                state.owner = None;
                state.hand_over(scheduler);
                Ok(count)
            }
            _ => raise(RuntimeError, "cannot release un-acquired lock"),
        }
    }

    /// Gives the lock, taken `count` times, to `thread` parked on `waker` (resuming it with
    /// `value`) when it is free, else puts that thread in line: how a condition's waiter takes
    /// its lock back.
    pub fn hand_to(
        &self,
        scheduler: &Scheduler,
        waker: Waker,
        thread: ThreadId,
        count: u32,
        value: Value,
    ) {
        let mut state = lock(&self.state);
        if state.owner.is_some() {
            state.waiters.push_back(Waiter {
                waker,
                thread,
                count,
                resumes_with: value,
            });
        } else if scheduler.wake(waker, Ok(value)) {
            state.owner = Some((thread, count));
        }
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
                state.waiters.push_back(Waiter {
                    waker: acquired,
                    thread: me,
                    count: 1,
                    resumes_with: Value::Bool(true),
                });
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
    state.hand_over(&vm.run.scheduler);
    done(Value::None)
}

impl RLockState {
    /// The free lock, straight to the first waiter still waiting.
    fn hand_over(&mut self, scheduler: &Scheduler) {
        while let Some(waiter) = self.waiters.pop_front() {
            if scheduler.wake(waiter.waker, Ok(waiter.resumes_with)) {
                self.owner = Some((waiter.thread, waiter.count));
                break;
            }
        }
    }
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("RLock", 0, 0)?;
    done(Value::Object(Arc::new(PyRLock::default())))
}
