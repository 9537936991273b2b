//! `_thread`: the low-level module under `threading`, which older books start threads with
//! (`start_new_thread`, `allocate_lock`). Its threads are daemonic: the program ends when its
//! main thread does, whatever they are doing.

use super::super::error::{raise, ExceptionKind, ExceptionKind::*};
use super::super::registry::{done, native, Constant, ModuleDef};
use super::super::types::{lock, rlock, thread};
use super::super::value::Value;

pub static MODULE: ModuleDef = ModuleDef {
    name: "_thread",
    functions: &[
        native("start_new_thread", thread::start_bare),
        native("start_new", thread::start_bare),
        native("allocate_lock", lock::new),
        native("allocate", lock::new),
        native("LockType", lock::new),
        native("RLock", rlock::new),
        native("get_ident", |vm, args| {
            args.expect("get_ident", 0, 0)?;
            done(Value::Int(thread::python_ident(vm.thread.id).into()))
        }),
        native("get_native_id", |vm, args| {
            args.expect("get_native_id", 0, 0)?;
            done(Value::Int(thread::native_id(vm.thread.id).into()))
        }),
        // `SystemExit` ends the thread it is raised in, quietly.
        native("exit", |_, args| {
            args.expect("exit", 0, 0)?;
            raise(SystemExit, "")
        }),
        native("exit_thread", |_, args| {
            args.expect("exit_thread", 0, 0)?;
            raise(SystemExit, "")
        }),
        native("stack_size", |_, args| {
            args.expect("stack_size", 0, 1)?;
            done(Value::Int(0))
        }),
    ],
    exceptions: &[],
    constants: &[
        ("TIMEOUT_MAX", Constant::Float(9_223_372_036.0)),
        // Another name for `RuntimeError`.
        (
            "error",
            Constant::Object(|| Value::ExceptionClass(ExceptionKind::RuntimeError)),
        ),
    ],
    submodules: &[],
};
