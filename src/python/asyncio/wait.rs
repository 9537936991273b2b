//! Waiting on several awaitables: `gather`, `wait`, `wait_for` and `as_completed`, each a
//! future finished by callbacks of the futures it watches, as CPython's are, so a waiting task
//! wakes at the same turn of the loop as it would there.

use super::event_loop::with_loop;
use super::future::{Callback, Future, Outcome, Resolve, Waiter};
use super::queue::AsyncQueue;
use super::{set_of, Awaitable, EventLoop, Started};
use crate::event::lock;
use crate::python::error::{raise, Exception, ExceptionKind::*, PyResult};
use crate::python::modules::time::seconds_arg;
use crate::python::registry::{done, downcast, Args};
use crate::python::types::exception::PyException;
use crate::python::types::queue::Order;
use crate::python::value::Value;
use crate::python::vm::{Invoked, Vm};
use std::sync::{Arc, Mutex};

/// `asyncio.gather(*aws, return_exceptions=False)`: a future of their results, in order.
pub fn gather(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let return_exceptions = args
        .keyword("return_exceptions")
        .is_some_and(|value| value.is_truthy());
    args.no_more_keywords("gather")?;
    let gathering = move |vm: &mut Vm, event_loop: &mut EventLoop| {
        let mut children = Vec::with_capacity(args.positional.len());
        for awaitable in args.positional {
            children.push(event_loop.ensure_future(vm, awaitable)?.1);
        }
        let outer = gather_futures(event_loop, children.clone(), return_exceptions);
        outer.cancel_passes_to(children);
        Ok(outer)
    };
    if vm.thread.event_loop.is_none() {
        // Before a loop runs (`loop.run_until_complete(asyncio.gather(…))`), it gathers once
        // that loop starts it.
        return done(Awaitable::coroutine("gather", move |vm, event_loop| {
            gathering(vm, event_loop).map(Started::wait)
        }));
    }
    with_loop(vm, |vm, event_loop| {
        gathering(vm, event_loop).map(|outer| Invoked::Value(Value::Object(outer)))
    })
}

/// A future of the results of `children`, once all are done; without `return_exceptions`,
/// it takes the first exception at once.
pub fn gather_futures(
    event_loop: &mut EventLoop,
    children: Vec<Arc<Future>>,
    return_exceptions: bool,
) -> Arc<Future> {
    let outer = Future::new();
    if children.is_empty() {
        outer.set_result(event_loop, Value::list(Vec::new()));
        return outer;
    }
    let gathering = Arc::new(Gathering {
        children: children.clone(),
        outer: Arc::clone(&outer),
        return_exceptions,
        finished: Mutex::new(0),
    });
    for child in &children {
        child.add_waiter(event_loop, Waiter::Call(gathering.clone()));
    }
    outer
}

struct Gathering {
    children: Vec<Arc<Future>>,
    outer: Arc<Future>,
    return_exceptions: bool,
    finished: Mutex<usize>,
}

impl Callback for Gathering {
    fn call(&self, event_loop: &mut EventLoop, child: &Arc<Future>) {
        let finished = {
            let mut finished = lock(&self.finished);
            *finished += 1;
            *finished
        };
        if self.outer.is_done() {
            return;
        }
        if !self.return_exceptions {
            if let Some(Outcome::Raised(error) | Outcome::Cancelled(error)) = child.outcome() {
                self.outer.finish(event_loop, Outcome::Raised(error));
                return;
            }
        }
        if finished < self.children.len() {
            return;
        }
        if self.outer.cancel_requested() {
            let cancelled = Exception::new(CancelledError, "");
            self.outer.finish(event_loop, Outcome::Raised(cancelled));
            return;
        }
        let results = self
            .children
            .iter()
            .map(|child| match child.outcome() {
                // As CPython's gather makes them: `CancelledError('')` without a message.
                Some(Outcome::Cancelled(error)) => {
                    PyException::made(CancelledError, &[Value::str(error.message.as_str())])
                }
                outcome => outcome.map_or(Value::None, |outcome| outcome.value_or_exception()),
            })
            .collect();
        self.outer.set_result(event_loop, Value::list(results));
    }
}

/// `return_when` of `asyncio.wait`.
#[derive(Clone, Copy, PartialEq)]
enum ReturnWhen {
    FirstCompleted,
    FirstException,
    AllCompleted,
}

/// `asyncio.wait(aws, timeout=None, return_when=ALL_COMPLETED)`: `(done, pending)`, sets of
/// the tasks given.
pub fn wait(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [given, timeout, return_when] = args.bind("wait", ["fs", "timeout", "return_when"], 1)?;
    let given = given.unwrap_or(Value::None);
    if matches!(given, Value::Coroutine(_) | Value::Awaitable(_))
        || downcast::<Future>(&given).is_some()
    {
        return raise(
            TypeError,
            format!("expect a list of futures, not {}", given.type_name()),
        );
    }
    let awaitables = given.items()?;
    if awaitables.is_empty() {
        return raise(ValueError, "Set of Tasks/Futures is empty.");
    }
    let return_when = match return_when.map(|value| value.to_str()).as_deref() {
        None | Some("ALL_COMPLETED") => ReturnWhen::AllCompleted,
        Some("FIRST_COMPLETED") => ReturnWhen::FirstCompleted,
        Some("FIRST_EXCEPTION") => ReturnWhen::FirstException,
        Some(other) => return raise(ValueError, format!("Invalid return_when value: {other}")),
    };
    let timeout_ms = seconds(timeout)?;
    done(Awaitable::coroutine("wait", move |vm, event_loop| {
        // Python 3.11 takes tasks and futures only.
        let is_coroutine = |awaitable: &Value| match awaitable {
            Value::Coroutine(_) => true,
            Value::Awaitable(library) => !library.is_future(),
            _ => false,
        };
        if awaitables.iter().any(is_coroutine) {
            return raise(
                TypeError,
                "Passing coroutines is forbidden, use tasks explicitly.",
            );
        }
        let mut watched = Vec::with_capacity(awaitables.len());
        for awaitable in awaitables {
            watched.push(event_loop.ensure_future(vm, awaitable)?);
        }
        let waiter = Future::new();
        let timer = timeout_ms
            .map(|ms| event_loop.call_later(vm, ms, Arc::new(Resolve(Value::None)), &waiter));
        let watch = Arc::new(WaitWatch {
            left: Mutex::new(watched.len()),
            return_when,
            waiter: Arc::clone(&waiter),
        });
        for (_, future) in &watched {
            future.add_waiter(event_loop, Waiter::Call(watch.clone()));
        }
        Ok(Started::wait_then(waiter, move |_, event_loop, result| {
            if let Some(timer) = timer {
                event_loop.cancel_timer(timer);
            }
            result?;
            let (finished, pending): (Vec<_>, Vec<_>) = watched
                .into_iter()
                .partition(|(_, future)| future.is_done());
            let values = |pairs: Vec<(Value, Arc<Future>)>| {
                set_of(pairs.into_iter().map(|(value, _)| value).collect())
            };
            Ok(Started::Done(Value::Tuple(Arc::new([
                values(finished)?,
                values(pending)?,
            ]))))
        }))
    }))
}

struct WaitWatch {
    left: Mutex<usize>,
    return_when: ReturnWhen,
    waiter: Arc<Future>,
}

impl Callback for WaitWatch {
    fn call(&self, event_loop: &mut EventLoop, future: &Arc<Future>) {
        let left = {
            let mut left = lock(&self.left);
            *left -= 1;
            *left
        };
        // Only FIRST_EXCEPTION looks at the exception, and so retrieves it, as in CPython.
        let raised = || matches!(future.outcome(), Some(Outcome::Raised(_)));
        if left == 0
            || self.return_when == ReturnWhen::FirstCompleted
            || (self.return_when == ReturnWhen::FirstException && raised())
        {
            self.waiter.set_result(event_loop, Value::None);
        }
    }
}

/// `asyncio.wait_for(aw, timeout)`: its result, or, once the time is out, it is cancelled and
/// `TimeoutError` raised when it is done.
pub fn wait_for(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [awaitable, timeout] = args.bind("wait_for", ["fut", "timeout"], 2)?;
    let awaitable = awaitable.unwrap_or(Value::None);
    let timeout_ms = seconds(timeout)?;
    done(Awaitable::coroutine("wait_for", move |vm, event_loop| {
        let (_, inner) = event_loop.ensure_future(vm, awaitable)?;
        let result = Future::new();
        result.cancel_passes_to(vec![Arc::clone(&inner)]);
        let watch = Arc::new(WaitFor {
            inner: Arc::clone(&inner),
            result: Arc::clone(&result),
            expired: Mutex::new(false),
        });
        inner.add_waiter(event_loop, Waiter::Call(watch.clone()));
        let timer =
            timeout_ms.map(|ms| event_loop.call_later(vm, ms, Arc::new(Expire(watch)), &result));
        Ok(Started::wait_then(result, move |_, event_loop, outcome| {
            if let Some(timer) = timer {
                event_loop.cancel_timer(timer);
            }
            outcome.map(Started::Done)
        }))
    }))
}

struct WaitFor {
    inner: Arc<Future>,
    result: Arc<Future>,
    /// The time ran out, and `inner` was cancelled for it.
    expired: Mutex<bool>,
}

impl Callback for WaitFor {
    fn call(&self, event_loop: &mut EventLoop, inner: &Arc<Future>) {
        let Some(outcome) = inner.outcome() else {
            return;
        };
        let outcome = match outcome {
            Outcome::Cancelled(_) if *lock(&self.expired) => {
                Outcome::Raised(Exception::new(TimeoutError, ""))
            }
            Outcome::Cancelled(_) | Outcome::Value(_) if self.result.cancel_requested() => {
                Outcome::Cancelled(Exception::new(CancelledError, ""))
            }
            outcome => outcome,
        };
        self.result.finish(event_loop, outcome);
    }
}

/// The timer of `wait_for`: the waiting task is woken, and cancels what it waits for at its
/// turn, one iteration later, as CPython's does.
struct Expire(Arc<WaitFor>);

impl Callback for Expire {
    fn call(&self, event_loop: &mut EventLoop, result: &Arc<Future>) {
        event_loop.call_soon(Arc::new(CancelInner(Arc::clone(&self.0))), result);
    }
}

struct CancelInner(Arc<WaitFor>);

impl Callback for CancelInner {
    fn call(&self, event_loop: &mut EventLoop, _: &Arc<Future>) {
        let watch = &self.0;
        if watch.result.is_done() || watch.inner.is_done() {
            return;
        }
        *lock(&watch.expired) = true;
        watch.inner.cancel(event_loop, None);
    }
}

/// `asyncio.as_completed(aws, timeout=None)`: awaitables that give the results in the order
/// the awaitables finish (a list here, an iterator in CPython).
pub fn as_completed(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [given, timeout] = args.bind("as_completed", ["fs", "timeout"], 1)?;
    let awaitables = given.unwrap_or(Value::None).items()?;
    let timeout_ms = seconds(timeout)?;
    with_loop(vm, |vm, event_loop| {
        let finished = AsyncQueue::new(0, Order::Fifo);
        let watch = Arc::new(Completed {
            finished: Arc::clone(&finished),
            left: Mutex::new(awaitables.len()),
        });
        let count = awaitables.len();
        for awaitable in awaitables {
            let (_, future) = event_loop.ensure_future(vm, awaitable)?;
            future.add_waiter(event_loop, Waiter::Call(watch.clone()));
        }
        if let Some(ms) = timeout_ms {
            event_loop.call_later(vm, ms, Arc::new(TimedOut(watch)), &Future::new());
        }
        let next = (0..count)
            .map(|_| {
                let finished = Arc::clone(&finished);
                Awaitable::coroutine("_wait_for_one", move |vm, event_loop| {
                    finished.get(event_loop)?.and_then(
                        vm,
                        event_loop,
                        Box::new(|_, _, item| match downcast::<Future>(&item?) {
                            Some(future) => future.result_now().map(Started::Done),
                            None => raise(TimeoutError, ""),
                        }),
                    )
                })
            })
            .collect();
        done(Value::list(next))
    })
}

struct Completed {
    finished: Arc<AsyncQueue>,
    left: Mutex<usize>,
}

impl Callback for Completed {
    fn call(&self, event_loop: &mut EventLoop, future: &Arc<Future>) {
        let mut left = lock(&self.left);
        if *left == 0 {
            return;
        }
        *left -= 1;
        drop(left);
        let _ = self
            .finished
            .put_nowait(event_loop, Value::Object(Arc::clone(future) as _));
    }
}

/// `as_completed`'s time is out: each awaitable not given yet raises `TimeoutError`.
struct TimedOut(Arc<Completed>);

impl Callback for TimedOut {
    fn call(&self, event_loop: &mut EventLoop, _: &Arc<Future>) {
        let left = std::mem::take(&mut *lock(&self.0.left));
        for _ in 0..left {
            let _ = self.0.finished.put_nowait(event_loop, Value::None);
        }
    }
}

/// A `timeout=` in seconds as milliseconds; `None` waits as long as it takes.
pub fn seconds(timeout: Option<Value>) -> PyResult<Option<f64>> {
    match timeout {
        None | Some(Value::None) => Ok(None),
        Some(value) => Ok(Some(
            seconds_arg(std::slice::from_ref(&value))?.max(0.0) * 1000.0,
        )),
    }
}
