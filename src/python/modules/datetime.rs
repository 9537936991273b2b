//! `datetime`: `datetime`, `date` and `timedelta` (see `types/datetime.rs`).

use super::super::registry::{native, ModuleDef};
use super::super::types::datetime;

pub static MODULE: ModuleDef = ModuleDef {
    name: "datetime",
    functions: &[
        native("datetime", |_, args| datetime::new(args, false)),
        native("date", |_, args| datetime::new(args, true)),
        native("timedelta", datetime::timedelta),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
