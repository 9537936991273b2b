//! The event loop as a program sees it: what `get_running_loop()` gives inside `asyncio.run`,
//! and the loop of programs written before `asyncio.run` existed (Python 3.6's
//! `loop = asyncio.get_event_loop()`, `loop.run_until_complete(main())`, `loop.close()`),
//! which runs the same event loop in the calling thread until what it was given is done.

use super::event_loop::{run_main, with_loop};
use super::future::Future;
use super::threads::run_in_executor;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::value::{same_object, Value};
use crate::python::vm::{Invoked, Vm};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub static LOOP: TypeDef = TypeDef {
    name: "_UnixSelectorEventLoop",
    methods: &[
        native("run_in_executor", |vm, mut args| {
            if args.positional.len() < 2 {
                return raise(
                    TypeError,
                    "run_in_executor() missing the executor and the function",
                );
            }
            let chosen = args.positional.remove(0);
            let func = args.positional.remove(0);
            let call = Args::new(args.positional);
            with_loop(vm, |vm, event_loop| {
                run_in_executor(vm, event_loop, &chosen, func, call)
                    .map(|future| Invoked::Value(Value::Object(future)))
            })
        }),
        native("time", |vm, args| {
            args.expect("time", 0, 0)?;
            with_loop(vm, |vm, event_loop| done(Value::Float(event_loop.time(vm))))
        }),
        native("create_future", |_, args| {
            args.expect("create_future", 0, 0)?;
            done(Value::Object(Future::new()))
        }),
        native("create_task", super::task::create_task),
        native("call_soon", super::callbacks::call_soon),
        native("call_later", super::callbacks::call_later),
        native("call_at", super::callbacks::call_at),
        native("is_running", |vm, args| {
            args.expect("is_running", 0, 0)?;
            done(Value::Bool(runs_here(vm, &args.receiver)))
        }),
        native("is_closed", |vm, args| {
            args.expect("is_closed", 0, 0)?;
            let closed = args.this::<LoopHandle>()?.is_closed() && !runs_here(vm, &args.receiver);
            done(Value::Bool(closed))
        }),
        native("run_until_complete", |vm, args| {
            let main = args.expect("run_until_complete", 1, 1)?[0].clone();
            let handle = args.this::<LoopHandle>()?;
            if vm.thread.event_loop.is_some() {
                return raise(RuntimeError, "This event loop is already running");
            }
            if handle.closed.load(Ordering::Relaxed) {
                return raise(RuntimeError, "Event loop is closed");
            }
            run_main(vm, main, Some(args.receiver.clone()), false)
        }),
        native("close", |vm, args| {
            args.expect("close", 0, 0)?;
            if runs_here(vm, &args.receiver) {
                return raise(RuntimeError, "Cannot close a running event loop");
            }
            let handle = args.this::<LoopHandle>()?;
            handle.closed.store(true, Ordering::Relaxed);
            done(Value::None)
        }),
    ],
    attribute: no_attributes,
};

/// Whether `handle` is the loop running in this thread now.
fn runs_here(vm: &Vm, handle: &Value) -> bool {
    let running = vm
        .thread
        .event_loop
        .as_ref()
        .and_then(|event_loop| event_loop.handle.as_ref());
    running.is_some_and(|running| same_object(running, handle))
}

struct LoopHandle {
    /// `asyncio.run`'s own loop, which it closes as it ends; others close on `close()`.
    of_run: bool,
    closed: AtomicBool,
}

impl LoopHandle {
    fn made(of_run: bool) -> Value {
        Value::Object(Arc::new(Self {
            of_run,
            closed: AtomicBool::new(false),
        }))
    }

    fn is_closed(&self) -> bool {
        self.of_run || self.closed.load(Ordering::Relaxed)
    }
}

impl PyObject for LoopHandle {
    fn type_def(&self) -> &'static TypeDef {
        &LOOP
    }

    fn repr(&self) -> String {
        "<_UnixSelectorEventLoop running=True closed=False debug=False>".into()
    }
}

/// `asyncio.get_running_loop()`.
pub fn get_running_loop(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("get_running_loop", 0, 0)?;
    match running_loop(vm) {
        Some(handle) => done(handle),
        None => raise(RuntimeError, "no running event loop"),
    }
}

/// `asyncio.get_event_loop()`: the running loop, or else the thread's current one, made
/// when first asked for, as Python 3.11 makes it (later versions warn, then refuse).
pub fn get_event_loop(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("get_event_loop", 0, 0)?;
    if let Some(handle) = running_loop(vm) {
        return done(handle);
    }
    let current = vm
        .thread
        .current_loop
        .get_or_insert_with(|| LoopHandle::made(false));
    done(current.clone())
}

/// `asyncio.new_event_loop()`: a loop to run with `run_until_complete`.
pub fn new_event_loop(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("new_event_loop", 0, 0)?;
    done(LoopHandle::made(false))
}

/// `asyncio.set_event_loop(loop)`: what `get_event_loop()` gives outside a running loop.
pub fn set_event_loop(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let handle = args.expect("set_event_loop", 1, 1)?[0].clone();
    if !matches!(handle, Value::None) && downcast::<LoopHandle>(&handle).is_none() {
        return raise(
            TypeError,
            format!(
                "loop must be an instance of AbstractEventLoop or None, not '{}'",
                handle.type_name()
            ),
        );
    }
    vm.thread.current_loop = Some(handle).filter(|handle| !matches!(handle, Value::None));
    done(Value::None)
}

/// The running loop's handle, the same object each time (so `is` compares loops as in
/// CPython): the one `run_until_complete` was called on, or `asyncio.run`'s, made when first
/// asked for.
fn running_loop(vm: &mut Vm) -> Option<Value> {
    let event_loop = vm.thread.event_loop.as_mut()?;
    Some(
        event_loop
            .handle
            .get_or_insert_with(|| LoopHandle::made(true))
            .clone(),
    )
}
