//! `sched.scheduler`: events kept in a heap of `sched.Event` named tuples, ordered as CPython
//! orders them (time, priority, then the order they were entered in), and `run()`, which asks
//! the program's time function, sleeps with its delay function and calls each action when due,
//! as CPython's pure-Python scheduler does.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::heap;
use super::super::ir::BinOp;
use super::super::modules::time;
use super::super::registry::{done, downcast_ref, native, Args, PyObject, TypeDef};
use super::super::value::{binary, equals, order, same_object, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::named_tuple::{self, NamedTupleClass};
use crate::event::lock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

/// `sched.Event`: what `enter` returns and `queue` lists.
pub static EVENT: LazyLock<Arc<NamedTupleClass>> = LazyLock::new(|| {
    named_tuple::class_made(
        "Event",
        &[
            "time", "priority", "sequence", "action", "argument", "kwargs",
        ],
    )
});

/// An event's fields, by position.
const TIME: usize = 0;
const ACTION: usize = 3;
const ARGUMENT: usize = 4;
const KWARGS: usize = 5;

static TYPE: TypeDef = TypeDef {
    name: "scheduler",
    methods: &[
        native("enterabs", enterabs),
        native("enter", enter),
        native("cancel", |_, args| {
            let scheduler = args.this::<EventScheduler>()?;
            let [event] = args.bind("cancel", ["event"], 1)?;
            let event = event.unwrap_or(Value::None);
            let mut queue = lock(&scheduler.queue);
            let Some(at) = queue.iter().position(|queued| equals(queued, &event)) else {
                return raise(ValueError, "list.remove(x): x not in list");
            };
            queue.remove(at);
            heap::heapify(&mut queue)?;
            done(Value::None)
        }),
        native("empty", |_, args| {
            args.expect("empty", 0, 0)?;
            let scheduler = args.this::<EventScheduler>()?;
            let empty = lock(&scheduler.queue).is_empty();
            done(Value::Bool(empty))
        }),
        native("run", |_, args| {
            let scheduler = args.this::<EventScheduler>()?;
            let [blocking] = args.bind("run", ["blocking"], 0)?;
            let blocking = blocking.is_none_or(|blocking| blocking.is_truthy());
            scheduler.run(blocking)
        }),
    ],
    attribute: |object, name| {
        let scheduler = downcast_ref::<EventScheduler>(object)?;
        match name {
            "timefunc" => Some(scheduler.timefunc.clone()),
            "delayfunc" => Some(scheduler.delayfunc.clone()),
            "queue" => scheduler.in_order().ok(),
            _ => None,
        }
    },
};

pub struct EventScheduler {
    timefunc: Value,
    delayfunc: Value,
    /// The events not run yet, a heap as `heapq` keeps it.
    queue: Mutex<Vec<Value>>,
    /// The number the next event takes, after which it is ordered among equals.
    sequence: AtomicU64,
}

impl PyObject for EventScheduler {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }
}

/// `sched.scheduler(timefunc=time.monotonic, delayfunc=time.sleep)`.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [timefunc, delayfunc] = args.bind("scheduler", ["timefunc", "delayfunc"], 0)?;
    let time_function = |given: Option<Value>, name| match given {
        Some(function) => Ok(function),
        None => time::MODULE.member(name).map_or_else(
            || raise(RuntimeError, "the time module lost a function"),
            Ok,
        ),
    };
    done(Value::Object(Arc::new(EventScheduler {
        timefunc: time_function(timefunc, "monotonic")?,
        delayfunc: time_function(delayfunc, "sleep")?,
        queue: Mutex::default(),
        sequence: AtomicU64::new(0),
    })))
}

/// `enterabs(time, priority, action, argument=(), kwargs={})`: the event, queued.
fn enterabs(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let scheduler = args.this::<EventScheduler>()?;
    let [time, priority, action, argument, kwargs] = args.bind(
        "enterabs",
        ["time", "priority", "action", "argument", "kwargs"],
        3,
    )?;
    let event = scheduler.entered(time, priority, action, argument, kwargs)?;
    done(event)
}

/// `enter(delay, priority, action, argument=(), kwargs={})`: `enterabs` at the time function's
/// time plus `delay`.
fn enter(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let scheduler = args.this::<EventScheduler>()?;
    let [delay, priority, action, argument, kwargs] = args.bind(
        "enter",
        ["delay", "priority", "action", "argument", "kwargs"],
        3,
    )?;
    let timefunc = scheduler.timefunc.clone();
    Ok(Invoked::CallThen(
        timefunc,
        Args::new(Vec::new()),
        Then::new(move |_, now| {
            let time = binary(BinOp::Add, &now, &delay.unwrap_or_default())?;
            let event = scheduler.entered(Some(time), priority, action, argument, kwargs)?;
            done(event)
        }),
    ))
}

impl EventScheduler {
    /// Queues an event of these fields (`argument` `()` and `kwargs` `{}` unless given).
    fn entered(
        &self,
        time: Option<Value>,
        priority: Option<Value>,
        action: Option<Value>,
        argument: Option<Value>,
        kwargs: Option<Value>,
    ) -> PyResult<Value> {
        let sequence = self.sequence.fetch_add(1, Ordering::Relaxed);
        let event = EVENT.instance(vec![
            time.unwrap_or_default(),
            priority.unwrap_or_default(),
            Value::Int(sequence.into()),
            action.unwrap_or_default(),
            argument.unwrap_or_else(|| Value::Tuple(Arc::default())),
            kwargs.unwrap_or_else(|| Value::Dict(Arc::default())),
        ]);
        heap::push(&mut lock(&self.queue), event.clone())?;
        Ok(event)
    }

    /// `queue`: the events in the order they will run.
    fn in_order(&self) -> PyResult<Value> {
        let mut events = lock(&self.queue).clone();
        let mut ordered = Vec::with_capacity(events.len());
        while let Some(event) = heap::pop(&mut events)? {
            ordered.push(event);
        }
        Ok(Value::list(ordered))
    }

    /// `run(blocking)`: until the queue is empty, asks the time; runs the first event if it is
    /// due (then calls the delay function with 0, to let other threads run), else sleeps until
    /// it is, or without `blocking` returns how long that is.
    fn run(self: Arc<Self>, blocking: bool) -> PyResult<Invoked> {
        let Some(first) = lock(&self.queue).first().cloned() else {
            return done(Value::None);
        };
        let timefunc = self.timefunc.clone();
        Ok(Invoked::CallThen(
            timefunc,
            Args::new(Vec::new()),
            Then::new(move |_, now| {
                // CPython holds the scheduler's lock while it asks the time: an event another
                // thread cancelled or put first meanwhile is seen afresh.
                let mut queue = lock(&self.queue);
                if !queue.first().is_some_and(|head| same_object(head, &first)) {
                    drop(queue);
                    return self.run(blocking);
                }
                let time = field(&first, TIME)?;
                let delayfunc = self.delayfunc.clone();
                if order(&time, &now)?.is_gt() {
                    drop(queue);
                    let wait = binary(BinOp::Sub, &time, &now)?;
                    if !blocking {
                        return done(wait);
                    }
                    return Ok(Invoked::CallThen(
                        delayfunc,
                        Args::new(vec![wait]),
                        Then::new(move |_, _| self.run(blocking)),
                    ));
                }
                heap::pop(&mut queue)?;
                drop(queue);
                let call =
                    Args::unpacked(Some(field(&first, ARGUMENT)?), Some(field(&first, KWARGS)?))?;
                Ok(Invoked::CallThen(
                    field(&first, ACTION)?,
                    call,
                    Then::new(move |_, _| {
                        Ok(Invoked::CallThen(
                            delayfunc,
                            Args::new(vec![Value::Int(0)]),
                            Then::new(move |_, _| self.run(blocking)),
                        ))
                    }),
                ))
            }),
        ))
    }
}

/// An event's field at `index`.
fn field(event: &Value, index: usize) -> PyResult<Value> {
    match event.items()?.get(index) {
        Some(value) => Ok(value.clone()),
        None => raise(TypeError, "a scheduler's event lost a field"),
    }
}
