//! From the loop to threads: `asyncio.to_thread` and `loop.run_in_executor` run a function on
//! an executor's worker (a Python thread of its own) while the loop goes on; the loop collects
//! the result at an iteration after the call returns, and parks until then if nothing else is
//! ready.

use super::event_loop::with_loop;
use super::future::Future;
use super::{Awaitable, EventLoop, Started};
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::types::executor::{self, Executor};
use crate::python::value::{same_object, Value};
use crate::python::vm::{Invoked, Vm};
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
        native("is_running", |vm, args| {
            args.expect("is_running", 0, 0)?;
            done(Value::Bool(runs_here(vm, &args.receiver)))
        }),
        // `asyncio.run` closes its loop as it ends: a loop not running is one it closed.
        native("is_closed", |vm, args| {
            args.expect("is_closed", 0, 0)?;
            done(Value::Bool(!runs_here(vm, &args.receiver)))
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

/// The running loop as a program sees it (`get_running_loop()`).
struct LoopHandle;

impl PyObject for LoopHandle {
    fn type_def(&self) -> &'static TypeDef {
        &LOOP
    }

    fn repr(&self) -> String {
        "<_UnixSelectorEventLoop running=True closed=False debug=False>".into()
    }
}

/// `asyncio.get_running_loop()` and, inside a loop, `get_event_loop()`.
pub fn get_running_loop(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("get_running_loop", 0, 0)?;
    let Some(event_loop) = vm.thread.event_loop.as_mut() else {
        return raise(RuntimeError, "no running event loop");
    };
    let handle = event_loop
        .handle
        .get_or_insert_with(|| Value::Object(Arc::new(LoopHandle)));
    done(handle.clone())
}

/// Submits `func(*args)` to `chosen` (`None`: the loop's own executor, made when first
/// needed, whose workers are `asyncio_0`, `asyncio_1`…); the future it finishes.
fn run_in_executor(
    vm: &mut Vm,
    event_loop: &mut EventLoop,
    chosen: &Value,
    func: Value,
    call: Args,
) -> PyResult<Arc<Future>> {
    let executor = match chosen {
        Value::None => match &event_loop.executor {
            Some(executor) => Arc::clone(executor),
            None => {
                let prefix = vec![("thread_name_prefix".into(), Value::str("asyncio"))];
                let made = executor::new(
                    vm,
                    Args {
                        keywords: prefix,
                        ..Args::default()
                    },
                    executor::Kind::Threads,
                )?;
                let Invoked::Value(made) = made else {
                    return raise(RuntimeError, "an executor was not made");
                };
                let made = downcast::<Executor>(&made)
                    .map_or_else(|| raise(RuntimeError, "an executor was not made"), Ok)?;
                event_loop.executor = Some(Arc::clone(&made));
                made
            }
        },
        other => downcast::<Executor>(other).map_or_else(
            || raise(TypeError, "executor must be an Executor or None"),
            Ok,
        )?,
    };
    let completion = executor.submit(vm, func, call)?;
    let future = Future::new();
    event_loop.finish_from_thread(completion, Arc::clone(&future));
    Ok(future)
}

/// `asyncio.to_thread(func, *args, **kwargs)`: a coroutine that runs the call on the loop's
/// executor and gives its result.
pub fn to_thread(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    if args.positional.is_empty() {
        return raise(
            TypeError,
            "to_thread() missing 1 required positional argument: 'func'",
        );
    }
    let func = args.positional.remove(0);
    let call = Args {
        positional: args.positional,
        keywords: args.keywords,
        ..Args::default()
    };
    done(Awaitable::coroutine("to_thread", move |vm, event_loop| {
        run_in_executor(vm, event_loop, &Value::None, func, call).map(Started::wait)
    }))
}
