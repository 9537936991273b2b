//! `multiprocessing`: a process is a thread with its own copy of memory and its own GIL.

use super::super::registry::{native, ModuleDef};
use super::super::types::{executor, thread};

pub static MODULE: ModuleDef = ModuleDef {
    name: "multiprocessing",
    functions: &[
        native("Process", |vm, args| thread::new(vm, args, true)),
        native("Pool", |vm, args| {
            executor::new(vm, args, executor::Kind::Pool)
        }),
        native("cpu_count", super::os::cpu_count),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
