//! Exceptions as values: what `except … as e` binds and `raise` takes. The exception in flight
//! is the VM's [`Exception`]; a program sees it as a [`PyException`] holding it, and calling a
//! class (`ValueError("bad")`) makes one.

use super::super::error::{raise, Exception, ExceptionKind, PyResult};
use super::super::registry::{PyObject, TypeDef};
use super::super::value::Value;
use std::sync::Arc;

pub static TYPE: TypeDef = TypeDef {
    name: "BaseException",
    methods: &[],
    attribute,
};

pub struct PyException {
    pub exception: Exception,
}

impl PyException {
    /// What `except` binds for the exception in flight.
    pub fn caught(exception: &Exception) -> Value {
        Value::Object(Arc::new(PyException {
            exception: exception.clone(),
        }))
    }

    /// `kind(*args)`: the exception a program makes by calling a class.
    pub fn made(kind: ExceptionKind, args: &[Value]) -> Value {
        // CPython's `str()` of an exception: its one argument's (a `KeyError`'s key as
        // `repr` shows it), or the arguments' tuple.
        let message = match args {
            [] => String::new(),
            [key] if kind == ExceptionKind::KeyError => key.repr(),
            [only] => only.to_str(),
            many => Value::Tuple(many.into()).repr(),
        };
        let mut exception = Exception::new(kind, message);
        exception.args = Some(args.into());
        Value::Object(Arc::new(PyException { exception }))
    }

    fn args(&self) -> Value {
        match &self.exception.args {
            Some(args) => Value::Tuple(Arc::clone(args)),
            None if self.exception.message.is_empty() => Value::Tuple(Arc::new([])),
            None => Value::Tuple(Arc::new([Value::str(self.exception.message.as_str())])),
        }
    }
}

impl PyObject for PyException {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn type_name(&self) -> &'static str {
        self.exception.kind.attribute_name()
    }

    fn repr(&self) -> String {
        let args = self.args().repr();
        let args = args
            .strip_suffix(",)")
            .map_or(args.clone(), |one| format!("{one})"));
        format!("{}{args}", self.exception.kind.attribute_name())
    }

    fn to_str(&self) -> String {
        self.exception.message.clone()
    }
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let exception = super::super::registry::downcast::<PyException>(object)?;
    match name {
        "args" => Some(exception.args()),
        _ => None,
    }
}

/// The exception `raise value` raises: an exception, or a class, called with no arguments.
pub fn to_raise(value: &Value) -> PyResult<Exception> {
    match value {
        Value::ExceptionClass(kind) => Ok(Exception::new(*kind, "")),
        _ => match super::super::registry::downcast::<PyException>(value) {
            // Raised anew: from here, with a traceback of its own.
            Some(raised) => {
                let mut exception =
                    Exception::new(raised.exception.kind, raised.exception.message.clone());
                exception.args.clone_from(&raised.exception.args);
                Ok(exception)
            }
            None => raise(
                ExceptionKind::TypeError,
                "exceptions must derive from BaseException",
            ),
        },
    }
}

/// Whether `except classes:` catches `exception` (`classes` may be a tuple of classes).
pub fn matches(exception: &Exception, classes: &Value) -> PyResult<bool> {
    match classes {
        Value::ExceptionClass(kind) => Ok(exception.kind.is_subclass_of(*kind)),
        Value::Tuple(items) => {
            for item in items.iter() {
                if matches(exception, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => raise(
            ExceptionKind::TypeError,
            "catching classes that do not inherit from BaseException is not allowed",
        ),
    }
}
