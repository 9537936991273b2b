//! `set` and `frozenset`: their methods and operators. The items live in a table laid out as
//! CPython's (see `set_table.rs`), so they iterate in CPython's order.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::ir::{BinOp, CmpOp};
use super::super::registry::{done, native, no_attributes, Args, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::set_table::SetTable;
use crate::event::lock;
use std::sync::{Arc, Mutex};

#[derive(Debug)]
pub struct PySet {
    pub frozen: bool,
    pub table: Mutex<SetTable>,
}

pub static TYPE: TypeDef = TypeDef {
    name: "set",
    methods: &[
        native("add", |_, args| {
            let item = args.expect("add", 1, 1)?[0].clone();
            lock(&mutable(&args, "add")?.table).add(item)?;
            done(Value::None)
        }),
        native("remove", |_, args| {
            let item = &args.expect("remove", 1, 1)?[0];
            if !lock(&mutable(&args, "remove")?.table).discard(item)? {
                return Err(Exception::key_error(item));
            }
            done(Value::None)
        }),
        native("discard", |_, args| {
            let item = &args.expect("discard", 1, 1)?[0];
            lock(&mutable(&args, "discard")?.table).discard(item)?;
            done(Value::None)
        }),
        native("pop", |_, args| {
            args.expect("pop", 0, 0)?;
            match lock(&mutable(&args, "pop")?.table).pop() {
                Some(item) => done(item),
                None => raise(KeyError, "'pop from an empty set'"),
            }
        }),
        native("clear", |_, args| {
            args.expect("clear", 0, 0)?;
            lock(&mutable(&args, "clear")?.table).clear();
            done(Value::None)
        }),
        native("copy", |_, args| {
            args.expect("copy", 0, 0)?;
            let this = this(&args)?;
            let copy = lock(&this.table).copy();
            done(made(this.frozen, copy))
        }),
        native("difference_update", |_, args| {
            update_all(&args, "difference_update", BinOp::Sub)
        }),
        native("intersection_update", |_, args| {
            update_all(&args, "intersection_update", BinOp::BitAnd)
        }),
        native("symmetric_difference_update", |_, args| {
            update_all(&args, "symmetric_difference_update", BinOp::BitXor)
        }),
        native("update", |_, args| {
            let this = mutable(&args, "update")?;
            let mut table = lock(&this.table).clone();
            for other in &args.positional {
                add_all(&mut table, other)?;
            }
            *lock(&this.table) = table;
            done(Value::None)
        }),
        native("union", |_, args| combine_all(&args, BinOp::BitOr)),
        native("intersection", |_, args| combine_all(&args, BinOp::BitAnd)),
        native("difference", |_, args| combine_all(&args, BinOp::Sub)),
        native("symmetric_difference", |_, args| {
            combine_all(&args, BinOp::BitXor)
        }),
        native("issubset", |_, args| {
            relation(&args, "issubset", CmpOp::LtE)
        }),
        native("issuperset", |_, args| {
            relation(&args, "issuperset", CmpOp::GtE)
        }),
        native("isdisjoint", |_, args| {
            let other = table_of(&args.expect("isdisjoint", 1, 1)?[0])?;
            let this = lock(&this(&args)?.table).clone();
            for item in other.items() {
                if this.contains(&item)? {
                    return done(Value::Bool(false));
                }
            }
            done(Value::Bool(true))
        }),
    ],
    attribute: no_attributes,
};

/// A set display's set: `{a, b, c}`.
pub fn built(items: Vec<Value>) -> PyResult<Value> {
    let mut table = SetTable::default();
    for item in items {
        table.add(item)?;
    }
    Ok(made(false, table))
}

pub fn made(frozen: bool, table: SetTable) -> Value {
    Value::Set(Arc::new(PySet {
        frozen,
        table: Mutex::new(table),
    }))
}

/// `set(iterable)` or `frozenset(iterable)`.
pub fn new(args: &Args, frozen: bool) -> PyResult<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    let mut table = SetTable::default();
    if let Some(iterable) = args.expect(name, 0, 1)?.first() {
        match iterable {
            Value::Set(other) => table.merge(&lock(&other.table)),
            other => {
                for item in other.items()? {
                    table.add(item)?;
                }
            }
        }
    }
    Ok(made(frozen, table))
}

fn this(args: &Args) -> PyResult<&Arc<PySet>> {
    match &args.receiver {
        Value::Set(set) => Ok(set),
        _ => raise(TypeError, "descriptor needs a 'set' object"),
    }
}

fn mutable<'a>(args: &'a Args, method: &str) -> PyResult<&'a Arc<PySet>> {
    let set = this(args)?;
    if set.frozen {
        return raise(
            AttributeError,
            format!("'frozenset' object has no attribute '{method}'"),
        );
    }
    Ok(set)
}

/// The items of `value` as a table: a set's own, or any iterable's.
fn table_of(value: &Value) -> PyResult<SetTable> {
    if let Value::Set(set) = value {
        return Ok(lock(&set.table).clone());
    }
    let mut table = SetTable::default();
    for item in value.items()? {
        table.add(item)?;
    }
    Ok(table)
}

/// Adds the items of `other`: a set's merged, any other iterable's one by one (as CPython's
/// `set_update_internal`, which decides the order).
fn add_all(table: &mut SetTable, other: &Value) -> PyResult<()> {
    match other {
        Value::Set(set) => {
            let other = lock(&set.table).clone();
            table.merge(&other);
        }
        other => {
            for item in other.items()? {
                table.add(item)?;
            }
        }
    }
    Ok(())
}

/// `a.union(b, c)` and the like: the operator applied to each argument in turn.
fn combine_all(args: &Args, op: BinOp) -> PyResult<Invoked> {
    let this = this(args)?;
    let mut result = lock(&this.table).copy();
    for other in &args.positional {
        if op == BinOp::BitOr {
            add_all(&mut result, other)?;
        } else {
            result = combine(&result, &table_of(other)?, op)?;
        }
    }
    done(made(this.frozen, result))
}

fn update_all(args: &Args, name: &str, op: BinOp) -> PyResult<Invoked> {
    let this = mutable(args, name)?;
    for other in &args.positional {
        let other = table_of(other)?;
        update(&mut lock(&this.table), &other, op)?;
    }
    done(Value::None)
}

fn relation(args: &Args, name: &str, op: CmpOp) -> PyResult<Invoked> {
    let other = table_of(&args.expect(name, 1, 1)?[0])?;
    let this = lock(&this(args)?.table).clone();
    done(Value::Bool(compare(&this, &other, op)?))
}

/// `a | b`, `a & b`, `a - b`, `a ^ b`, built as CPython builds each (which decides their
/// order).
pub fn combine(a: &SetTable, b: &SetTable, op: BinOp) -> PyResult<SetTable> {
    Ok(match op {
        BinOp::BitOr => {
            let mut result = a.copy();
            result.merge(b);
            result
        }
        BinOp::BitAnd => {
            // CPython goes over the smaller one.
            let (small, large) = if b.len() > a.len() { (a, b) } else { (b, a) };
            let mut result = SetTable::default();
            for item in small.items() {
                if large.contains(&item)? {
                    result.add(item)?;
                }
            }
            result
        }
        // Much bigger than what it loses: copied, then each of the other's items removed.
        BinOp::Sub if a.len() >> 2 > b.len() => {
            let mut result = a.copy();
            result.remove_all(b)?;
            result
        }
        BinOp::Sub => {
            let mut result = SetTable::default();
            for item in a.items() {
                if !b.contains(&item)? {
                    result.add(item)?;
                }
            }
            result
        }
        _ => {
            let mut result = b.copy();
            result.toggle_all(a)?;
            result
        }
    })
}

/// `a |= b`, `a &= b`, `a -= b`, `a ^= b`: `a` changed in place, as CPython changes it.
pub fn update(a: &mut SetTable, b: &SetTable, op: BinOp) -> PyResult<()> {
    match op {
        BinOp::BitOr => a.merge(b),
        BinOp::Sub => a.remove_all(b)?,
        BinOp::BitXor => a.toggle_all(b)?,
        _ => *a = combine(a, b, op)?,
    }
    Ok(())
}

/// `==`, `<=`, `<`, `>=`, `>` between sets: equality and the subset relations.
pub fn compare(a: &SetTable, b: &SetTable, op: CmpOp) -> PyResult<bool> {
    let subset = |small: &SetTable, large: &SetTable| -> PyResult<bool> {
        for item in small.items() {
            if !large.contains(&item)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Ok(match op {
        CmpOp::Eq => a.len() == b.len() && subset(a, b)?,
        CmpOp::NotEq => !(a.len() == b.len() && subset(a, b)?),
        CmpOp::LtE => subset(a, b)?,
        CmpOp::Lt => a.len() < b.len() && subset(a, b)?,
        CmpOp::GtE => subset(b, a)?,
        CmpOp::Gt => a.len() > b.len() && subset(b, a)?,
        _ => false,
    })
}

/// `repr` of a set: `{1, 2}`, `set()`, `frozenset({1})`.
pub fn repr(set: &PySet, items: &str) -> String {
    match (set.frozen, items.is_empty()) {
        (false, true) => "set()".into(),
        (false, false) => format!("{{{items}}}"),
        (true, true) => "frozenset()".into(),
        (true, false) => format!("frozenset({{{items}}})"),
    }
}

/// A set operator between two sets; `None` if either operand is not a set.
pub fn binary(op: BinOp, left: &Value, right: &Value) -> Option<PyResult<Value>> {
    let (Value::Set(a), Value::Set(b)) = (left, right) else {
        return None;
    };
    if !matches!(
        op,
        BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
    ) {
        return None;
    }
    let a_table = lock(&a.table).clone();
    let b_table = lock(&b.table).clone();
    Some(combine(&a_table, &b_table, op).map(|table| made(a.frozen, table)))
}

/// `set` and `frozenset` as a program calls them.
pub fn set_constructor(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    done(new(&args, false)?)
}

pub fn frozenset_constructor(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    done(new(&args, true)?)
}
