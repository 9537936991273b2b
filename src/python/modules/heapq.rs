//! `heapq`: a list kept as CPython's binary heap (see `heap.rs`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::heap;
use super::super::items::{key_keyword, sort_then};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::value::{as_int, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static MODULE: ModuleDef = ModuleDef {
    name: "heapq",
    functions: &[
        native("heappush", |_, args| {
            let given = args.expect("heappush", 2, 2)?;
            with_heap("heappush", &given[0], |heap| {
                heap::push(heap, given[1].clone())
            })?;
            done(Value::None)
        }),
        native("heappop", |_, args| {
            let given = args.expect("heappop", 1, 1)?;
            match with_heap("heappop", &given[0], heap::pop)? {
                Some(item) => done(item),
                None => raise(IndexError, "index out of range"),
            }
        }),
        native("heapify", |_, args| {
            let given = args.expect("heapify", 1, 1)?;
            with_heap("heapify", &given[0], |heap| heap::heapify(heap))?;
            done(Value::None)
        }),
        native("heappushpop", |_, args| {
            let given = args.expect("heappushpop", 2, 2)?;
            let item = given[1].clone();
            done(with_heap("heappushpop", &given[0], |heap| {
                heap::push(heap, item)?;
                Ok(heap::pop(heap)?.unwrap_or_default())
            })?)
        }),
        native("heapreplace", |_, args| {
            let given = args.expect("heapreplace", 2, 2)?;
            let item = given[1].clone();
            let popped = with_heap("heapreplace", &given[0], |heap| {
                let popped = heap::pop(heap)?;
                heap::push(heap, item)?;
                Ok(popped)
            })?;
            match popped {
                Some(item) => done(item),
                None => raise(IndexError, "index out of range"),
            }
        }),
        native("nlargest", |vm, args| extremes(vm, args, "nlargest", true)),
        native("nsmallest", |vm, args| {
            extremes(vm, args, "nsmallest", false)
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// Runs `change` on the list's items as a heap, then puts them back.
fn with_heap<T>(
    name: &str,
    list: &Value,
    change: impl FnOnce(&mut Vec<Value>) -> PyResult<T>,
) -> PyResult<T> {
    let Value::List(items) = list else {
        return raise(
            TypeError,
            format!("{name}() argument 1 must be list, not {}", list.type_name()),
        );
    };
    let mut heap = std::mem::take(&mut *lock(items));
    let changed = change(&mut heap);
    *lock(items) = heap;
    changed
}

/// `nlargest(n, iterable, key=None)` and `nsmallest`: as `sorted(…)[:n]`, which CPython
/// documents them to equal.
fn extremes(vm: &mut Vm, mut args: Args, name: &str, largest: bool) -> PyResult<Invoked> {
    let key = key_keyword(&mut args);
    let given = args.expect(name, 2, 2)?;
    let n = as_int(&given[0]).unwrap_or(0).max(0) as usize;
    let items = given[1].items()?;
    sort_then(vm, items, key, largest, move |_, mut sorted| {
        sorted.truncate(n);
        done(Value::List(Arc::new(Mutex::new(sorted))))
    })
}
