//! `logging.handlers.QueueListener(queue, *handlers, respect_handler_level=False)`: a daemon
//! thread, `Thread-N (_monitor)` as CPython names it, that takes the records a
//! `QueueHandler` put in the queue and hands each to the handlers, until `stop()` puts the
//! sentinel (`None`) and joins it.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast_ref, native, Args, Native, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::log_handler::Handler;
use super::log_record;
use super::logger::handler_arg;
use super::{queue, thread};
use crate::event::lock;
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "QueueListener",
    methods: &[
        native("start", |vm, args| {
            args.expect("start", 0, 0)?;
            let listener = args.this::<QueueListener>()?;
            let call = Args {
                keywords: vec![
                    ("target".into(), Value::Builtin(&MONITOR)),
                    ("args".into(), Value::Tuple([args.receiver.clone()].into())),
                    ("daemon".into(), Value::Bool(true)),
                ],
                ..Args::default()
            };
            let handle = thread::handle(vm, call, false, None)?;
            *lock(&listener.thread) = Some(Value::Object(handle.clone()));
            thread::start_handle(vm, handle)
        }),
        native("enqueue_sentinel", |vm, args| {
            args.expect("enqueue_sentinel", 0, 0)?;
            queue::put_nowait(vm, &args.this::<QueueListener>()?.queue, Value::None)
        }),
        native("stop", |vm, args| {
            args.expect("stop", 0, 0)?;
            let listener = args.this::<QueueListener>()?;
            let queued = queue::put_nowait(vm, &listener.queue, Value::None)?;
            // As CPython's, one never started puts the sentinel and fails to join.
            let Some(thread) = lock(&listener.thread).take() else {
                return raise(AttributeError, "'NoneType' object has no attribute 'join'");
            };
            vm.then_after(
                queued,
                Then::new(move |vm, _| thread::join_thread(vm, thread)),
            )
        }),
    ],
    attribute: |object, name| {
        let listener = downcast_ref::<QueueListener>(object)?;
        match name {
            "queue" => Some(listener.queue.clone()),
            "handlers" => Some(Value::Tuple(
                listener
                    .handlers
                    .iter()
                    .map(|handler| Value::Object(Arc::clone(handler) as Arc<dyn PyObject>))
                    .collect(),
            )),
            "respect_handler_level" => Some(Value::Bool(listener.respect_handler_level)),
            _ => None,
        }
    },
};

pub struct QueueListener {
    queue: Value,
    handlers: Vec<Arc<Handler>>,
    respect_handler_level: bool,
    /// Its thread while it listens.
    thread: Mutex<Option<Value>>,
}

impl PyObject for QueueListener {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }
}

/// `QueueListener(queue, *handlers, respect_handler_level=False)`.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let respect_handler_level = args
        .keyword("respect_handler_level")
        .is_some_and(|value| value.is_truthy());
    args.no_more_keywords("QueueListener")?;
    let mut given = args.positional.into_iter();
    let Some(queue) = given.next() else {
        return raise(
            TypeError,
            "QueueListener.__init__() missing 1 required positional argument: 'queue'",
        );
    };
    let queue = queue::queue_arg(queue, "QueueListener")?;
    let handlers = given
        .map(|handler| handler_arg(&handler))
        .collect::<PyResult<_>>()?;
    done(Value::Object(Arc::new(QueueListener {
        queue,
        handlers,
        respect_handler_level,
        thread: Mutex::default(),
    })))
}

/// The listener's thread: takes records off the queue until the sentinel.
static MONITOR: Native = native("_monitor", |vm, args| {
    let listener = args.expect("_monitor", 1, 1)?[0].clone();
    monitor(vm, listener)
});

fn monitor(vm: &mut Vm, listener_value: Value) -> PyResult<Invoked> {
    let Some(listener) = downcast_ref::<QueueListener>(&listener_value) else {
        return raise(TypeError, "a QueueListener's thread lost its listener");
    };
    let taken = queue::get_waiting(vm, &listener.queue)?;
    vm.then_after(
        taken,
        Then::new(move |vm, record| {
            let Some(listener) = downcast_ref::<QueueListener>(&listener_value) else {
                return raise(TypeError, "a QueueListener's thread lost its listener");
            };
            let finished = matches!(record, Value::None);
            let handled = match finished {
                true => Ok(()),
                false => hand_over(vm, listener, &record),
            };
            // Marked done even when a handler failed, or the queue's `join()` would wait on.
            queue::task_done_if_any(vm, &listener.queue)?;
            handled?;
            match finished {
                true => done(Value::None),
                false => monitor(vm, listener_value.clone()),
            }
        }),
    )
}

/// Gives a record from the queue to the listener's handlers.
fn hand_over(vm: &mut Vm, listener: &QueueListener, record: &Value) -> PyResult<()> {
    let record = log_record::record_arg(record)?;
    for handler in &listener.handlers {
        match listener.respect_handler_level {
            true => handler.handle(vm, &record)?,
            false => handler.emit(vm, &record)?,
        }
    }
    Ok(())
}
