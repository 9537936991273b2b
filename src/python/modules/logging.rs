//! `logging`: `basicConfig`, `getLogger`, the level functions and constants (see
//! `types/logger.rs`), `StreamHandler`, `FileHandler` and `Formatter` (`types/log_handler.rs`).
//! Records on standard error or output print into the log, as `print` does. `logging.handlers`
//! has `QueueHandler` and `QueueListener` (`types/queue_listener.rs`).

use super::super::registry::{done, native, Constant, ModuleDef};
use super::super::types::logger::{self, CRITICAL, DEBUG, ERROR, INFO, NOTSET, WARNING};
use super::super::types::{log_handler, logger_adapter, queue_listener};

pub static MODULE: ModuleDef = ModuleDef {
    name: "logging",
    functions: &[
        native("basicConfig", logger::basic_config),
        native("getLogger", logger::get_logger),
        native("StreamHandler", log_handler::new_stream_handler),
        native("FileHandler", log_handler::new_file_handler),
        native("Formatter", log_handler::new_formatter),
        native("LoggerAdapter", logger_adapter::new),
        native("getLevelName", |_, args| {
            let given = args.expect("getLevelName", 1, 1)?;
            done(logger::level_name_of(&given[0]))
        }),
        native("debug", |vm, args| logger::log_root(vm, args, DEBUG)),
        native("info", |vm, args| logger::log_root(vm, args, INFO)),
        native("warning", |vm, args| logger::log_root(vm, args, WARNING)),
        native("error", |vm, args| logger::log_root(vm, args, ERROR)),
        native("critical", |vm, args| logger::log_root(vm, args, CRITICAL)),
        native("exception", |vm, args| {
            logger::log_root(vm, logger::with_traceback(args), ERROR)
        }),
        native("log", |vm, mut args| {
            let level = logger::level_of_log_call(&mut args)?;
            logger::log_root(vm, args, level)
        }),
    ],
    exceptions: &[],
    constants: &[
        ("NOTSET", Constant::Int(NOTSET)),
        ("DEBUG", Constant::Int(DEBUG)),
        ("INFO", Constant::Int(INFO)),
        ("WARNING", Constant::Int(WARNING)),
        ("WARN", Constant::Int(WARNING)),
        ("ERROR", Constant::Int(ERROR)),
        ("CRITICAL", Constant::Int(CRITICAL)),
        ("FATAL", Constant::Int(CRITICAL)),
    ],
    submodules: &[&HANDLERS],
};

/// `logging.handlers`: a handler that puts records in a queue, and the listener that takes
/// them off it in a thread of its own (`types/queue_listener.rs`).
pub static HANDLERS: ModuleDef = ModuleDef {
    name: "logging.handlers",
    functions: &[
        native("QueueHandler", log_handler::new_queue_handler),
        native("QueueListener", queue_listener::new),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
