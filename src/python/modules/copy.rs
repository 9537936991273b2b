//! `copy`: `copy` (a new container with the same items) and `deepcopy` (copies all the way
//! down, each shared or cyclic part copied once, as CPython's memo does).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, ModuleDef};
use super::super::types::set;
use super::super::types::set_table::SetTable;
use super::super::value::Value;
use crate::event::lock;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub static MODULE: ModuleDef = ModuleDef {
    name: "copy",
    functions: &[
        native("copy", |_, args| {
            let value = &args.expect("copy", 1, 1)?[0];
            done(copy(value, &mut |item| Ok(item.clone()))?)
        }),
        native("deepcopy", |_, args| {
            let value = &args.expect("deepcopy", 1, 1)?[0];
            done(deep_copy(value, &mut HashMap::new())?)
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// A copy of `value` with `item` applied to what it holds; immutable values are themselves.
fn copy(value: &Value, item: &mut dyn FnMut(&Value) -> PyResult<Value>) -> PyResult<Value> {
    Ok(match value {
        Value::List(items) => {
            let items = lock(items).clone();
            Value::list(items.iter().map(&mut *item).collect::<PyResult<_>>()?)
        }
        Value::Tuple(items) => Value::Tuple(items.iter().map(&mut *item).collect::<PyResult<_>>()?),
        Value::Dict(pairs) => {
            let pairs = lock(pairs).clone();
            let copied = pairs
                .iter()
                .map(|(key, value)| Ok((item(key)?, item(value)?)))
                .collect::<PyResult<_>>()?;
            Value::Dict(Arc::new(Mutex::new(copied)))
        }
        Value::Set(set) => {
            let items = lock(&set.table).items();
            let mut table = SetTable::default();
            for each in &items {
                table.add(item(each)?)?;
            }
            set::made(set.frozen, table)
        }
        Value::Instance(instance) => match instance.copied() {
            Some(copied) => Value::Instance(Arc::new(copied)),
            None => return cannot_copy(value),
        },
        Value::Object(_) => return cannot_copy(value),
        other => other.clone(),
    })
}

/// `deepcopy`: `copied` maps each container already copied (by address) to its copy, so a
/// part shared twice stays shared in the copy, and a cycle ends.
fn deep_copy(value: &Value, copied: &mut HashMap<usize, Value>) -> PyResult<Value> {
    let Some(address) = value.address().filter(|_| is_container(value)) else {
        return copy(value, &mut |item| Ok(item.clone()));
    };
    if let Some(done) = copied.get(&address) {
        return Ok(done.clone());
    }
    // A list, dict or instance is registered before what it holds is copied, so a part that
    // leads back to it finds the copy; what it holds is filled in after.
    let result = match value {
        Value::List(items) => {
            let copy = Value::list(Vec::new());
            copied.insert(address, copy.clone());
            let items = lock(items).clone();
            let items: Vec<Value> = items
                .iter()
                .map(|item| deep_copy(item, copied))
                .collect::<PyResult<_>>()?;
            if let Value::List(target) = &copy {
                *lock(target) = items;
            }
            copy
        }
        Value::Dict(pairs) => {
            let copy = Value::Dict(Arc::new(Mutex::new(Vec::new())));
            copied.insert(address, copy.clone());
            let pairs = lock(pairs).clone();
            let pairs: Vec<(Value, Value)> = pairs
                .iter()
                .map(|(key, value)| Ok((deep_copy(key, copied)?, deep_copy(value, copied)?)))
                .collect::<PyResult<_>>()?;
            if let Value::Dict(target) = &copy {
                *lock(target) = pairs;
            }
            copy
        }
        Value::Instance(instance) => {
            let Some(shell) = instance.copied() else {
                return cannot_copy(value);
            };
            let shell = Arc::new(shell);
            copied.insert(address, Value::Instance(Arc::clone(&shell)));
            shell.replace_attributes(|item| deep_copy(item, copied))?;
            Value::Instance(shell)
        }
        _ => copy(value, &mut |item| deep_copy(item, copied))?,
    };
    copied.insert(address, result.clone());
    Ok(result)
}

fn is_container(value: &Value) -> bool {
    matches!(
        value,
        Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) | Value::Instance(_)
    )
}

fn cannot_copy<T>(value: &Value) -> PyResult<T> {
    raise(
        TypeError,
        format!(
            "threadplay copies lists, tuples, dicts, sets and instances of the program's classes, not a {} object",
            value.type_name()
        ),
    )
}
