//! `type(x)` and `isinstance(x, t)`: the class of any value as a program sees it. Built-in
//! types are their constructors (`int`, `str`, …), exceptions their classes, and instances
//! their class of the program.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::modules::builtin;
use super::super::registry::{downcast, PyObject, TypeDef};
use super::super::value::Value;
use super::class;
use super::exception::PyException;
use std::sync::Arc;

/// The built-in types a program names, by the constructor that is their name.
const BUILTIN_TYPES: &[&str] = &[
    "int",
    "float",
    "str",
    "bool",
    "list",
    "tuple",
    "dict",
    "range",
    "set",
    "frozenset",
];

/// Whether `name` is a built-in type's constructor (for its `repr`, `<class 'int'>`).
pub fn is_builtin_type(name: &str) -> bool {
    BUILTIN_TYPES.contains(&name)
}

/// `type(value)`.
pub fn type_of(value: &Value) -> PyResult<Value> {
    if let Value::Instance(instance) = value {
        return Ok(Value::Class(std::sync::Arc::clone(&instance.class)));
    }
    if let Some(exception) = downcast::<PyException>(value) {
        return Ok(Value::ExceptionClass(exception.exception.kind));
    }
    let name = value.type_name();
    match builtin(&name) {
        Some(constructor) if is_builtin_type(&name) => Ok(constructor),
        _ => Ok(Value::Object(Arc::new(NativeType {
            name: name.into_owned(),
        }))),
    }
}

/// The type of a value of a native type (a lock, a generator) that no name in the subset
/// stands for: it has a name, and compares by it.
pub struct NativeType {
    name: String,
}

static NATIVE_TYPE: TypeDef = TypeDef {
    name: "type",
    methods: &[],
    attribute: |object, name| match (downcast::<NativeType>(object), name) {
        (Some(native), "__name__") => Some(Value::str(native.name.as_str())),
        _ => None,
    },
};

impl PyObject for NativeType {
    fn type_def(&self) -> &'static TypeDef {
        &NATIVE_TYPE
    }

    fn repr(&self) -> String {
        format!("<class '{}'>", self.name)
    }
}

/// `isinstance(value, classes)`; `classes` may be a tuple.
pub fn is_instance(value: &Value, classes: &Value) -> PyResult<bool> {
    Ok(match classes {
        Value::Tuple(items) => {
            for item in items.iter() {
                if is_instance(value, item)? {
                    return Ok(true);
                }
            }
            false
        }
        Value::Class(class) => class::is_instance(value, class),
        Value::ExceptionClass(kind) => match value {
            Value::Instance(instance) => instance
                .class
                .exception
                .is_some_and(|own| own.is_subclass_of(*kind)),
            _ => downcast::<PyException>(value)
                .is_some_and(|exception| exception.exception.kind.is_subclass_of(*kind)),
        },
        Value::Builtin(native) => {
            let name = value.type_name();
            // `bool` is a subclass of `int`; a class of the program may derive from `Thread`.
            name == native.name
                || (native.name == "int" && name == "bool")
                || matches!(value, Value::Instance(instance) if instance.class.derives_from(native.name))
        }
        Value::Object(_) => match downcast::<NativeType>(classes) {
            Some(native) => value.type_name() == native.name,
            None => false,
        },
        other => {
            return raise(
                TypeError,
                format!(
                    "isinstance() arg 2 must be a type or tuple of types, not {}",
                    other.type_name()
                ),
            )
        }
    })
}

/// `issubclass(class, classes)`; `classes` may be a tuple.
pub fn is_subclass(class: &Value, classes: &Value) -> PyResult<bool> {
    Ok(match (class, classes) {
        (_, Value::Tuple(items)) => {
            for item in items.iter() {
                if is_subclass(class, item)? {
                    return Ok(true);
                }
            }
            false
        }
        (Value::Class(class), Value::Class(base)) => class.is_subclass_of(base),
        (Value::Class(class), Value::ExceptionClass(kind)) => {
            class.exception.is_some_and(|own| own.is_subclass_of(*kind))
        }
        (Value::Class(class), Value::Builtin(native)) => class.derives_from(native.name),
        (Value::ExceptionClass(kind), Value::ExceptionClass(base)) => kind.is_subclass_of(*base),
        (Value::Builtin(native), Value::Builtin(base)) => {
            native.name == base.name || (native.name == "bool" && base.name == "int")
        }
        (Value::Class(_) | Value::ExceptionClass(_) | Value::Builtin(_), _) => false,
        (other, _) => {
            return raise(
                TypeError,
                format!(
                    "issubclass() arg 1 must be a class, not {}",
                    other.type_name()
                ),
            )
        }
    })
}
