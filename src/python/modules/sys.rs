//! `sys`: `exit`, `argv`, the switch interval and recursion limit, and `stdout`/`stderr`
//! (each a small module of its own here, with `write` and `flush`: both go to the log).

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, Constant, ModuleDef, Native};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm, RECURSION_LIMIT};

pub static MODULE: ModuleDef = ModuleDef {
    name: "sys",
    functions: &[
        native("exit", exit),
        native("getswitchinterval", |_, args| {
            args.expect("getswitchinterval", 0, 0)?;
            done(Value::Float(crate::gil::SWITCH_INTERVAL_MS / 1000.0))
        }),
        // The interval is the scheduler's; a program may set it, as it may in CPython, but
        // threadplay keeps CPython's default.
        native("setswitchinterval", |_, args| {
            args.expect("setswitchinterval", 1, 1)?;
            done(Value::None)
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
        ("argv", Constant::StrList(&["main.py"])),
        ("maxsize", Constant::Int(i64::MAX)),
        ("platform", Constant::Str("linux")),
        ("byteorder", Constant::Str("little")),
        ("version", Constant::Str("3.11.7 (threadplay)")),
    ],
    submodules: &[&STDOUT, &STDERR],
};

pub static STDOUT: ModuleDef = stream("sys.stdout");
pub static STDERR: ModuleDef = stream("sys.stderr");

const STREAM_FUNCTIONS: &[Native] = &[
    native("write", |vm, args| {
        let text = args.expect("write", 1, 1)?[0].to_str();
        vm.write(&text)?;
        done(Value::Int(text.chars().count() as i128))
    }),
    native("flush", |_, args| {
        args.expect("flush", 0, 0)?;
        done(Value::None)
    }),
];

const fn stream(name: &'static str) -> ModuleDef {
    ModuleDef {
        name,
        functions: STREAM_FUNCTIONS,
        exceptions: &[],
        constants: &[],
        submodules: &[],
    }
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

/// What a `print(…, file=…)` writes to: the log, for `sys.stdout` and `sys.stderr`.
pub fn is_stream(value: &Value) -> bool {
    matches!(value, Value::Module(module) if std::ptr::eq(*module, &STDOUT) || std::ptr::eq(*module, &STDERR))
}

/// `print`'s `file=` must be a stream threadplay has.
pub fn check_stream(file: &Value) -> PyResult<()> {
    if matches!(file, Value::None) || is_stream(file) {
        return Ok(());
    }
    raise(
        TypeError,
        format!(
            "threadplay prints to sys.stdout and sys.stderr, not to {}",
            file.repr()
        ),
    )
}
