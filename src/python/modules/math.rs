//! `math`: the functions tutorials compute with.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::value::{as_int, Value};
use super::builtins::to_int;

pub static MODULE: ModuleDef = ModuleDef {
    name: "math",
    functions: &[
        native("sqrt", |_, args| done(float_fn(&args, "sqrt", f64::sqrt)?)),
        native("floor", |_, args| {
            done(float_to_int(&args, "floor", f64::floor)?)
        }),
        native("ceil", |_, args| {
            done(float_to_int(&args, "ceil", f64::ceil)?)
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

fn number_arg(args: &Args, name: &str) -> PyResult<f64> {
    let value = &args.expect(name, 1, 1)?[0];
    match *value {
        Value::Float(f) => Ok(f),
        _ => as_int(value).map(|i| i as f64).map_or_else(
            || {
                raise(
                    TypeError,
                    format!("must be real number, not {}", value.type_name()),
                )
            },
            Ok,
        ),
    }
}

fn float_fn(args: &Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = number_arg(args, name)?;
    if name == "sqrt" && x < 0.0 {
        return raise(ValueError, "math domain error");
    }
    Ok(Value::Float(f(x)))
}

fn float_to_int(args: &Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    to_int(&Value::Float(f(number_arg(args, name)?)))
}
