//! Exceptions as values: what `except … as e` binds and `raise` takes. The exception in flight
//! is the VM's [`Exception`]; a program sees it as a [`PyException`] holding it, and calling a
//! class (`ValueError("bad")`) makes one.

use super::super::error::{raise, Exception, ExceptionKind, Link, PyResult};
use super::super::registry::{PyObject, TypeDef};
use super::super::value::Value;
use super::{class, except_hook};
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
    /// What `except` binds for the exception in flight: the instance raised, if the program
    /// made it from a class of its own.
    pub fn caught(exception: &Exception) -> Value {
        if let Some(instance) = &exception.instance {
            return instance.clone();
        }
        Value::Object(Arc::new(PyException {
            exception: exception.clone(),
        }))
    }

    /// `kind(*args)`: the exception a program makes by calling a class.
    pub fn made(kind: ExceptionKind, args: &[Value]) -> Value {
        Value::Object(Arc::new(PyException {
            exception: with_args(kind, args),
        }))
    }

    fn args(&self) -> Value {
        if let Some([errno, strerror, _filename]) = self.os_error_args() {
            return Value::Tuple(Arc::new([errno.clone(), strerror.clone()]));
        }
        match &self.exception.args {
            Some(args) => Value::Tuple(Arc::clone(args)),
            None if self.exception.message.is_empty() => Value::Tuple(Arc::new([])),
            None => Value::Tuple(Arc::new([Value::str(self.exception.message.as_str())])),
        }
    }
}

impl PyException {
    /// `OSError(errno, strerror, filename)`'s three: `args` shows the first two, and the
    /// message names the file.
    fn os_error_args(&self) -> Option<&[Value; 3]> {
        let args = self.exception.args.as_deref()?;
        let args: &[Value; 3] = args.try_into().ok()?;
        let os_error = self.exception.kind.is_subclass_of(ExceptionKind::OSError);
        (os_error && matches!(args[0], Value::Int(_))).then_some(args)
    }

    /// `errno`, `strerror` and `filename` of an `OSError` (`None` when it was made without).
    fn os_error_attribute(&self, index: usize) -> Value {
        if let Some(args) = self.os_error_args() {
            return args[index].clone();
        }
        match self.exception.args.as_deref() {
            Some([errno @ Value::Int(_), strerror]) if index < 2 => {
                [errno, strerror][index].clone()
            }
            _ => Value::None,
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
        format!(
            "{}{}",
            self.exception.kind.attribute_name(),
            args_repr(&self.args())
        )
    }

    fn to_str(&self) -> String {
        self.exception.message.clone()
    }
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let exception = super::super::registry::downcast::<PyException>(object)?;
    match name {
        "args" => Some(exception.args()),
        // What the generator returned.
        "value" if exception.exception.kind == ExceptionKind::StopIteration => Some(
            exception
                .exception
                .args
                .as_deref()
                .and_then(<[Value]>::first)
                .cloned()
                .unwrap_or_default(),
        ),
        // `sys.exit(status)`'s status: no argument is `None`, several are their tuple.
        "code" if exception.exception.kind == ExceptionKind::SystemExit => {
            Some(match exception.exception.args.as_deref() {
                None | Some([]) => Value::None,
                Some([only]) => only.clone(),
                Some(several) => Value::Tuple(several.into()),
            })
        }
        "__cause__" => Some(exception.exception.cause.clone().unwrap_or_default()),
        // One never raised has none.
        "__traceback__" if exception.exception.frame_lines().is_empty() => Some(Value::None),
        "__traceback__" => Some(except_hook::traceback(&exception.exception)),
        // The exception being handled when this one was raised (kept here only when it is
        // what the traceback prints before this one, not beside a `__cause__`).
        "__context__" => Some(match &exception.exception.chained {
            Some((Link::Context, context)) => PyException::caught(context),
            _ => Value::None,
        }),
        "errno" | "strerror" | "filename"
            if exception
                .exception
                .kind
                .is_subclass_of(ExceptionKind::OSError) =>
        {
            let index = ["errno", "strerror", "filename"]
                .iter()
                .position(|known| *known == name);
            Some(exception.os_error_attribute(index.unwrap_or_default()))
        }
        "exceptions" if exception.exception.kind == ExceptionKind::ExceptionGroup => {
            let args = exception.exception.args.as_deref().unwrap_or_default();
            let errors = args.get(1).and_then(|errors| errors.items().ok());
            Some(Value::Tuple(errors.unwrap_or_default().into()))
        }
        "message" if exception.exception.kind == ExceptionKind::ExceptionGroup => {
            let args = exception.exception.args.as_deref().unwrap_or_default();
            Some(args.first().cloned().unwrap_or_default())
        }
        _ => None,
    }
}

/// The exception `kind(*args)`, as raised.
pub fn with_args(kind: ExceptionKind, args: &[Value]) -> Exception {
    let mut exception = Exception::new(kind, message(kind, args));
    exception.args = Some(args.into());
    exception
}

/// CPython's `str()` of an exception: its one argument's (a `KeyError`'s key as `repr` shows
/// it), or the arguments' tuple.
fn message(kind: ExceptionKind, args: &[Value]) -> String {
    match args {
        [message, errors] if kind == ExceptionKind::ExceptionGroup => {
            let count = errors.items().map_or(0, |errors| errors.len());
            let plural = if count == 1 { "" } else { "s" };
            format!("{} ({count} sub-exception{plural})", message.to_str())
        }
        [] => String::new(),
        [key] if kind.is_subclass_of(ExceptionKind::KeyError) => key.repr(),
        // `OSError(errno, strerror)`.
        [Value::Int(errno), strerror] if kind.is_subclass_of(ExceptionKind::OSError) => {
            format!("[Errno {errno}] {}", strerror.to_str())
        }
        [Value::Int(errno), strerror, filename] if kind.is_subclass_of(ExceptionKind::OSError) => {
            format!("[Errno {errno}] {}: {}", strerror.to_str(), filename.repr())
        }
        [only] => only.to_str(),
        many => Value::Tuple(many.into()).repr(),
    }
}

/// `(args)` as an exception's `repr` shows them: `ValueError('bad')`.
fn args_repr(args: &Value) -> String {
    let args = args.repr();
    args.strip_suffix(",)")
        .map_or_else(|| args.clone(), |one| format!("{one})"))
}

/// An instance of an exception class of the program: its `args`.
fn instance_args(instance: &Value) -> Vec<Value> {
    match class::attribute(instance, "args") {
        Some(Ok(args)) => args.items().unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// `str()` of an instance of an exception class of the program.
pub fn exception_message(instance: &Value) -> String {
    let kind = match instance {
        Value::Instance(instance) => instance.class.exception,
        _ => None,
    };
    message(
        kind.unwrap_or(ExceptionKind::Exception),
        &instance_args(instance),
    )
}

/// The `(args)` of `repr()` of an instance of an exception class of the program.
pub fn exception_args_repr(instance: &Value) -> String {
    args_repr(&Value::Tuple(instance_args(instance).into()))
}

/// The exception `raise value` raises: an exception, or a class, called with no arguments.
/// The exception a value holds as it was raised (its traceback too), to show it: an exception
/// group's member.
pub fn as_raised(value: &Value) -> Option<Exception> {
    match super::super::registry::downcast_ref::<PyException>(value) {
        Some(raised) => Some(raised.exception.clone()),
        None => to_raise(value).ok(),
    }
}

pub fn to_raise(value: &Value) -> PyResult<Exception> {
    match value {
        Value::ExceptionClass(kind) => Ok(Exception::new(*kind, "")),
        Value::Class(class) if class.exception.is_some() && class.lookup("__init__").is_none() => {
            let instance = class::bare_instance(class);
            class::store_exception_args(&instance, Vec::new());
            to_raise(&instance)
        }
        Value::Instance(instance) if instance.class.exception.is_some() => {
            let kind = instance.class.exception.unwrap_or(ExceptionKind::Exception);
            let mut exception = Exception::new(kind, exception_message(value));
            exception.instance = Some(value.clone());
            Ok(exception)
        }
        _ => match super::super::registry::downcast::<PyException>(value) {
            // Raised anew: from here, with the frames it went through before after the ones
            // it goes through now, as CPython adds to its `__traceback__`.
            Some(raised) => {
                let mut exception =
                    Exception::new(raised.exception.kind, raised.exception.message.clone());
                exception.args.clone_from(&raised.exception.args);
                exception.id = raised.exception.id;
                exception.traceback = raised.exception.traceback.clone();
                exception
                    .traceback
                    .extend(raised.exception.handled_at.clone());
                Ok(exception)
            }
            None => raise(
                ExceptionKind::TypeError,
                "exceptions must derive from BaseException",
            ),
        },
    }
}

/// `raise exception from cause`: the cause is its `__cause__` (`None` breaks the chain).
pub fn caused_by(mut exception: Exception, cause: Option<Value>) -> PyResult<Exception> {
    let Some(cause) = cause else {
        return Ok(exception);
    };
    let cause = match cause {
        Value::None => Value::None,
        other => caught_value(&to_raise(&other)?, &other),
    };
    if let Some(instance) = &exception.instance {
        class::set_attribute(instance, "__cause__", cause.clone())?;
    }
    exception.cause = Some(cause);
    Ok(exception)
}

/// The value an exception raised from `value` is seen as: the instance, or the exception.
fn caught_value(exception: &Exception, value: &Value) -> Value {
    match value {
        Value::Instance(_) | Value::Object(_) => value.clone(),
        _ => PyException::caught(exception),
    }
}

/// `except*`'s split of an exception by `classes`: the part they match and the rest, each
/// `None` if empty. A group's parts are groups with its message and nesting, and a group the
/// classes match is taken whole; a lone exception they match comes wrapped in a group with
/// no message, as in CPython.
pub fn split_group(exception: &Value, classes: &Value) -> PyResult<(Option<Value>, Option<Value>)> {
    let raised = to_raise(exception)?;
    if matches(&raised, classes)? {
        return Ok(if raised.kind == ExceptionKind::ExceptionGroup {
            (Some(exception.clone()), None)
        } else {
            // A tuple, as CPython's wrapping shows it.
            (
                Some(group(
                    Value::str(""),
                    Value::Tuple([exception.clone()].into()),
                )),
                None,
            )
        });
    }
    if raised.kind != ExceptionKind::ExceptionGroup {
        return Ok((None, Some(exception.clone())));
    }
    let args = raised.args.as_deref().unwrap_or_default();
    let message = args.first().cloned().unwrap_or_default();
    let members = args
        .get(1)
        .map(Value::items)
        .transpose()?
        .unwrap_or_default();
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for member in members {
        let (taken, left) = split_member(&member, classes)?;
        matched.extend(taken);
        rest.extend(left);
    }
    let part =
        |items: Vec<Value>| (!items.is_empty()).then(|| group(message.clone(), Value::list(items)));
    Ok((part(matched), part(rest)))
}

/// A member of a group, split: a nested group as a group, a lone exception as itself.
fn split_member(member: &Value, classes: &Value) -> PyResult<(Option<Value>, Option<Value>)> {
    let raised = to_raise(member)?;
    if raised.kind == ExceptionKind::ExceptionGroup {
        return split_group(member, classes);
    }
    Ok(if matches(&raised, classes)? {
        (Some(member.clone()), None)
    } else {
        (None, Some(member.clone()))
    })
}

/// `ExceptionGroup(message, members)`.
pub fn group(message: Value, members: Value) -> Value {
    PyException::made(ExceptionKind::ExceptionGroup, &[message, members])
}

/// Whether `except classes:` catches `exception` (`classes` may be a tuple of classes).
pub fn matches(exception: &Exception, classes: &Value) -> PyResult<bool> {
    match classes {
        Value::ExceptionClass(kind) => Ok(exception.kind.is_subclass_of(*kind)),
        Value::Class(class) => Ok(exception
            .instance
            .as_ref()
            .is_some_and(|instance| class::is_instance(instance, class))),
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
