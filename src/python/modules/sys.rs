//! `sys`: `exit`, `argv`, the version, the switch interval and recursion limit, whether the GIL
//! is on, and `stdout`/`stderr`
//! (each a small module of its own here, with `write` and `flush`: both go to the log).

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, Constant, ModuleDef, Native};
use super::super::types::exception::PyException;
use super::super::types::{except_hook, kinds, named_tuple};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm, RECURSION_LIMIT};
use crate::event::Stream;

/// `sys.argv`: the program as `main.py`, with no arguments (what `argparse` reads).
pub const ARGV: &[&str] = &["main.py"];

pub static MODULE: ModuleDef = ModuleDef {
    name: "sys",
    functions: &[
        native("exit", exit),
        native("exc_info", exc_info),
        // The program's own hook is set and read outside the loop (see `except_hook.rs`).
        native("excepthook", except_hook::default_sys_hook),
        native("__excepthook__", except_hook::default_sys_hook),
        native("getswitchinterval", |vm, args| {
            args.expect("getswitchinterval", 0, 0)?;
            done(Value::Float(
                vm.thread.process.switch_interval_ms() / 1000.0,
            ))
        }),
        // The scheduler's interval, for this process's threads.
        native("setswitchinterval", |vm, args| {
            args.expect("setswitchinterval", 1, 1)?;
            let seconds = match &args.positional[0] {
                Value::Float(seconds) => *seconds,
                Value::Int(seconds) => *seconds as f64,
                other => {
                    return raise(
                        TypeError,
                        format!("must be real number, not {}", other.type_name()),
                    )
                }
            };
            if seconds.is_nan() || seconds <= 0.0 {
                return raise(ValueError, "switch interval must be strictly positive");
            }
            vm.thread.process.set_switch_interval_ms(seconds * 1000.0);
            done(Value::None)
        }),
        // Python 3.13's free-threaded build tells whether the GIL is on: here, the model.
        native("_is_gil_enabled", |vm, args| {
            args.expect("_is_gil_enabled", 0, 0)?;
            done(Value::Bool(vm.run.has_gil))
        }),
        native("getrecursionlimit", |_, args| {
            args.expect("getrecursionlimit", 0, 0)?;
            done(Value::Int(RECURSION_LIMIT as i128))
        }),
        native("setrecursionlimit", |_, args| {
            args.expect("setrecursionlimit", 1, 1)?;
            done(Value::None)
        }),
    ],
    exceptions: &[],
    constants: &[
        ("argv", Constant::StrList(ARGV)),
        ("maxsize", Constant::Int(i64::MAX)),
        ("platform", Constant::Str("linux")),
        ("byteorder", Constant::Str("little")),
        ("version", Constant::Str("3.11.7 (threadplay)")),
        (
            "version_info",
            Constant::Object(|| {
                named_tuple::made(
                    "sys.version_info",
                    &["major", "minor", "micro", "releaselevel", "serial"],
                    vec![
                        Value::Int(3),
                        Value::Int(11),
                        Value::Int(7),
                        Value::str("final"),
                        Value::Int(0),
                    ],
                )
            }),
        ),
    ],
    submodules: &[&STDOUT, &STDERR],
};

pub static STDOUT: ModuleDef = stream(
    "sys.stdout",
    &[
        native("write", |vm, args| write(vm, args, Stream::Stdout)),
        native("flush", flush),
    ],
);
pub static STDERR: ModuleDef = stream(
    "sys.stderr",
    &[
        native("write", |vm, args| write(vm, args, Stream::Stderr)),
        native("flush", flush),
    ],
);

/// `stream.write(text)`: the number of characters written.
fn write(vm: &mut Vm, args: Args, stream: Stream) -> PyResult<Invoked> {
    let text = args.expect("write", 1, 1)?[0].to_str();
    vm.write(&text, stream)?;
    done(Value::Int(text.chars().count() as i128))
}

fn flush(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("flush", 0, 0)?;
    done(Value::None)
}

const fn stream(name: &'static str, functions: &'static [Native]) -> ModuleDef {
    ModuleDef {
        name,
        functions,
        exceptions: &[],
        constants: &[],
        submodules: &[],
    }
}

/// `sys.exc_info()`: the exception being handled, as `(type, value, traceback)`, or three
/// `None`s outside any `except`.
fn exc_info(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("exc_info", 0, 0)?;
    let Some(exception) = super::traceback::handled(vm, |_| true) else {
        return done(Value::Tuple([Value::None, Value::None, Value::None].into()));
    };
    let value = PyException::caught(exception);
    let kind = kinds::type_of(&value)?;
    let traceback = except_hook::traceback(exception);
    done(Value::Tuple([kind, value, traceback].into()))
}

/// `sys.exit(status=None)`: raises `SystemExit`, which ends the thread without a traceback.
fn exit(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let status = args.expect("exit", 0, 1)?.first().cloned();
    let message = match &status {
        None | Some(Value::None) => String::new(),
        Some(status) => status.to_str(),
    };
    let mut exception = Exception::new(SystemExit, message);
    exception.args = status.map(|status| vec![status].into());
    Err(exception)
}

/// The stream `value` is, if it is `sys.stdout` or `sys.stderr`.
fn as_stream(value: &Value) -> Option<Stream> {
    match value {
        Value::Module(module) if std::ptr::eq(*module, &STDOUT) => Some(Stream::Stdout),
        Value::Module(module) if std::ptr::eq(*module, &STDERR) => Some(Stream::Stderr),
        _ => None,
    }
}

/// Where a `file=` or `stream=` argument writes: `None` is standard output (`print`'s default),
/// and the streams threadplay has are the two of `sys`.
pub fn stream_arg(file: Option<Value>) -> PyResult<Stream> {
    let Some(file) = file else {
        return Ok(Stream::Stdout);
    };
    if matches!(file, Value::None) {
        return Ok(Stream::Stdout);
    }
    if let Some(stream) = as_stream(&file) {
        return Ok(stream);
    }
    raise(
        TypeError,
        format!(
            "threadplay prints to sys.stdout and sys.stderr, not to {}",
            file.repr()
        ),
    )
}
