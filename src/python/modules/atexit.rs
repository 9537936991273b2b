//! `atexit`: calls the program registers for its exit, made once its last thread (daemons
//! apart) has ended, the last registered first, as CPython makes them. A child process's
//! registrations are dropped (CPython's forked children leave through `os._exit`), and so are
//! those made during the exit.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::value::{same_object, Value};
use super::super::vm::{Invoked, Vm};
use super::builtins::is_callable;
use crate::event::lock;

pub static MODULE: ModuleDef = ModuleDef {
    name: "atexit",
    functions: &[
        native("register", register),
        native("unregister", |vm, args| {
            let [function] = args.bind("unregister", ["func"], 1)?;
            let function = function.unwrap_or_default();
            lock(&vm.run.exit_calls).retain(|(call, _)| !same_object(call, &function));
            done(Value::None)
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `register(func, *args, **kwargs)`: returns `func`, so it serves as a decorator.
fn register(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    if args.positional.is_empty() {
        return raise(TypeError, "register() takes at least 1 argument (0 given)");
    }
    let function = args.positional.remove(0);
    if !is_callable(&function) {
        return raise(TypeError, "the first argument must be callable");
    }
    if vm.thread.process.handle.is_main() && !vm.run.is_exiting() {
        let call = Args {
            positional: args.positional,
            keywords: args.keywords,
            ..Args::default()
        };
        lock(&vm.run.exit_calls).push((function.clone(), call));
    }
    done(function)
}
