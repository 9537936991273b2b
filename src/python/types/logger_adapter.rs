//! `logging.LoggerAdapter(logger, extra)`: a logger's calls with the adapter's `extra` fields
//! in each record (in place of any the call gives, as CPython 3.11's `process` puts them),
//! and the logger's level methods. What it does, its logger's methods do (`types/logger.rs`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::set_item;
use super::super::registry::{
    done, downcast_ref, native, object_arg, Args, Native, PyObject, TypeDef,
};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::logger::{self, Logger};
use std::sync::Arc;

/// A call the adapter hands to its logger with its `extra`.
macro_rules! with_extra {
    ($name:literal) => {
        native($name, |vm, args| forward(vm, args, $name, true))
    };
}

/// A call the adapter hands to its logger as it is.
macro_rules! as_is {
    ($name:literal) => {
        native($name, |vm, args| forward(vm, args, $name, false))
    };
}

static TYPE: TypeDef = TypeDef {
    name: "LoggerAdapter",
    methods: &[
        with_extra!("debug"),
        with_extra!("info"),
        with_extra!("warning"),
        with_extra!("error"),
        with_extra!("critical"),
        with_extra!("exception"),
        with_extra!("log"),
        as_is!("isEnabledFor"),
        as_is!("getEffectiveLevel"),
        as_is!("setLevel"),
        as_is!("hasHandlers"),
        native("process", |_, args| {
            let adapter = args.this::<LoggerAdapter>()?;
            let given = args.expect("process", 2, 2)?;
            set_item(&given[1], &Value::str("extra"), adapter.extra.clone())?;
            done(Value::Tuple([given[0].clone(), given[1].clone()].into()))
        }),
    ],
    attribute: |object, name| {
        let adapter = downcast_ref::<LoggerAdapter>(object)?;
        match name {
            "logger" => Some(adapter.logger.clone()),
            "extra" => Some(adapter.extra.clone()),
            "name" => (logger::TYPE.attribute)(&adapter.logger, "name"),
            _ => None,
        }
    },
};

pub struct LoggerAdapter {
    logger: Value,
    extra: Value,
}

impl PyObject for LoggerAdapter {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        self.logger.repr().replacen("<Logger", "<LoggerAdapter", 1)
    }
}

/// `LoggerAdapter(logger, extra=None)`.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [logger, extra] = args.bind("LoggerAdapter", ["logger", "extra"], 1)?;
    let logger = logger.unwrap_or_default();
    object_arg::<Logger>(
        &logger,
        "LoggerAdapter adapts a logger from logging.getLogger",
    )?;
    done(Value::Object(Arc::new(LoggerAdapter {
        logger,
        extra: extra.unwrap_or_default(),
    })))
}

/// Calls the logger's method `name` with the adapter's arguments, its `extra` in place of
/// the call's if `adds_extra`.
fn forward(vm: &mut Vm, mut args: Args, name: &str, adds_extra: bool) -> PyResult<Invoked> {
    let adapter = args.this::<LoggerAdapter>()?;
    if adds_extra {
        args.keyword("extra");
        args.keywords.push(("extra".into(), adapter.extra.clone()));
    }
    args.receiver = adapter.logger.clone();
    let method: Option<&Native> = logger::TYPE
        .methods
        .iter()
        .find(|method| method.name == name);
    match method {
        Some(method) => (method.call)(vm, args),
        None => raise(
            AttributeError,
            format!("'Logger' object has no attribute '{name}'"),
        ),
    }
}
