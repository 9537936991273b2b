//! `multiprocessing`: a process is a thread with its own copy of memory and its own GIL.

use super::super::registry::{done, native, ModuleDef};
use super::super::types::{executor, thread};
use super::super::value::Value;

pub static MODULE: ModuleDef = ModuleDef {
    name: "multiprocessing",
    functions: &[
        native("Process", |vm, args| thread::new(vm, args, true)),
        native("Pool", |vm, args| executor::new(vm, args, true)),
        native("cpu_count", |vm, args| {
            args.expect("cpu_count", 0, 0)?;
            done(Value::Int(vm.run.cores.into()))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
