//! `gc`: the collector's switches, for programs that call them. threadplay's values are freed
//! when the last reference goes (cycles of the program's objects live until the run ends), so
//! there is nothing to collect and no tracked object to list.

use super::super::registry::{done, native, ModuleDef};
use super::super::value::Value;

pub static MODULE: ModuleDef = ModuleDef {
    name: "gc",
    functions: &[
        native("collect", |_, args| {
            args.expect("collect", 0, 1)?;
            done(Value::Int(0))
        }),
        native("get_objects", |_, args| {
            args.expect("get_objects", 0, 1)?;
            done(Value::list(Vec::new()))
        }),
        native("enable", |_, args| {
            args.expect("enable", 0, 0)?;
            done(Value::None)
        }),
        native("disable", |_, args| {
            args.expect("disable", 0, 0)?;
            done(Value::None)
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
