//! `time`: sleeps park the thread on a timer; clocks read the run's clock.

use super::super::calendar::strftime;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::value::{as_int, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::EventKind;

pub static MODULE: ModuleDef = ModuleDef {
    name: "time",
    functions: &[
        native("sleep", sleep),
        native("perf_counter", since_start),
        native("monotonic", since_start),
        native("strftime", |vm, args| {
            let format = args.expect("strftime", 1, 1)?[0].to_str();
            let epoch_ms = vm.run.recorder.origin_ms() + vm.now_ms();
            done(Value::str(strftime(&format, epoch_ms)))
        }),
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

/// `perf_counter()` and `monotonic()`: seconds since the run started.
fn since_start(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("perf_counter", 0, 0)?;
    done(Value::Float(vm.now_ms() / 1000.0))
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
