//! `multiprocessing`: a process is a thread with its own copy of memory and its own GIL.

use super::super::registry::{done, ModuleDef, Native};
use super::super::types::{executor, thread};
use super::super::value::Value;

pub static MODULE: ModuleDef = ModuleDef {
    name: "multiprocessing",
    functions: &[
        Native {
            name: "Process",
            call: |vm, args| thread::new(vm, args, true),
        },
        Native {
            name: "Pool",
            call: |vm, args| executor::new(vm, args, true),
        },
        Native {
            name: "cpu_count",
            call: |vm, args| {
                args.expect("cpu_count", 0, 0)?;
                done(Value::Int(vm.run.workers.into()))
            },
        },
    ],
    submodules: &[],
};
