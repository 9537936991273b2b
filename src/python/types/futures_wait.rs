//! Waiting on several futures: `concurrent.futures.as_completed` (each future as it
//! finishes), `wait` (until all, the first, or the first exception), and the results of
//! `executor.map` (in order, as each is ready). The thread parks meanwhile, woken by the first
//! future to finish.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{
    done, downcast, no_attributes, Args, NativeIterator, PyObject, TypeDef,
};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::future::{await_result, Completion};
use super::set::made as made_set;
use super::set_table::SetTable;
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// What CPython's `as_completed` and `executor.map` give: generators.
static GENERATOR: TypeDef = TypeDef {
    name: "generator",
    methods: &[],
    attribute: no_attributes,
};

type Futures = Arc<Mutex<Vec<Arc<Completion>>>>;

/// `as_completed(fs, timeout=None)`: the futures as they finish (those finished already
/// first, in the order given).
pub struct AsCompleted {
    pending: Futures,
    total: usize,
    /// When the whole iteration times out, on the run's clock.
    deadline_ms: Option<f64>,
    /// Gives the futures' results instead of the futures (`Pool.imap_unordered`).
    gives_results: bool,
}

impl PyObject for AsCompleted {
    fn type_def(&self) -> &'static TypeDef {
        &GENERATOR
    }

    fn repr(&self) -> String {
        format!(
            "<generator object as_completed at {:#x}>",
            self as *const Self as usize
        )
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

/// Takes the first finished future out of `pending`: the future itself, or (for
/// `Pool.imap_unordered`) its result, raised if an exception.
fn take_finished(pending: &Futures, gives_results: bool) -> Option<PyResult<Value>> {
    let mut pending = lock(pending);
    let at = pending.iter().position(|future| future.is_done())?;
    let future = pending.remove(at);
    match gives_results {
        true => future.result(),
        false => Some(Ok(Value::Object(future))),
    }
}

impl NativeIterator for AsCompleted {
    fn next_item(&self, vm: &mut Vm) -> PyResult<Option<Invoked>> {
        let gives_results = self.gives_results;
        if let Some(next) = take_finished(&self.pending, gives_results) {
            return next.map(|next| Some(Invoked::Value(next)));
        }
        let pending = lock(&self.pending).clone();
        if pending.is_empty() {
            return Ok(None);
        }
        let timeout = self.deadline_ms.map(|deadline| deadline - vm.now_ms());
        let unfinished = format!("{} (of {}) futures unfinished", pending.len(), self.total);
        let timed_out = Err(Exception::new(TimeoutError, unfinished));
        let woken = wait_any(vm, &pending, timeout, timed_out);
        let pending = Arc::clone(&self.pending);
        let next = vm.then_after(
            woken,
            Then::new(move |_, _| match take_finished(&pending, gives_results) {
                Some(next) => next.map(Invoked::Value),
                None => raise(RuntimeError, "as_completed woke with no future finished"),
            }),
        )?;
        Ok(Some(next))
    }
}

/// The results of `executor.map`: each future's in turn, waited for.
struct ResultsInOrder {
    futures: Mutex<VecDeque<Arc<Completion>>>,
}

impl PyObject for ResultsInOrder {
    fn type_def(&self) -> &'static TypeDef {
        &GENERATOR
    }

    fn repr(&self) -> String {
        format!(
            "<generator object Executor.map.<locals>.result_iterator at {:#x}>",
            self as *const Self as usize
        )
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for ResultsInOrder {
    fn next_item(&self, vm: &mut Vm) -> PyResult<Option<Invoked>> {
        let Some(future) = lock(&self.futures).pop_front() else {
            return Ok(None);
        };
        await_result(vm, &future, None).map(Some)
    }
}

pub fn results_in_order(futures: Vec<Arc<Completion>>) -> Value {
    Value::Object(Arc::new(ResultsInOrder {
        futures: Mutex::new(futures.into()),
    }))
}

/// Parks the thread until one of `futures` is done (or `timeout_ms`, when it resumes with
/// `on_timeout`).
fn wait_any(
    vm: &mut Vm,
    futures: &[Arc<Completion>],
    timeout_ms: Option<f64>,
    on_timeout: PyResult<Value>,
) -> Invoked {
    let waker = vm.waker();
    for future in futures {
        future.wake_when_done(waker, &vm.run.scheduler);
    }
    vm.block(waker, timeout_ms, on_timeout, EventKind::Wait)
}

/// The futures among `fs` (a list, a set, a dict's keys…).
fn futures_of(fs: &Value) -> PyResult<Vec<Arc<Completion>>> {
    fs.items()?
        .iter()
        .map(|item| {
            downcast::<Completion>(item).map_or_else(
                || {
                    raise(
                        TypeError,
                        format!("'{}' object is not a Future", item.type_name()),
                    )
                },
                Ok,
            )
        })
        .collect()
}

/// `as_completed(fs, timeout=None)`.
pub fn as_completed(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    if args.positional.is_empty() {
        return raise(TypeError, "as_completed() missing required argument: 'fs'");
    }
    let fs = args.positional.remove(0);
    let timeout = timeout_arg(&mut args, "as_completed")?;
    let pending = futures_of(&fs)?;
    done(Value::Object(Arc::new(AsCompleted {
        total: pending.len(),
        pending: Arc::new(Mutex::new(pending)),
        deadline_ms: timeout.map(|ms| vm.now_ms() + ms),
        gives_results: false,
    })))
}

/// The results of `Pool.imap_unordered`: each future's as it finishes.
pub fn results_as_completed(futures: Vec<Arc<Completion>>) -> Value {
    Value::Object(Arc::new(AsCompleted {
        total: futures.len(),
        pending: Arc::new(Mutex::new(futures)),
        deadline_ms: None,
        gives_results: true,
    }))
}

/// When `wait` returns.
#[derive(Clone, Copy, PartialEq)]
enum ReturnWhen {
    AllCompleted,
    FirstCompleted,
    FirstException,
}

/// `wait(fs, timeout=None, return_when=ALL_COMPLETED)`: `(done, not_done)`, two sets.
pub fn wait(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let return_when = match args.keyword("return_when") {
        None => ReturnWhen::AllCompleted,
        Some(Value::Str(when)) if &*when == "ALL_COMPLETED" => ReturnWhen::AllCompleted,
        Some(Value::Str(when)) if &*when == "FIRST_COMPLETED" => ReturnWhen::FirstCompleted,
        Some(Value::Str(when)) if &*when == "FIRST_EXCEPTION" => ReturnWhen::FirstException,
        Some(other) => {
            return raise(
                ValueError,
                format!("Invalid return condition: {}", other.repr()),
            )
        }
    };
    if args.positional.is_empty() {
        return raise(TypeError, "wait() missing required argument: 'fs'");
    }
    let fs = args.positional.remove(0);
    let timeout = timeout_arg(&mut args, "wait")?;
    let futures = futures_of(&fs)?;
    let deadline_ms = timeout.map(|ms| vm.now_ms() + ms);
    wait_until(vm, futures, return_when, deadline_ms)
}

/// Parks until `return_when` holds for `futures` (checked again each time one finishes) or
/// the deadline passes, then gives `(done, not_done)`.
fn wait_until(
    vm: &mut Vm,
    futures: Vec<Arc<Completion>>,
    return_when: ReturnWhen,
    deadline_ms: Option<f64>,
) -> PyResult<Invoked> {
    let finished = futures.iter().filter(|future| future.is_done()).count();
    let failed = futures
        .iter()
        .any(|future| matches!(future.result(), Some(Err(_))));
    let satisfied = match return_when {
        ReturnWhen::AllCompleted => finished == futures.len(),
        ReturnWhen::FirstCompleted => finished > 0 || futures.is_empty(),
        ReturnWhen::FirstException => failed || finished == futures.len(),
    };
    let timeout = deadline_ms.map(|deadline| deadline - vm.now_ms());
    if satisfied || timeout.is_some_and(|ms| ms <= 0.0) {
        return done(done_and_not_done(&futures)?);
    }
    let pending: Vec<_> = futures
        .iter()
        .filter(|future| !future.is_done())
        .cloned()
        .collect();
    let woken = wait_any(vm, &pending, timeout, Ok(Value::None));
    vm.then_after(
        woken,
        Then::new(move |vm, _| wait_until(vm, futures, return_when, deadline_ms)),
    )
}

/// `DoneAndNotDoneFutures(done, not_done)`, a named tuple of two sets.
struct DoneAndNotDone {
    done: Value,
    not_done: Value,
}

static DONE_AND_NOT_DONE: TypeDef = TypeDef {
    name: "DoneAndNotDoneFutures",
    methods: &[],
    attribute: |object, name| {
        let pair = downcast::<DoneAndNotDone>(object)?;
        match name {
            "done" => Some(pair.done.clone()),
            "not_done" => Some(pair.not_done.clone()),
            _ => None,
        }
    },
};

impl PyObject for DoneAndNotDone {
    fn type_def(&self) -> &'static TypeDef {
        &DONE_AND_NOT_DONE
    }

    fn repr(&self) -> String {
        format!(
            "DoneAndNotDoneFutures(done={}, not_done={})",
            self.done.repr(),
            self.not_done.repr()
        )
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(vec![self.done.clone(), self.not_done.clone()]))
    }
}

fn done_and_not_done(futures: &[Arc<Completion>]) -> PyResult<Value> {
    let (mut finished, mut unfinished) = (SetTable::default(), SetTable::default());
    for future in futures {
        let value = Value::Object(Arc::clone(future) as Arc<dyn PyObject>);
        if future.is_done() {
            finished.add(value)?;
        } else {
            unfinished.add(value)?;
        }
    }
    Ok(Value::Object(Arc::new(DoneAndNotDone {
        done: made_set(false, finished),
        not_done: made_set(false, unfinished),
    })))
}
