//! `logging`'s loggers and their configuration (one per process, as `basicConfig` sets it):
//! a record at or above the logger's level is formatted with `%`-style fields and printed.

use super::super::calendar;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::format::percent_format;
use super::super::modules::sys::stream_arg;
use super::super::modules::{io, traceback};
use super::super::registry::{done, native, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::str_format;
use super::text_file::TextFile;
use crate::event::{lock, Stream};
use std::sync::{Arc, Mutex};

pub const NOTSET: i64 = 0;
pub const DEBUG: i64 = 10;
pub const INFO: i64 = 20;
pub const WARNING: i64 = 30;
pub const ERROR: i64 = 40;
pub const CRITICAL: i64 = 50;

/// Where records go: a stream of the log, or a file (`basicConfig(filename=…)`), which a child
/// process shares as it shares its parent's open files.
#[derive(Clone)]
enum LogOutput {
    Stream(Stream),
    File(Arc<TextFile>),
}

/// What `basicConfig` sets; CPython's defaults until it is called.
pub struct LogConfig {
    configured: bool,
    /// The root logger, whose level `basicConfig(level=…)` and `getLogger().setLevel` set.
    root: Arc<Logger>,
    format: String,
    /// `basicConfig(style="{")`: the format's fields as `str.format` reads them.
    brace_style: bool,
    datefmt: Option<String>,
    /// `basicConfig(stream=…, filename=…)`: standard error unless it says otherwise.
    output: LogOutput,
    loggers: Vec<Arc<Logger>>,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            configured: false,
            root: Logger::new("root".into(), WARNING),
            format: "%(levelname)s:%(name)s:%(message)s".into(),
            brace_style: false,
            datefmt: None,
            output: LogOutput::Stream(Stream::Stderr),
            loggers: Vec::new(),
        }
    }
}

impl Clone for LogConfig {
    /// A child process's copy: the same configuration, loggers of its own.
    fn clone(&self) -> Self {
        Self {
            configured: self.configured,
            root: Logger::new("root".into(), *lock(&self.root.level)),
            format: self.format.clone(),
            brace_style: self.brace_style,
            datefmt: self.datefmt.clone(),
            output: self.output.clone(),
            loggers: Vec::new(),
        }
    }
}

impl LogConfig {
    /// The level a record of logger `name` must reach: its own if set, else its nearest
    /// dotted ancestor's (`app` for `app.db`), else the root's.
    fn effective_level(&self, name: &str) -> i64 {
        let mut name = name;
        loop {
            let set = self
                .loggers
                .iter()
                .find(|logger| &*logger.name == name)
                .map(|logger| *lock(&logger.level))
                .filter(|&level| level != NOTSET);
            if let Some(level) = set {
                return level;
            }
            match name.rfind('.') {
                Some(dot) => name = &name[..dot],
                None => return *lock(&self.root.level),
            }
        }
    }
}

pub struct Logger {
    name: Arc<str>,
    level: Mutex<i64>,
}

impl Logger {
    fn new(name: Arc<str>, level: i64) -> Arc<Logger> {
        Arc::new(Logger {
            name,
            level: Mutex::new(level),
        })
    }
}

/// The level methods, shared by loggers and the module's functions (which log to `root`).
macro_rules! level_method {
    ($name:literal, $level:expr) => {
        native($name, |vm, args| log_to(vm, args, $level))
    };
}

pub static TYPE: TypeDef = TypeDef {
    name: "Logger",
    methods: &[
        level_method!("debug", DEBUG),
        level_method!("info", INFO),
        level_method!("warning", WARNING),
        level_method!("error", ERROR),
        level_method!("critical", CRITICAL),
        native("exception", |vm, args| {
            log_to(vm, with_traceback(args), ERROR)
        }),
        native("log", |vm, mut args| {
            let level = level_of_log_call(&mut args)?;
            log_to(vm, args, level)
        }),
        native("setLevel", |_, args| {
            let level = level_arg(&args.expect("setLevel", 1, 1)?[0])?;
            *lock(&args.this::<Logger>()?.level) = level;
            done(Value::None)
        }),
        native("getEffectiveLevel", |vm, args| {
            args.expect("getEffectiveLevel", 0, 0)?;
            let logger = args.this::<Logger>()?;
            let level = lock(&vm.thread.process.logging).effective_level(&logger.name);
            done(Value::Int(level.into()))
        }),
        native("isEnabledFor", |vm, args| {
            let level = level_arg(&args.expect("isEnabledFor", 1, 1)?[0])?;
            let logger = args.this::<Logger>()?;
            let threshold = lock(&vm.thread.process.logging).effective_level(&logger.name);
            done(Value::Bool(level >= threshold))
        }),
    ],
    attribute: |object, name| {
        let logger = super::super::registry::downcast::<Logger>(object)?;
        match name {
            "name" => Some(Value::str(Arc::clone(&logger.name))),
            "level" => Some(Value::Int((*lock(&logger.level)).into())),
            _ => None,
        }
    },
};

impl PyObject for Logger {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<Logger {} ({})>",
            self.name,
            level_name(*lock(&self.level))
        )
    }
}

fn level_name(level: i64) -> &'static str {
    match level {
        DEBUG => "DEBUG",
        INFO => "INFO",
        WARNING => "WARNING",
        ERROR => "ERROR",
        CRITICAL => "CRITICAL",
        _ => "NOTSET",
    }
}

fn level_arg(value: &Value) -> PyResult<i64> {
    match value {
        Value::Int(level) => Ok(*level as i64),
        Value::Str(name) => match &**name {
            "DEBUG" => Ok(DEBUG),
            "INFO" => Ok(INFO),
            "WARNING" => Ok(WARNING),
            "ERROR" => Ok(ERROR),
            "CRITICAL" => Ok(CRITICAL),
            other => raise(ValueError, format!("Unknown level: '{other}'")),
        },
        other => raise(
            TypeError,
            format!("Level not an integer or a valid string: {}", other.repr()),
        ),
    }
}

/// `logging.log(level, message, …)` and `logger.log(…)`: the level, taken from the arguments.
pub fn level_of_log_call(args: &mut Args) -> PyResult<i64> {
    if args.positional.is_empty() {
        return raise(
            TypeError,
            "log() missing 1 required positional argument: 'level'",
        );
    }
    match args.positional.remove(0) {
        Value::Int(level) => Ok(level as i64),
        _ => raise(TypeError, "level must be an integer"),
    }
}

/// `logging.basicConfig(level=, format=, datefmt=, style=)`: only the first call counts.
pub fn basic_config(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let level = args
        .keyword("level")
        .map(|level| level_arg(&level))
        .transpose()?;
    let format = args.keyword("format").map(|format| format.to_str());
    let datefmt = args.keyword("datefmt").map(|datefmt| datefmt.to_str());
    let stream = args.keyword("stream");
    let filename = args
        .keyword("filename")
        .filter(|name| !matches!(name, Value::None));
    let filemode = args.keyword("filemode");
    let brace_style = match args.keyword("style").map(|style| style.to_str()).as_deref() {
        None | Some("%") => false,
        Some("{") => true,
        Some(other) => {
            return raise(
                ValueError,
                format!("Style must be one of: %,{{ (threadplay has no '{other}' style)"),
            )
        }
    };
    for ignored in ["force", "handlers", "encoding"] {
        args.keyword(ignored);
    }
    args.expect("basicConfig", 0, 0)?;
    if lock(&vm.thread.process.logging).configured {
        return done(Value::None);
    }
    let output = match (filename, stream) {
        (Some(_), Some(stream)) if !matches!(stream, Value::None) => {
            return raise(
                ValueError,
                "'stream' and 'filename' should not be specified together",
            )
        }
        // A `FileHandler`: the file opens now, in mode `a` unless `filemode` says.
        (Some(filename), _) => {
            let mode = filemode.unwrap_or_else(|| Value::str("a"));
            LogOutput::File(io::open_text_file(vm, Args::new(vec![filename, mode]))?)
        }
        (None, None) => LogOutput::Stream(Stream::Stderr),
        (None, given) => LogOutput::Stream(stream_arg(given)?),
    };
    let mut config = lock(&vm.thread.process.logging);
    {
        config.configured = true;
        if let Some(level) = level {
            *lock(&config.root.level) = level;
        }
        config.brace_style = brace_style;
        if let Some(format) = format {
            config.format = format;
        } else if brace_style {
            config.format = "{levelname}:{name}:{message}".into();
        }
        config.datefmt = datefmt;
        config.output = output;
    }
    done(Value::None)
}

/// `logging.getLogger(name=None)`: the same logger for the same name.
pub fn get_logger(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("getLogger", 0, 1)?;
    let mut config = lock(&vm.thread.process.logging);
    let name: Arc<str> = match given.first() {
        None | Some(Value::None) => return done(Value::Object(config.root.clone())),
        Some(name) => name.to_str().into(),
    };
    let logger = match config.loggers.iter().find(|logger| logger.name == name) {
        Some(logger) => Arc::clone(logger),
        None => {
            let logger = Logger::new(name, NOTSET);
            config.loggers.push(Arc::clone(&logger));
            logger
        }
    };
    done(Value::Object(logger))
}

/// The module's own `debug` … `critical`, which log to the root logger.
pub fn log_root(vm: &mut Vm, args: Args, level: i64) -> PyResult<Invoked> {
    // As in CPython, they configure logging with the defaults if nothing has yet, which
    // makes a later `basicConfig` do nothing.
    lock(&vm.thread.process.logging).configured = true;
    emit(vm, args, "root", level)
}

/// A record the standard library itself logs to the logger `name` (asyncio's `Using selector`),
/// printed if the program's configuration lets it through, as CPython's would be.
pub fn log_from_library(vm: &mut Vm, name: &str, level: i64, message: &str) -> PyResult<()> {
    let args = Args {
        positional: vec![Value::str(message)],
        ..Args::default()
    };
    emit(vm, args, name, level).map(|_| ())
}

/// `exception(…)`'s arguments: `error(…)`'s, with the traceback unless it says otherwise.
pub fn with_traceback(mut args: Args) -> Args {
    if !args.keywords.iter().any(|(key, _)| &**key == "exc_info") {
        args.keywords.push(("exc_info".into(), Value::Bool(true)));
    }
    args
}

fn log_to(vm: &mut Vm, args: Args, level: i64) -> PyResult<Invoked> {
    let logger = args.this::<Logger>()?;
    emit(vm, args, &logger.name, level)
}

/// Formats and prints a record if its level passes the logger's effective level.
fn emit(vm: &mut Vm, mut args: Args, name: &str, level: i64) -> PyResult<Invoked> {
    let with_traceback = args
        .keyword("exc_info")
        .is_some_and(|value| value.is_truthy());
    args.keyword("stack_info");
    args.no_more_keywords(level_name(level))?;
    let (format, brace_style, datefmt, threshold, output) = {
        let config = lock(&vm.thread.process.logging);
        let threshold = config.effective_level(name);
        if config.configured {
            let format = config.format.clone();
            let datefmt = config.datefmt.clone();
            (
                format,
                config.brace_style,
                datefmt,
                threshold,
                config.output.clone(),
            )
        } else {
            // CPython's last resort before any configuration: warnings and worse, bare.
            let format = "%(message)s".to_string();
            let output = LogOutput::Stream(Stream::Stderr);
            (format, false, None, threshold.max(WARNING), output)
        }
    };
    if level < threshold {
        return done(Value::None);
    }
    let mut positional = args.positional.into_iter();
    let Some(message) = positional.next() else {
        return raise(TypeError, "a logging call needs a message");
    };
    let rest: Vec<Value> = positional.collect();
    let message = if rest.is_empty() {
        message.to_str()
    } else {
        percent_format(&message.to_str(), &Value::Tuple(rest.into()))?.to_str()
    };
    let elapsed_ms = vm.now_ms();
    let epoch_ms = vm.run.recorder.origin_ms() + elapsed_ms;
    let asctime = match &datefmt {
        Some(datefmt) => calendar::strftime(datefmt, epoch_ms),
        None => calendar::log_time(epoch_ms),
    };
    let handle = &vm.thread.handle;
    let process_name = if handle.is_process() {
        handle.name().to_string()
    } else {
        "MainProcess".to_string()
    };
    let (function, line) = vm
        .thread
        .frames
        .last()
        .map_or(("<module>".to_string(), 0), |frame| {
            (frame.name().to_string(), frame.line())
        });
    let fields = [
        ("name", Value::str(name)),
        ("levelname", Value::str(level_name(level))),
        ("levelno", Value::Int(level.into())),
        ("message", Value::str(message)),
        ("asctime", Value::str(asctime)),
        ("threadName", Value::str(handle.name())),
        ("thread", Value::Int(vm.thread.id.into())),
        ("processName", Value::str(process_name)),
        ("process", Value::Int(vm.thread.domain() as i128)),
        ("relativeCreated", Value::Float(elapsed_ms)),
        ("created", Value::Float(epoch_ms / 1000.0)),
        ("msecs", Value::Float(epoch_ms % 1000.0)),
        ("funcName", Value::str(function)),
        ("lineno", Value::Int(line.into())),
        ("module", Value::str("<program>")),
        ("filename", Value::str("<program>")),
    ];
    let mut text = if brace_style {
        let args = Args {
            receiver: Value::str(format.as_str()),
            keywords: fields
                .into_iter()
                .map(|(key, value)| (Arc::from(key), value))
                .collect(),
            ..Args::default()
        };
        match str_format::format(vm, args)? {
            Invoked::Value(text) => text.to_str(),
            _ => return raise(RuntimeError, "a log format lost its text"),
        }
    } else {
        let record = Value::Dict(Arc::new(Mutex::new(
            fields
                .into_iter()
                .map(|(key, value)| (Value::str(key), value))
                .collect(),
        )));
        percent_format(&format, &record)?.to_str()
    };
    if with_traceback {
        for line in traceback::handled_traceback(vm) {
            text.push('\n');
            text.push_str(&line);
        }
    }
    match output {
        LogOutput::Stream(stream) => vm.write(&format!("{text}\n"), stream)?,
        // A `FileHandler` flushes each record.
        LogOutput::File(file) => {
            file.write_text(&format!("{text}\n"))?;
            file.flush()?;
        }
    }
    done(Value::None)
}
