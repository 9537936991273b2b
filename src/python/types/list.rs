//! `list`'s methods.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::{sort_keywords, sort_then};
use super::super::registry::{done, native, no_attributes, Args, TypeDef};
use super::super::value::{as_int, check_len, resolve_index, Int, Value, MAX_SEQUENCE_LEN};
use super::super::vm::search::{self, Wanted};
use super::super::vm::{Invoked, Text, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "list",
    methods: &[
        native("append", append),
        native("extend", extend),
        native("pop", pop),
        native("insert", insert),
        native("index", index),
        native("sort", sort),
        native("remove", remove),
        native("clear", |_, args| {
            args.expect("clear", 0, 0)?;
            lock(this(&args)?).clear();
            done(Value::None)
        }),
        native("copy", |_, args| {
            args.expect("copy", 0, 0)?;
            done(Value::list(lock(this(&args)?).clone()))
        }),
        native("reverse", |_, args| {
            args.expect("reverse", 0, 0)?;
            lock(this(&args)?).reverse();
            done(Value::None)
        }),
        native("count", count),
    ],
    attribute: no_attributes,
};

/// `tuple`'s methods.
pub static TUPLE: TypeDef = TypeDef {
    name: "tuple",
    methods: &[native("count", count), native("index", index)],
    attribute: no_attributes,
};

type Items = Arc<Mutex<Vec<Value>>>;

/// The list a method was called on.
fn this(args: &Args) -> PyResult<&Items> {
    match &args.receiver {
        Value::List(items) => Ok(items),
        other => raise(
            TypeError,
            format!("a list method called on {}", other.type_name()),
        ),
    }
}

fn append(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let item = args.expect("append", 1, 1)?[0].clone();
    let mut items = lock(this(&args)?);
    if items.len() >= MAX_SEQUENCE_LEN {
        return raise(MemoryError, "list too long");
    }
    items.push(item);
    done(Value::None)
}

fn extend(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let more = args.expect("extend", 1, 1)?[0].items()?;
    let mut items = lock(this(&args)?);
    check_len(items.len() + more.len())?;
    items.extend(more);
    done(Value::None)
}

fn pop(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("pop", 0, 1)?;
    let mut items = lock(this(&args)?);
    if items.is_empty() {
        return raise(IndexError, "pop from empty list");
    }
    let at = resolve_index(given.first().unwrap_or(&Value::Int(-1)), items.len(), "pop")?;
    done(items.remove(at))
}

fn insert(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("insert", 2, 2)?;
    let mut items = lock(this(&args)?);
    check_len(items.len() + 1)?;
    let len = items.len() as Int;
    let at = as_int(&given[0]).unwrap_or(len);
    let at = if at < 0 {
        (at + len).max(0)
    } else {
        at.min(len)
    };
    items.insert(at as usize, given[1].clone());
    done(Value::None)
}

/// `index(x[, start[, stop]])` of a list or a tuple, by `==` (a class's `__eq__` too).
fn index(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("index", 1, 3)?;
    let items = args.receiver.items()?;
    let bound = |at: usize, default: usize| match given.get(at).and_then(as_int) {
        Some(i) if i < 0 => (i + items.len() as Int).max(0) as usize,
        Some(i) => (i as usize).min(items.len()),
        None => default,
    };
    let (start, stop) = (bound(1, 0), bound(2, items.len()));
    let wanted = given[0].clone();
    let in_tuple = matches!(args.receiver, Value::Tuple(_));
    let range = items
        .get(start..stop.max(start))
        .unwrap_or_default()
        .to_vec();
    search::positions(
        vm,
        range,
        wanted.clone(),
        Wanted::First,
        move |vm, found| match found.first() {
            Some(at) => done(Value::Int((start + at) as Int)),
            None if in_tuple => raise(ValueError, "tuple.index(x): x not in tuple"),
            None => vm.texts(vec![(wanted, Text::Repr)], |_, texts| {
                raise(ValueError, format!("{} is not in list", texts.concat()))
            }),
        },
    )
}

/// `count(x)` of a list or a tuple, by `==` (a class's `__eq__` too).
fn count(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let wanted = args.expect("count", 1, 1)?[0].clone();
    search::positions(
        vm,
        args.receiver.items()?,
        wanted,
        Wanted::All,
        |_, found| done(Value::Int(found.len() as Int)),
    )
}

/// `list.remove(x)`: the first item equal to `x` (by a class's `__eq__` too) leaves the list.
fn remove(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let wanted = args.expect("remove", 1, 1)?[0].clone();
    let items = Arc::clone(this(&args)?);
    let snapshot = lock(&items).clone();
    search::positions(vm, snapshot, wanted, Wanted::First, move |_, found| {
        let mut items = lock(&items);
        match found.first() {
            Some(&at) if at < items.len() => {
                items.remove(at);
                done(Value::None)
            }
            _ => raise(ValueError, "list.remove(x): x not in list"),
        }
    })
}

/// `list.sort(key=None, reverse=False)`: sorts a copy, then puts it in place.
fn sort(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (key, reverse) = sort_keywords(&mut args);
    args.expect("sort", 0, 0)?;
    let items = Arc::clone(this(&args)?);
    let snapshot = lock(&items).clone();
    sort_then(vm, snapshot, key, reverse, move |_, sorted| {
        *lock(&items) = sorted;
        done(Value::None)
    })
}
