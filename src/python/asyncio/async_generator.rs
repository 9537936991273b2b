//! Async generators: an `async def` with `yield`. Calling one gives an async generator, its
//! frame not yet run; `async for` asks it for `__anext__()` and awaits that, which resumes the
//! frame on the awaiting task's thread like a generator's (`vm/generator.rs`). An `await` in
//! it suspends the whole task, the generator's frame with the others; its `yield` gives the
//! value to the `await`; its end raises `StopAsyncIteration` there.

use crate::python::error::PyResult;
use crate::python::registry::{done, native, no_attributes, PyObject, TypeDef};
use crate::python::value::Value;
use crate::python::vm::{resume, Finish, Frame, Generator, Invoked, Vm};
use std::sync::Arc;

static TYPE: TypeDef = TypeDef {
    name: "async_generator",
    methods: &[
        native("__aiter__", |_, args| {
            args.expect("__aiter__", 0, 0)?;
            done(args.receiver.clone())
        }),
        native("__anext__", |_, args| {
            args.expect("__anext__", 0, 0)?;
            let generator = Arc::clone(&args.this::<AsyncGenerator>()?.0);
            done(Value::Object(Arc::new(Step(generator))))
        }),
    ],
    attribute: no_attributes,
};

static STEP_TYPE: TypeDef = TypeDef {
    name: "async_generator_asend",
    methods: &[],
    attribute: no_attributes,
};

/// The generator behind it runs the frame; this type keeps it out of `for` loops and `list()`,
/// which take a plain generator's items without awaiting.
pub struct AsyncGenerator(Arc<Generator>);

/// What `__anext__()` gives: awaited, the generator runs to its next `yield`.
pub struct Step(Arc<Generator>);

impl AsyncGenerator {
    pub fn made(frame: Box<Frame>) -> Value {
        Value::Object(Arc::new(AsyncGenerator(Generator::new(frame))))
    }
}

impl Step {
    /// `await generator.__anext__()`.
    pub fn resume(&self, vm: &mut Vm) -> PyResult<Invoked> {
        resume(vm, &self.0, Value::None, Finish::AsyncStop)
    }
}

impl PyObject for AsyncGenerator {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<async_generator object {} at {:#x}>",
            self.0.name(),
            Arc::as_ptr(&self.0) as usize
        )
    }
}

impl PyObject for Step {
    fn type_def(&self) -> &'static TypeDef {
        &STEP_TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<async_generator_asend object at {:#x}>",
            self as *const Self as usize
        )
    }
}
