//! `queue`.

use super::super::error::ExceptionKind;
use super::super::registry::{native, ModuleDef};
use super::super::types::queue;

pub static MODULE: ModuleDef = ModuleDef {
    name: "queue",
    functions: &[native("Queue", queue::new)],
    exceptions: &[ExceptionKind::QueueEmpty, ExceptionKind::QueueFull],
    constants: &[],
    submodules: &[],
};
