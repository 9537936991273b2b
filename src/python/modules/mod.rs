//! The modules a program may import, one file each with its table of functions.

pub mod abc;
pub mod argparse;
mod array;
pub mod asyncio;
pub mod atexit;
pub mod builtins;
pub mod collections;
pub mod concurrent;
pub mod contextlib;
pub mod contextvars;
pub mod copy;
pub mod dataclasses;
pub mod datetime;
pub mod enumeration;
mod event_scheduler;
pub mod functools;
mod future;
pub mod gc;
pub mod hashlib;
pub mod heapq;
pub mod io;
pub mod itertools;
pub mod json;
pub mod logging;
pub mod math;
pub mod multiprocessing;
pub mod operator;
pub mod os;
mod os_path;
pub mod pathlib;
pub mod pprint;
pub mod queue;
pub mod random;
pub mod re;
pub mod statistics;
pub mod string;
pub mod sys;
pub mod tempfile;
mod thread_module;
pub mod threading;
pub mod time;
pub mod timeit;
mod total_ordering;
pub mod traceback;
pub mod types;
pub mod typing;

use super::registry::ModuleDef;
use super::value::Value;

pub static ALL: &[&ModuleDef] = &[
    &builtins::MODULE,
    &time::MODULE,
    &threading::MODULE,
    &asyncio::MODULE,
    &concurrent::FUTURES,
    &concurrent::MODULE,
    &multiprocessing::MODULE,
    &multiprocessing::CONNECTION,
    &multiprocessing::MANAGERS,
    &multiprocessing::POOL,
    &multiprocessing::SHARED_MEMORY,
    &multiprocessing::SHAREDCTYPES,
    &multiprocessing::SYNCHRONIZE,
    &math::MODULE,
    &random::MODULE,
    &queue::MODULE,
    &logging::MODULE,
    &logging::HANDLERS,
    &os::MODULE,
    &os_path::MODULE,
    &functools::MODULE,
    &heapq::MODULE,
    &sys::MODULE,
    &dataclasses::MODULE,
    &datetime::MODULE,
    &collections::MODULE,
    &collections::ABC,
    &itertools::MODULE,
    &typing::MODULE,
    &string::MODULE,
    &copy::MODULE,
    &contextlib::MODULE,
    &contextvars::MODULE,
    &json::MODULE,
    &enumeration::MODULE,
    &traceback::MODULE,
    &io::MODULE,
    &abc::MODULE,
    &timeit::MODULE,
    &operator::MODULE,
    &pathlib::MODULE,
    &hashlib::MODULE,
    &types::MODULE,
    &re::MODULE,
    &argparse::MODULE,
    &pprint::MODULE,
    &statistics::MODULE,
    &atexit::MODULE,
    &gc::MODULE,
    &tempfile::MODULE,
    &future::MODULE,
    &thread_module::MODULE,
    &array::MODULE,
    &event_scheduler::MODULE,
];

/// Submodules a program imports names from that are its package's own names in the subset
/// (`from asyncio.queues import PriorityQueue`, as a book's listing writes it).
static ALIASES: &[(&str, &ModuleDef)] = &[
    ("asyncio.events", &asyncio::MODULE),
    ("asyncio.exceptions", &asyncio::MODULE),
    ("asyncio.futures", &asyncio::MODULE),
    ("asyncio.locks", &asyncio::MODULE),
    ("asyncio.queues", &asyncio::MODULE),
    ("asyncio.runners", &asyncio::MODULE),
    ("asyncio.taskgroups", &asyncio::MODULE),
    ("asyncio.tasks", &asyncio::MODULE),
    ("asyncio.timeouts", &asyncio::MODULE),
    ("concurrent.futures.process", &concurrent::FUTURES),
    ("concurrent.futures.thread", &concurrent::FUTURES),
    ("multiprocessing.context", &multiprocessing::MODULE),
    ("multiprocessing.process", &multiprocessing::MODULE),
    ("multiprocessing.queues", &multiprocessing::MODULE),
];

/// A module the subset provides, by the name `import` uses.
pub fn module(name: &str) -> Option<&'static ModuleDef> {
    let alias = || ALIASES.iter().find(|(alias, _)| *alias == name);
    ALL.iter()
        .copied()
        .find(|module| module.name == name)
        .or_else(|| alias().map(|(_, module)| *module))
}

/// The names of the modules a program may import, for error messages.
pub fn module_names() -> String {
    let names: Vec<&str> = ALL
        .iter()
        .filter(|module| module.name != "builtins")
        .map(|module| module.name)
        .collect();
    names.join(", ")
}

/// A name every program sees without importing it (`print`, `range`, …).
pub fn builtin(name: &str) -> Option<Value> {
    builtins::MODULE.member(name)
}
