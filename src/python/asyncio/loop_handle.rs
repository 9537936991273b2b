//! The event loop as a program sees it: what `get_running_loop()` gives inside `asyncio.run`,
//! and the loop of programs written before `asyncio.run` existed (Python 3.6's
//! `loop = asyncio.get_event_loop()`, `loop.run_until_complete(main())`, `loop.close()`),
//! which runs the same event loop in the calling thread until what it was given is done, or
//! with `run_forever()` until `loop.stop()`. Other threads reach a running loop through its
//! inbox (`inbox.rs`).

use super::event_loop::{loop_time, run_main, with_loop, EventLoop};
use super::future::Future;
use super::inbox::{Inbox, Posted};
use super::task::Task;
use super::threads::run_in_executor;
use crate::event::lock;
use crate::event::EventKind;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::types::future::Completion;
use crate::python::types::logger;
use crate::python::value::{same_object, Value};
use crate::python::vm::{Invoked, Then, Vm};
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
            let (future, started) = with_loop(vm, |vm, event_loop| {
                run_in_executor(vm, event_loop, &chosen, func, call)
            })?;
            let future = Value::Object(future);
            match started {
                // The loop's thread waits while the worker started for the call runs first,
                // as CPython's `submit` starts a thread.
                Some(started) => {
                    let start = vm.block(started, None, Ok(Value::None), EventKind::Wait);
                    vm.then_after(start, Then::new(move |_, _| done(future)))
                }
                None => done(future),
            }
        }),
        native("time", |vm, args| {
            args.expect("time", 0, 0)?;
            done(Value::Float(loop_time(vm)))
        }),
        native("create_future", |_, args| {
            args.expect("create_future", 0, 0)?;
            done(Value::Object(Future::new()))
        }),
        native("create_task", |vm, mut args| {
            let name = args.keyword("name");
            let coroutine = args.expect("create_task", 1, 1)?[0].clone();
            let task = create_task(vm, &args.receiver, coroutine, name)?;
            done(Value::Object(task))
        }),
        native("call_soon", super::callbacks::call_soon),
        native(
            "call_soon_threadsafe",
            super::callbacks::call_soon_threadsafe,
        ),
        native("call_later", super::callbacks::call_later),
        native("call_at", super::callbacks::call_at),
        native("get_debug", |vm, args| {
            args.expect("get_debug", 0, 0)?;
            let running_here = runs_here(vm, &args.receiver);
            let debug = running_here
                && vm
                    .thread
                    .event_loop
                    .as_ref()
                    .is_some_and(|event_loop| event_loop.debug);
            done(Value::Bool(debug))
        }),
        native("set_debug", |vm, args| {
            let debug = args.expect("set_debug", 1, 1)?[0].is_truthy();
            if runs_here(vm, &args.receiver) {
                if let Some(event_loop) = vm.thread.event_loop.as_mut() {
                    event_loop.debug = debug;
                }
            }
            done(Value::None)
        }),
        native("is_running", |_, args| {
            args.expect("is_running", 0, 0)?;
            done(Value::Bool(args.this::<LoopHandle>()?.inbox.is_running()))
        }),
        native("is_closed", |_, args| {
            args.expect("is_closed", 0, 0)?;
            done(Value::Bool(args.this::<LoopHandle>()?.is_closed()))
        }),
        native("run_until_complete", |vm, args| {
            let main = args.expect("run_until_complete", 1, 1)?[0].clone();
            run(vm, &args.receiver, Some(main))
        }),
        native("run_forever", |vm, args| {
            args.expect("run_forever", 0, 0)?;
            run(vm, &args.receiver, None)
        }),
        native("stop", |vm, args| {
            args.expect("stop", 0, 0)?;
            match posted_to(vm, &args.receiver)? {
                Some(inbox) => inbox.post(Posted::Stop, &vm.run.scheduler),
                None => with_loop(vm, |_, event_loop| {
                    event_loop.stop_soon();
                    Ok(())
                })?,
            }
            done(Value::None)
        }),
        native("close", |_, args| {
            args.expect("close", 0, 0)?;
            close(&args.receiver)?;
            done(Value::None)
        }),
    ],
    attribute: no_attributes,
};

/// `loop.close()`.
pub(super) fn close(handle: &Value) -> PyResult<()> {
    let handle = as_loop(handle)?;
    if handle.inbox.is_running() {
        return raise(RuntimeError, "Cannot close a running event loop");
    }
    handle.closed.store(true, Ordering::Relaxed);
    Ok(())
}

/// Runs the loop `handle` in this thread until `main` is done, or with none until it stops.
pub(super) fn run(vm: &mut Vm, handle: &Value, main: Option<Value>) -> PyResult<Invoked> {
    let loop_handle = as_loop(handle)?;
    if loop_handle.inbox.is_running() {
        return raise(RuntimeError, "This event loop is already running");
    }
    if vm.thread.event_loop.is_some() {
        return raise(
            RuntimeError,
            "Cannot run the event loop while another loop is running",
        );
    }
    if loop_handle.closed.load(Ordering::Relaxed) {
        return raise(RuntimeError, "Event loop is closed");
    }
    let runnable = |main: &Value| {
        matches!(main, Value::Coroutine(_) | Value::Awaitable(_))
            || downcast::<Task>(main).is_some()
    };
    if main.as_ref().is_some_and(|main| !runnable(main)) {
        return raise(
            TypeError,
            "An asyncio.Future, a coroutine or an awaitable is required",
        );
    }
    let inbox = Arc::clone(&loop_handle.inbox);
    run_main(vm, main, Some((handle.clone(), inbox)), false)
}

/// Where a call on the loop `handle` goes when the loop does not run in this thread (it runs
/// in another, or not yet): its inbox. `None`: it runs here, and takes the call itself.
/// `loop.create_task(coroutine)`: a task of the loop, which runs it now if it runs here, and
/// else once it runs (in this thread or another).
pub(super) fn create_task(
    vm: &mut Vm,
    handle: &Value,
    coroutine: Value,
    name: Option<Value>,
) -> PyResult<Arc<Task>> {
    match posted_to(vm, handle)? {
        Some(inbox) => {
            let task = EventLoop::new_task(vm, coroutine, name)?;
            inbox.post(Posted::Task(Arc::clone(&task)), &vm.run.scheduler);
            Ok(task)
        }
        None => with_loop(vm, |vm, event_loop| event_loop.spawn(vm, coroutine, name)),
    }
}

/// The tasks of the loop `handle` if it does not run in this thread (see
/// `Inbox::tasks_waiting`); `None` if it does, whose event loop has them.
pub(super) fn tasks_elsewhere(vm: &Vm, handle: &Value) -> PyResult<Option<Vec<Arc<Task>>>> {
    if runs_here(vm, handle) {
        return Ok(None);
    }
    Ok(Some(as_loop(handle)?.inbox.tasks_waiting()))
}

pub(super) fn posted_to(vm: &Vm, handle: &Value) -> PyResult<Option<Arc<Inbox>>> {
    if runs_here(vm, handle) {
        return Ok(None);
    }
    let loop_handle = as_loop(handle)?;
    if loop_handle.is_closed() {
        return raise(RuntimeError, "Event loop is closed");
    }
    Ok(Some(Arc::clone(&loop_handle.inbox)))
}

/// `asyncio.run_coroutine_threadsafe(coro, loop)`: the coroutine runs as a task of `loop`
/// (running in another thread, or once it runs), and a `concurrent.futures.Future` gives its
/// result to the thread that asked.
pub fn run_coroutine_threadsafe(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [coroutine, handle] = args.bind("run_coroutine_threadsafe", ["coro", "loop"], 2)?;
    let (coroutine, handle) = (coroutine.unwrap_or_default(), handle.unwrap_or_default());
    // The program's coroutines and the library's (`asyncio.sleep(1, result=…)`).
    if !matches!(coroutine, Value::Coroutine(_) | Value::Awaitable(_)) {
        return raise(TypeError, "A coroutine object is required");
    }
    let loop_handle = downcast::<LoopHandle>(&handle)
        .map_or_else(|| raise(TypeError, "loop must be an event loop"), Ok)?;
    let completion = Arc::new(Completion::default());
    loop_handle.inbox.post(
        Posted::Coroutine(coroutine, Arc::clone(&completion)),
        &vm.run.scheduler,
    );
    done(Value::Object(completion))
}

/// The loop `handle` stands for (a method's receiver: always one).
fn as_loop(handle: &Value) -> PyResult<Arc<LoopHandle>> {
    downcast::<LoopHandle>(handle).map_or_else(|| raise(TypeError, "not an event loop"), Ok)
}

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
    inbox: Arc<Inbox>,
}

impl LoopHandle {
    fn made(of_run: bool) -> Arc<Self> {
        Arc::new(Self {
            of_run,
            closed: AtomicBool::new(false),
            inbox: Arc::default(),
        })
    }

    fn is_closed(&self) -> bool {
        let ended = self.of_run && !self.inbox.is_running();
        ended || self.closed.load(Ordering::Relaxed)
    }
}

impl PyObject for LoopHandle {
    fn type_def(&self) -> &'static TypeDef {
        &LOOP
    }

    fn repr(&self) -> String {
        let running = if self.inbox.is_running() {
            "True"
        } else {
            "False"
        };
        let closed = if self.is_closed() { "True" } else { "False" };
        format!("<_UnixSelectorEventLoop running={running} closed={closed} debug=False>")
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
    done(event_loop(vm)?)
}

/// What `get_event_loop()` gives: the running loop, or else the thread's current one.
pub(super) fn event_loop(vm: &mut Vm) -> PyResult<Value> {
    if let Some(handle) = running_loop(vm) {
        return Ok(handle);
    }
    if let Some(current) = &vm.thread.current_loop {
        return Ok(current.clone());
    }
    let made = new_loop(vm)?;
    vm.thread.current_loop = Some(made.clone());
    Ok(made)
}

/// `asyncio.new_event_loop()`: a loop to run with `run_until_complete`.
pub fn new_event_loop(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("new_event_loop", 0, 0)?;
    done(new_loop(vm)?)
}

/// A loop that runs when asked to, and closes when told to.
pub(super) fn new_loop(vm: &mut Vm) -> PyResult<Value> {
    announce_selector(vm)?;
    let handle = LoopHandle::made(false);
    lock(&vm.run.event_loops).push(Arc::clone(&handle.inbox));
    Ok(Value::Object(handle))
}

/// At the program's exit, the tasks its loops left pending (a loop closed before they were
/// done, or never run again): CPython logs each as it frees it, at the latest as the program
/// exits. `asyncio.run`'s loop leaves none: it cancels them.
pub fn log_destroyed_pending(vm: &mut Vm) {
    let inboxes = std::mem::take(&mut *lock(&vm.run.event_loops));
    let pending: Vec<_> = inboxes
        .iter()
        .flat_map(|inbox| inbox.tasks_waiting())
        .filter(|task| !task.future.is_done())
        .collect();
    for task in pending {
        let message = format!(
            "Task was destroyed but it is pending!\ntask: {}",
            task.repr()
        );
        // A failure to log (a handler that raises) has nowhere else to go.
        let _ = logger::log_from_library(vm, "asyncio", logger::ERROR, &message);
    }
}

/// What CPython's new loop on Linux logs, at DEBUG level: the selector it uses.
pub(super) fn announce_selector(vm: &mut Vm) -> PyResult<()> {
    logger::log_from_library(
        vm,
        "asyncio",
        logger::DEBUG,
        "Using selector: EpollSelector",
    )
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
    if event_loop.handle.is_none() {
        let made = LoopHandle::made(true);
        let inbox = Arc::clone(&made.inbox);
        event_loop.attach(Value::Object(made), inbox);
    }
    event_loop.handle.clone()
}
