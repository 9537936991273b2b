//! `sched`: `scheduler` and its events, `Event` (see `types/event_scheduler.rs`).

use super::super::registry::{native, Constant, ModuleDef};
use super::super::types::event_scheduler::{self, EVENT};
use super::super::value::Value;

pub static MODULE: ModuleDef = ModuleDef {
    name: "sched",
    functions: &[native("scheduler", event_scheduler::new)],
    exceptions: &[],
    constants: &[("Event", Constant::Object(|| Value::Object(EVENT.clone())))],
    submodules: &[],
};
