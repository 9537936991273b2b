//! `concurrent` and `concurrent.futures`.

use super::super::registry::{native, ModuleDef};
use super::super::types::executor;

pub static MODULE: ModuleDef = ModuleDef {
    name: "concurrent",
    functions: &[],
    exceptions: &[],
    constants: &[],
    submodules: &[&FUTURES],
};

pub static FUTURES: ModuleDef = ModuleDef {
    name: "concurrent.futures",
    functions: &[native("ThreadPoolExecutor", |vm, args| {
        executor::new(vm, args, false)
    })],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
