//! `heapq`: a list kept as CPython's binary heap (see `heap.rs`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::heap;
use super::super::items::{key_keyword, sort_then};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::value::{as_int, Value};
use super::super::vm::{asked, Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static MODULE: ModuleDef = ModuleDef {
    name: "heapq",
    functions: &[
        native("heappush", |vm, args| {
            let given = args.expect("heappush", 2, 2)?;
            let item = given[1].clone();
            on_heap(vm, "heappush", &given[0], move |heap| {
                heap::push(heap, item.clone()).map(|()| Value::None)
            })
        }),
        native("heappop", |vm, args| {
            let given = args.expect("heappop", 1, 1)?;
            on_heap(vm, "heappop", &given[0], |heap| smallest(heap::pop(heap)?))
        }),
        native("heapify", |vm, args| {
            let given = args.expect("heapify", 1, 1)?;
            on_heap(vm, "heapify", &given[0], |heap| {
                heap::heapify(heap).map(|()| Value::None)
            })
        }),
        native("heappushpop", |vm, args| {
            let given = args.expect("heappushpop", 2, 2)?;
            let item = given[1].clone();
            on_heap(vm, "heappushpop", &given[0], move |heap| {
                let mut changed = heap.clone();
                heap::push(&mut changed, item.clone())?;
                let popped = heap::pop(&mut changed)?;
                *heap = changed;
                smallest(popped)
            })
        }),
        native("heapreplace", |vm, args| {
            let given = args.expect("heapreplace", 2, 2)?;
            let item = given[1].clone();
            on_heap(vm, "heapreplace", &given[0], move |heap| {
                let mut changed = heap.clone();
                let popped = heap::pop(&mut changed)?;
                heap::push(&mut changed, item.clone())?;
                *heap = changed;
                smallest(popped)
            })
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

/// Runs `change` on the list's items as a heap, then puts them back; again, with an answer
/// more, each time it stops to ask a class's `__lt__` (see `vm/asked.rs`).
fn on_heap(
    vm: &mut Vm,
    name: &str,
    list: &Value,
    change: impl Fn(&mut Vec<Value>) -> PyResult<Value> + Send + 'static,
) -> PyResult<Invoked> {
    let Value::List(items) = list else {
        return raise(
            TypeError,
            format!("{name}() argument 1 must be list, not {}", list.type_name()),
        );
    };
    let items = Arc::clone(items);
    let operation = move |_: &mut Vm| {
        let mut heap = std::mem::take(&mut *lock(&items));
        let changed = change(&mut heap);
        *lock(&items) = heap;
        changed
    };
    asked::rerun(vm, operation, |_, value| done(value))
}

/// A popped item, or the error of a pop from an empty heap.
fn smallest(popped: Option<Value>) -> PyResult<Value> {
    popped.map_or_else(|| raise(IndexError, "index out of range"), Ok)
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
