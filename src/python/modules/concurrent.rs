//! `concurrent` and `concurrent.futures`.

use super::super::error::ExceptionKind;
use super::super::registry::{native, Constant, ModuleDef};
use super::super::types::executor::{self, Kind};
use super::super::types::{future, futures_wait};

pub static MODULE: ModuleDef = ModuleDef {
    name: "concurrent",
    functions: &[],
    exceptions: &[],
    constants: &[],
    submodules: &[&FUTURES],
};

pub static FUTURES: ModuleDef = ModuleDef {
    name: "concurrent.futures",
    functions: &[
        native("ThreadPoolExecutor", |vm, args| {
            executor::new(vm, args, Kind::Threads)
        }),
        native("ProcessPoolExecutor", |vm, args| {
            executor::new(vm, args, Kind::Processes)
        }),
        native("Future", future::new),
        native("as_completed", futures_wait::as_completed),
        native("wait", futures_wait::wait),
    ],
    exceptions: &[
        ExceptionKind::FuturesCancelledError,
        ExceptionKind::TimeoutError,
    ],
    constants: &[
        ("ALL_COMPLETED", Constant::Str("ALL_COMPLETED")),
        ("FIRST_COMPLETED", Constant::Str("FIRST_COMPLETED")),
        ("FIRST_EXCEPTION", Constant::Str("FIRST_EXCEPTION")),
    ],
    submodules: &[],
};
