//! `contextlib`: `contextmanager` (a generator function as a `with` block's manager),
//! `asynccontextmanager` (an async generator function as an `async with` block's),
//! `suppress`, `nullcontext` and `closing`.

use super::super::asyncio::AsyncGenerator;
use super::super::error::{raise, ExceptionKind::*};
use super::super::registry::{
    done, downcast, native, no_attributes, wraps_function, Args, ModuleDef, Native, PyObject,
    TypeDef,
};
use super::super::types::class::attribute_invoked;
use super::super::types::{exception, redirect};
use super::super::value::Value;
use super::super::vm::{as_generator, resume, throw, Finish, Generator, Invoked, Then};
use crate::event::Stream;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "contextlib",
    functions: &[
        native("contextmanager", |_, args| {
            let function = args.expect("contextmanager", 1, 1)?[0].clone();
            done(Value::Method(Arc::new((function, &MAKE_MANAGER))))
        }),
        native("asynccontextmanager", |_, args| {
            let function = args.expect("asynccontextmanager", 1, 1)?[0].clone();
            done(Value::Method(Arc::new((function, &MAKE_ASYNC_MANAGER))))
        }),
        native("suppress", |_, args| {
            done(Value::Object(Arc::new(Suppress(Value::Tuple(
                args.positional.into(),
            )))))
        }),
        native("redirect_stdout", |vm, args| {
            redirect::new(vm, args, Stream::Stdout)
        }),
        native("redirect_stderr", |vm, args| {
            redirect::new(vm, args, Stream::Stderr)
        }),
        native("closing", |_, args| {
            let thing = args.expect("closing", 1, 1)?[0].clone();
            done(Value::Object(Arc::new(Closing(thing))))
        }),
        native("nullcontext", |_, args| {
            let [enter_result] = args.bind("nullcontext", ["enter_result"], 0)?;
            done(Value::Object(Arc::new(NullContext(
                enter_result.unwrap_or_default(),
            ))))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// The decorated function: its generator, wrapped as a manager.
static MAKE_MANAGER: Native = wraps_function("contextmanager", |_, mut args| {
    let function = std::mem::take(&mut args.receiver);
    Ok(Invoked::CallThen(
        function,
        args,
        Then::new(|_, made| match as_generator(&made) {
            Some(generator) => done(Value::Object(Arc::new(GeneratorManager(generator)))),
            None => raise(TypeError, "a @contextmanager function must be a generator"),
        }),
    ))
});

/// The decorated async generator function: its generator, wrapped as an async manager.
static MAKE_ASYNC_MANAGER: Native = wraps_function("asynccontextmanager", |_, mut args| {
    let function = std::mem::take(&mut args.receiver);
    Ok(Invoked::CallThen(
        function,
        args,
        Then::new(|_, made| match downcast::<AsyncGenerator>(&made) {
            Some(generator) => done(Value::Object(Arc::new(AsyncGeneratorManager(generator)))),
            None => raise(
                TypeError,
                "an @asynccontextmanager function must be an async generator",
            ),
        }),
    ))
});

static ASYNC_GENERATOR_MANAGER: TypeDef = TypeDef {
    name: "_AsyncGeneratorContextManager",
    methods: &[
        native("__aenter__", |_, args| {
            args.expect("__aenter__", 0, 0)?;
            args.this::<AsyncGeneratorManager>()?.0.enter()
        }),
        native("__aexit__", |_, args| {
            let given = args.expect("__aexit__", 3, 3)?;
            let raised = match &given[1] {
                Value::None => None,
                value => Some(exception::to_raise(value)?),
            };
            args.this::<AsyncGeneratorManager>()?.0.exit(raised)
        }),
    ],
    attribute: no_attributes,
};

struct AsyncGeneratorManager(Arc<AsyncGenerator>);

impl PyObject for AsyncGeneratorManager {
    fn type_def(&self) -> &'static TypeDef {
        &ASYNC_GENERATOR_MANAGER
    }
}

static GENERATOR_MANAGER: TypeDef = TypeDef {
    name: "_GeneratorContextManager",
    methods: &[
        // `with` gets what the generator yields first.
        native("__enter__", |vm, args| {
            args.expect("__enter__", 0, 0)?;
            let manager = args.this::<GeneratorManager>()?;
            resume(vm, &manager.0, Value::None, Finish::Raise)
        }),
        // The block ended: the generator goes on after its `yield` (returning False), or, if
        // the block raised, gets the exception there; if it then ends, the exception is
        // swallowed (True), and if it raises, that goes on from the `with`.
        native("__exit__", |vm, args| {
            let given = args.expect("__exit__", 3, 3)?;
            let manager = args.this::<GeneratorManager>()?;
            if matches!(given[0], Value::None) {
                return resume(
                    vm,
                    &manager.0,
                    Value::None,
                    Finish::Default(Value::Bool(false)),
                );
            }
            let thrown = exception::to_raise(&given[1])?;
            throw(vm, &manager.0, thrown, Finish::Default(Value::Bool(true)))
        }),
    ],
    attribute: no_attributes,
};

struct GeneratorManager(Arc<Generator>);

impl PyObject for GeneratorManager {
    fn type_def(&self) -> &'static TypeDef {
        &GENERATOR_MANAGER
    }
}

static SUPPRESS: TypeDef = TypeDef {
    name: "suppress",
    methods: &[
        native("__enter__", |_, args| {
            args.expect("__enter__", 0, 0)?;
            done(Value::None)
        }),
        native("__exit__", |_, args| {
            let given = args.expect("__exit__", 3, 3)?;
            if matches!(given[1], Value::None) {
                return done(Value::Bool(false));
            }
            let raised = exception::to_raise(&given[1])?;
            let classes = &args.this::<Suppress>()?.0;
            done(Value::Bool(exception::matches(&raised, classes)?))
        }),
    ],
    attribute: no_attributes,
};

/// `suppress(*exceptions)`: a `with` block whose exceptions of these classes end it quietly.
struct Suppress(Value);

impl PyObject for Suppress {
    fn type_def(&self) -> &'static TypeDef {
        &SUPPRESS
    }
}

static NULL_CONTEXT: TypeDef = TypeDef {
    name: "nullcontext",
    methods: &[
        native("__enter__", |_, args| {
            args.expect("__enter__", 0, 0)?;
            done(args.this::<NullContext>()?.0.clone())
        }),
        native("__exit__", |_, args| {
            args.expect("__exit__", 3, 3)?;
            done(Value::None)
        }),
    ],
    attribute: no_attributes,
};

/// `nullcontext(enter_result=None)`: a `with` block that manages nothing, where a lock (or
/// another manager) is optional; `as` gets `enter_result`.
struct NullContext(Value);

impl PyObject for NullContext {
    fn type_def(&self) -> &'static TypeDef {
        &NULL_CONTEXT
    }
}

static CLOSING: TypeDef = TypeDef {
    name: "closing",
    methods: &[
        native("__enter__", |_, args| {
            args.expect("__enter__", 0, 0)?;
            done(args.this::<Closing>()?.0.clone())
        }),
        native("__exit__", |vm, args| {
            args.expect("__exit__", 3, 3)?;
            let thing = args.this::<Closing>()?.0.clone();
            let close = attribute_invoked(vm, &thing, "close")?;
            vm.then_after(
                close,
                Then::new(|vm, close| {
                    let closed = vm.invoke(&close, Args::default())?;
                    // What `close()` gives is dropped: an exception in the block goes on.
                    vm.then_after(closed, Then::new(|_, _| done(Value::None)))
                }),
            )
        }),
    ],
    attribute: no_attributes,
};

/// `closing(thing)`: a `with` block whose end calls `thing.close()`; `as` gets `thing`.
struct Closing(Value);

impl PyObject for Closing {
    fn type_def(&self) -> &'static TypeDef {
        &CLOSING
    }
}
