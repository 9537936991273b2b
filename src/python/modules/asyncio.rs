//! `asyncio`: its functions; the event loop itself is the VM's (`asyncio.rs`).

use super::super::asyncio::{self as event_loop, Awaitable};
use super::super::registry::{done, native, ModuleDef};
use super::super::value::Value;
use super::time::seconds_arg;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "asyncio",
    functions: &[
        native("run", |vm, args| {
            let coroutine = args.expect("run", 1, 1)?[0].clone();
            event_loop::run(vm, coroutine)
        }),
        native("sleep", |_, args| {
            let seconds = seconds_arg(args.expect("sleep", 1, 2)?)?;
            done(Value::Awaitable(Arc::new(Awaitable::Sleep(
                seconds * 1000.0,
            ))))
        }),
        native("gather", |_, mut args| {
            args.keyword("return_exceptions");
            args.no_more_keywords("gather")?;
            done(Value::Awaitable(Arc::new(Awaitable::Gather(
                args.positional,
            ))))
        }),
        native("create_task", |vm, mut args| {
            args.keyword("name");
            let coroutine = args.expect("create_task", 1, 1)?[0].clone();
            done(event_loop::create_task(vm, coroutine)?)
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
