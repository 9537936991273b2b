//! `datetime`: `datetime`, `date`, `timedelta` (see `types/datetime.rs`) and `timezone`
//! (`types/timezone.rs`).

use super::super::registry::{native, ModuleDef};
use super::super::types::{datetime, timezone};

pub static MODULE: ModuleDef = ModuleDef {
    name: "datetime",
    functions: &[
        native("datetime", |_, args| datetime::new(args, false)),
        native("date", |_, args| datetime::new(args, true)),
        native("timedelta", datetime::timedelta),
        native("timezone", timezone::new),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
