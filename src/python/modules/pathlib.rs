//! `pathlib`: `Path` (see `types/path.rs`), over the run's files.

use super::super::registry::{native, ModuleDef};
use super::super::types::path;

pub static MODULE: ModuleDef = ModuleDef {
    name: "pathlib",
    functions: &[native("Path", path::new), native("PosixPath", path::new)],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
