//! `logging.LogRecord`: a record as a Python object, which a `QueueHandler` puts in its queue
//! for another thread or process to hand to `Logger.handle` or a `QueueListener`. Its fields
//! are the format's (`record.name`, `record.levelno`, `record.getMessage()`…).

use super::super::error::{PyResult, PROGRAM_FILE};
use super::super::registry::{done, downcast_ref, native, object_arg, PyObject, TypeDef};
use super::super::value::Value;
use super::log_handler::Record;
use std::sync::Arc;

/// A record's attributes that are no format fields here (`extra=` may not name them either):
/// as a queue carries it, `msg` is the message and the rest are `None`, but `pathname`.
pub const NOT_FIELDS: [&str; 6] = [
    "msg",
    "args",
    "pathname",
    "exc_info",
    "exc_text",
    "stack_info",
];

static TYPE: TypeDef = TypeDef {
    name: "LogRecord",
    methods: &[native("getMessage", |_, args| {
        args.expect("getMessage", 0, 0)?;
        done(args.this::<LogRecord>()?.field("message"))
    })],
    attribute: |object, name| {
        let record = downcast_ref::<LogRecord>(object)?;
        match name {
            // Prepared for a queue: the message is the text, formatted once, with its traceback.
            "msg" => Some(record.field("message")),
            "pathname" => Some(Value::str(PROGRAM_FILE)),
            _ if NOT_FIELDS.contains(&name) => Some(Value::None),
            _ => record
                .record
                .fields
                .iter()
                .find(|(field, _)| **field == *name)
                .map(|(_, value)| value.clone()),
        }
    },
};

/// A record as a queue carries it: as CPython's `QueueHandler.prepare` leaves it, its message
/// formatted and its traceback in that text.
pub struct LogRecord {
    pub record: Record,
}

impl PyObject for LogRecord {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let text = |name| self.field(name).to_str();
        format!(
            "<LogRecord: {}, {}, {PROGRAM_FILE}, {}, \"{}\">",
            text("name"),
            text("levelno"),
            text("lineno"),
            text("message")
        )
    }
}

impl LogRecord {
    pub fn value(record: Record) -> Value {
        Value::Object(Arc::new(Self { record }))
    }

    fn field(&self, name: &str) -> Value {
        self.record
            .fields
            .iter()
            .find(|(field, _)| **field == *name)
            .map_or(Value::None, |(_, value)| value.clone())
    }
}

/// The record a `LogRecord` carries, for `Logger.handle(record)`.
pub fn record_arg(value: &Value) -> PyResult<Record> {
    let record: Arc<LogRecord> =
        object_arg(value, "Logger.handle takes a LogRecord from a QueueHandler")?;
    Ok(record.record.clone())
}
