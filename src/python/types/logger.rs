//! `logging`'s loggers (one tree per process): a record at or above the logger's effective
//! level goes to its handlers and, while loggers propagate, to its dotted parents' and the
//! root's (see `log_handler.rs`), or to CPython's last resort when there are none.

use super::super::error::{raise, ExceptionKind::*, PyResult, PROGRAM_FILE};
use super::super::format::percent_format;
use super::super::modules::traceback;
use super::super::registry::{done, native, object_arg, Args, PyObject, TypeDef};
use super::super::value::{as_int, Value};
use super::super::vm::{Invoked, Vm};
use super::log_handler::{Formatter, Handler, Record, LAST_RESORT};
use super::log_record;
use crate::event::lock;
use std::borrow::Cow;
use std::sync::{Arc, Mutex};

pub const NOTSET: i64 = 0;
pub const DEBUG: i64 = 10;
pub const INFO: i64 = 20;
pub const WARNING: i64 = 30;
pub const ERROR: i64 = 40;
pub const CRITICAL: i64 = 50;

/// A process's loggers: the root, and the named ones `getLogger` made.
pub struct LogConfig {
    root: Arc<Logger>,
    loggers: Vec<Arc<Logger>>,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self {
            root: Logger::new("root".into(), WARNING),
            loggers: Vec::new(),
        }
    }
}

impl Clone for LogConfig {
    /// A child process's copy (a fork's): loggers of its own, with the same levels and the
    /// same handlers, whose files it shares.
    fn clone(&self) -> Self {
        Self {
            root: self.root.copied(),
            loggers: self.loggers.iter().map(|logger| logger.copied()).collect(),
        }
    }
}

impl LogConfig {
    /// The logger `name` and, while each propagates, its dotted parents that exist and the
    /// root: the loggers whose handlers a record goes to, in order.
    fn chain(&self, name: &str) -> Vec<Arc<Logger>> {
        let mut chain = Vec::new();
        let mut name = name;
        loop {
            if let Some(logger) = self.loggers.iter().find(|logger| &*logger.name == name) {
                chain.push(Arc::clone(logger));
                if !*lock(&logger.propagate) {
                    return chain;
                }
            }
            match name.rfind('.') {
                Some(dot) if name != "root" => name = &name[..dot],
                _ => break,
            }
        }
        chain.push(Arc::clone(&self.root));
        chain
    }

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

    fn root_has_handlers(&self) -> bool {
        !lock(&self.root.handlers).is_empty()
    }
}

pub struct Logger {
    name: Arc<str>,
    level: Mutex<i64>,
    handlers: Mutex<Vec<Arc<Handler>>>,
    /// Whether its records go on to its parents' handlers too.
    propagate: Mutex<bool>,
}

impl Logger {
    fn new(name: Arc<str>, level: i64) -> Arc<Logger> {
        Arc::new(Logger {
            name,
            level: Mutex::new(level),
            handlers: Mutex::default(),
            propagate: Mutex::new(true),
        })
    }

    fn copied(&self) -> Arc<Logger> {
        Arc::new(Logger {
            name: Arc::clone(&self.name),
            level: Mutex::new(*lock(&self.level)),
            handlers: Mutex::new(lock(&self.handlers).clone()),
            propagate: Mutex::new(*lock(&self.propagate)),
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
        native("addHandler", |_, args| {
            let handler = handler_arg(&args.expect("addHandler", 1, 1)?[0])?;
            let logger = args.this::<Logger>()?;
            let mut handlers = lock(&logger.handlers);
            if !handlers.iter().any(|known| Arc::ptr_eq(known, &handler)) {
                handlers.push(handler);
            }
            done(Value::None)
        }),
        native("removeHandler", |_, args| {
            let handler = handler_arg(&args.expect("removeHandler", 1, 1)?[0])?;
            let logger = args.this::<Logger>()?;
            lock(&logger.handlers).retain(|known| !Arc::ptr_eq(known, &handler));
            done(Value::None)
        }),
        native("hasHandlers", |vm, args| {
            args.expect("hasHandlers", 0, 0)?;
            let logger = args.this::<Logger>()?;
            let chain = lock(&vm.thread.process.logging).chain(&logger.name);
            let any = chain
                .iter()
                .any(|logger| !lock(&logger.handlers).is_empty());
            done(Value::Bool(any))
        }),
        // A record another thread or process made (from a `QueueHandler`'s queue): to this
        // logger's handlers and those it propagates to, whatever the logger's level.
        native("handle", |vm, args| {
            let record = log_record::record_arg(&args.expect("handle", 1, 1)?[0])?;
            let logger = args.this::<Logger>()?;
            let chain = lock(&vm.thread.process.logging).chain(&logger.name);
            call_handlers(vm, &record, &chain)?;
            done(Value::None)
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
            "propagate" => Some(Value::Bool(*lock(&logger.propagate))),
            "handlers" => Some(Value::list(
                lock(&logger.handlers)
                    .iter()
                    .map(|handler| Value::Object(Arc::clone(handler) as Arc<dyn PyObject>))
                    .collect(),
            )),
            _ => None,
        }
    },
};

pub fn handler_arg(value: &Value) -> PyResult<Arc<Handler>> {
    object_arg(
        value,
        "loggers take handlers from logging.StreamHandler, FileHandler and handlers.QueueHandler",
    )
}

impl PyObject for Logger {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    /// `logger.propagate = False`.
    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        if name != "propagate" {
            return Ok(false);
        }
        *lock(&self.propagate) = value.is_truthy();
        Ok(true)
    }

    fn repr(&self) -> String {
        format!(
            "<Logger {} ({})>",
            self.name,
            level_name(*lock(&self.level))
        )
    }
}

const LEVEL_NAMES: [(i64, &str); 6] = [
    (CRITICAL, "CRITICAL"),
    (ERROR, "ERROR"),
    (WARNING, "WARNING"),
    (INFO, "INFO"),
    (DEBUG, "DEBUG"),
    (NOTSET, "NOTSET"),
];

/// CPython's name of a level: `Level 15` for one without a name.
pub fn level_name(level: i64) -> String {
    LEVEL_NAMES
        .iter()
        .find(|(known, _)| *known == level)
        .map_or_else(|| format!("Level {level}"), |(_, name)| name.to_string())
}

/// `logging.getLevelName(level)`: a level's name, or a name's level.
pub fn level_name_of(value: &Value) -> Value {
    match value {
        Value::Int(level) => Value::str(level_name(*level as i64)),
        Value::Str(name) => match LEVEL_NAMES.iter().find(|(_, known)| *known == &**name) {
            Some((level, _)) => Value::Int((*level).into()),
            None => Value::str(format!("Level {name}")),
        },
        other => Value::str(format!("Level {}", other.to_str())),
    }
}

pub fn level_arg(value: &Value) -> PyResult<i64> {
    match value {
        Value::Int(level) => Ok(*level as i64),
        Value::Str(name) => match LEVEL_NAMES.iter().find(|(_, known)| *known == &**name) {
            Some((level, _)) => Ok(*level),
            None => raise(ValueError, format!("Unknown level: '{name}'")),
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

/// `logging.basicConfig(level=, format=, datefmt=, style=, stream=, filename=, filemode=)`:
/// a handler for the root logger, unless it has one already (the first call counts).
pub fn basic_config(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let level = args
        .keyword("level")
        .map(|level| level_arg(&level))
        .transpose()?;
    let text = |value: Option<Value>| value.map(|value| value.to_str());
    let format = text(args.keyword("format"));
    let datefmt = text(args.keyword("datefmt"));
    let style = args.keyword("style");
    let stream = args.keyword("stream");
    let filename = args
        .keyword("filename")
        .filter(|name| !matches!(name, Value::None));
    let filemode = args.keyword("filemode");
    for ignored in ["force", "handlers", "encoding"] {
        args.keyword(ignored);
    }
    args.expect("basicConfig", 0, 0)?;
    if lock(&vm.thread.process.logging).root_has_handlers() {
        return done(Value::None);
    }
    let formatter = Formatter::basic(format, datefmt, style)?;
    let handler = match (filename, stream) {
        (Some(_), Some(stream)) if !matches!(stream, Value::None) => {
            return raise(
                ValueError,
                "'stream' and 'filename' should not be specified together",
            )
        }
        (Some(filename), _) => Handler::file(vm, filename, filemode, Some(formatter))?,
        (None, stream) => Handler::stream(stream, Some(formatter))?,
    };
    let config = lock(&vm.thread.process.logging);
    lock(&config.root.handlers).push(handler);
    if let Some(level) = level {
        *lock(&config.root.level) = level;
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
    // As in CPython, they configure logging with the defaults if the root has no handler,
    // which makes a later `basicConfig` do nothing.
    if !lock(&vm.thread.process.logging).root_has_handlers() {
        basic_config(vm, Args::default())?;
    }
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

/// Makes a record if its level passes the logger's effective level, and gives it to the
/// handlers of the logger and of the loggers it propagates to, or else to CPython's last
/// resort (warnings and worse, the message alone, to standard error).
fn emit(vm: &mut Vm, mut args: Args, name: &str, level: i64) -> PyResult<Invoked> {
    let (threshold, chain) = {
        let config = lock(&vm.thread.process.logging);
        (config.effective_level(name), config.chain(name))
    };
    // As CPython's, a call its level lets through is the one whose arguments are checked.
    if level < threshold {
        return done(Value::None);
    }
    let with_traceback = args
        .keyword("exc_info")
        .is_some_and(|value| value.is_truthy());
    let extra = args.keyword("extra");
    args.keyword("stack_info");
    let stack_level = args.keyword("stacklevel").and_then(|level| as_int(&level));
    args.no_more_keywords("Logger._log")?;
    let mut record = record(vm, args, name, level, with_traceback)?;
    if let Some(stack_level) = stack_level {
        record.point_at_caller(vm, stack_level);
    }
    if let Some(Value::Dict(extra)) = extra {
        for (key, value) in lock(&extra).iter() {
            record.add_extra(key.to_str(), value.clone())?;
        }
    }
    call_handlers(vm, &record, &chain)?;
    done(Value::None)
}

/// Gives the record to the handlers of the loggers of `chain` (a logger and those it
/// propagates to), or else to CPython's last resort (warnings and worse, the message alone, to
/// standard error).
fn call_handlers(vm: &mut Vm, record: &Record, chain: &[Arc<Logger>]) -> PyResult<()> {
    let handlers: Vec<Arc<Handler>> = chain
        .iter()
        .flat_map(|logger| lock(&logger.handlers).clone())
        .collect();
    if handlers.is_empty() {
        if record.level >= WARNING {
            LAST_RESORT.handle(vm, record)?;
        }
        return Ok(());
    }
    for handler in handlers {
        handler.handle(vm, record)?;
    }
    Ok(())
}

/// The record of a logging call: its message made from the arguments, and where and when.
fn record(
    vm: &mut Vm,
    args: Args,
    name: &str,
    level: i64,
    with_traceback: bool,
) -> PyResult<Record> {
    let mut positional = args.positional.into_iter();
    let Some(message) = positional.next() else {
        return raise(TypeError, "a logging call needs a message");
    };
    let template = message;
    let arguments = Value::Tuple(positional.collect());
    let mut message_error = None;
    let message = match &arguments {
        Value::Tuple(rest) if rest.is_empty() => template.to_str(),
        _ => match percent_format(&template.to_str(), &arguments) {
            Ok(message) => message.to_str(),
            Err(error) => {
                message_error = Some(error);
                template.to_str()
            }
        },
    };
    let elapsed_ms = vm.now_ms();
    let epoch_ms = vm.run.recorder.origin_ms() + elapsed_ms;
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
    let fields = vec![
        ("name", Value::str(name)),
        ("levelname", Value::str(level_name(level))),
        ("levelno", Value::Int(level.into())),
        ("message", Value::str(message)),
        ("threadName", Value::str(handle.name())),
        ("thread", Value::Int(vm.thread.id.into())),
        ("processName", Value::str(process_name)),
        ("process", Value::Int(vm.thread.domain() as i128)),
        ("relativeCreated", Value::Float(elapsed_ms)),
        ("created", Value::Float(epoch_ms / 1000.0)),
        ("msecs", Value::Float(epoch_ms % 1000.0)),
        ("funcName", Value::str(function)),
        ("lineno", Value::Int(line.into())),
        ("module", Value::str(PROGRAM_FILE)),
        ("filename", Value::str(PROGRAM_FILE)),
    ];
    let traceback = if with_traceback {
        traceback::handled_traceback(vm)
    } else {
        Vec::new()
    };
    Ok(Record {
        level,
        fields: fields
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value))
            .collect(),
        epoch_ms,
        traceback,
        template,
        arguments,
        message_error,
    })
}
