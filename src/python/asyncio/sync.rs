//! `asyncio.Lock`, `Event`, `Semaphore`, `BoundedSemaphore` and `Condition`, as CPython's:
//! each waiter is a future in a FIFO line; waking one finishes its future, and the woken task
//! takes the lock (or the semaphore's unit) when it runs, after the tasks already ready.

use super::event_loop::with_loop;
use super::future::Future;
use super::{Awaitable, EventLoop, Started, Then};
use crate::event::lock;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{address_of, done, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::value::{as_int, Value};
use crate::python::vm::{Invoked, Vm};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Futures waiting in line.
pub(super) type Line = VecDeque<Arc<Future>>;

pub(super) fn leave(line: &mut Line, future: &Arc<Future>) {
    line.retain(|waiting| !Arc::ptr_eq(waiting, future));
}

pub static LOCK: TypeDef = TypeDef {
    name: "Lock",
    methods: &[
        native("acquire", |_, args| {
            args.expect("acquire", 0, 0)?;
            let this = args.this::<AsyncLock>()?;
            done(Awaitable::coroutine("acquire", move |_, event_loop| {
                Ok(this.acquire(event_loop))
            }))
        }),
        native("release", |vm, args| {
            args.expect("release", 0, 0)?;
            let this = args.this::<AsyncLock>()?;
            with_loop(vm, |_, event_loop| this.release(event_loop))?;
            done(Value::None)
        }),
        native("locked", |_, args| {
            args.expect("locked", 0, 0)?;
            done(Value::Bool(lock(&args.this::<AsyncLock>()?.state).locked))
        }),
        native("__aenter__", |_, args| {
            let this = args.this::<AsyncLock>()?;
            done(Awaitable::coroutine("__aenter__", move |vm, event_loop| {
                this.acquire(event_loop).and_then(
                    vm,
                    event_loop,
                    Box::new(|_, _, result| result.map(|_| Started::Done(Value::None))),
                )
            }))
        }),
        native("__aexit__", |vm, args| {
            let this = args.this::<AsyncLock>()?;
            with_loop(vm, |_, event_loop| this.release(event_loop))?;
            done(Awaitable::ready("__aexit__", Value::None))
        }),
    ],
    attribute: no_attributes,
};

#[derive(Default)]
pub struct AsyncLock {
    state: Mutex<LockState>,
}

#[derive(Default)]
struct LockState {
    locked: bool,
    waiters: Line,
}

impl PyObject for AsyncLock {
    fn type_def(&self) -> &'static TypeDef {
        &LOCK
    }

    fn repr(&self) -> String {
        let state = if lock(&self.state).locked {
            "locked"
        } else {
            "unlocked"
        };
        primitive_repr("Lock", address_of(self), state)
    }
}

impl AsyncLock {
    /// Takes the lock at once if it is free and no one waits, else waits in line; a woken
    /// waiter takes it when it runs.
    fn acquire(self: &Arc<Self>, _: &mut EventLoop) -> Started {
        let mut state = lock(&self.state);
        if !state.locked && state.waiters.iter().all(|waiter| waiter.is_cancelled()) {
            state.locked = true;
            return Started::Done(Value::Bool(true));
        }
        let waiter = Future::new();
        state.waiters.push_back(Arc::clone(&waiter));
        drop(state);
        let this = Arc::clone(self);
        Started::wait_then(Arc::clone(&waiter), move |_, event_loop, result| {
            let mut state = lock(&this.state);
            leave(&mut state.waiters, &waiter);
            match result {
                Ok(_) => {
                    state.locked = true;
                    Ok(Started::Done(Value::Bool(true)))
                }
                Err(error) => {
                    let locked = state.locked;
                    drop(state);
                    if !locked {
                        this.wake_first(event_loop);
                    }
                    Err(error)
                }
            }
        })
    }

    fn release(&self, event_loop: &mut EventLoop) -> PyResult<()> {
        let mut state = lock(&self.state);
        if !state.locked {
            return raise(RuntimeError, "Lock is not acquired.");
        }
        state.locked = false;
        drop(state);
        self.wake_first(event_loop);
        Ok(())
    }

    fn wake_first(&self, event_loop: &mut EventLoop) {
        let first = lock(&self.state).waiters.front().cloned();
        if let Some(first) = first {
            first.set_result(event_loop, Value::Bool(true));
        }
    }

    fn is_locked(&self) -> bool {
        lock(&self.state).locked
    }
}

pub fn new_lock(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Lock", 0, 0)?;
    done(Value::Object(Arc::new(AsyncLock::default())))
}

pub static EVENT: TypeDef = TypeDef {
    name: "Event",
    methods: &[
        native("set", |vm, args| {
            args.expect("set", 0, 0)?;
            let this = args.this::<AsyncEvent>()?;
            with_loop(vm, |_, event_loop| {
                this.set(event_loop);
                done(Value::None)
            })
        }),
        native("clear", |_, args| {
            args.expect("clear", 0, 0)?;
            lock(&args.this::<AsyncEvent>()?.state).flag = false;
            done(Value::None)
        }),
        native("is_set", |_, args| {
            args.expect("is_set", 0, 0)?;
            done(Value::Bool(lock(&args.this::<AsyncEvent>()?.state).flag))
        }),
        native("wait", |_, args| {
            args.expect("wait", 0, 0)?;
            let this = args.this::<AsyncEvent>()?;
            done(Awaitable::coroutine("wait", move |_, _| Ok(this.wait())))
        }),
    ],
    attribute: no_attributes,
};

#[derive(Default)]
pub struct AsyncEvent {
    state: Mutex<EventState>,
}

#[derive(Default)]
struct EventState {
    flag: bool,
    waiters: Line,
}

impl PyObject for AsyncEvent {
    fn type_def(&self) -> &'static TypeDef {
        &EVENT
    }

    fn repr(&self) -> String {
        let state = if lock(&self.state).flag {
            "set"
        } else {
            "unset"
        };
        primitive_repr("Event", address_of(self), state)
    }
}

impl AsyncEvent {
    pub fn already_set() -> Arc<Self> {
        let event = Self::default();
        lock(&event.state).flag = true;
        Arc::new(event)
    }

    /// Sets the flag; every waiter wakes, in the order they came.
    pub fn set(&self, event_loop: &mut EventLoop) {
        let mut state = lock(&self.state);
        if state.flag {
            return;
        }
        state.flag = true;
        let waiters = state.waiters.clone();
        drop(state);
        for waiter in waiters {
            waiter.set_result(event_loop, Value::Bool(true));
        }
    }

    pub fn clear(&self) {
        lock(&self.state).flag = false;
    }

    pub fn wait(self: &Arc<Self>) -> Started {
        let mut state = lock(&self.state);
        if state.flag {
            return Started::Done(Value::Bool(true));
        }
        let waiter = Future::new();
        state.waiters.push_back(Arc::clone(&waiter));
        drop(state);
        let this = Arc::clone(self);
        Started::wait_then(Arc::clone(&waiter), move |_, _, result| {
            leave(&mut lock(&this.state).waiters, &waiter);
            result.map(|_| Started::Done(Value::Bool(true)))
        })
    }
}

pub fn new_event(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Event", 0, 0)?;
    done(Value::Object(Arc::new(AsyncEvent::default())))
}

pub static SEMAPHORE: TypeDef = TypeDef {
    name: "Semaphore",
    methods: SEMAPHORE_METHODS,
    attribute: no_attributes,
};

pub static BOUNDED_SEMAPHORE: TypeDef = TypeDef {
    name: "BoundedSemaphore",
    methods: SEMAPHORE_METHODS,
    attribute: no_attributes,
};

const SEMAPHORE_METHODS: &[crate::python::registry::Native] = &[
    native("acquire", |_, args| {
        args.expect("acquire", 0, 0)?;
        let this = args.this::<AsyncSemaphore>()?;
        done(Awaitable::coroutine("acquire", move |_, event_loop| {
            Ok(this.acquire(event_loop))
        }))
    }),
    native("release", |vm, args| {
        args.expect("release", 0, 0)?;
        let this = args.this::<AsyncSemaphore>()?;
        with_loop(vm, |_, event_loop| this.release(event_loop))?;
        done(Value::None)
    }),
    native("locked", |_, args| {
        args.expect("locked", 0, 0)?;
        done(Value::Bool(args.this::<AsyncSemaphore>()?.is_locked()))
    }),
    native("__aenter__", |_, args| {
        let this = args.this::<AsyncSemaphore>()?;
        done(Awaitable::coroutine("__aenter__", move |vm, event_loop| {
            this.acquire(event_loop).and_then(
                vm,
                event_loop,
                Box::new(|_, _, result| result.map(|_| Started::Done(Value::None))),
            )
        }))
    }),
    native("__aexit__", |vm, args| {
        let this = args.this::<AsyncSemaphore>()?;
        with_loop(vm, |_, event_loop| this.release(event_loop))?;
        done(Awaitable::ready("__aexit__", Value::None))
    }),
];

pub struct AsyncSemaphore {
    /// `BoundedSemaphore`'s initial value, which a release may not pass.
    bound: Option<i64>,
    state: Mutex<SemaphoreState>,
}

struct SemaphoreState {
    value: i64,
    waiters: Line,
}

impl PyObject for AsyncSemaphore {
    fn type_def(&self) -> &'static TypeDef {
        if self.bound.is_some() {
            &BOUNDED_SEMAPHORE
        } else {
            &SEMAPHORE
        }
    }

    fn repr(&self) -> String {
        let value = lock(&self.state).value;
        let extra = if self.is_locked() {
            "locked".to_string()
        } else {
            format!("unlocked, value:{value}")
        };
        primitive_repr(self.type_name(), address_of(self), &extra)
    }
}

impl AsyncSemaphore {
    fn is_locked(&self) -> bool {
        let state = lock(&self.state);
        state.value == 0 || state.waiters.iter().any(|waiter| !waiter.is_cancelled())
    }

    /// Takes a unit at once if one is free and no one waits, else waits in line; a release
    /// hands its unit to the first waiter.
    fn acquire(self: &Arc<Self>, _: &mut EventLoop) -> Started {
        if !self.is_locked() {
            lock(&self.state).value -= 1;
            return Started::Done(Value::Bool(true));
        }
        let waiter = Future::new();
        lock(&self.state).waiters.push_back(Arc::clone(&waiter));
        let this = Arc::clone(self);
        Started::wait_then(Arc::clone(&waiter), move |_, event_loop, result| {
            let mut state = lock(&this.state);
            leave(&mut state.waiters, &waiter);
            match result {
                Ok(_) => {
                    let more = state.value > 0;
                    drop(state);
                    if more {
                        this.wake_next(event_loop);
                    }
                    Ok(Started::Done(Value::Bool(true)))
                }
                Err(error) => {
                    if !waiter.is_cancelled() {
                        state.value += 1;
                        drop(state);
                        this.wake_next(event_loop);
                    }
                    Err(error)
                }
            }
        })
    }

    fn release(&self, event_loop: &mut EventLoop) -> PyResult<()> {
        let mut state = lock(&self.state);
        if self.bound.is_some_and(|bound| state.value >= bound) {
            return raise(ValueError, "BoundedSemaphore released too many times");
        }
        state.value += 1;
        drop(state);
        self.wake_next(event_loop);
        Ok(())
    }

    fn wake_next(&self, event_loop: &mut EventLoop) {
        let mut state = lock(&self.state);
        let Some(next) = state
            .waiters
            .iter()
            .find(|waiter| !waiter.is_done())
            .cloned()
        else {
            return;
        };
        state.value -= 1;
        drop(state);
        next.set_result(event_loop, Value::Bool(true));
    }
}

fn new_semaphore(args: Args, name: &str, bounded: bool) -> PyResult<Invoked> {
    let [value] = args.bind(name, ["value"], 0)?;
    let value = match value {
        None => 1,
        Some(value) => as_int(&value).map_or_else(
            || raise(TypeError, "Semaphore initial value must be an int"),
            |value| Ok(value as i64),
        )?,
    };
    if value < 0 {
        return raise(ValueError, "Semaphore initial value must be >= 0");
    }
    done(Value::Object(Arc::new(AsyncSemaphore {
        bound: bounded.then_some(value),
        state: Mutex::new(SemaphoreState {
            value,
            waiters: Line::new(),
        }),
    })))
}

pub fn new_semaphore_plain(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    new_semaphore(args, "Semaphore", false)
}

pub fn new_bounded_semaphore(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    new_semaphore(args, "BoundedSemaphore", true)
}

pub static CONDITION: TypeDef = TypeDef {
    name: "Condition",
    methods: &[
        native("acquire", |_, args| {
            args.expect("acquire", 0, 0)?;
            let this = args.this::<AsyncCondition>()?;
            done(Awaitable::coroutine("acquire", move |_, event_loop| {
                Ok(this.lock.acquire(event_loop))
            }))
        }),
        native("release", |vm, args| {
            args.expect("release", 0, 0)?;
            let this = args.this::<AsyncCondition>()?;
            with_loop(vm, |_, event_loop| this.lock.release(event_loop))?;
            done(Value::None)
        }),
        native("locked", |_, args| {
            args.expect("locked", 0, 0)?;
            done(Value::Bool(args.this::<AsyncCondition>()?.lock.is_locked()))
        }),
        native("wait", |_, args| {
            args.expect("wait", 0, 0)?;
            let this = args.this::<AsyncCondition>()?;
            done(Awaitable::coroutine("wait", move |_, event_loop| {
                this.wait(event_loop)
            }))
        }),
        native("wait_for", |_, args| {
            let this = args.this::<AsyncCondition>()?;
            let [predicate] = args.bind("wait_for", ["predicate"], 1)?;
            let predicate = predicate.unwrap_or_default();
            done(Awaitable::coroutine("wait_for", move |_, _| {
                Ok(this.wait_for(predicate))
            }))
        }),
        native("notify", |vm, args| {
            let this = args.this::<AsyncCondition>()?;
            let [n] = args.bind("notify", ["n"], 0)?;
            let n = n.as_ref().and_then(as_int).unwrap_or(1).max(0);
            with_loop(vm, |_, event_loop| this.notify(event_loop, n as usize))
        }),
        native("notify_all", |vm, args| {
            args.expect("notify_all", 0, 0)?;
            let this = args.this::<AsyncCondition>()?;
            with_loop(vm, |_, event_loop| this.notify(event_loop, usize::MAX))
        }),
        native("__aenter__", |_, args| {
            let this = args.this::<AsyncCondition>()?;
            done(Awaitable::coroutine("__aenter__", move |vm, event_loop| {
                this.lock.acquire(event_loop).and_then(
                    vm,
                    event_loop,
                    Box::new(|_, _, result| result.map(|_| Started::Done(Value::None))),
                )
            }))
        }),
        native("__aexit__", |vm, args| {
            let this = args.this::<AsyncCondition>()?;
            with_loop(vm, |_, event_loop| this.lock.release(event_loop))?;
            done(Awaitable::ready("__aexit__", Value::None))
        }),
    ],
    attribute: no_attributes,
};

pub struct AsyncCondition {
    lock: Arc<AsyncLock>,
    waiters: Mutex<Line>,
}

impl PyObject for AsyncCondition {
    fn type_def(&self) -> &'static TypeDef {
        &CONDITION
    }

    fn repr(&self) -> String {
        let state = if self.lock.is_locked() {
            "locked"
        } else {
            "unlocked"
        };
        primitive_repr("Condition", address_of(self), state)
    }
}

impl AsyncCondition {
    /// `wait()`: releases the lock, waits for a notify, and takes the lock back, even when
    /// cancelled meanwhile (the cancel is raised once it holds the lock again).
    fn wait(self: &Arc<Self>, event_loop: &mut EventLoop) -> PyResult<Started> {
        if !self.lock.is_locked() {
            return raise(RuntimeError, "cannot wait on un-acquired lock");
        }
        self.lock.release(event_loop)?;
        let waiter = Future::new();
        lock(&self.waiters).push_back(Arc::clone(&waiter));
        let this = Arc::clone(self);
        Ok(Started::wait_then(
            Arc::clone(&waiter),
            move |vm, event_loop, notified| {
                leave(&mut lock(&this.waiters), &waiter);
                this.reacquire(vm, event_loop, notified.map(|_| Value::Bool(true)))
            },
        ))
    }

    /// `wait_for(predicate)`: calls the predicate, and waits again after each wakeup until it
    /// gives something true, which the `await` gets (CPython's loop).
    fn wait_for(self: &Arc<Self>, predicate: Value) -> Started {
        let this = Arc::clone(self);
        let check = predicate.clone();
        Started::Call(
            check,
            Box::new(move |vm, event_loop, result| {
                let result = result?;
                if result.is_truthy() {
                    return Ok(Started::Done(result));
                }
                let waited = this.wait(event_loop)?;
                let again: Then = Box::new(move |_, _, woken| {
                    woken?;
                    Ok(this.wait_for(predicate))
                });
                waited.and_then(vm, event_loop, again)
            }),
        )
    }

    fn reacquire(
        self: &Arc<Self>,
        vm: &mut Vm,
        event_loop: &mut EventLoop,
        outcome: PyResult<Value>,
    ) -> PyResult<Started> {
        let this = Arc::clone(self);
        self.lock.acquire(event_loop).and_then(
            vm,
            event_loop,
            Box::new(move |vm, event_loop, acquired| match acquired {
                Ok(_) => outcome.map(Started::Done),
                Err(cancelled) => this.reacquire(vm, event_loop, Err(cancelled)),
            }),
        )
    }

    /// Wakes the first `n` waiters; the lock must be held.
    fn notify(&self, event_loop: &mut EventLoop, n: usize) -> PyResult<Invoked> {
        if !self.lock.is_locked() {
            return raise(RuntimeError, "cannot notify on un-acquired lock");
        }
        let waiting: Vec<_> = lock(&self.waiters)
            .iter()
            .filter(|waiter| !waiter.is_done())
            .take(n)
            .cloned()
            .collect();
        for waiter in waiting {
            waiter.set_result(event_loop, Value::Bool(false));
        }
        done(Value::None)
    }
}

pub fn new_condition(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [given] = args.bind("Condition", ["lock"], 0)?;
    let lock = match given {
        None | Some(Value::None) => Arc::new(AsyncLock::default()),
        Some(given) => crate::python::registry::downcast::<AsyncLock>(&given)
            .map_or_else(|| raise(TypeError, "Condition() takes an asyncio.Lock"), Ok)?,
    };
    done(Value::Object(Arc::new(AsyncCondition {
        lock,
        waiters: Mutex::default(),
    })))
}

/// CPython's repr of asyncio's primitives: `<asyncio.locks.Lock object at 0x… [unlocked]>`.
pub(super) fn primitive_repr(kind: &str, address: usize, state: &str) -> String {
    format!("<asyncio.locks.{kind} object at {address:#x} [{state}]>")
}
