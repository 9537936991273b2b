//! `threading.Semaphore` and `BoundedSemaphore`: a counter threads wait on at zero; a release
//! goes straight to the thread that waited longest.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{
    address_of, done, downcast_ref, native, Args, Native, PyObject, TypeDef,
};
use super::super::sched::Waker;
use super::super::value::{as_int, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::acquire_args;
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

const METHODS: &[Native] = &[
    native("acquire", acquire),
    native("release", release),
    native("__enter__", acquire),
    native("__exit__", |vm, args| {
        args.this::<PySemaphore>()?.release(vm, 1)
    }),
];

pub static SEMAPHORE: TypeDef = TypeDef {
    name: "Semaphore",
    methods: METHODS,
    attribute,
};

pub static BOUNDED: TypeDef = TypeDef {
    name: "BoundedSemaphore",
    methods: METHODS,
    attribute,
};

/// CPython's private counter, which tutorials print to show the semaphore at work, and a
/// `BoundedSemaphore`'s starting value.
fn attribute(object: &Value, name: &str) -> Option<Value> {
    let semaphore = downcast_ref::<PySemaphore>(object)?;
    match name {
        "_value" => Some(Value::Int(lock(&semaphore.state).value)),
        "_initial_value" => semaphore.bound.map(Value::Int),
        _ => None,
    }
}

pub struct PySemaphore {
    /// The starting value a `BoundedSemaphore` may not be released past.
    bound: Option<Int>,
    state: Mutex<SemaphoreState>,
}

struct SemaphoreState {
    value: Int,
    waiters: VecDeque<Waker>,
}

impl PyObject for PySemaphore {
    fn type_def(&self) -> &'static TypeDef {
        if self.bound.is_some() {
            &BOUNDED
        } else {
            &SEMAPHORE
        }
    }

    fn repr(&self) -> String {
        // A bounded one shows its bound too: `value=1/2`.
        let bound = self
            .bound
            .map(|bound| format!("/{bound}"))
            .unwrap_or_default();
        format!(
            "<threading.{} at {:#x}: value={}{bound}>",
            self.type_def().name,
            address_of(self),
            self.value()
        )
    }
}

/// `Semaphore(value=1)`, or a `BoundedSemaphore` when `bounded`.
pub fn new(_: &mut Vm, mut args: Args, bounded: bool) -> PyResult<Invoked> {
    let keyword = args.keyword("value");
    let given = args.expect("Semaphore", 0, 1)?;
    let value = match keyword.as_ref().or(given.first()) {
        None => 1,
        Some(value) => {
            as_int(value).map_or_else(|| raise(TypeError, "Semaphore() takes an integer"), Ok)?
        }
    };
    if value < 0 {
        return raise(ValueError, "semaphore initial value must be >= 0");
    }
    done(Value::Object(Arc::new(PySemaphore {
        bound: bounded.then_some(value),
        state: Mutex::new(SemaphoreState {
            value,
            waiters: VecDeque::new(),
        }),
    })))
}

fn acquire(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (blocking, timeout) = acquire_args(&mut args, "acquire")?;
    let semaphore = args.this::<PySemaphore>()?;
    let mut state = lock(&semaphore.state);
    if state.value > 0 {
        state.value -= 1;
        return done(Value::Bool(true));
    }
    if !blocking || timeout.is_some_and(|ms| ms <= 0.0) {
        return done(Value::Bool(false));
    }
    let acquired = vm.waker();
    state.waiters.push_back(acquired);
    drop(state);
    Ok(vm.block(acquired, timeout, Ok(Value::Bool(false)), EventKind::Wait))
}

fn release(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let count = match args.expect("release", 0, 1)?.first() {
        Some(n) => as_int(n).unwrap_or(1),
        None => 1,
    };
    if count < 1 {
        return raise(ValueError, "n must be one or more");
    }
    args.this::<PySemaphore>()?.release(vm, count)
}

impl PySemaphore {
    pub fn value(&self) -> Int {
        lock(&self.state).value
    }

    /// Adds `count`, each unit going to a waiting thread first.
    fn release(&self, vm: &mut Vm, count: Int) -> PyResult<Invoked> {
        let mut state = lock(&self.state);
        if self
            .bound
            .is_some_and(|bound| state.value.saturating_add(count) > bound)
        {
            return raise(ValueError, "Semaphore released too many times");
        }
        let mut left = count;
        while left > 0 {
            let Some(waiter) = state.waiters.pop_front() else {
                break;
            };
            if vm.run.scheduler.wake(waiter, Ok(Value::Bool(true))) {
                left -= 1;
            }
        }
        state.value = state.value.saturating_add(left);
        done(Value::None)
    }
}
