//! `logging`'s handlers and formatters: where a record goes (`StreamHandler` to the log's
//! standard error or output, `FileHandler` to a file of the run's) and how it reads
//! (`Formatter`, `%`- or `{`-style, with its own date format).

use super::super::calendar;
use super::super::error::{frame_line, raise, Exception, ExceptionKind::*, PyResult};
use super::super::format::percent_format;
use super::super::modules::io;
use super::super::modules::sys::stream_arg;
use super::super::registry::{address_of, done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::{Int, Value};
use super::super::vm::{Invoked, Vm};
use super::log_record::{LogRecord, NOT_FIELDS};
use super::logger::{level_arg, NOTSET};
use super::queue;
use super::str_format;
use super::text_file::TextFile;
use crate::event::{lock, Stream};
use std::borrow::Cow;
use std::sync::{Arc, LazyLock, Mutex};

/// The format `basicConfig` uses unless told otherwise, in each style.
pub const BASIC_FORMAT: &str = "%(levelname)s:%(name)s:%(message)s";
const BASIC_BRACE_FORMAT: &str = "{levelname}:{name}:{message}";

/// A record's fields, made once and formatted by each handler that takes it.
#[derive(Clone)]
pub struct Record {
    pub level: i64,
    /// Every field but `asctime`, which each formatter writes with its own date format; then
    /// the call's `extra=`.
    pub fields: Vec<(Cow<'static, str>, Value)>,
    pub epoch_ms: f64,
    /// `exc_info`: the handled exception's traceback, after the message.
    pub traceback: Vec<String>,
    /// The call's message and arguments, as given (`record.msg`, `record.args`).
    pub template: Value,
    pub arguments: Value,
    /// Why the message could not be made of them (`"%d items" % "x"`): each handler reports
    /// it as CPython's `getMessage` in its formatter raises it, and the program goes on.
    pub message_error: Option<Exception>,
}

impl Record {
    /// `stacklevel=`: the function and line `stack_level - 1` calls out from the logging
    /// call's, or the outermost if the stack is not that deep, as CPython's `findCaller`.
    pub fn point_at_caller(&mut self, vm: &Vm, stack_level: Int) {
        let frames = &vm.thread.frames;
        let out = usize::try_from(stack_level.max(1) - 1).unwrap_or(usize::MAX);
        let at = frames.len().saturating_sub(out.saturating_add(1));
        let Some(frame) = frames.get(at) else {
            return;
        };
        for (name, value) in &mut self.fields {
            match &**name {
                "funcName" => *value = Value::str(frame.name()),
                "lineno" => *value = Value::Int(frame.line().into()),
                _ => {}
            }
        }
    }

    /// A field of the call's `extra=`, which may name no field of the record's own.
    pub fn add_extra(&mut self, key: String, value: Value) -> PyResult<()> {
        let taken = key == "asctime" || NOT_FIELDS.contains(&key.as_str());
        if taken || self.fields.iter().any(|(name, _)| **name == *key) {
            return raise(
                KeyError,
                format!(
                    "Attempt to overwrite {} in LogRecord",
                    Value::str(key).repr()
                ),
            );
        }
        self.fields.push((Cow::Owned(key), value));
        Ok(())
    }
}

/// What a handler without a formatter writes: the message alone.
static DEFAULT_FORMATTER: Formatter = Formatter {
    format: Cow::Borrowed("%(message)s"),
    brace_style: false,
    datefmt: None,
};

/// CPython's last resort, for a record no logger has a handler for: standard error.
pub static LAST_RESORT: LazyLock<Handler> = LazyLock::new(|| Handler {
    output: Output::Stream(Stream::Stderr),
    level: Mutex::new(NOTSET),
    formatter: Mutex::new(None),
});

pub struct Formatter {
    format: Cow<'static, str>,
    brace_style: bool,
    datefmt: Option<String>,
}

static FORMATTER: TypeDef = TypeDef {
    name: "Formatter",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

impl PyObject for Formatter {
    fn type_def(&self) -> &'static TypeDef {
        &FORMATTER
    }

    fn repr(&self) -> String {
        format!("<logging.Formatter object at {:#x}>", address_of(self))
    }
}

impl Formatter {
    /// `Formatter(fmt=None, datefmt=None, style='%')`, and `basicConfig`'s.
    pub fn new(
        format: Option<String>,
        datefmt: Option<String>,
        style: Option<Value>,
    ) -> PyResult<Self> {
        let brace_style = match style.map(|style| style.to_str()).as_deref() {
            None | Some("%") => false,
            Some("{") => true,
            Some(other) => {
                return raise(
                    ValueError,
                    format!("Style must be one of: %,{{ (threadplay has no '{other}' style)"),
                )
            }
        };
        Ok(Self {
            format: format.map_or(DEFAULT_FORMATTER.format.clone(), Cow::Owned),
            brace_style,
            datefmt,
        })
    }

    /// `basicConfig`'s formatter: CPython's basic format unless it is given one.
    pub fn basic(
        format: Option<String>,
        datefmt: Option<String>,
        style: Option<Value>,
    ) -> PyResult<Self> {
        let mut formatter = Self::new(format.clone(), datefmt, style)?;
        if format.is_none() {
            formatter.format = Cow::Borrowed(if formatter.brace_style {
                BASIC_BRACE_FORMAT
            } else {
                BASIC_FORMAT
            });
        }
        Ok(formatter)
    }

    fn format(&self, vm: &mut Vm, record: &Record) -> PyResult<String> {
        let asctime = match &self.datefmt {
            Some(datefmt) => calendar::strftime(datefmt, record.epoch_ms),
            None => calendar::log_time(record.epoch_ms),
        };
        let fields = record
            .fields
            .iter()
            .cloned()
            .chain([(Cow::Borrowed("asctime"), Value::str(asctime))]);
        let mut text = if self.brace_style {
            let args = Args {
                receiver: Value::str(&*self.format),
                keywords: fields
                    .map(|(key, value)| (Arc::from(&*key), value))
                    .collect(),
                ..Args::default()
            };
            match str_format::format(vm, args)? {
                Invoked::Value(text) => text.to_str(),
                _ => return raise(RuntimeError, "a log format lost its text"),
            }
        } else {
            let record = fields
                .map(|(key, value)| (Value::str(&*key), value))
                .collect();
            percent_format(&self.format, &Value::Dict(Arc::new(Mutex::new(record))))?.to_str()
        };
        for line in &record.traceback {
            text.push('\n');
            text.push_str(line);
        }
        Ok(text)
    }
}

/// Where a handler writes: a stream of the log, or a file, which a child process shares as it
/// shares its parent's open files.
enum Output {
    Stream(Stream),
    File(Arc<TextFile>),
    /// `QueueHandler`'s queue, which takes each record as a `LogRecord`.
    Queue(Value),
}

pub struct Handler {
    output: Output,
    level: Mutex<i64>,
    formatter: Mutex<Option<Arc<Formatter>>>,
}

static STREAM_HANDLER: TypeDef = TypeDef {
    name: "StreamHandler",
    methods: HANDLER_METHODS,
    attribute: handler_attribute,
};

static FILE_HANDLER: TypeDef = TypeDef {
    name: "FileHandler",
    methods: HANDLER_METHODS,
    attribute: handler_attribute,
};

static QUEUE_HANDLER: TypeDef = TypeDef {
    name: "QueueHandler",
    methods: HANDLER_METHODS,
    attribute: handler_attribute,
};

const HANDLER_METHODS: &[super::super::registry::Native] = &[
    native("setLevel", |_, args| {
        let level = level_arg(&args.expect("setLevel", 1, 1)?[0])?;
        *lock(&args.this::<Handler>()?.level) = level;
        done(Value::None)
    }),
    native("setFormatter", |_, args| {
        let given = args.expect("setFormatter", 1, 1)?;
        let formatter = match &given[0] {
            Value::None => None,
            value => Some(downcast::<Formatter>(value).map_or_else(
                || {
                    raise(
                        TypeError,
                        format!(
                            "threadplay's handlers take a logging.Formatter, not {}",
                            value.type_name()
                        ),
                    )
                },
                Ok,
            )?),
        };
        *lock(&args.this::<Handler>()?.formatter) = formatter;
        done(Value::None)
    }),
    native("flush", |_, args| {
        args.expect("flush", 0, 0)?;
        args.this::<Handler>()?.flush()?;
        done(Value::None)
    }),
    native("close", |_, args| {
        args.expect("close", 0, 0)?;
        args.this::<Handler>()?.flush()?;
        done(Value::None)
    }),
];

fn handler_attribute(object: &Value, name: &str) -> Option<Value> {
    let handler = downcast::<Handler>(object)?;
    match name {
        "level" => Some(Value::Int((*lock(&handler.level)).into())),
        "queue" => match &handler.output {
            Output::Queue(queue) => Some(queue.clone()),
            _ => None,
        },
        "formatter" => Some(
            lock(&handler.formatter)
                .clone()
                .map_or(Value::None, |formatter| Value::Object(formatter)),
        ),
        _ => None,
    }
}

impl PyObject for Handler {
    fn type_def(&self) -> &'static TypeDef {
        match self.output {
            Output::Stream(_) => &STREAM_HANDLER,
            Output::File(_) => &FILE_HANDLER,
            Output::Queue(_) => &QUEUE_HANDLER,
        }
    }

    fn repr(&self) -> String {
        let level = super::logger::level_name(*lock(&self.level));
        match &self.output {
            Output::Stream(Stream::Stdout) => format!("<StreamHandler <stdout> ({level})>"),
            Output::Stream(Stream::Stderr) => format!("<StreamHandler <stderr> ({level})>"),
            Output::File(file) => format!("<FileHandler {} ({level})>", file.repr()),
            Output::Queue(_) => format!("<QueueHandler ({level})>"),
        }
    }
}

impl Handler {
    fn new(output: Output, formatter: Option<Formatter>) -> Arc<Self> {
        Arc::new(Self {
            output,
            level: Mutex::new(NOTSET),
            formatter: Mutex::new(formatter.map(Arc::new)),
        })
    }

    /// `StreamHandler(stream=None)`: standard error unless it says `sys.stdout`.
    pub fn stream(stream: Option<Value>, formatter: Option<Formatter>) -> PyResult<Arc<Self>> {
        let stream = match stream {
            None => Stream::Stderr,
            given => stream_arg(given)?,
        };
        Ok(Self::new(Output::Stream(stream), formatter))
    }

    /// `FileHandler(filename, mode='a')`: the file opens now.
    pub fn file(
        vm: &Vm,
        filename: Value,
        mode: Option<Value>,
        formatter: Option<Formatter>,
    ) -> PyResult<Arc<Self>> {
        let mode = mode.unwrap_or_else(|| Value::str("a"));
        let file = io::open_text_file(vm, Args::new(vec![filename, mode]))?;
        Ok(Self::new(Output::File(file), formatter))
    }

    /// Writes the record if it reaches the handler's level (see [`Handler::emit`]).
    pub fn handle(&self, vm: &mut Vm, record: &Record) -> PyResult<()> {
        if record.level < *lock(&self.level) {
            return Ok(());
        }
        self.emit(vm, record)
    }

    /// Writes the record, formatted by its formatter (the message alone without one); a
    /// file's handler flushes each record. A queue's takes the record, its message the text
    /// formatted, traceback and all, as CPython's `QueueHandler.prepare` leaves it.
    pub fn emit(&self, vm: &mut Vm, record: &Record) -> PyResult<()> {
        let text = match self.formatted(vm, record) {
            Ok(text) => text,
            Err(mut chain) if chain.iter().any(|error| error.kind == Stopped) => {
                return Err(chain.remove(0))
            }
            Err(chain) => return report_error(vm, record, &chain),
        };
        match &self.output {
            Output::Stream(stream) => vm.write(&format!("{text}\n"), *stream),
            Output::File(file) => {
                file.write_text(&format!("{text}\n"))?;
                file.flush()
            }
            Output::Queue(queue) => {
                let mut prepared = record.clone();
                prepared.traceback.clear();
                for (name, value) in &mut prepared.fields {
                    if &**name == "message" {
                        *value = Value::str(text.as_str());
                    }
                }
                match queue::put_nowait(vm, queue, LogRecord::value(prepared))? {
                    Invoked::Value(_) => Ok(()),
                    _ => raise(RuntimeError, "a QueueHandler's put waited"),
                }
            }
        }
    }

    /// The record as the handler's formatter writes it (the message alone without one), or
    /// why it cannot be: the exception, after the one it was raised in handling, if any.
    fn formatted(&self, vm: &mut Vm, record: &Record) -> Result<String, Vec<Exception>> {
        if let Some(error) = &record.message_error {
            return Err(vec![error.clone()]);
        }
        let formatter = lock(&self.formatter).clone();
        let formatted = match formatter {
            Some(formatter) => formatter.format(vm, record),
            None => DEFAULT_FORMATTER.format(vm, record),
        };
        formatted.map_err(|error| match error.kind {
            // As CPython's format style raises it, while it handles the `KeyError`.
            KeyError => {
                let field = format!("Formatting field not found in record: {}", error.message);
                vec![error, Exception::new(ValueError, field)]
            }
            _ => vec![error],
        })
    }

    fn flush(&self) -> PyResult<()> {
        match &self.output {
            Output::Stream(_) | Output::Queue(_) => Ok(()),
            Output::File(file) => file.flush(),
        }
    }
}

/// CPython's `Handler.handleError`: a record a handler could not write is reported on
/// standard error, and the logging call returns as if it had been written. CPython's
/// tracebacks there are of its `logging` module's own frames, which are not shown, as no
/// library's are; then the program's stack where it logged.
fn report_error(vm: &mut Vm, record: &Record, chain: &[Exception]) -> PyResult<()> {
    let raised: Vec<String> = chain
        .iter()
        .map(|error| format!("Traceback (most recent call last):\n{}\n", error.summary()))
        .collect();
    let during = "\nDuring handling of the above exception, another exception occurred:\n\n";
    let mut report = format!(
        "--- Logging error ---\n{}Call stack:\n",
        raised.join(during)
    );
    for frame in &vm.thread.frames {
        report.push_str(&frame_line(frame.line(), frame.name()));
        report.push('\n');
    }
    report.push_str(&format!(
        "Message: {}\nArguments: {}\n",
        record.template.repr(),
        record.arguments.repr()
    ));
    vm.write(&report, Stream::Stderr)
}

/// `logging.StreamHandler(stream=None)`.
pub fn new_stream_handler(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [stream] = args.bind("StreamHandler", ["stream"], 0)?;
    done(Value::Object(Handler::stream(stream, None)?))
}

/// `logging.FileHandler(filename, mode='a', encoding=None, delay=False)`.
pub fn new_file_handler(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [filename, mode, _encoding, _delay] =
        args.bind("FileHandler", ["filename", "mode", "encoding", "delay"], 1)?;
    done(Value::Object(Handler::file(
        vm,
        filename.unwrap_or_default(),
        mode,
        None,
    )?))
}

/// `logging.handlers.QueueHandler(queue)`: a queue of `queue` or `multiprocessing`.
pub fn new_queue_handler(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [given] = args.bind("QueueHandler", ["queue"], 1)?;
    let queue = queue::queue_arg(given.unwrap_or_default(), "QueueHandler")?;
    done(Value::Object(Handler::new(Output::Queue(queue), None)))
}

/// `logging.Formatter(fmt=None, datefmt=None, style='%')`.
pub fn new_formatter(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [format, datefmt, style] = args.bind("Formatter", ["fmt", "datefmt", "style"], 0)?;
    let text = |value: Option<Value>| {
        value
            .filter(|value| !matches!(value, Value::None))
            .map(|value| value.to_str())
    };
    done(Value::Object(Arc::new(Formatter::new(
        text(format),
        text(datefmt),
        style,
    )?)))
}
