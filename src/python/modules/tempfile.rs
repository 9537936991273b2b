//! `tempfile`: temporary directories among the run's files (`/tmp` is theirs).

use super::super::registry::{done, native, ModuleDef};
use super::super::types::temporary_directory;
use super::super::value::Value;

pub static MODULE: ModuleDef = ModuleDef {
    name: "tempfile",
    functions: &[
        native("TemporaryDirectory", temporary_directory::new),
        native("mkdtemp", temporary_directory::mkdtemp),
        native("gettempdir", |_, args| {
            args.expect("gettempdir", 0, 0)?;
            done(Value::str("/tmp"))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
