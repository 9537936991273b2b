//! `asyncio.Task`: a coroutine the loop runs, its frames kept here while it waits, and the
//! future of its result. `cancel()` cancels the future it waits for, which wakes it with a
//! `CancelledError` at its `await`; a task not waiting gets one at its next step.

use super::event_loop::with_loop;
use super::future::{cancelled_error, Future, Outcome, Waiter};
use super::{loop_handle, Awaitable, EventLoop, Then, Wait};
use crate::event::lock;
use crate::python::error::{ExceptionKind::*, PyResult, PROGRAM_FILE};
use crate::python::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::types::context::Context;
use crate::python::value::Value;
use crate::python::vm::{Frame, Invoked, Vm};
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Task",
    methods: &[
        native("cancel", |vm, mut args| {
            let message = args.keyword("msg");
            let task = args.this::<Task>()?;
            let message = message.or_else(|| args.positional.first().cloned());
            with_loop(vm, |_, event_loop| {
                done(Value::Bool(task.cancel(event_loop, message)))
            })
        }),
        native("cancelled", |_, args| {
            args.expect("cancelled", 0, 0)?;
            done(Value::Bool(args.this::<Task>()?.future.is_cancelled()))
        }),
        native("done", |_, args| {
            args.expect("done", 0, 0)?;
            done(Value::Bool(args.this::<Task>()?.future.is_done()))
        }),
        native("result", |_, args| {
            args.expect("result", 0, 0)?;
            args.this::<Task>()?.future.result_now().map(Invoked::Value)
        }),
        native("exception", |_, args| {
            args.expect("exception", 0, 0)?;
            done(args.this::<Task>()?.future.exception_now()?)
        }),
        native("get_name", |_, args| {
            args.expect("get_name", 0, 0)?;
            done(Value::str(lock(&args.this::<Task>()?.name).as_str()))
        }),
        native("set_name", |_, args| {
            let name = args.expect("set_name", 1, 1)?[0].to_str();
            *lock(&args.this::<Task>()?.name) = name;
            done(Value::None)
        }),
        native("cancelling", |_, args| {
            args.expect("cancelling", 0, 0)?;
            done(Value::Int(args.this::<Task>()?.cancelling().into()))
        }),
        native("uncancel", |_, args| {
            args.expect("uncancel", 0, 0)?;
            done(Value::Int(args.this::<Task>()?.uncancel().into()))
        }),
        native("add_done_callback", super::callbacks::add_done_callback),
        native(
            "remove_done_callback",
            super::callbacks::remove_done_callback,
        ),
    ],
    attribute: no_attributes,
};

/// What a step goes on with.
pub enum Resumed {
    /// The task's frames, given what their `await` gets.
    Frames,
    /// The library coroutine the task is made of, started.
    Start(Arc<Awaitable>),
    /// The library coroutine the task awaits, given the result it waited for.
    Then(Then),
}

pub struct Task {
    pub future: Arc<Future>,
    name: Mutex<String>,
    coroutine: String,
    /// The line its coroutine function is defined on (none for a library coroutine).
    defined_on: Option<u32>,
    /// Its lane in the timeline.
    pub lane: u32,
    /// The context it runs in: a copy of the one it was created in.
    pub context: Arc<Context>,
    state: Mutex<TaskState>,
}

#[derive(Default)]
struct TaskState {
    /// Its frames while it is suspended.
    frames: Vec<Box<Frame>>,
    /// The library coroutine it is made of, until its first step starts it.
    start: Option<Arc<Awaitable>>,
    waiting_on: Option<Arc<Future>>,
    /// What the library coroutine it awaits does once `waiting_on` is done.
    then: Option<Then>,
    /// A `cancel()` (with its message) that found no future to cancel: its next step raises.
    must_cancel: Option<Option<Value>>,
    /// `cancelling()`: the cancels asked for and not taken back by `uncancel()`.
    cancel_requests: u32,
}

impl PyObject for Task {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    /// A task is a future (`isinstance(task, asyncio.Future)`).
    fn base_type(&self) -> Option<&'static str> {
        Some("Future")
    }

    /// CPython's, with where its coroutine is: `coro=<work() running at <program>:4>` while
    /// it waits (or has not started), `done, defined at <program>:3` once it is done. A task
    /// running now shows no line: its frames are the thread's, out of reach here.
    fn repr(&self) -> String {
        let name = lock(&self.name).clone();
        let coroutine = &self.coroutine;
        let done_coroutine = match self.defined_on {
            Some(line) => format!("{coroutine}() done, defined at {PROGRAM_FILE}:{line}"),
            None => format!("{coroutine}()"),
        };
        match self.future.outcome_shown() {
            None => {
                let state = lock(&self.state);
                let running_at = state.frames.first().map(|frame| {
                    let code = &frame.function.code;
                    let line = match frame.pc {
                        0 => code.pos.line,
                        // The `await` it waits at.
                        pc => code.position(pc - 1).line,
                    };
                    format!(" running at {PROGRAM_FILE}:{line}")
                });
                let running_at = running_at.unwrap_or_default();
                let wait_for = state
                    .waiting_on
                    .as_ref()
                    .map(|future| format!(" wait_for={}", future.repr()))
                    .unwrap_or_default();
                let callbacks = self.future.callbacks_shown();
                format!(
                    "<Task pending name='{name}' coro=<{coroutine}(){running_at}>{wait_for}{callbacks}>"
                )
            }
            Some(Outcome::Cancelled(_)) => {
                format!("<Task cancelled name='{name}' coro=<{done_coroutine}>>")
            }
            Some(outcome) => format!(
                "<Task finished name='{name}' coro=<{done_coroutine}> {}={}>",
                if outcome.result().is_ok() {
                    "result"
                } else {
                    "exception"
                },
                outcome.value_or_exception().repr()
            ),
        }
    }
}

impl Task {
    pub fn new(
        vm: &Vm,
        name: String,
        coroutine: &str,
        frames: Vec<Box<Frame>>,
        start: Option<Arc<Awaitable>>,
    ) -> Arc<Self> {
        let (lane, _) = vm
            .run
            .recorder
            .start_named(format!("{name} ({coroutine})").into());
        let defined_on = frames.first().map(|frame| frame.function.code.pos.line);
        Arc::new_cyclic(|task| Self {
            future: Future::of_task(task.clone()),
            name: Mutex::new(name),
            coroutine: coroutine.to_string(),
            defined_on,
            lane,
            context: vm.thread.context.copy(),
            state: Mutex::new(TaskState {
                frames,
                start,
                ..TaskState::default()
            }),
        })
    }

    pub fn name(&self) -> String {
        lock(&self.name).clone()
    }

    /// Its frames for a step, what goes on first, and what its `await` gets: a
    /// `CancelledError` if a cancel is pending.
    pub fn resume(
        &self,
        send: Option<PyResult<Value>>,
    ) -> (Vec<Box<Frame>>, Resumed, Option<PyResult<Value>>) {
        let mut state = lock(&self.state);
        state.waiting_on = None;
        let send = match state.must_cancel.take() {
            Some(message) => Some(Err(cancelled_error(message))),
            None => send,
        };
        let resumed = match (state.then.take(), state.start.take()) {
            (Some(then), _) => Resumed::Then(then),
            (None, Some(start)) => Resumed::Start(start),
            (None, None) => Resumed::Frames,
        };
        (std::mem::take(&mut state.frames), resumed, send)
    }

    /// Keeps the task's frames while it waits (for `wait`'s future, or, with none, for its
    /// next step).
    pub fn suspend(
        self: &Arc<Self>,
        event_loop: &mut EventLoop,
        frames: Vec<Box<Frame>>,
        wait: Option<Wait>,
    ) {
        let mut state = lock(&self.state);
        state.frames = frames;
        let Some(wait) = wait else {
            return;
        };
        state.waiting_on = Some(Arc::clone(&wait.future));
        state.then = wait.then;
        drop(state);
        wait.future
            .add_waiter(event_loop, Waiter::Task(Arc::clone(self)));
        self.cancel_wait_if_asked(event_loop, &wait.future);
    }

    /// A cancel asked for while the task ran goes to the future it now waits for.
    fn cancel_wait_if_asked(&self, event_loop: &mut EventLoop, future: &Arc<Future>) {
        let asked = lock(&self.state).must_cancel.take();
        if let Some(message) = asked {
            if !future.cancel(event_loop, message.clone()) {
                lock(&self.state).must_cancel = Some(message);
            }
        }
    }

    /// `task.cancel(msg)`: false if it is done.
    pub fn cancel(self: &Arc<Self>, event_loop: &mut EventLoop, message: Option<Value>) -> bool {
        if self.future.is_done() {
            return false;
        }
        let waiting_on = {
            let mut state = lock(&self.state);
            state.cancel_requests += 1;
            state.waiting_on.clone()
        };
        if let Some(future) = waiting_on {
            if future.cancel(event_loop, message.clone()) {
                return true;
            }
        }
        lock(&self.state).must_cancel = Some(message);
        true
    }

    /// `cancelling()`: the cancels asked for and not taken back.
    pub fn cancelling(&self) -> u32 {
        lock(&self.state).cancel_requests
    }

    /// `uncancel()`: takes back one cancel request; how many are left.
    pub fn uncancel(&self) -> u32 {
        let mut state = lock(&self.state);
        state.cancel_requests = state.cancel_requests.saturating_sub(1);
        state.cancel_requests
    }

    /// How the task ended, given what its coroutine returned or raised.
    pub fn outcome_of(&self, result: PyResult<Value>) -> Outcome {
        let must_cancel = lock(&self.state).must_cancel.take();
        match (result, must_cancel) {
            (Ok(_), Some(message)) => Outcome::Cancelled(cancelled_error(message)),
            (Ok(value), None) => Outcome::Value(value),
            (Err(error), _) if error.kind == CancelledError => Outcome::Cancelled(error),
            (Err(error), _) => Outcome::Raised(error),
        }
    }
}

/// `asyncio.current_task()`.
pub fn current_task(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("current_task", 0, 1)?;
    with_loop(vm, |_, event_loop| {
        done(
            event_loop
                .current_task()
                .map_or(Value::None, |task| Value::Object(task)),
        )
    })
}

/// `asyncio.all_tasks(loop=None)`: the tasks not done of the running loop, or of `loop`
/// (which may not be running), as a set.
pub fn all_tasks(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let not_done = |tasks: &[Arc<Task>]| {
        let tasks = tasks
            .iter()
            .filter(|task| !task.future.is_done())
            .map(|task| Value::Object(Arc::clone(task) as _))
            .collect();
        super::set_of(tasks).map(Invoked::Value)
    };
    let handle = args.expect("all_tasks", 0, 1)?.first().cloned();
    if let Some(handle) = handle.filter(|handle| !matches!(handle, Value::None)) {
        if let Some(tasks) = loop_handle::tasks_elsewhere(vm, &handle)? {
            return not_done(&tasks);
        }
    }
    with_loop(vm, |_, event_loop| not_done(event_loop.live_tasks()))
}

/// `asyncio.create_task(coro, name=None)`: the loop starts it at its next turn. A task
/// given a name still takes a number (`Task-2`) from the count, as in CPython 3.11, which
/// names it afterwards: the next unnamed one is `Task-3`.
pub fn create_task(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let name = args.keyword("name");
    let coroutine = args.expect("create_task", 1, 1)?[0].clone();
    if name
        .as_ref()
        .is_some_and(|name| !matches!(name, Value::None))
    {
        vm.run.next_task_number();
    }
    with_loop(vm, |vm, event_loop| {
        let task = event_loop.spawn(vm, coroutine, name)?;
        done(Value::Object(task))
    })
}
