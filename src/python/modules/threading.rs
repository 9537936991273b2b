//! `threading`.

use super::super::error::{ExceptionKind, PyResult};
use super::super::registry::{done, native, Args, Constant, ModuleDef};
use super::super::types::{
    barrier, condition, event, except_hook, local, lock, rlock, semaphore, thread, timer,
};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "threading",
    functions: &[
        native("Thread", |vm, args| thread::new(vm, args, false)),
        native("Lock", lock::new),
        native("RLock", rlock::new),
        native("Event", event::new),
        native("Timer", timer::new),
        native("Barrier", barrier::new),
        native("local", local::new),
        native("get_native_id", |vm, args| {
            args.expect("get_native_id", 0, 0)?;
            done(Value::Int(thread::native_id(vm.thread.id).into()))
        }),
        native("Condition", condition::new),
        native("Semaphore", |vm, args| semaphore::new(vm, args, false)),
        native("BoundedSemaphore", |vm, args| {
            semaphore::new(vm, args, true)
        }),
        native("excepthook", except_hook::default_hook),
        native("__excepthook__", except_hook::default_hook),
        native("current_thread", current_thread),
        // The names before Python 3.10, which older tutorials use.
        native("currentThread", |vm, args| {
            vm.warn_deprecated("currentThread() is deprecated, use current_thread() instead")?;
            current_thread(vm, args)
        }),
        native("main_thread", |vm, args| {
            args.expect("main_thread", 0, 0)?;
            done(Value::Object(vm.run.main_thread() as _))
        }),
        native("get_ident", |vm, args| {
            args.expect("get_ident", 0, 0)?;
            done(Value::Int(thread::python_ident(vm.thread.id).into()))
        }),
        native("enumerate", |vm, args| {
            args.expect("enumerate", 0, 0)?;
            let threads = vm
                .run
                .alive_threads()
                .into_iter()
                .filter(|thread| !thread.is_process())
                .map(|thread| Value::Object(thread as _))
                .collect();
            done(Value::list(threads))
        }),
        native("active_count", active_count),
        native("activeCount", |vm, args| {
            vm.warn_deprecated("activeCount() is deprecated, use active_count() instead")?;
            active_count(vm, args)
        }),
        // A thread's frames live on the heap here, so no stack size is ever in force: 0 is
        // CPython's answer for "the platform's default".
        native("stack_size", |_, args| {
            args.bind("stack_size", ["size"], 0)?;
            done(Value::Int(0))
        }),
    ],
    exceptions: &[ExceptionKind::BrokenBarrierError],
    // The longest timeout a wait takes, as on 64-bit Linux.
    constants: &[("TIMEOUT_MAX", Constant::Float(9_223_372_036.0))],
    submodules: &[],
};

fn current_thread(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("current_thread", 0, 0)?;
    done(Value::Object(Arc::clone(&vm.thread.handle) as _))
}

fn active_count(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("active_count", 0, 0)?;
    done(Value::Int(vm.run.active_threads().into()))
}
