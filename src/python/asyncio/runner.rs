//! `asyncio.Runner` (Python 3.11): one event loop that runs coroutines one after another in the
//! calling thread, `with asyncio.Runner() as runner: runner.run(first()); runner.run(second())`.
//! Tasks a run leaves pending go on in the next run, as in CPython; `close()` closes the loop
//! without running them (CPython cancels them first, so their `finally` blocks run then).

use super::loop_handle::{close, new_loop};
use crate::event::lock;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::value::Value;
use crate::python::vm::{Invoked, Vm};
use std::sync::Mutex;

static TYPE: TypeDef = TypeDef {
    name: "Runner",
    methods: &[
        native("run", |vm, mut args| {
            args.keyword("context");
            let coroutine = args.expect("run", 1, 1)?[0].clone();
            if !matches!(coroutine, Value::Coroutine(_)) {
                return raise(
                    ValueError,
                    format!("a coroutine was expected, got {}", coroutine.repr()),
                );
            }
            if vm.thread.event_loop.is_some() {
                return raise(
                    RuntimeError,
                    "Runner.run() cannot be called from a running event loop",
                );
            }
            let handle = args.this::<Runner>()?.event_loop(vm)?;
            super::loop_handle::run(vm, &handle, Some(coroutine))
        }),
        native("get_loop", |vm, args| {
            args.expect("get_loop", 0, 0)?;
            done(args.this::<Runner>()?.event_loop(vm)?)
        }),
        native("close", |vm, args| {
            args.expect("close", 0, 0)?;
            args.this::<Runner>()?.close(vm)?;
            done(Value::None)
        }),
        native("__enter__", |vm, args| {
            args.expect("__enter__", 0, 0)?;
            args.this::<Runner>()?.event_loop(vm)?;
            done(args.receiver.clone())
        }),
        native("__exit__", |vm, args| {
            args.this::<Runner>()?.close(vm)?;
            done(Value::None)
        }),
    ],
    attribute: no_attributes,
};

#[derive(Default)]
enum State {
    #[default]
    Unused,
    /// Its loop, made when first needed.
    Open(Value),
    Closed,
}

#[derive(Default)]
pub struct Runner {
    state: Mutex<State>,
}

impl Runner {
    fn event_loop(&self, vm: &mut Vm) -> PyResult<Value> {
        let mut state = lock(&self.state);
        match &*state {
            State::Unused => {
                let made = new_loop(vm)?;
                *state = State::Open(made.clone());
                Ok(made)
            }
            State::Open(handle) => Ok(handle.clone()),
            State::Closed => raise(RuntimeError, "Runner is closed"),
        }
    }

    fn close(&self, vm: &Vm) -> PyResult<()> {
        let mut state = lock(&self.state);
        if let State::Open(handle) = &*state {
            close(handle)?;
            vm.run.count_runner_shutdown_tasks();
        }
        *state = State::Closed;
        Ok(())
    }
}

impl PyObject for Runner {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<asyncio.runners.Runner object at {:#x}>",
            self as *const Self as usize
        )
    }
}

/// `asyncio.Runner(*, debug=None, loop_factory=None)`: the options change nothing here.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    args.keyword("debug");
    args.keyword("loop_factory");
    args.expect("Runner", 0, 0)?;
    done(Value::Object(std::sync::Arc::new(Runner::default())))
}
