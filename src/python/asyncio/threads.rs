//! From the loop to threads: `asyncio.to_thread` and `loop.run_in_executor` run a function on
//! an executor's worker (a Python thread of its own) while the loop goes on; the loop collects
//! the result at an iteration after the call returns, and parks until then if nothing else is
//! ready. A worker started for the call runs first, as a thread CPython starts does.
//! `asyncio.wrap_future` does the same for a `concurrent.futures` future the program holds.

use super::event_loop::{awaited_future, with_loop};
use super::future::Future;
use super::{Awaitable, EventLoop, Started};
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{done, downcast, Args};
use crate::python::sched::Waker;
use crate::python::types::context;
use crate::python::types::executor::{self, Executor};
use crate::python::types::future::Completion;
use crate::python::value::Value;
use crate::python::vm::{Invoked, Vm};
use std::sync::Arc;

/// Submits `func(*args)` to `chosen` (`None`: the loop's own executor, made when first
/// needed, whose workers are `asyncio_0`, `asyncio_1`…); the future it finishes, and the
/// waker of the worker started for it, which runs first, as a thread CPython starts does.
pub(super) fn run_in_executor(
    vm: &mut Vm,
    event_loop: &mut EventLoop,
    chosen: &Value,
    func: Value,
    call: Args,
) -> PyResult<(Arc<Future>, Option<Waker>)> {
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
    let completion = Arc::new(Completion::default());
    let started = vm.waker();
    let waits = executor.submit_into(vm, func, call, Arc::clone(&completion), Some(started))?;
    if !waits {
        vm.run.scheduler.cancel(started);
    }
    let future = Future::new();
    event_loop.finish_from_thread(completion, Arc::clone(&future));
    Ok((future, waits.then_some(started)))
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
        // In a copy of the caller's context, as CPython's.
        let (func, call) = context::run_in(vm.thread.context.copy(), func, call);
        let (future, started) = run_in_executor(vm, event_loop, &Value::None, func, call)?;
        // The loop waits for the first worker started since it last went on (a thread waits
        // for one thing at a time).
        match started {
            Some(started) if event_loop.starting.is_none() => event_loop.starting = Some(started),
            Some(started) => vm.run.scheduler.cancel(started),
            None => {}
        }
        Ok(Started::wait(future))
    }))
}

/// `asyncio.wrap_future(future)`: an asyncio future the running loop finishes with a
/// `concurrent.futures` future's outcome (an executor's `submit`, another loop's
/// `run_coroutine_threadsafe`), so a task can await it; an asyncio future is given back as is.
pub fn wrap_future(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    // `loop=` may only name the running loop, the one that collects the outcome.
    let [future, _] = args.bind("wrap_future", ["future", "loop"], 1)?;
    let future = future.unwrap_or(Value::None);
    if awaited_future(&future).is_some() {
        return done(future);
    }
    let Some(completion) = downcast::<Completion>(&future) else {
        return raise(
            AssertionError,
            format!(
                "concurrent.futures.Future is expected, got {}",
                future.repr()
            ),
        );
    };
    with_loop(vm, |_, event_loop| {
        let wrapped = Future::new();
        event_loop.finish_from_thread(completion, Arc::clone(&wrapped));
        done(Value::Object(wrapped))
    })
}
