//! `__future__`: the features older tutorials import to run under Python 2 and 3 alike
//! (`print_function`, `division`, `with_statement`…) and `annotations`. Every one is how
//! threadplay's Python 3 behaves already, so importing one changes nothing. A feature is its
//! compiler flag here, not CPython's `_Feature` record: nothing a tutorial prints.

use super::super::registry::{Constant, ModuleDef};

pub static MODULE: ModuleDef = ModuleDef {
    name: "__future__",
    functions: &[],
    exceptions: &[],
    constants: &[
        ("nested_scopes", Constant::Int(0x10)),
        ("generators", Constant::Int(0)),
        ("division", Constant::Int(0x20000)),
        ("absolute_import", Constant::Int(0x40000)),
        ("with_statement", Constant::Int(0x80000)),
        ("print_function", Constant::Int(0x100000)),
        ("unicode_literals", Constant::Int(0x200000)),
        ("generator_stop", Constant::Int(0x800000)),
        ("annotations", Constant::Int(0x1000000)),
    ],
    submodules: &[],
};
