//! `threading.Condition`: threads wait (releasing its lock) until another notifies them; a
//! notified thread goes back in line for the lock and returns once it holds it again.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::modules::time::seconds_arg;
use super::super::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use super::super::sched::{OnTimeout, Scheduler, ThreadId, Waker};
use super::super::value::{as_int, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::lock::PyLock;
use super::rlock::PyRLock;
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Condition",
    methods: &[
        native("acquire", |vm, args| with_lock(vm, args, "acquire")),
        native("release", |vm, args| with_lock(vm, args, "release")),
        native("__enter__", |vm, args| with_lock(vm, args, "__enter__")),
        native("__exit__", |vm, args| with_lock(vm, args, "__exit__")),
        native("wait", wait),
        native("wait_for", wait_for),
        native("notify", notify),
        native("notify_all", notify_all),
        // CPython's private test, which tutorials call.
        native("_is_owned", |vm, args| {
            args.expect("_is_owned", 0, 0)?;
            let owned = args.this::<PyCondition>()?.lock.is_owned(vm.thread.id);
            done(Value::Bool(owned))
        }),
        native("notifyAll", |vm, args| {
            vm.warn_deprecated("notifyAll() is deprecated, use notify_all() instead")?;
            notify_all(vm, args)
        }),
    ],
    attribute: no_attributes,
};

fn notify_all(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("notify_all", 0, 0)?;
    let condition = args.this::<PyCondition>()?;
    condition.notify(vm, usize::MAX)
}

pub struct PyCondition {
    lock: ConditionLock,
    lock_value: Value,
    waiters: Mutex<VecDeque<Waiter>>,
}

/// The lock a condition's waiters give up while they wait: an `RLock` (CPython's default),
/// which they give up however many times they took it and take back as many, or a `Lock`.
enum ConditionLock {
    Plain(Arc<PyLock>),
    Reentrant(Arc<PyRLock>),
}

/// A waiting thread, and how many times it held the lock.
struct Waiter {
    waker: Waker,
    thread: ThreadId,
    count: u32,
}

impl ConditionLock {
    /// CPython's `_is_owned`: a `Lock` held by anyone, an `RLock` held by this thread.
    fn is_owned(&self, thread: ThreadId) -> bool {
        match self {
            ConditionLock::Plain(lock) => lock.is_held(),
            ConditionLock::Reentrant(rlock) => rlock.is_owned_by(thread),
        }
    }

    /// Gives the lock up for a wait; says how many times the thread held it.
    fn release_for_wait(&self, vm: &Vm) -> PyResult<u32> {
        match self {
            ConditionLock::Plain(lock) => lock.release(&vm.run.scheduler).map(|()| 1),
            ConditionLock::Reentrant(rlock) => rlock.release_all(&vm.run.scheduler, vm.thread.id),
        }
    }

    /// Gives the lock back to `waiter`, resuming it with `value`, once the lock is free.
    fn hand_to(&self, scheduler: &Scheduler, waiter: Waiter, value: Value) {
        match self {
            ConditionLock::Plain(lock) => lock.hand_to(scheduler, waiter.waker, value),
            ConditionLock::Reentrant(rlock) => {
                rlock.hand_to(scheduler, waiter.waker, waiter.thread, waiter.count, value)
            }
        }
    }

    fn type_def(&self) -> &'static TypeDef {
        match self {
            ConditionLock::Plain(_) => &super::lock::TYPE,
            ConditionLock::Reentrant(_) => &super::rlock::TYPE,
        }
    }
}

impl PyObject for PyCondition {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<Condition({}, {})>",
            self.lock_value.repr(),
            lock(&self.waiters).len()
        )
    }
}

/// `Condition(lock=None)`: a new `RLock` unless a lock is given.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let keyword = args.keyword("lock");
    let given = args.expect("Condition", 0, 1)?;
    let lock_value = match keyword.as_ref().or(given.first()) {
        None | Some(Value::None) => Value::Object(Arc::new(PyRLock::default())),
        Some(value) => value.clone(),
    };
    let lock = if let Some(rlock) = downcast::<PyRLock>(&lock_value) {
        ConditionLock::Reentrant(rlock)
    } else if let Some(lock) = downcast::<PyLock>(&lock_value) {
        ConditionLock::Plain(lock)
    } else {
        return raise(TypeError, "Condition() takes a threading.Lock or RLock");
    };
    done(Value::Object(Arc::new(PyCondition {
        lock,
        lock_value,
        waiters: Mutex::default(),
    })))
}

/// The lock's own method, called on the condition's lock.
fn with_lock(vm: &mut Vm, mut args: Args, name: &str) -> PyResult<Invoked> {
    let condition = args.this::<PyCondition>()?;
    args.receiver = condition.lock_value.clone();
    let method = condition
        .lock
        .type_def()
        .methods
        .iter()
        .find(|method| method.name == name)
        .map_or_else(|| raise(AttributeError, name.to_string()), Ok)?;
    (method.call)(vm, args)
}

/// `wait(timeout=None)`: releases the lock, waits for a notify, takes the lock back; false if
/// the time ran out first (the lock is held again either way).
fn wait(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "wait")?;
    args.this::<PyCondition>()?.wait(vm, timeout)
}

/// `wait_for(predicate, timeout=None)`: calls `predicate()` and waits until it gives something
/// true or the time runs out, checking again after each wakeup; gives its last result, as
/// CPython's loop does.
fn wait_for(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let keyword = args.keyword("timeout");
    let given = args.expect("wait_for", 1, 2)?;
    let timeout = match keyword.as_ref().or(given.get(1)) {
        None | Some(Value::None) => None,
        Some(value) => Some(seconds_arg(std::slice::from_ref(value))? * 1000.0),
    };
    let condition = args.this::<PyCondition>()?;
    Ok(check_predicate(condition, given[0].clone(), timeout, None))
}

/// One round of `wait_for`: the predicate, then a wait if it is false and time is left. The
/// deadline is set when the first wait starts.
fn check_predicate(
    condition: Arc<PyCondition>,
    predicate: Value,
    timeout: Option<f64>,
    deadline: Option<f64>,
) -> Invoked {
    let call = predicate.clone();
    Invoked::CallThen(
        call,
        Args::default(),
        Then::new(move |vm, result| {
            if result.is_truthy() {
                return done(result);
            }
            let deadline = deadline.or_else(|| timeout.map(|timeout| vm.now_ms() + timeout));
            let left = deadline.map(|deadline| deadline - vm.now_ms());
            if left.is_some_and(|left| left <= 0.0) {
                return done(result);
            }
            let waited = Arc::clone(&condition).wait(vm, left)?;
            let again =
                Then::new(move |_, _| Ok(check_predicate(condition, predicate, timeout, deadline)));
            vm.then_after(waited, again)
        }),
    )
}

fn notify(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let count = match args.expect("notify", 0, 1)?.first() {
        Some(n) => as_int(n).map_or(1, |n| n.max(0) as usize),
        None => 1,
    };
    args.this::<PyCondition>()?.notify(vm, count)
}

impl PyCondition {
    /// Releases the lock, waits up to `timeout` ms for a notify, takes the lock back.
    fn wait(self: Arc<Self>, vm: &mut Vm, timeout: Option<f64>) -> PyResult<Invoked> {
        if !self.lock.is_owned(vm.thread.id) {
            return raise(RuntimeError, "cannot wait on un-acquired lock");
        }
        let count = self.lock.release_for_wait(vm)?;
        let notified = vm.waker();
        let thread = vm.thread.id;
        lock(&self.waiters).push_back(Waiter {
            waker: notified,
            thread,
            count,
        });
        let back_in_line = OnTimeout::Then(Box::new(move |scheduler, waker| {
            let waiter = Waiter {
                waker,
                thread,
                count,
            };
            self.lock.hand_to(scheduler, waiter, Value::Bool(false));
        }));
        Ok(vm.block(notified, timeout, back_in_line, EventKind::Wait))
    }

    /// Sends up to `count` waiters, first come first served, to wait for the lock.
    fn notify(&self, vm: &mut Vm, count: usize) -> PyResult<Invoked> {
        if !self.lock.is_owned(vm.thread.id) {
            return raise(RuntimeError, "cannot notify on un-acquired lock");
        }
        let mut waiters = lock(&self.waiters);
        for _ in 0..count {
            let Some(waiter) = waiters.pop_front() else {
                break;
            };
            self.lock
                .hand_to(&vm.run.scheduler, waiter, Value::Bool(true));
        }
        done(Value::None)
    }
}
