//! `traceback`: an exception's traceback, printed or formatted as an uncaught one is printed
//! (`print_exc`, `format_exc`, `print_exception`, `format_exception`; a traceback object's
//! entries alone: `print_tb`, `format_tb`): how a worker thread's
//! `except` reports what went wrong and carries on. `logging`'s `exc_info` prints the same.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, ModuleDef};
use super::super::types::except_hook;
use super::super::types::exception::{to_raise, PyException};
use super::super::value::{same_object, Value};
use super::super::vm::Vm;
use super::sys::stream_arg;
use crate::event::Stream;

pub static MODULE: ModuleDef = ModuleDef {
    name: "traceback",
    functions: &[
        native("print_exc", |vm, args| {
            let [limit, file, _chain] = args.bind("print_exc", ["limit", "file", "chain"], 0)?;
            no_limit(limit)?;
            let text = joined(&handled_traceback(vm));
            vm.write(&text, traceback_stream(file)?)?;
            done(Value::None)
        }),
        native("format_exc", |vm, args| {
            let [limit, _chain] = args.bind("format_exc", ["limit", "chain"], 0)?;
            no_limit(limit)?;
            done(Value::str(joined(&handled_traceback(vm))))
        }),
        native("print_exception", |vm, args| {
            let [exc, value, _tb, limit, file, _chain] = args.bind(
                "print_exception",
                ["exc", "value", "tb", "limit", "file", "chain"],
                1,
            )?;
            no_limit(limit)?;
            let text = joined(&traceback_of(vm, given_exception(exc, value))?);
            vm.write(&text, traceback_stream(file)?)?;
            done(Value::None)
        }),
        native("print_tb", |vm, args| {
            let [tb, limit, file] = args.bind("print_tb", ["tb", "limit", "file"], 1)?;
            no_limit(limit)?;
            let text = joined(&frame_lines(&tb.unwrap_or_default())?);
            vm.write(&text, traceback_stream(file)?)?;
            done(Value::None)
        }),
        native("format_tb", |_, args| {
            let [tb, limit] = args.bind("format_tb", ["tb", "limit"], 1)?;
            no_limit(limit)?;
            let lines = frame_lines(&tb.unwrap_or_default())?;
            done(Value::list(
                lines
                    .into_iter()
                    .map(|line| Value::str(format!("{line}\n")))
                    .collect(),
            ))
        }),
        native("format_exception", |vm, args| {
            let [exc, value, _tb, limit, _chain] = args.bind(
                "format_exception",
                ["exc", "value", "tb", "limit", "chain"],
                1,
            )?;
            no_limit(limit)?;
            let lines = traceback_of(vm, given_exception(exc, value))?;
            done(Value::list(
                lines
                    .into_iter()
                    .map(|line| Value::str(format!("{line}\n")))
                    .collect(),
            ))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// The traceback of the exception the thread is handling (the innermost `except`), or
/// CPython's `NoneType: None` outside any.
pub fn handled_traceback(vm: &Vm) -> Vec<String> {
    handled(vm, |_| true).map_or_else(
        || vec!["NoneType: None".to_string()],
        Exception::traceback_lines,
    )
}

/// The innermost exception being handled that `wanted` accepts.
pub fn handled<'vm>(vm: &'vm Vm, wanted: impl Fn(&Exception) -> bool) -> Option<&'vm Exception> {
    vm.thread
        .frames
        .iter()
        .rev()
        .flat_map(|frame| frame.caught.iter().rev())
        .find(|exception| wanted(exception))
}

/// `print_exception(exc)`, or the older `print_exception(type, value, tb)`: the exception is
/// the value when one is given.
fn given_exception(exc: Option<Value>, value: Option<Value>) -> Value {
    match value {
        Some(value) if !matches!(value, Value::None) => value,
        _ => exc.unwrap_or_default(),
    }
}

/// The traceback of an exception value: the one it had when it was caught, if the thread is
/// still handling it; one never raised is only its last line, as in CPython.
fn traceback_of(vm: &Vm, value: Value) -> PyResult<Vec<String>> {
    if matches!(value, Value::None) {
        return Ok(vec!["NoneType: None".to_string()]);
    }
    let exception = exception_of(&value)?;
    let being_handled = handled(vm, |handled| {
        handled.id == exception.id
            || handled
                .instance
                .as_ref()
                .is_some_and(|instance| same_object(instance, &value))
    });
    Ok(being_handled.unwrap_or(&exception).traceback_lines())
}

/// The exception an exception value is, with the traceback it had when it was caught (one of
/// the program's classes, or never raised, has none).
pub fn exception_of(value: &Value) -> PyResult<Exception> {
    match downcast::<PyException>(value) {
        Some(caught) => Ok(caught.exception.clone()),
        None => to_raise(value),
    }
}

/// A traceback object's entries; `None` has none, as in CPython.
fn frame_lines(traceback: &Value) -> PyResult<Vec<String>> {
    match (traceback, except_hook::frame_lines(traceback)) {
        (Value::None, _) => Ok(Vec::new()),
        (_, Some(lines)) => Ok(lines),
        (other, None) => raise(
            AttributeError,
            format!("'{}' object has no attribute 'tb_frame'", other.type_name()),
        ),
    }
}

/// Lines as the text a traceback prints: each ends its line.
fn joined(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// Where a traceback goes: standard error unless `file` says otherwise.
fn traceback_stream(file: Option<Value>) -> PyResult<Stream> {
    match file {
        None | Some(Value::None) => Ok(Stream::Stderr),
        file => stream_arg(file),
    }
}

/// `limit=` cuts a traceback's frames; threadplay prints them all.
fn no_limit(limit: Option<Value>) -> PyResult<()> {
    match limit {
        None | Some(Value::None) => Ok(()),
        Some(_) => raise(
            ValueError,
            "threadplay's traceback prints every frame: limit= is not supported",
        ),
    }
}
