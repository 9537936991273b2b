//! `enum`: `Enum`, `IntEnum` and `auto` (see `types/enumeration.rs`).

use super::super::error::{raise, ExceptionKind::*};
use super::super::registry::{native, ModuleDef};
use super::super::types::enumeration::auto;

pub static MODULE: ModuleDef = ModuleDef {
    name: "enum",
    functions: &[
        native("Enum", |_, _| {
            raise(
                TypeError,
                "threadplay's Enum is a base class, not a function to call",
            )
        }),
        native("IntEnum", |_, _| {
            raise(
                TypeError,
                "threadplay's IntEnum is a base class, not a function to call",
            )
        }),
        native("auto", auto),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
