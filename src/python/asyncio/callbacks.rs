//! A program's own callbacks on the loop: `loop.call_soon(f, *args)`, `call_later`, `call_at`,
//! and a task's or future's `add_done_callback(f)`. Each is a handle in the ready queue (or a
//! timer's) that calls `f` on the loop's thread between task steps, as CPython's `Handle._run`
//! does; an exception leaving it is logged as the loop's default handler logs it, and the loop
//! goes on.

use super::event_loop::{awaited_future, loop_time, with_loop, EventLoop};
use super::future::Waiter;
use super::inbox::Posted;
use super::loop_handle::posted_to;
use crate::event::EventKind;
use crate::python::error::{raise, Exception, ExceptionKind::*, PyResult};
use crate::python::modules::time::real;
use crate::python::registry::{done, native, no_attributes, Args, Native, PyObject, TypeDef};
use crate::python::sched::Exit;
use crate::python::types::logger;
use crate::python::value::{equals, Value};
use crate::python::vm::{Invoked, Vm};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

pub static HANDLE: TypeDef = TypeDef {
    name: "Handle",
    methods: &[CANCEL, CANCELLED],
    attribute: no_attributes,
};

pub static TIMER_HANDLE: TypeDef = TypeDef {
    name: "TimerHandle",
    methods: &[
        CANCEL,
        CANCELLED,
        native("when", |_, args| {
            args.expect("when", 0, 0)?;
            let call = args.this::<PythonCall>()?;
            done(Value::Float(
                call.timer.get().map_or(0.0, |timer| timer.when),
            ))
        }),
    ],
    attribute: no_attributes,
};

const CANCEL: Native = native("cancel", |vm, args| {
    args.expect("cancel", 0, 0)?;
    let call = args.this::<PythonCall>()?;
    call.cancelled.store(true, Ordering::Relaxed);
    // A timer cancelled goes, so the loop never waits for it; after the loop there is none.
    if let (Some(timer), Some(event_loop)) = (call.timer.get(), vm.thread.event_loop.as_mut()) {
        event_loop.cancel_timer(timer.id);
    }
    done(Value::None)
});

const CANCELLED: Native = native("cancelled", |_, args| {
    args.expect("cancelled", 0, 0)?;
    done(Value::Bool(
        args.this::<PythonCall>()?.cancelled.load(Ordering::Relaxed),
    ))
});

/// A callable of the program's, with its arguments, to be called by the loop.
pub struct PythonCall {
    callable: Value,
    args: Vec<Value>,
    cancelled: AtomicBool,
    /// Set for `call_later` and `call_at`, once the timer is.
    timer: OnceLock<TimerSet>,
}

struct TimerSet {
    /// On the loop's clock (`loop.time()`), in seconds.
    when: f64,
    id: u64,
}

impl PyObject for PythonCall {
    fn type_def(&self) -> &'static TypeDef {
        match self.timer.get() {
            Some(_) => &TIMER_HANDLE,
            None => &HANDLE,
        }
    }

    fn repr(&self) -> String {
        let kind = self.type_def().name;
        let cancelled = match self.cancelled.load(Ordering::Relaxed) {
            true => " cancelled",
            false => "",
        };
        let when = self
            .timer
            .get()
            .map_or(String::new(), |timer| format!(" when={}", timer.when));
        format!("<{kind}{cancelled}{when} {}>", self.describe())
    }
}

impl PythonCall {
    pub fn new(callable: Value, args: Vec<Value>) -> Arc<Self> {
        Arc::new(Self {
            callable,
            args,
            cancelled: AtomicBool::new(false),
            timer: OnceLock::new(),
        })
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// `cb(1) at <program>:5`: the callable's qualified name, the arguments' reprs and, for a
    /// function of the program's, where it is defined, as CPython names a handle in its repr
    /// and in the log.
    fn describe(&self) -> String {
        let function = match &self.callable {
            Value::BoundMethod(bound) => &bound.1,
            other => other,
        };
        let args: Vec<String> = self.args.iter().map(Value::repr).collect();
        let args = args.join(", ");
        match function {
            Value::Function(function) => format!(
                "{}({args}) at <program>:{}",
                function.qualname, function.code.pos.line
            ),
            Value::Method(method) => format!("{}.{}({args})", method.0.type_name(), method.1.name),
            Value::Builtin(function) => format!("{}({args})", function.name),
            other => format!("{}({args})", other.repr()),
        }
    }

    /// Logs an exception that left the callback, as the loop's default exception handler does
    /// (to the `asyncio` logger, at ERROR).
    pub fn report(&self, vm: &mut Vm, error: &Exception) {
        let mut message = format!(
            "Exception in callback {}\nhandle: {}",
            self.describe(),
            self.repr()
        );
        for line in error.traceback_lines() {
            message.push('\n');
            message.push_str(&line);
        }
        // A failure to log (a handler that raises) has nowhere else to go.
        let _ = logger::log_from_library(vm, "asyncio", logger::ERROR, &message);
    }
}

/// `loop.call_soon(callback, *args)`: called at the loop's next iteration.
pub fn call_soon(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let call = python_call(&mut args, "call_soon", 0)?;
    soon(vm, &args.receiver, call)
}

/// `loop.call_soon_threadsafe(callback, *args)`: the same, from any thread, waking the loop
/// if it waits for something to do.
pub fn call_soon_threadsafe(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let call = python_call(&mut args, "call_soon_threadsafe", 0)?;
    soon(vm, &args.receiver, call)
}

/// `call` at the next iteration of the loop `receiver`, running here or not.
fn soon(vm: &mut Vm, receiver: &Value, call: Arc<PythonCall>) -> PyResult<Invoked> {
    match posted_to(vm, receiver)? {
        Some(inbox) => inbox.post(Posted::Call(Arc::clone(&call)), &vm.run.scheduler),
        None => with_loop(vm, |_, event_loop| {
            event_loop.call_python_soon(Arc::clone(&call));
            Ok(())
        })?,
    }
    done(Value::Object(call))
}

/// `loop.call_later(delay, callback, *args)`: called once `delay` seconds have passed.
pub fn call_later(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let call = python_call(&mut args, "call_later", 1)?;
    let when = loop_time(vm) + real(&args.positional[0])?;
    timer_at(vm, &args.receiver, call, when)
}

/// `loop.call_at(when, callback, *args)`: called once the loop's clock reaches `when`.
pub fn call_at(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let call = python_call(&mut args, "call_at", 1)?;
    let when = real(&args.positional[0])?;
    timer_at(vm, &args.receiver, call, when)
}

/// `call` once the clock of the loop `receiver`, running here or not, reaches `when`.
fn timer_at(vm: &mut Vm, receiver: &Value, call: Arc<PythonCall>, when: f64) -> PyResult<Invoked> {
    if let Some(inbox) = posted_to(vm, receiver)? {
        let _ = call.timer.set(TimerSet { when, id: 0 });
        inbox.post(
            Posted::Timer(when * 1000.0, Arc::clone(&call)),
            &vm.run.scheduler,
        );
        return done(Value::Object(call));
    }
    with_loop(vm, |_, event_loop| set_timer(event_loop, call, when))
}

fn set_timer(event_loop: &mut EventLoop, call: Arc<PythonCall>, when: f64) -> PyResult<Invoked> {
    let id = event_loop.call_python_at(when, Arc::clone(&call));
    let _ = call.timer.set(TimerSet { when, id });
    done(Value::Object(call))
}

/// The callback after `before` leading arguments, and its own arguments after it; CPython's
/// `context=` is taken and has no effect (a program has one context).
fn python_call(args: &mut Args, callee: &str, before: usize) -> PyResult<Arc<PythonCall>> {
    args.keyword("context");
    args.no_more_keywords(callee)?;
    if args.positional.len() <= before {
        return raise(
            TypeError,
            format!("{callee}() missing a required argument: 'callback'"),
        );
    }
    let mut rest = args.positional.split_off(before);
    let callable = rest.remove(0);
    Ok(PythonCall::new(callable, rest))
}

/// `future.add_done_callback(callback)`, of a task or a future: `callback(future)` once it is
/// done, at the loop's next iteration if it is already.
pub fn add_done_callback(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    args.keyword("context");
    let callable = args.expect("add_done_callback", 1, 1)?[0].clone();
    let receiver = args.receiver.clone();
    let future =
        awaited_future(&receiver).map_or_else(|| raise(TypeError, "not a task or future"), Ok)?;
    let waiter = Waiter::Python(callable, receiver);
    // Outside a running loop (Python 3.6's style, before `run_forever`), a future not done
    // keeps the callback until it is done, which happens in a loop.
    let waiter = match vm.thread.event_loop {
        None => match future.wait_if_pending(waiter) {
            Ok(()) => return done(Value::None),
            Err(waiter) => waiter,
        },
        Some(_) => waiter,
    };
    with_loop(vm, |_, event_loop| {
        future.add_waiter(event_loop, waiter);
        done(Value::None)
    })
}

/// `future.remove_done_callback(callback)`: how many of its callbacks equal to it it removed.
pub fn remove_done_callback(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let callable = args.expect("remove_done_callback", 1, 1)?[0].clone();
    let future = awaited_future(&args.receiver)
        .map_or_else(|| raise(TypeError, "not a task or future"), Ok)?;
    let removed = future.remove_waiters(|waiter| match waiter {
        Waiter::Python(own, _) => equals(own, &callable),
        _ => false,
    });
    done(Value::Int((removed as i64).into()))
}

impl Vm<'_, '_> {
    /// Calls a program's callback on the loop's thread, in the lane of the thread that runs
    /// the loop; the loop goes on once it returns (see `callback_done`).
    pub(super) fn call_back(
        &mut self,
        mut event_loop: Box<EventLoop>,
        call: Arc<PythonCall>,
    ) -> PyResult<Invoked> {
        self.thread.lane = event_loop.outer_lane();
        self.thread.context = event_loop.outer_context();
        self.thread.shown = EventKind::Wait;
        self.show(EventKind::Cpu);
        event_loop.calling_back = Some(Arc::clone(&call));
        self.thread.event_loop = Some(event_loop);
        match self.start_call(&call.callable, Args::new(call.args.clone())) {
            Some(Exit::Block(block)) => Ok(Invoked::Block(block)),
            _ => Ok(Invoked::Switched),
        }
    }
}
