//! `array`: its one type, `array.array`, in `types/array.rs`.

use super::super::registry::{native, Constant, ModuleDef};
use super::super::types::array;
use super::super::value::Value;

pub static MODULE: ModuleDef = ModuleDef {
    name: "array",
    functions: &[native("array", array::new)],
    exceptions: &[],
    constants: &[
        ("typecodes", Constant::Str(array::TYPECODES)),
        // Another name for `array.array`.
        (
            "ArrayType",
            Constant::Object(|| MODULE.member("array").unwrap_or(Value::None)),
        ),
    ],
    submodules: &[],
};
