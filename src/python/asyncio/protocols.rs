//! The steps `async with` and `async for` are lowered to (see `lower/asynchronous.rs`): each
//! checks the protocol as CPython does, with its error messages, and calls the special method.

use super::Awaitable;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{done, native, no_attributes, Native, PyObject, TypeDef};
use crate::python::registry::{downcast, Args};
use crate::python::types::attribute;
use crate::python::types::exception::PyException;
use crate::python::types::kinds::type_of;
use crate::python::value::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// `async with manager`: the manager, checked, and whether it has been exited.
pub static ASYNC_WITH: Native = native("async with", |_, args| {
    let manager = args.expect("async with", 1, 1)?[0].clone();
    if attribute(&manager, "__aenter__").is_err() || attribute(&manager, "__aexit__").is_err() {
        return raise(
            TypeError,
            format!(
                "'{}' object does not support the asynchronous context manager protocol",
                manager.type_name()
            ),
        );
    }
    done(Value::Object(Arc::new(AsyncWith {
        manager,
        exited: AtomicBool::new(false),
    })))
});

/// `await manager.__aenter__()`.
pub static AENTER: Native = native("__aenter__", |vm, args| {
    let state = with_state(&args)?;
    let enter = attribute(&state.manager, "__aenter__")?;
    vm.invoke(&enter, Args::default())
});

/// `await manager.__aexit__(type, exception, None)` the first time; with `exception` `None`
/// after an exit that had one, nothing.
pub static AEXIT: Native = native("__aexit__", |vm, args| {
    let state = with_state(&args)?;
    let exception = args.positional.get(1).cloned().unwrap_or(Value::None);
    if state.exited.swap(true, Ordering::Relaxed) {
        return done(Awaitable::ready("__aexit__", Value::None));
    }
    let exit = attribute(&state.manager, "__aexit__")?;
    let kind = match &exception {
        Value::None => Value::None,
        exception => type_of(exception)?,
    };
    vm.invoke(&exit, Args::new(vec![kind, exception, Value::None]))
});

/// `async for`'s iterator: `iterable.__aiter__()`.
pub static AITER: Native = native("__aiter__", |vm, args| {
    let iterable = args.expect("__aiter__", 1, 1)?[0].clone();
    let Ok(aiter) = attribute(&iterable, "__aiter__") else {
        return raise(
            TypeError,
            format!(
                "'async for' requires an object with __aiter__ method, got {}",
                iterable.type_name()
            ),
        );
    };
    vm.invoke(&aiter, Args::default())
});

/// `await iterator.__anext__()`.
pub static ANEXT: Native = native("__anext__", |vm, args| {
    let iterator = args.expect("__anext__", 1, 1)?[0].clone();
    let Ok(anext) = attribute(&iterator, "__anext__") else {
        return raise(
            TypeError,
            format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                iterator.type_name()
            ),
        );
    };
    vm.invoke(&anext, Args::default())
});

struct AsyncWith {
    manager: Value,
    exited: AtomicBool,
}

static ASYNC_WITH_TYPE: TypeDef = TypeDef {
    name: "async with",
    methods: &[],
    attribute: no_attributes,
};

impl PyObject for AsyncWith {
    fn type_def(&self) -> &'static TypeDef {
        &ASYNC_WITH_TYPE
    }
}

fn with_state(args: &Args) -> PyResult<Arc<AsyncWith>> {
    match args.positional.first().and_then(downcast::<AsyncWith>) {
        Some(state) => Ok(state),
        None => raise(RuntimeError, "an `async with` lost its manager"),
    }
}

/// Whether `exception` (what `__aexit__` gets) is a `CancelledError`.
pub fn is_cancelled_error(exception: &Value) -> bool {
    downcast::<PyException>(exception)
        .is_some_and(|exception| exception.exception.kind == CancelledError)
}
