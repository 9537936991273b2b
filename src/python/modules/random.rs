//! `random`, from the run's generator.

use super::super::error::{raise, ExceptionKind::*};
use super::super::registry::{done, native, ModuleDef};
use super::super::value::{as_int, Int, Value};
use super::time::real;

pub static MODULE: ModuleDef = ModuleDef {
    name: "random",
    functions: &[
        native("random", |vm, args| {
            args.expect("random", 0, 0)?;
            done(Value::Float(vm.run.random()))
        }),
        native("uniform", |vm, args| {
            let bounds = args.expect("uniform", 2, 2)?;
            let (low, high) = (real(&bounds[0])?, real(&bounds[1])?);
            done(Value::Float(low + (high - low) * vm.run.random()))
        }),
        native("randint", |vm, args| {
            let bounds = args.expect("randint", 2, 2)?;
            let (Some(low), Some(high)) = (as_int(&bounds[0]), as_int(&bounds[1])) else {
                return raise(TypeError, "randint() takes integers");
            };
            if high < low {
                let stop = high.saturating_add(1);
                return raise(
                    ValueError,
                    format!("empty range in randrange({low}, {stop})"),
                );
            }
            let span = (high - low).saturating_add(1) as f64;
            done(Value::Int(low + (vm.run.random() * span) as Int))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
