//! `list`'s methods.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::{sort_keywords, sort_then};
use super::super::registry::{done, native, no_attributes, Args, TypeDef};
use super::super::value::{as_int, check_len, equals, resolve_index, Int, Value, MAX_SEQUENCE_LEN};
use super::super::vm::{Invoked, Vm};
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
        native("remove", |_, args| {
            let wanted = &args.expect("remove", 1, 1)?[0];
            let mut items = lock(this(&args)?);
            match items.iter().position(|item| equals(item, wanted)) {
                Some(at) => {
                    items.remove(at);
                    done(Value::None)
                }
                None => raise(ValueError, "list.remove(x): x not in list"),
            }
        }),
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
        native("count", |_, args| {
            let wanted = &args.expect("count", 1, 1)?[0];
            let items = lock(this(&args)?).clone();
            done(Value::Int(count(&items, wanted)))
        }),
    ],
    attribute: no_attributes,
};

/// `tuple`'s methods.
pub static TUPLE: TypeDef = TypeDef {
    name: "tuple",
    methods: &[
        native("count", |_, args| {
            let wanted = &args.expect("count", 1, 1)?[0];
            done(Value::Int(count(&args.receiver.items()?, wanted)))
        }),
        native("index", |_, args| {
            let wanted = &args.expect("index", 1, 1)?[0];
            match args
                .receiver
                .items()?
                .iter()
                .position(|item| equals(item, wanted))
            {
                Some(at) => done(Value::Int(at as Int)),
                None => raise(ValueError, "tuple.index(x): x not in tuple"),
            }
        }),
    ],
    attribute: no_attributes,
};

fn count(items: &[Value], wanted: &Value) -> Int {
    items.iter().filter(|item| equals(item, wanted)).count() as Int
}

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

fn index(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let wanted = &args.expect("index", 1, 1)?[0];
    let position = lock(this(&args)?)
        .iter()
        .position(|item| equals(item, wanted));
    match position {
        Some(i) => done(Value::Int(i as Int)),
        None => raise(ValueError, format!("{} is not in list", wanted.repr())),
    }
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
