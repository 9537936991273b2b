//! `threading`.

use super::super::registry::{done, ModuleDef, Native};
use super::super::types::{condition, event, lock, semaphore, thread};
use super::super::value::Value;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "threading",
    functions: &[
        Native {
            name: "Thread",
            call: |vm, args| thread::new(vm, args, false),
        },
        Native {
            name: "Lock",
            call: lock::new,
        },
        Native {
            name: "Event",
            call: event::new,
        },
        Native {
            name: "Condition",
            call: condition::new,
        },
        Native {
            name: "Semaphore",
            call: |vm, args| semaphore::new(vm, args, false),
        },
        Native {
            name: "BoundedSemaphore",
            call: |vm, args| semaphore::new(vm, args, true),
        },
        Native {
            name: "current_thread",
            call: |vm, args| {
                args.expect("current_thread", 0, 0)?;
                done(Value::Object(Arc::clone(&vm.thread.handle) as _))
            },
        },
        Native {
            name: "active_count",
            call: |vm, args| {
                args.expect("active_count", 0, 0)?;
                done(Value::Int(vm.run.active_threads().into()))
            },
        },
    ],
    submodules: &[],
};
