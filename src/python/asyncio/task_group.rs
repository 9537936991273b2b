//! `asyncio.TaskGroup` (3.11), as CPython's: its exit waits for every task made in it; the
//! first task to fail cancels the others and the task the group is in, and the exit raises the
//! failures as an `ExceptionGroup`.

use super::future::{Callback, Future, Outcome, Waiter};
use super::protocols::is_cancelled_error;
use super::task::Task;
use super::{Awaitable, EventLoop, Started};
use crate::event::lock;
use crate::python::error::{raise, Exception, ExceptionKind::*, PyResult};
use crate::python::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use crate::python::types::exception::{to_raise, PyException};
use crate::python::value::Value;
use crate::python::vm::{Invoked, Vm};
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "TaskGroup",
    methods: &[
        native("__aenter__", |_, args| {
            let this = args.this::<TaskGroup>()?;
            done(Awaitable::coroutine("__aenter__", move |_, event_loop| {
                this.enter(event_loop)
            }))
        }),
        native("__aexit__", |_, args| {
            let this = args.this::<TaskGroup>()?;
            let exception = args.positional.get(1).cloned().unwrap_or(Value::None);
            done(Awaitable::coroutine("__aexit__", move |_, event_loop| {
                this.exit(event_loop, &exception)
            }))
        }),
        native("create_task", |vm, mut args| {
            let name = args.keyword("name");
            let coroutine = args.expect("create_task", 1, 1)?[0].clone();
            let this = args.this::<TaskGroup>()?;
            super::event_loop::with_loop(vm, |vm, event_loop| {
                this.create_task(vm, event_loop, coroutine, name)
                    .map(|task| Invoked::Value(Value::Object(task)))
            })
        }),
    ],
    attribute: no_attributes,
};

#[derive(Default)]
pub struct TaskGroup {
    state: Mutex<GroupState>,
}

#[derive(Default)]
struct GroupState {
    /// The task whose `async with` it is.
    parent: Option<Arc<Task>>,
    exiting: bool,
    aborting: bool,
    tasks: Vec<Arc<Task>>,
    errors: Vec<Exception>,
    /// The group cancelled its parent for a failed task.
    parent_cancel_requested: bool,
    /// What the exit waits for: the last task done.
    all_done: Option<Arc<Future>>,
}

impl PyObject for TaskGroup {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        "<TaskGroup>".into()
    }
}

impl TaskGroup {
    fn enter(self: &Arc<Self>, event_loop: &mut EventLoop) -> PyResult<Started> {
        let mut state = lock(&self.state);
        if state.parent.is_some() {
            return raise(
                RuntimeError,
                "TaskGroup <TaskGroup> has been already entered",
            );
        }
        let Some(parent) = event_loop.current_task() else {
            return raise(
                RuntimeError,
                "TaskGroup <TaskGroup> cannot determine the parent task",
            );
        };
        state.parent = Some(parent);
        Ok(Started::Done(Value::Object(Arc::clone(self) as _)))
    }

    fn create_task(
        self: &Arc<Self>,
        vm: &mut Vm,
        event_loop: &mut EventLoop,
        coroutine: Value,
        name: Option<Value>,
    ) -> PyResult<Arc<Task>> {
        let mut state = lock(&self.state);
        if state.parent.is_none() {
            return raise(RuntimeError, "TaskGroup <TaskGroup> has not been entered");
        }
        if state.exiting && state.tasks.is_empty() {
            return raise(RuntimeError, "TaskGroup <TaskGroup> is finished");
        }
        if state.aborting {
            return raise(RuntimeError, "TaskGroup <TaskGroup> is shutting down");
        }
        let task = event_loop.spawn(vm, coroutine, name)?;
        state.tasks.push(Arc::clone(&task));
        drop(state);
        let done = TaskDone {
            group: Arc::clone(self),
            task: Arc::clone(&task),
        };
        task.future
            .add_waiter(event_loop, Waiter::Call(Arc::new(done)));
        Ok(task)
    }

    /// `__aexit__`: waits for the tasks, then raises what failed.
    fn exit(self: &Arc<Self>, event_loop: &mut EventLoop, exception: &Value) -> PyResult<Started> {
        let mut state = lock(&self.state);
        state.exiting = true;
        let raised = match exception {
            Value::None => None,
            exception => Some(to_raise(exception)?),
        };
        let mut propagate_cancel = raised.clone().filter(|_| is_cancelled_error(exception));
        if state.parent_cancel_requested
            && state
                .parent
                .as_ref()
                .is_some_and(|parent| parent.uncancel() == 0)
        {
            propagate_cancel = None;
        }
        let abort = raised.is_some() && !state.aborting;
        drop(state);
        if abort {
            self.abort(event_loop);
        }
        let body_error = raised.filter(|error| error.kind != CancelledError);
        self.drain(propagate_cancel, body_error)
    }

    /// Waits until no task is left, then ends the exit.
    fn drain(
        self: &Arc<Self>,
        propagate_cancel: Option<Exception>,
        body_error: Option<Exception>,
    ) -> PyResult<Started> {
        let mut state = lock(&self.state);
        if !state.tasks.is_empty() {
            let all_done = Future::new();
            state.all_done = Some(Arc::clone(&all_done));
            drop(state);
            let this = Arc::clone(self);
            return Ok(Started::wait_then(
                all_done,
                move |_, event_loop, result| {
                    let mut propagate_cancel = propagate_cancel;
                    if let Err(cancelled) = result {
                        if !lock(&this.state).aborting {
                            propagate_cancel = Some(cancelled);
                            this.abort(event_loop);
                        }
                    }
                    lock(&this.state).all_done = None;
                    this.drain(propagate_cancel, body_error)
                },
            ));
        }
        if let Some(cancelled) = propagate_cancel.filter(|_| state.errors.is_empty()) {
            return Err(cancelled);
        }
        let mut errors = std::mem::take(&mut state.errors);
        errors.extend(body_error);
        if errors.is_empty() {
            return Ok(Started::Done(Value::None));
        }
        Err(exception_group("unhandled errors in a TaskGroup", &errors))
    }

    /// Cancels the tasks not done.
    fn abort(&self, event_loop: &mut EventLoop) {
        let tasks = {
            let mut state = lock(&self.state);
            state.aborting = true;
            state.tasks.clone()
        };
        for task in tasks {
            task.cancel(event_loop, None);
        }
    }
}

/// A task of the group is done.
struct TaskDone {
    group: Arc<TaskGroup>,
    task: Arc<Task>,
}

impl Callback for TaskDone {
    fn call(&self, event_loop: &mut EventLoop, _: &Arc<Future>) {
        let mut state = lock(&self.group.state);
        state.tasks.retain(|task| !Arc::ptr_eq(task, &self.task));
        if let (Some(all_done), true) = (state.all_done.clone(), state.tasks.is_empty()) {
            all_done.set_result(event_loop, Value::Bool(true));
        }
        let Some(Outcome::Raised(error)) = self.task.future.outcome() else {
            return;
        };
        state.errors.push(error);
        if state.aborting || state.parent_cancel_requested {
            return;
        }
        state.parent_cancel_requested = true;
        let parent = state.parent.clone();
        drop(state);
        self.group.abort(event_loop);
        if let Some(parent) = parent.filter(|parent| !parent.future.is_done()) {
            parent.cancel(event_loop, None);
        }
    }
}

/// `ExceptionGroup(message, errors)`.
fn exception_group(message: &str, errors: &[Exception]) -> Exception {
    let values: Vec<Value> = errors.iter().map(PyException::caught).collect();
    let args = [Value::str(message), Value::list(values)];
    let made = PyException::made(ExceptionGroup, &args);
    to_raise(&made).unwrap_or_else(|error| error)
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("TaskGroup", 0, 0)?;
    done(Value::Object(Arc::new(TaskGroup::default())))
}
