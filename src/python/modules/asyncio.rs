//! `asyncio`: its functions and classes; the event loop and its parts are `asyncio/`'s.

use super::super::asyncio::{self as aio};
use super::super::error::ExceptionKind;
use super::super::registry::done;
use super::super::registry::{native, Constant, ModuleDef};
use super::super::types::queue::Order;
use super::super::value::Value;
use super::time::seconds_arg;

pub static MODULE: ModuleDef = ModuleDef {
    name: "asyncio",
    functions: &[
        native("run", |vm, mut args| {
            let debug = args.keyword("debug").is_some_and(|debug| debug.is_truthy());
            let coroutine = args.expect("run", 1, 1)?[0].clone();
            aio::run(vm, coroutine, debug)
        }),
        native("sleep", |_, args| {
            let [delay, result] = args.bind("sleep", ["delay", "result"], 1)?;
            let delay = delay.unwrap_or_default();
            let seconds = seconds_arg(std::slice::from_ref(&delay))?;
            Ok(super::super::vm::Invoked::Value(aio::sleep(
                seconds * 1000.0,
                result.unwrap_or_default(),
            )))
        }),
        native("gather", aio::gather),
        native("create_task", aio::create_task),
        // The class of tasks (`isinstance(t, asyncio.Task)`); called, it starts one.
        native("Task", aio::create_task),
        native("ensure_future", aio::ensure_future),
        native("wait", aio::wait),
        native("wait_for", aio::wait_for),
        native("shield", aio::shield),
        native("as_completed", aio::as_completed),
        native("timeout", aio::timeout),
        native("timeout_at", aio::timeout_at),
        native("current_task", aio::current_task),
        native("all_tasks", aio::all_tasks),
        native("to_thread", aio::to_thread),
        native("run_coroutine_threadsafe", aio::run_coroutine_threadsafe),
        native("wrap_future", aio::wrap_future),
        native("get_running_loop", aio::get_running_loop),
        native("get_event_loop", aio::get_event_loop),
        native("new_event_loop", aio::new_event_loop),
        native("Runner", aio::new_runner),
        native("set_event_loop", aio::set_event_loop),
        native("iscoroutinefunction", |_, args| {
            let function = &args.expect("iscoroutinefunction", 1, 1)?[0];
            done(Value::Bool(is_async_function(function)))
        }),
        native("isfuture", |_, args| {
            let value = &args.expect("isfuture", 1, 1)?[0];
            done(Value::Bool(aio::is_future(value)))
        }),
        native("iscoroutine", |_, args| {
            let value = &args.expect("iscoroutine", 1, 1)?[0];
            done(Value::Bool(matches!(
                value,
                Value::Coroutine(_) | Value::Awaitable(_)
            )))
        }),
        native("Future", aio::new_future),
        native("Queue", |_, args| aio::new_queue(args, Order::Fifo)),
        native("LifoQueue", |_, args| aio::new_queue(args, Order::Lifo)),
        native("PriorityQueue", |_, args| {
            aio::new_queue(args, Order::Priority)
        }),
        native("Lock", aio::new_lock),
        native("Event", aio::new_event),
        native("Semaphore", aio::new_semaphore),
        native("BoundedSemaphore", aio::new_bounded_semaphore),
        native("Condition", aio::new_condition),
        native("TaskGroup", aio::new_task_group),
        native("Barrier", aio::new_barrier),
    ],
    exceptions: &[
        ExceptionKind::CancelledError,
        ExceptionKind::InvalidStateError,
        ExceptionKind::TimeoutError,
        ExceptionKind::AsyncQueueEmpty,
        ExceptionKind::AsyncQueueFull,
        ExceptionKind::AsyncBrokenBarrierError,
    ],
    constants: &[
        ("FIRST_COMPLETED", Constant::Str("FIRST_COMPLETED")),
        ("FIRST_EXCEPTION", Constant::Str("FIRST_EXCEPTION")),
        ("ALL_COMPLETED", Constant::Str("ALL_COMPLETED")),
    ],
    submodules: &[],
};

/// Whether calling `function` makes a coroutine: an `async def`, or a method of one.
fn is_async_function(function: &Value) -> bool {
    match function {
        Value::Function(function) => function.code.is_async,
        Value::BoundMethod(bound) => is_async_function(&bound.1),
        _ => false,
    }
}
