//! `threading.Timer(interval, function, args=None, kwargs=None)`: a thread that waits out the
//! interval, then calls the function, unless `cancel()` came first (the thread's handle, in
//! `thread.rs`, has the `cancel`).

use super::super::error::PyResult;
use super::super::modules::time::seconds_arg;
use super::super::registry::{done, native, no_attributes, Args, Native, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::event::PyEvent;
use super::{class, thread};
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

pub fn new(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let parts = TimerParts::bound(args)?;
    done(thread::timer(vm, parts.target, parts.cancelled, None)?)
}

/// `Timer.__init__(self, interval, function, args=None, kwargs=None)` for an instance of a
/// class deriving from `Timer`: its thread, and the attributes CPython's `Timer` keeps, which
/// the class's own `run` may use (`self.finished.wait(self.interval)`).
pub fn for_subclass(vm: &mut Vm, instance: &Value, args: Args) -> PyResult<Value> {
    let parts = TimerParts::bound(args)?;
    let finished = Value::Object(Arc::clone(&parts.cancelled) as _);
    for (name, value) in [
        ("interval", parts.interval),
        ("function", parts.function),
        ("args", parts.args),
        ("kwargs", parts.kwargs),
        ("finished", finished),
    ] {
        class::store_attribute(instance, name, value)?;
    }
    thread::timer(vm, parts.target, parts.cancelled, Some(instance))
}

/// A timer's arguments, and the thread's target they make.
struct TimerParts {
    interval: Value,
    function: Value,
    args: Value,
    kwargs: Value,
    cancelled: Arc<PyEvent>,
    target: Value,
}

impl TimerParts {
    fn bound(args: Args) -> PyResult<Self> {
        let [interval, function, positional, keywords] =
            args.bind("Timer", ["interval", "function", "args", "kwargs"], 2)?;
        let (interval, function) = (interval.unwrap_or_default(), function.unwrap_or_default());
        let interval_ms = seconds_arg(std::slice::from_ref(&interval))? * 1000.0;
        let positional = positional
            .filter(|items| !matches!(items, Value::None))
            .unwrap_or_else(|| Value::list(Vec::new()));
        let keywords = keywords
            .filter(|pairs| !matches!(pairs, Value::None))
            .unwrap_or_else(|| Value::Dict(Arc::default()));
        let call = Args {
            positional: positional.items()?,
            keywords: match &keywords {
                Value::Dict(pairs) => lock(pairs)
                    .iter()
                    .map(|(key, value)| (Arc::from(key.to_str()), value.clone()))
                    .collect(),
                _ => Vec::new(),
            },
            ..Args::default()
        };
        let cancelled = Arc::new(PyEvent::default());
        let body = Value::Object(Arc::new(TimerBody {
            interval_ms,
            cancelled: Arc::clone(&cancelled),
            call: Mutex::new(Some((function.clone(), call))),
        }));
        Ok(Self {
            interval,
            function,
            args: positional,
            kwargs: keywords,
            cancelled,
            target: Value::Method(Arc::new((body, &RUN))),
        })
    }
}
