//! The modules a program may import, one file each with its table of functions.

pub mod abc;
pub mod argparse;
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
pub mod functools;
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
    &os::MODULE,
    &os_path::MODULE,
    &functools::MODULE,
    &heapq::MODULE,
    &sys::MODULE,
    &dataclasses::MODULE,
    &datetime::MODULE,
    &collections::MODULE,
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
];

/// A module the subset provides, by the name `import` uses.
pub fn module(name: &str) -> Option<&'static ModuleDef> {
    ALL.iter().copied().find(|module| module.name == name)
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
