//! `types`: `SimpleNamespace`.

use super::super::registry::{native, ModuleDef};
use super::super::types::namespace;

pub static MODULE: ModuleDef = ModuleDef {
    name: "types",
    functions: &[native("SimpleNamespace", namespace::new)],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
