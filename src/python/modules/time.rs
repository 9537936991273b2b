//! `time`: sleeps park the thread on a timer; clocks read the run's clock; dates are UTC.

use super::super::calendar::{epoch_ms_of, strftime, time_fields};
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, Args, ModuleDef, PyObject, TypeDef};
use super::super::value::{as_int, Int, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::EventKind;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "time",
    functions: &[
        native("sleep", sleep),
        native("perf_counter", since_start),
        native("monotonic", since_start),
        native("strftime", |vm, args| {
            let given = args.expect("strftime", 1, 2)?;
            let epoch_ms = moment_arg(vm, given.get(1))?;
            done(Value::str(strftime(&given[0].to_str(), epoch_ms)))
        }),
        native("localtime", |vm, args| struct_time(vm, args, "localtime")),
        native("gmtime", |vm, args| struct_time(vm, args, "gmtime")),
        native("ctime", |vm, args| {
            let seconds = args.expect("ctime", 0, 1)?.first().cloned();
            let epoch_ms = seconds_since_epoch(vm, seconds.as_ref())?;
            done(Value::str(strftime("%c", epoch_ms)))
        }),
        native("asctime", |vm, args| {
            let given = args.expect("asctime", 0, 1)?;
            let epoch_ms = moment_arg(vm, given.first())?;
            done(Value::str(strftime("%c", epoch_ms)))
        }),
        native("mktime", |_, args| {
            let fields = args.expect("mktime", 1, 1)?[0].items()?;
            let fields: Vec<i64> = fields
                .iter()
                .map(|f| as_int(f).unwrap_or(0) as i64)
                .collect();
            if fields.len() != 9 {
                return raise(TypeError, "mktime(): illegal time tuple argument");
            }
            done(Value::Float(epoch_ms_of(&fields) / 1000.0))
        }),
        native("time_ns", |vm, args| {
            args.expect("time_ns", 0, 0)?;
            done(Value::Int((now_epoch_ms(vm) * 1e6) as Int))
        }),
        native("perf_counter_ns", since_start_ns),
        native("monotonic_ns", since_start_ns),
        native("process_time", since_start),
        native("thread_time", since_start),
        native("time", |vm, args| {
            args.expect("time", 0, 0)?;
            done(Value::Float(
                (vm.run.recorder.origin_ms() + vm.now_ms()) / 1000.0,
            ))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

fn sleep(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let seconds = seconds_arg(args.expect("sleep", 1, 1)?)?;
    let wait = vm.waker();
    Ok(vm.block(
        wait,
        Some(seconds * 1000.0),
        Ok(Value::None),
        EventKind::Sleep,
    ))
}

fn now_epoch_ms(vm: &Vm) -> f64 {
    vm.run.recorder.origin_ms() + vm.now_ms()
}

/// A time in seconds since the epoch (`None`: now), as epoch milliseconds.
fn seconds_since_epoch(vm: &Vm, seconds: Option<&Value>) -> PyResult<f64> {
    match seconds {
        None | Some(Value::None) => Ok(now_epoch_ms(vm)),
        Some(seconds) => Ok(real(seconds)? * 1000.0),
    }
}

/// A `struct_time` (or a 9-tuple) as epoch milliseconds; `None`: now.
fn moment_arg(vm: &Vm, time: Option<&Value>) -> PyResult<f64> {
    match time {
        None => Ok(now_epoch_ms(vm)),
        Some(object @ Value::Object(_)) => match downcast::<StructTime>(object) {
            Some(time) => Ok(time.epoch_ms),
            None => raise(
                TypeError,
                format!(
                    "Tuple or struct_time argument required, not {}",
                    object.type_name()
                ),
            ),
        },
        Some(tuple) => {
            let fields: Vec<i64> = tuple
                .items()?
                .iter()
                .map(|f| as_int(f).unwrap_or(0) as i64)
                .collect();
            if fields.len() != 9 {
                return raise(TypeError, "time tuple must have exactly 9 fields");
            }
            Ok(epoch_ms_of(&fields))
        }
    }
}

/// `localtime(secs=None)` and `gmtime(secs=None)`: the same here, where the local time zone
/// is UTC.
fn struct_time(vm: &mut Vm, args: Args, name: &str) -> PyResult<Invoked> {
    let seconds = args.expect(name, 0, 1)?.first().cloned();
    let epoch_ms = seconds_since_epoch(vm, seconds.as_ref())?;
    done(Value::Object(Arc::new(StructTime {
        fields: time_fields(epoch_ms),
        epoch_ms,
    })))
}

/// `time.struct_time`: a named 9-tuple.
struct StructTime {
    fields: [i64; 9],
    epoch_ms: f64,
}

const FIELD_NAMES: [&str; 9] = [
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];

static STRUCT_TIME: TypeDef = TypeDef {
    name: "time.struct_time",
    methods: &[],
    attribute: |object, name| {
        let time = downcast::<StructTime>(object)?;
        let at = FIELD_NAMES.iter().position(|field| *field == name)?;
        Some(Value::Int(time.fields[at].into()))
    },
};

impl PyObject for StructTime {
    fn type_def(&self) -> &'static TypeDef {
        &STRUCT_TIME
    }

    fn repr(&self) -> String {
        let fields: Vec<String> = FIELD_NAMES
            .iter()
            .zip(self.fields)
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        format!("time.struct_time({})", fields.join(", "))
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self
            .fields
            .iter()
            .map(|&field| Value::Int(field.into()))
            .collect()))
    }
}

fn since_start_ns(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("perf_counter_ns", 0, 0)?;
    done(Value::Int((vm.now_ms() * 1e6) as Int))
}

/// `perf_counter()` and `monotonic()`: seconds since the run started.
pub fn since_start(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("perf_counter", 0, 0)?;
    done(Value::Float(seconds_since_start(vm)))
}

/// The clock of `monotonic()` and `perf_counter()`, and of every asyncio loop.
pub fn seconds_since_start(vm: &Vm) -> f64 {
    vm.now_ms() / 1000.0
}

/// A number as `f64`.
pub fn real(value: &Value) -> PyResult<f64> {
    match *value {
        Value::Float(f) => Ok(f),
        ref other => as_int(other).map(|i| i as f64).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "'{}' object cannot be interpreted as a number",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

/// A number of seconds from a call's only argument.
pub fn seconds_arg(args: &[Value]) -> PyResult<f64> {
    let seconds = real(&args[0])?;
    if seconds.is_nan() {
        return raise(ValueError, "Invalid value NaN (not a number)");
    }
    if seconds < 0.0 {
        return raise(ValueError, "sleep length must be non-negative");
    }
    Ok(seconds)
}
