//! `multiprocessing.Lock`, `RLock`, `Semaphore`, `BoundedSemaphore` and `Event`: `threading`'s
//! primitive inside, one object for all processes (a child shares its parent's instead of
//! getting a fresh copy), with `multiprocessing.synchronize`'s methods, errors and reprs.

use super::super::error::{Exception, ExceptionKind::*, PyResult};
use super::super::registry::{
    address_of, done, downcast_ref, native, no_attributes, Args, Native, PyObject, TypeDef,
};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::event::PyEvent;
use super::rlock::PyRLock;
use super::semaphore::PySemaphore;
use super::{event, lock, rlock, semaphore, type_of};
use crate::event::lock as guard;
use std::sync::{Arc, Mutex};

/// A lock's methods are a semaphore's but `get_value`.
const LOCK_METHODS: &[Native] = SEMAPHORE_METHODS.split_at(4).0;

const SEMAPHORE_METHODS: &[Native] = &[
    native("acquire", |vm, args| acquire(vm, args, "acquire")),
    native("release", |vm, args| release(vm, args, "release")),
    native("__enter__", |vm, args| acquire(vm, args, "__enter__")),
    native("__exit__", |vm, args| release(vm, args, "__exit__")),
    native("get_value", |_, args| {
        args.expect("get_value", 0, 0)?;
        let this = args.this::<ProcessSync>()?;
        done(Value::Int(this.semaphore_value()))
    }),
];

static LOCK: TypeDef = TypeDef {
    name: "Lock",
    methods: LOCK_METHODS,
    attribute: no_attributes,
};

static RLOCK: TypeDef = TypeDef {
    name: "RLock",
    methods: LOCK_METHODS,
    attribute: no_attributes,
};

static SEMAPHORE: TypeDef = TypeDef {
    name: "Semaphore",
    methods: SEMAPHORE_METHODS,
    attribute: no_attributes,
};

static BOUNDED: TypeDef = TypeDef {
    name: "BoundedSemaphore",
    methods: SEMAPHORE_METHODS,
    attribute: no_attributes,
};

static EVENT: TypeDef = TypeDef {
    name: "Event",
    methods: &[
        native("set", |vm, args| forward(vm, args, "set")),
        native("clear", |vm, args| forward(vm, args, "clear")),
        native("is_set", |vm, args| forward(vm, args, "is_set")),
        native("wait", |vm, args| forward(vm, args, "wait")),
    ],
    attribute: no_attributes,
};

pub struct ProcessSync {
    type_def: &'static TypeDef,
    /// The `threading` primitive that does the work.
    inner: Value,
    /// Who holds a lock, as its repr names it: the process, and the thread unless it is the
    /// process's main one (`MainProcess|Thread-1`).
    owner: Mutex<Option<String>>,
}

impl PyObject for ProcessSync {
    fn type_def(&self) -> &'static TypeDef {
        self.type_def
    }

    fn repr(&self) -> String {
        let owner = guard(&self.owner).clone();
        let name = self.type_def.name;
        if std::ptr::eq(self.type_def, &LOCK) {
            format!("<Lock(owner={})>", owner.as_deref().unwrap_or("None"))
        } else if std::ptr::eq(self.type_def, &RLOCK) {
            let count = downcast_ref::<PyRLock>(&self.inner).map_or(0, PyRLock::count);
            format!("<RLock({}, {count})>", owner.as_deref().unwrap_or("None"))
        } else if let Some(event) = downcast_ref::<PyEvent>(&self.inner) {
            let state = if event.is_set() { "set" } else { "unset" };
            format!("<Event at {:#x} {state}>", address_of(self))
        } else {
            format!("<{name}(value={})>", self.semaphore_value())
        }
    }

    /// Shared: every process waits on this one.
    fn for_child_process(&self) -> Option<Value> {
        None
    }
}

impl ProcessSync {
    fn semaphore_value(&self) -> i128 {
        downcast_ref::<PySemaphore>(&self.inner).map_or(0, PySemaphore::value)
    }
}

fn made(type_def: &'static TypeDef, inner: PyResult<Invoked>) -> PyResult<Invoked> {
    let Invoked::Value(inner) = inner? else {
        unreachable!("making a threading primitive never blocks")
    };
    done(Value::Object(Arc::new(ProcessSync {
        type_def,
        inner,
        owner: Mutex::new(None),
    })))
}

/// `multiprocessing.Lock()`.
pub fn new_lock(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    made(&LOCK, lock::new(vm, args))
}

/// `multiprocessing.RLock()`.
pub fn new_rlock(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    made(&RLOCK, rlock::new(vm, args))
}

/// `multiprocessing.Event()`.
pub fn new_event(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    made(&EVENT, event::new(vm, args))
}

/// `multiprocessing.Semaphore(value=1)`, or a `BoundedSemaphore`.
pub fn new_semaphore(vm: &mut Vm, args: Args, bounded: bool) -> PyResult<Invoked> {
    let type_def = if bounded { &BOUNDED } else { &SEMAPHORE };
    // A negative count is refused by the operating system's semaphore.
    let inner = semaphore::new(vm, args, bounded).map_err(|error| match error.kind {
        ValueError => Exception::new(OSError, "[Errno 22] Invalid argument"),
        _ => error,
    });
    made(type_def, inner)
}

/// Calls the inner primitive's method `name` with the arguments given.
fn forward(vm: &mut Vm, mut args: Args, name: &str) -> PyResult<Invoked> {
    let this = args.this::<ProcessSync>()?;
    let method = type_of(&this.inner)
        .methods
        .iter()
        .find(|method| method.name == name)
        .expect("a multiprocessing primitive's methods are its inner primitive's");
    args.receiver = this.inner.clone();
    (method.call)(vm, args)
}

/// `acquire` or `__enter__`: once the lock is taken (at once or after a wait), the caller is
/// its owner.
fn acquire(vm: &mut Vm, args: Args, name: &str) -> PyResult<Invoked> {
    let this = args.this::<ProcessSync>()?;
    let acquired = forward(vm, args, name)?;
    vm.then_after(
        acquired,
        Then::new(move |vm, taken| {
            if taken.is_truthy() {
                *guard(&this.owner) = Some(owner_name(vm));
            }
            done(taken)
        }),
    )
}

/// `release` or `__exit__`, with `multiprocessing`'s errors for a lock not held.
fn release(vm: &mut Vm, args: Args, name: &str) -> PyResult<Invoked> {
    let this = args.this::<ProcessSync>()?;
    let released = forward(vm, args, name).map_err(|error| match error.kind {
        RuntimeError if std::ptr::eq(this.type_def, &RLOCK) => Exception::new(
            AssertionError,
            "attempt to release recursive lock not owned by thread",
        ),
        RuntimeError | ValueError => {
            Exception::new(ValueError, "semaphore or lock released too many times")
        }
        _ => error,
    })?;
    let still_held = downcast_ref::<PyRLock>(&this.inner).is_some_and(|rlock| rlock.count() > 0);
    if !still_held {
        *guard(&this.owner) = None;
    }
    Ok(released)
}

/// The caller as a lock's repr names its owner.
fn owner_name(vm: &Vm) -> String {
    let process = vm.thread.process.handle.name();
    let thread = &vm.thread.handle;
    if thread.is_process() || thread.is_main() {
        process.to_string()
    } else {
        format!("{process}|{}", thread.name())
    }
}
