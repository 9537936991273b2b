//! `threading.Timer(interval, function, args=None, kwargs=None)`: a thread that waits out the
//! interval, then calls the function, unless `cancel()` came first (the thread's handle, in
//! `thread.rs`, has the `cancel`).

use super::super::error::PyResult;
use super::super::registry::{done, native, no_attributes, Args, Native, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::event::PyEvent;
use super::thread;
use crate::event::{lock, EventKind};
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "TimerBody",
    methods: &[],
    attribute: no_attributes,
};

/// What the timer's thread runs: the wait, then the call.
struct TimerBody {
    interval_ms: f64,
    cancelled: Arc<PyEvent>,
    call: Mutex<Option<(Value, Args)>>,
}

impl PyObject for TimerBody {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }
}

static RUN: Native = native("run", |vm, args| {
    let body = args.this::<TimerBody>()?;
    let waited = body
        .cancelled
        .wait(vm, Some(body.interval_ms), EventKind::Sleep);
    vm.then_after(
        waited,
        Then::new(move |_, cancelled| match lock(&body.call).take() {
            Some((function, call)) if !cancelled.is_truthy() => Ok(Invoked::CallThen(
                function,
                call,
                Then::new(|_, _| done(Value::None)),
            )),
            _ => done(Value::None),
        }),
    )
});

pub fn new(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let positional = args.keyword("args");
    let keywords = args.keyword("kwargs");
    let given = args.expect("Timer", 2, 4)?.to_vec();
    let interval_ms = super::super::modules::time::seconds_arg(&given[..1])? * 1000.0;
    let positional = match positional.or_else(|| given.get(2).cloned()) {
        Some(Value::None) | None => Vec::new(),
        Some(items) => items.items()?,
    };
    let keywords = match keywords.or_else(|| given.get(3).cloned()) {
        Some(Value::Dict(pairs)) => lock(&pairs)
            .iter()
            .map(|(key, value)| (Arc::from(key.to_str()), value.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let cancelled = Arc::new(PyEvent::default());
    let body = Value::Object(Arc::new(TimerBody {
        interval_ms,
        cancelled: Arc::clone(&cancelled),
        call: Mutex::new(Some((
            given[1].clone(),
            Args {
                positional,
                keywords,
                ..Args::default()
            },
        ))),
    }));
    let target = Value::Method(Arc::new((body, &RUN)));
    done(thread::timer(vm, target, cancelled)?)
}
