//! `random.Random(seed)`: a generator of its own, which a program seeds to draw the same
//! numbers every run whatever its threads do with the module's.

use super::super::super::error::PyResult;
use super::super::super::registry::{address_of, done, Args, PyObject, TypeDef};
use super::super::super::value::Value;
use super::super::super::vm::{Invoked, Vm};
use super::{seed, Generator};
use std::sync::Arc;

pub struct PyRandom(Generator);

impl PyObject for PyRandom {
    fn type_def(&self) -> &'static TypeDef {
        &super::RANDOM
    }

    fn repr(&self) -> String {
        format!("<random.Random object at {:#x}>", address_of(self))
    }
}

/// `Random(x=None)`: seeded as `seed(x)` seeds.
pub fn new(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let generator = Generator::default();
    seed::seed(vm, &generator, args)?;
    done(Value::Object(Arc::new(PyRandom(generator))))
}

/// The generator of the instance a method was called on.
pub fn generator(_: &mut Vm, args: &Args) -> PyResult<Generator> {
    Ok(Arc::clone(&args.this::<PyRandom>()?.0))
}
