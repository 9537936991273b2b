//! `_thread`: the low-level module under `threading`, which older books start threads with
//! (`start_new_thread`, `allocate_lock`). Its threads are daemonic: the program ends when its
//! main thread does, whatever they are doing.

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, Constant, ModuleDef};
use super::super::types::{kinds, lock, rlock, thread};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "_thread",
    functions: &[
        native("start_new_thread", start_new_thread),
        native("start_new", start_new_thread),
        native("allocate_lock", lock::new),
        native("allocate", lock::new),
        native("RLock", rlock::new),
        native("get_ident", |vm, args| {
            args.expect("get_ident", 0, 0)?;
            done(Value::Int(thread::python_ident(vm.thread.id).into()))
        }),
        native("get_native_id", |vm, args| {
            args.expect("get_native_id", 0, 0)?;
            done(Value::Int(thread::native_id(vm.thread.id).into()))
        }),
        native("exit", exit),
        native("exit_thread", exit),
        native("stack_size", |_, args| {
            args.expect("stack_size", 0, 1)?;
            done(Value::Int(0))
        }),
    ],
    exceptions: &[],
    constants: &[
        ("TIMEOUT_MAX", Constant::Float(9_223_372_036.0)),
        // The class of the locks `allocate_lock` makes.
        ("LockType", Constant::Object(|| kinds::native_type("lock"))),
        // Another name for `RuntimeError`.
        (
            "error",
            Constant::Object(|| Value::ExceptionClass(ExceptionKind::RuntimeError)),
        ),
    ],
    submodules: &[],
};

/// `_thread.start_new_thread(function, args[, kwargs])`: a daemonic thread with no
/// `threading.Thread` (CPython names one `Dummy-1` when it is asked for it), started as
/// `start()` starts one; its `ident`.
fn start_new_thread(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("start_new_thread", 2, 3)?;
    let function = given[0].clone();
    if !matches!(given[1], Value::Tuple(_)) {
        return raise(TypeError, "2nd arg must be a tuple");
    }
    let kwargs = given.get(2).cloned().unwrap_or(Value::None);
    if !matches!(kwargs, Value::Dict(_) | Value::None) {
        return raise(TypeError, "optional 3rd arg must be a dictionary");
    }
    let name = format!("Dummy-{}", vm.run.next_thread_number(false));
    let thread_args = Args {
        keywords: vec![
            ("target".into(), function.clone()),
            ("args".into(), given[1].clone()),
            ("kwargs".into(), kwargs),
            ("name".into(), Value::str(name)),
            ("daemon".into(), Value::Bool(true)),
        ],
        ..Args::default()
    };
    let mut handle = thread::handle(vm, thread_args, false, None)?;
    handle.mark_bare(function);
    let started = thread::start_handle(vm, Arc::clone(&handle))?;
    vm.then_after(
        started,
        Then::new(move |_, _| done(Value::Int(handle.ident().unwrap_or_default().into()))),
    )
}

/// `exit()`: `SystemExit`, which ends the thread it is raised in, quietly.
fn exit(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("exit", 0, 0)?;
    raise(SystemExit, "")
}
