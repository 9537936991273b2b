//! `multiprocessing`: a process is a thread with its own copy of memory and its own GIL. Its
//! queues, pipes, locks and shared numbers are one object for all processes.

use super::super::error::{raise, ExceptionKind::*};
use super::super::registry::{done, native, ModuleDef};
use super::super::types::executor::Kind;
use super::super::types::{
    barrier, condition, connection, managed, pool, process_sync, queue, shareable_list,
    shared_ctypes, shared_memory, start_method, thread,
};
use super::super::value::Value;
use std::sync::Arc;

/// The synchronisation primitives, which `multiprocessing.synchronize` defines too (a program
/// names their types from it in hints: `done: synchronize.Event`), then `$extra` natives.
macro_rules! with_sync_primitives {
    ($($extra:expr),* $(,)?) => {
        &[
            native("Lock", process_sync::new_lock),
            native("RLock", process_sync::new_rlock),
            native("Event", process_sync::new_event),
            native("Semaphore", |vm, args| process_sync::new_semaphore(vm, args, false)),
            native("BoundedSemaphore", |vm, args| {
                process_sync::new_semaphore(vm, args, true)
            }),
            // `threading`'s, which a child process shares rather than copies.
            native("Barrier", barrier::new),
            native("Condition", condition::new),
            $($extra),*
        ]
    };
}

pub static MODULE: ModuleDef = ModuleDef {
    name: "multiprocessing",
    functions: with_sync_primitives!(
        native("Process", |vm, args| thread::new(vm, args, true)),
        native("Pool", |vm, args| pool::new(vm, args, Kind::Pool)),
        native("cpu_count", super::os::cpu_count),
        native("Queue", |_, args| queue::for_processes(args, false)),
        native("JoinableQueue", |_, args| queue::for_processes(args, true)),
        native("Pipe", connection::pipe),
        native("SimpleQueue", |_, args| {
            args.expect("SimpleQueue", 0, 0)?;
            queue::for_processes(args, false)
        }),
        native("Manager", managed::new),
        native("Value", shared_ctypes::new_value),
        native("Array", shared_ctypes::new_array),
        native("RawValue", shared_ctypes::new_raw_value),
        native("RawArray", shared_ctypes::new_raw_array),
        native("current_process", |vm, args| {
            args.expect("current_process", 0, 0)?;
            done(Value::Object(Arc::clone(&vm.thread.process.handle) as _))
        }),
        native("parent_process", |vm, args| {
            args.expect("parent_process", 0, 0)?;
            let parent = vm.thread.process.handle.parent().cloned();
            done(parent.map_or(Value::None, |parent| Value::Object(Arc::new(parent))))
        }),
        native("active_children", |vm, args| {
            args.expect("active_children", 0, 0)?;
            let children = vm
                .run
                .alive_threads()
                .into_iter()
                .filter(|thread| thread.is_process() && !thread.is_main())
                .map(|thread| Value::Object(thread as _))
                .collect();
            done(Value::list(children))
        }),
        native("set_start_method", start_method::set_start_method),
        native("get_start_method", start_method::get_start_method),
        native("get_all_start_methods", start_method::get_all_start_methods),
        native("get_context", start_method::get_context),
        native("freeze_support", |_, args| {
            args.expect("freeze_support", 0, 0)?;
            done(Value::None)
        }),
    ),
    exceptions: &[ProcessError, ProcessTimeoutError],
    constants: &[],
    submodules: &[
        &CONNECTION,
        &MANAGERS,
        &POOL,
        &SHARED_MEMORY,
        &SHAREDCTYPES,
        &SYNCHRONIZE,
    ],
};

/// `multiprocessing.connection`: `wait` for several pipes' ends at once, and `Pipe`.
pub static CONNECTION: ModuleDef = ModuleDef {
    name: "multiprocessing.connection",
    functions: &[
        native("wait", connection::wait),
        native("Pipe", connection::pipe),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `multiprocessing.managers`: the classes a program derives its own managers and proxies
/// from (see `types/registered.rs`).
pub static MANAGERS: ModuleDef = ModuleDef {
    name: "multiprocessing.managers",
    functions: &[
        native("BaseManager", |_, _| {
            raise(
                NotImplementedError,
                "threadplay's BaseManager is a base class: derive a manager from it and register the program's types on that (a manager served to another program is not in the subset)",
            )
        }),
        native("SyncManager", managed::new_sync_manager),
        native("BaseProxy", |_, _| {
            raise(
                TypeError,
                "BaseProxy is a base class for a registered proxytype: a manager makes its proxies",
            )
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `multiprocessing.shared_memory`: blocks of bytes, and lists in them, that processes reach
/// by name.
pub static SHARED_MEMORY: ModuleDef = ModuleDef {
    name: "multiprocessing.shared_memory",
    functions: &[
        native("SharedMemory", shared_memory::new),
        native("ShareableList", shareable_list::new),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `multiprocessing.sharedctypes`: the module's shared numbers, and their raw kind, without a
/// lock.
pub static SHAREDCTYPES: ModuleDef = ModuleDef {
    name: "multiprocessing.sharedctypes",
    functions: &[
        native("Value", shared_ctypes::new_value),
        native("Array", shared_ctypes::new_array),
        native("RawValue", shared_ctypes::new_raw_value),
        native("RawArray", shared_ctypes::new_raw_array),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `multiprocessing.synchronize`: the same primitives as the module's.
pub static SYNCHRONIZE: ModuleDef = ModuleDef {
    name: "multiprocessing.synchronize",
    functions: with_sync_primitives!(),
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `multiprocessing.pool`: the pools, of processes or of threads.
pub static POOL: ModuleDef = ModuleDef {
    name: "multiprocessing.pool",
    functions: &[
        native("Pool", |vm, args| pool::new(vm, args, Kind::Pool)),
        native("ThreadPool", |vm, args| {
            pool::new(vm, args, Kind::ThreadPool)
        }),
    ],
    exceptions: &[ProcessTimeoutError],
    constants: &[],
    submodules: &[],
};
