//! `type(x)` and `isinstance(x, t)`: the class of any value as a program sees it. Built-in
//! types are their constructors (`int`, `str`, …), exceptions their classes, and instances
//! their class of the program.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::modules::{builtin, module as module_named};
use super::super::registry::{downcast, Native, PyObject, TypeDef};
use super::super::value::Value;
use super::exception::PyException;
use super::{class, named_tuple};
use std::sync::Arc;

/// The built-in types a program names, by the constructor that is their name.
const BUILTIN_TYPES: &[&str] = &[
    "int",
    "float",
    "str",
    "bytes",
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

/// The types modules define, by module: CPython names them with their module's name
/// (`<class 'collections.deque'>`), and the module's function of that name makes them.
const MODULE_TYPES: &[(&str, &[&str])] = &[
    (
        "collections",
        &["deque", "Counter", "defaultdict", "OrderedDict"],
    ),
    ("types", &["SimpleNamespace"]),
    ("array", &["array"]),
    ("sched", &["scheduler"]),
    ("_thread", &["lock", "RLock"]),
    ("argparse", &["ArgumentParser", "Namespace"]),
    ("string", &["Template"]),
    ("re", &["Pattern", "Match"]),
    (
        "itertools",
        &[
            "count",
            "cycle",
            "repeat",
            "islice",
            "chain",
            "zip_longest",
            "pairwise",
            "accumulate",
            "starmap",
            "takewhile",
            "dropwhile",
            "filterfalse",
            "compress",
            "groupby",
            "_grouper",
            "_tee",
            "product",
            "permutations",
            "combinations",
            "combinations_with_replacement",
        ],
    ),
];

/// The module that defines type `name`, if one does.
fn module_of(name: &str) -> Option<&'static str> {
    MODULE_TYPES
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(module, _)| *module)
}

/// `module.name`, if `name` is a type a module defines.
fn qualified(name: &str) -> Option<String> {
    module_of(name).map(|module| format!("{module}.{name}"))
}

/// A type's name as CPython's messages give it: `'collections.deque' object has no …`, but
/// `'Counter'`, a class written in Python, by its own name.
pub fn message_name(name: &str) -> String {
    match name {
        "Counter" => name.to_string(),
        // A manager's namespace is read in the manager's process, which names its own object.
        "NamespaceProxy" => "Namespace".to_string(),
        _ => qualified(name).unwrap_or_else(|| name.to_string()),
    }
}

/// The function that makes a module's type of this name (`collections.deque`), which is the
/// type for `type()` and `is`.
fn module_type(name: &str) -> Option<Value> {
    module_named(module_of(name)?)?.member(name)
}

/// The qualified name of `native` if it makes a module's type: `collections.deque`.
pub fn module_type_name(native: &Native) -> Option<String> {
    match module_type(native.name)? {
        Value::Builtin(maker) if std::ptr::eq(maker, native) => qualified(native.name),
        _ => None,
    }
}

/// `type(value)`.
pub fn type_of(value: &Value) -> PyResult<Value> {
    if let Value::Instance(instance) = value {
        return Ok(Value::Class(std::sync::Arc::clone(&instance.class)));
    }
    if let Some(exception) = downcast::<PyException>(value) {
        return Ok(Value::ExceptionClass(exception.exception.kind));
    }
    if let Some(class) = named_tuple::class_of(value) {
        return Ok(class);
    }
    let name = value.type_name();
    match builtin(&name) {
        Some(constructor) if is_builtin_type(&name) => Ok(constructor),
        _ => Ok(module_type(&name).unwrap_or_else(|| {
            Value::Object(Arc::new(NativeType {
                name: name.into_owned(),
            }))
        })),
    }
}

/// The type of the values of native type `name`, as a module names it (`re.Match`, for
/// `isinstance`).
pub fn native_type(name: &str) -> Value {
    Value::Object(Arc::new(NativeType { name: name.into() }))
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
        format!(
            "<class '{}'>",
            qualified(&self.name).unwrap_or_else(|| self.name.clone())
        )
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
        // Every value is an object.
        Value::Builtin(native) if native.name == "object" => true,
        Value::Builtin(native) => {
            let name = value.type_name();
            // `bool` is a subclass of `int`, a `Counter` of `dict`; a class of the program may
            // derive from `Thread`.
            name == native.name
                || (native.name == "int" && name == "bool")
                || matches!(value, Value::Object(object) if object.base_type() == Some(native.name))
                || matches!(value, Value::Instance(instance) if instance.class.derives_from(native.name))
        }
        Value::Object(_) => match downcast::<NativeType>(classes) {
            Some(native) => value.type_name() == native.name,
            None => named_tuple::is_instance_of(value, classes),
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
        (Value::Class(_) | Value::ExceptionClass(_) | Value::Builtin(_), Value::Builtin(base))
            if base.name == "object" =>
        {
            true
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
