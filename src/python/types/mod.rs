//! The native types, one file each with its table of methods.

pub mod argument_help;
pub mod argument_parser;
mod argument_reading;
pub mod array;
pub mod async_result;
pub mod attributes;
pub mod barrier;
pub mod binary_file;
pub mod bytes;
mod call_iterator;
pub mod class;
pub mod codec;
pub mod condition;
pub mod connection;
pub mod context;
pub mod counter;
pub mod dataclass;
pub mod datetime;
mod datetime_parse;
pub mod default_dict;
pub mod deque;
pub mod descriptor;
pub mod dict;
pub mod dict_subclass;
pub mod enumeration;
pub mod event;
pub mod event_scheduler;
pub mod except_hook;
pub mod exception;
pub mod executor;
pub mod future;
pub mod futures_wait;
pub mod group_by;
pub mod instance_iterator;
pub mod int;
pub mod iterator;
pub mod kinds;
pub mod lazy;
pub mod list;
pub mod local;
pub mod lock;
pub mod log_handler;
pub mod log_record;
pub mod logger;
pub mod logger_adapter;
pub mod managed;
pub mod mapped;
pub mod named_tuple;
pub mod namespace;
pub mod ordered_dict;
pub mod own_attributes;
pub mod parent_process;
pub mod path;
pub mod pool;
pub mod process_sync;
pub mod pulled;
pub mod queue;
pub mod queue_listener;
pub mod redirect;
pub mod regex_match;
pub mod regex_pattern;
pub mod registered;
pub mod rlock;
pub mod semaphore;
pub mod set;
pub mod set_table;
pub mod shareable_list;
pub mod shared_ctypes;
pub mod shared_memory;
pub mod start_method;
pub mod str;
mod str_format;
mod str_translate;
pub mod template;
pub mod temporary_directory;
pub mod text_file;
pub mod thread;
pub mod timer;
pub mod timezone;
mod typecode;
mod unbound_method;

use super::error::PyResult;
use super::error::{raise, ExceptionKind::*};
use super::modules::itertools;
use super::modules::time::seconds_arg;
use super::registry::{no_attributes, Args, Native, TypeDef};
use super::value::{as_int, Value};
use std::sync::Arc;

/// Values without methods of their own (numbers, tuples, functions…).
pub static OTHER: TypeDef = TypeDef {
    name: "object",
    methods: &[],
    attribute: no_attributes,
};

/// `acquire(blocking=True, timeout=-1)`'s arguments: whether to wait, and for how many
/// milliseconds at most (`None`: no limit).
pub fn acquire_args(args: &mut Args, name: &str) -> PyResult<(bool, Option<f64>)> {
    let blocking = args.keyword("blocking");
    let timeout = args.keyword("timeout");
    let given = args.expect(name, 0, 2)?;
    let blocking = blocking
        .as_ref()
        .or(given.first())
        .is_none_or(Value::is_truthy);
    let timeout = match timeout.as_ref().or(given.get(1)) {
        None | Some(Value::None) => None,
        Some(value) if as_int(value).is_some_and(|i| i < 0) => None,
        Some(Value::Float(f)) if *f < 0.0 => None,
        Some(value) => Some(seconds_arg(std::slice::from_ref(value))? * 1000.0),
    };
    Ok((blocking, timeout))
}

/// A `timeout=` in seconds (keyword or first argument), as milliseconds; negative is none.
pub fn timeout_arg(args: &mut Args, name: &str) -> PyResult<Option<f64>> {
    let keyword = args.keyword("timeout");
    let given = args.expect(name, 0, 1)?;
    match keyword.as_ref().or(given.first()) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Float(f)) if *f < 0.0 => Ok(Some(-1.0)),
        Some(value) if as_int(value).is_some_and(|i| i < 0) => Ok(Some(-1.0)),
        Some(value) => Ok(Some(seconds_arg(std::slice::from_ref(value))? * 1000.0)),
    }
}

/// The type of `value`, for its methods and attributes.
pub fn type_of(value: &Value) -> &'static TypeDef {
    match value {
        Value::List(_) => &list::TYPE,
        Value::Tuple(_) => &list::TUPLE,
        Value::Str(_) => &str::TYPE,
        Value::Dict(_) => &dict::TYPE,
        Value::Set(_) => &set::TYPE,
        Value::Int(_) | Value::Bool(_) => &int::INT,
        Value::Float(_) => &int::FLOAT,
        Value::Object(object) => object.type_def(),
        _ => &OTHER,
    }
}

/// `object.name`: a module's member, a data attribute, or a bound method.
pub fn attribute(object: &Value, name: &str) -> PyResult<Value> {
    if let Value::Module(module) = object {
        return module.member(name).map_or_else(
            || {
                raise(
                    AttributeError,
                    format!(
                        "module '{}' has no attribute '{name}' in threadplay's subset",
                        module.name
                    ),
                )
            },
            Ok,
        );
    }
    if let Some(found) = class::attribute(object, name) {
        return found;
    }
    // `threading.Thread.__init__(self, …)` in a subclass's `__init__`, as older tutorials
    // write `super().__init__(…)`; `Exception.__init__(self, message)` too.
    let is_base = match object {
        Value::Builtin(constructor) => matches!(constructor.name, "Thread" | "Timer" | "Process"),
        Value::ExceptionClass(_) => true,
        _ => false,
    };
    if is_base && name == "__init__" {
        return Ok(Value::Builtin(&class::UNBOUND_BASE_INIT));
    }
    if let Value::Builtin(constructor) = object {
        if let Some(method) = class_method(constructor.name, name) {
            return Ok(Value::Builtin(method));
        }
        if let Some(constant) = class_constant(constructor.name, name) {
            return Ok(constant);
        }
        if let Some(method) = unbound_method::lookup(constructor.name, name) {
            return Ok(method);
        }
    }
    let type_def = type_of(object);
    if let Some(value) =
        (type_def.attribute)(object, name).or_else(|| common_attribute(object, name))
    {
        return Ok(value);
    }
    match type_def.methods.iter().find(|method| method.name == name) {
        Some(method) => Ok(Value::Method(Arc::new((object.clone(), method)))),
        None => raise(
            AttributeError,
            format!(
                "'{}' object has no attribute '{name}'",
                kinds::message_name(&object.type_name())
            ),
        ),
    }
}

/// The class methods of a built-in type a program calls on its constructor
/// (`datetime.now()`).
fn class_method(class: &str, name: &str) -> Option<&'static Native> {
    let methods: &'static [Native] = match class {
        "datetime" => datetime::DATETIME_METHODS,
        "date" => datetime::DATE_METHODS,
        "chain" => itertools::CHAIN_METHODS,
        "dict" => dict::CLASS_METHODS,
        "bytes" => bytes::CLASS_METHODS,
        "int" => int::CLASS_METHODS,
        "str" => str_translate::CLASS_METHODS,
        _ => return None,
    };
    methods.iter().find(|method| method.name == name)
}

/// The constants of a built-in type a program reads on its constructor (`timezone.utc`).
fn class_constant(class: &str, name: &str) -> Option<Value> {
    match (class, name) {
        ("timezone", "utc") => Some(timezone::utc()),
        _ => None,
    }
}

/// Attributes of values that are not native objects: `f.__name__`.
fn common_attribute(object: &Value, name: &str) -> Option<Value> {
    match (object, name) {
        (Value::Function(function), "__name__") => Some(Value::str(&*function.name)),
        (Value::Function(function), "__qualname__") => Some(Value::str(&*function.qualname)),
        (Value::Function(function), "__doc__") => {
            Some(function.doc.clone().map_or(Value::None, Value::Str))
        }
        // A bound method is named and documented as its function.
        (Value::BoundMethod(bound), "__name__" | "__qualname__" | "__doc__") => {
            common_attribute(&bound.1, name)
        }
        (Value::BoundMethod(bound), "__self__") => Some(bound.0.clone()),
        (Value::BoundMethod(bound), "__func__") => Some(bound.1.clone()),
        (Value::Coroutine(coroutine), "__name__") => Some(Value::str(coroutine.name())),
        (Value::Builtin(native), "__name__") => Some(Value::str(native.name)),
        (Value::ExceptionClass(kind), "__name__") => Some(Value::str(kind.attribute_name())),
        (_, "__class__") => kinds::type_of(object).ok(),
        _ => None,
    }
}
