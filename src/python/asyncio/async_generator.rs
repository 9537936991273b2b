//! Async generators: an `async def` with `yield`. Calling one gives an async generator, its
//! frame not yet run; `async for` asks it for `__anext__()` and awaits that, which resumes the
//! frame on the awaiting task's thread like a generator's (`vm/generator.rs`). An `await` in
//! it suspends the whole task, the generator's frame with the others; its `yield` gives the
//! value to the `await`; its end raises `StopAsyncIteration` there. `asend`, `athrow` and
//! `aclose` give steps that send a value in, raise an exception where it is paused, or close it.

use crate::event::lock;
use crate::python::error::{raise, Exception, ExceptionKind::*, PyResult};
use crate::python::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::types::{attribute, exception};
use crate::python::value::Value;
use crate::python::vm::{close_then, resume, throw, Finish, Frame, Generator, Invoked, Then, Vm};
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "async_generator",
    methods: &[
        native("__aiter__", |_, args| {
            args.expect("__aiter__", 0, 0)?;
            done(args.receiver.clone())
        }),
        native("__anext__", |_, args| {
            args.expect("__anext__", 0, 0)?;
            step(&args, Action::Send(Value::None))
        }),
        native("asend", |_, args| {
            let sent = args.expect("asend", 1, 1)?[0].clone();
            step(&args, Action::Send(sent))
        }),
        native("athrow", |_, args| {
            let thrown = exception::to_raise(&args.expect("athrow", 1, 1)?[0])?;
            step(&args, Action::Throw(thrown))
        }),
        native("aclose", |_, args| {
            args.expect("aclose", 0, 0)?;
            step(&args, Action::Close)
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

/// What `__anext__()`, `asend()`, `athrow()` and `aclose()` give: awaited (once), the
/// generator runs to its next `yield`, or to its end.
pub struct Step {
    generator: Arc<Generator>,
    /// Taken by the first `await`.
    action: Mutex<Option<Action>>,
    /// What made it, as CPython names them when it is awaited again.
    methods: &'static str,
}

enum Action {
    Send(Value),
    /// `anext(generator, default)`: the default instead of `StopAsyncIteration`.
    NextOr(Value),
    Throw(Exception),
    /// The exception raised where it is paused; the value if it then ends.
    ThrowOr(Exception, Value),
    Close,
}

fn step(args: &Args, action: Action) -> PyResult<Invoked> {
    made_step(&*args.this::<AsyncGenerator>()?, action)
}

fn made_step(generator: &AsyncGenerator, action: Action) -> PyResult<Invoked> {
    let methods = match action {
        Action::Send(_) | Action::NextOr(_) => "__anext__()/asend()",
        Action::Throw(_) | Action::ThrowOr(..) | Action::Close => "aclose()/athrow()",
    };
    done(Value::Object(Arc::new(Step {
        generator: Arc::clone(&generator.0),
        action: Mutex::new(Some(action)),
        methods,
    })))
}

/// The builtin `aiter(iterable)`: `iterable.__aiter__()`.
pub fn aiter(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let iterable = args.expect("aiter", 1, 1)?[0].clone();
    let Ok(method) = attribute(&iterable, "__aiter__") else {
        let name = iterable.type_name();
        return raise(
            TypeError,
            format!("'{name}' object is not an async iterable"),
        );
    };
    vm.invoke(&method, Args::default())
}

/// The builtin `anext(iterator[, default])`: `iterator.__anext__()`. With a default, the
/// iterator must be an async generator: a class's `__anext__` gives a coroutine of its own,
/// which this interpreter cannot yet wrap to turn its `StopAsyncIteration` into the default.
pub fn anext(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("anext", 1, 2)?;
    let iterator = &given[0];
    match (given.get(1), downcast::<AsyncGenerator>(iterator)) {
        (Some(default), Some(generator)) => made_step(&generator, Action::NextOr(default.clone())),
        (Some(_), None) => raise(
            TypeError,
            "anext() with a default takes an async generator here (a class's __anext__ is not supported)",
        ),
        (None, _) => {
            let Ok(method) = attribute(iterator, "__anext__") else {
                let name = iterator.type_name();
                return raise(TypeError, format!("'{name}' object is not an async iterator"));
            };
            vm.invoke(&method, Args::default())
        }
    }
}

impl AsyncGenerator {
    pub fn made(frame: Box<Frame>) -> Value {
        Value::Object(Arc::new(AsyncGenerator(Generator::new(frame))))
    }

    /// `@asynccontextmanager`'s entry, awaited by `async with`: the generator runs to its
    /// `yield`, whose value `as` gets.
    pub fn enter(&self) -> PyResult<Invoked> {
        made_step(self, Action::Send(Value::None))
    }

    /// Its exit: the generator goes on after its `yield`, giving `False` when it ends, or
    /// gets the block's exception there, giving `True` (the exception is swallowed) when it
    /// ends without raising.
    pub fn exit(&self, raised: Option<Exception>) -> PyResult<Invoked> {
        match raised {
            None => made_step(self, Action::NextOr(Value::Bool(false))),
            Some(raised) => made_step(self, Action::ThrowOr(raised, Value::Bool(true))),
        }
    }
}

impl Step {
    /// `await generator.__anext__()` and the others.
    pub fn resume(&self, vm: &mut Vm) -> PyResult<Invoked> {
        let generator = &self.generator;
        match lock(&self.action).take() {
            Some(Action::Send(sent)) => resume(vm, generator, sent, Finish::AsyncStop),
            Some(Action::NextOr(default)) => {
                resume(vm, generator, Value::None, Finish::Default(default))
            }
            Some(Action::Throw(thrown)) => throw(vm, generator, thrown, Finish::AsyncStop),
            Some(Action::ThrowOr(thrown, value)) => {
                throw(vm, generator, thrown, Finish::Default(value))
            }
            Some(Action::Close) => close_then(vm, generator, Then::new(|_, _| done(Value::None))),
            None => raise(
                RuntimeError,
                format!("cannot reuse already awaited {}", self.methods),
            ),
        }
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
