//! Indexing and sorting as Python does them for the subset's sequences and dicts.

use super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::hash::check_hashable;
use super::ordering::{self, Keyed};
use super::registry::Args;
use super::types::enumeration;
use super::value::{as_int, check_len, equals, order, range_len, resolve_index, Int, Value};
use super::vm::{Invoked, Then, Vm};
use crate::event::lock;
use std::sync::Mutex;

/// Sorts by what `key` picks of each item, stably, `reverse` too (equal keys keep their
/// order, as Python's `reverse=True` does).
pub fn sort_by_key<T>(items: &mut [T], key: fn(&T) -> &Value, reverse: bool) -> PyResult<()> {
    let mut failure = None;
    items.sort_by(|a, b| {
        let (a, b) = if reverse { (b, a) } else { (a, b) };
        order(key(a), key(b)).unwrap_or_else(|error| {
            failure.get_or_insert(error);
            std::cmp::Ordering::Equal
        })
    });
    failure.map_or(Ok(()), Err)
}

/// `key=`, as `sorted`, `list.sort`, `min` and `max` take it (`None`: no key).
pub fn key_keyword(args: &mut Args) -> Option<Value> {
    args.keyword("key")
        .filter(|key| !matches!(key, Value::None))
}

/// `key=` and `reverse=`, as `sorted` and `list.sort` take them.
pub fn sort_keywords(args: &mut Args) -> (Option<Value>, bool) {
    let key = key_keyword(args);
    let reverse = args
        .keyword("reverse")
        .is_some_and(|value| value.is_truthy());
    (key, reverse)
}

/// Sorts `items` (by `key`, which may be Python code), then gives them to `finish`.
pub fn sort_then(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
    finish: impl FnOnce(&mut Vm, Vec<Value>) -> PyResult<Invoked> + Send + 'static,
) -> PyResult<Invoked> {
    let sort_keyed = move |vm: &mut Vm, mut keyed: Keyed| {
        let finish = move |vm: &mut Vm, keyed: Keyed| {
            finish(vm, keyed.into_iter().map(|(_, item)| item).collect())
        };
        if ordering::needs_methods(&keyed) {
            return ordering::sort(vm, keyed, reverse, Box::new(finish));
        }
        sort_by_key(&mut keyed, |(key, _)| key, reverse)?;
        finish(vm, keyed)
    };
    match key {
        Some(key) => with_keys(vm, items, key, sort_keyed),
        None => {
            let keyed = items.into_iter().map(|item| (item.clone(), item)).collect();
            sort_keyed(vm, keyed)
        }
    }
}

/// Calls `key` on each item in turn (each call may be Python code, so it runs as a callback),
/// then `finish` with each item's key beside it.
pub fn with_keys(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Value,
    finish: impl FnOnce(&mut Vm, Vec<(Value, Value)>) -> PyResult<Invoked> + Send + 'static,
) -> PyResult<Invoked> {
    next_key(vm, items.into_iter(), key, Vec::new(), Box::new(finish))
}

type Finish = Box<dyn FnOnce(&mut Vm, Vec<(Value, Value)>) -> PyResult<Invoked> + Send>;

fn next_key(
    vm: &mut Vm,
    mut items: std::vec::IntoIter<Value>,
    key: Value,
    mut keyed: Vec<(Value, Value)>,
    finish: Finish,
) -> PyResult<Invoked> {
    let Some(item) = items.next() else {
        return finish(vm, keyed);
    };
    let args = Args::new(vec![item.clone()]);
    let func = key.clone();
    let then = Then::new(move |vm, found| {
        keyed.push((found, item));
        next_key(vm, items, key, keyed, finish)
    });
    Ok(Invoked::CallThen(func, args, then))
}

/// `x[i]` for the subset's sequences, dicts and native containers (slices included).
pub fn get_item(object: &Value, index: &Value) -> PyResult<Value> {
    if let Value::Tuple(parts) = index {
        if let [Value::None | Value::Int(_), ..] = &parts[..] {
            if parts.len() == 3
                && matches!(object, Value::List(_) | Value::Tuple(_) | Value::Str(_))
            {
                return slice(object, parts);
            }
        }
    }
    match object {
        Value::List(items) => {
            let items = lock(items);
            Ok(items[resolve_index(index, items.len(), "list")?].clone())
        }
        Value::Tuple(items) => Ok(items[resolve_index(index, items.len(), "tuple")?].clone()),
        Value::Object(object) => match object.get_item(index) {
            Some(item) => item,
            // An iterator's items would be taken.
            None if object.as_iterator().is_some() => not_subscriptable(object.type_name()),
            // A named tuple of the runtime's (`time.struct_time`): indexed or sliced as a tuple.
            None => match object.items() {
                Some(items) => get_item(&Value::Tuple(items?.into()), index),
                None => not_subscriptable(object.type_name()),
            },
        },
        Value::Str(text) => {
            let chars: Vec<char> = text.chars().collect();
            Ok(Value::str(
                chars[resolve_index(index, chars.len(), "string")?].to_string(),
            ))
        }
        // In 64 bits: a range may be longer than wasm's `usize` counts.
        Value::Range(start, _, step) => {
            let len = Int::from(range_len(object));
            let Some(i) = as_int(index) else {
                return raise(
                    TypeError,
                    format!(
                        "range indices must be integers or slices, not {}",
                        index.type_name()
                    ),
                );
            };
            let i = if i < 0 { i + len } else { i };
            if !(0..len).contains(&i) {
                return raise(IndexError, "range object index out of range");
            }
            Ok(Value::Int(Int::from(*start) + i * Int::from(*step)))
        }
        Value::Class(class) if class.enumeration.is_some() => enumeration::by_name(class, index),
        Value::Dict(pairs) => {
            check_hashable(index)?;
            lock(pairs)
                .iter()
                .find(|(key, _)| equals(key, index))
                .map(|(_, value)| value.clone())
                .map_or_else(|| Err(Exception::key_error(index)), Ok)
        }
        other => not_subscriptable(&other.type_name()),
    }
}

fn not_subscriptable<T>(type_name: &str) -> PyResult<T> {
    raise(
        TypeError,
        format!("'{type_name}' object is not subscriptable"),
    )
}

/// `'deque' object does not support item assignment` (or `deletion`).
fn no_item_support(type_name: &str, what: &str) -> PyResult<()> {
    raise(
        TypeError,
        format!("'{type_name}' object does not support item {what}"),
    )
}

/// `x[a:b:c]`, the slice arriving as a 3-tuple of ints or `None`s.
fn slice(object: &Value, parts: &[Value]) -> PyResult<Value> {
    let items = object.items()?;
    let picked = slice_indices(items.len(), parts)?
        .into_iter()
        .map(|i| items[i].clone())
        .collect::<Vec<_>>();
    Ok(match object {
        Value::Str(_) => Value::str(picked.iter().map(Value::to_str).collect::<String>()),
        Value::Tuple(_) => Value::Tuple(picked.into()),
        _ => Value::list(picked),
    })
}

/// The indices a slice `[start:stop:step]` (`parts`, `None` for each left out) picks from a
/// sequence of `len` items, in order.
pub fn slice_indices(len: usize, parts: &[Value]) -> PyResult<Vec<usize>> {
    let len = len as Int;
    let step = as_int(&parts[2]).unwrap_or(1);
    if step == 0 {
        return raise(ValueError, "slice step cannot be zero");
    }
    let clamp = |value: &Value, default: Int| {
        as_int(value).map_or(default, |i| {
            let i = if i < 0 { i + len } else { i };
            if step > 0 {
                i.clamp(0, len)
            } else {
                i.clamp(-1, len - 1)
            }
        })
    };
    let (start, stop) = if step > 0 {
        (clamp(&parts[0], 0), clamp(&parts[1], len))
    } else {
        (clamp(&parts[0], len - 1), clamp(&parts[1], -1))
    };
    let mut picked = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        picked.push(i as usize);
        i += step;
    }
    Ok(picked)
}

/// `del x[i]` for lists (an index or a slice), dicts and native containers.
pub fn delete_item(object: &Value, index: &Value) -> PyResult<()> {
    match (object, index) {
        (Value::List(items), Value::Tuple(parts)) if parts.len() == 3 => {
            let mut items = lock(items);
            let mut doomed = slice_indices(items.len(), parts)?;
            doomed.sort_unstable();
            for i in doomed.into_iter().rev() {
                items.remove(i);
            }
            Ok(())
        }
        (Value::List(items), index) => {
            let mut items = lock(items);
            let i = resolve_index(index, items.len(), "list assignment")?;
            items.remove(i);
            Ok(())
        }
        (Value::Dict(pairs), key) => {
            let mut pairs = lock(pairs);
            match pairs.iter().position(|(known, _)| equals(known, key)) {
                Some(at) => {
                    pairs.remove(at);
                    Ok(())
                }
                None => Err(Exception::key_error(key)),
            }
        }
        (Value::Object(object), key) => object
            .delete_item(key)
            .unwrap_or_else(|| no_item_support(object.type_name(), "deletion")),
        (other, _) => no_item_support(&other.type_name(), "deletion"),
    }
}

/// `x[i] = value` for lists (an index or a slice), dicts and native containers.
pub fn set_item(object: &Value, index: &Value, value: Value) -> PyResult<()> {
    match (object, index) {
        (Value::List(items), Value::Tuple(parts)) if parts.len() == 3 => {
            set_slice(items, parts, &value)
        }
        (Value::List(items), _) => {
            let mut items = lock(items);
            let i = resolve_index(index, items.len(), "list assignment")?;
            items[i] = value;
            Ok(())
        }
        (Value::Dict(pairs), _) => {
            check_hashable(index)?;
            let mut pairs = lock(pairs);
            match pairs.iter_mut().find(|(key, _)| equals(key, index)) {
                Some((_, slot)) => *slot = value,
                None => {
                    check_len(pairs.len() + 1)?;
                    pairs.push((index.clone(), value));
                }
            }
            Ok(())
        }
        (Value::Object(object), _) => object
            .set_item(index, value)
            .unwrap_or_else(|| no_item_support(object.type_name(), "assignment")),
        (other, _) => no_item_support(&other.type_name(), "assignment"),
    }
}

/// `items[a:b:c] = value`. A plain slice (step 1) is replaced by however many items `value`
/// has; an extended one must be given exactly as many as it picks.
fn set_slice(items: &Mutex<Vec<Value>>, parts: &[Value], value: &Value) -> PyResult<()> {
    let step = as_int(&parts[2]).unwrap_or(1);
    // Taken before the list is locked: `nums[:] = nums` gives the list itself.
    let new = value.items().or_else(|_| {
        let message = match step {
            1 => "can only assign an iterable",
            _ => "must assign iterable to extended slice",
        };
        raise(TypeError, message)
    })?;
    let mut items = lock(items);
    let picked = slice_indices(items.len(), parts)?;
    if step != 1 {
        if new.len() != picked.len() {
            return raise(
                ValueError,
                format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    new.len(),
                    picked.len()
                ),
            );
        }
        for (i, item) in picked.into_iter().zip(new) {
            items[i] = item;
        }
        return Ok(());
    }
    // An empty slice still has a place: `nums[2:2] = [...]` inserts at 2.
    let start = match picked.first() {
        Some(&first) => first,
        None => slice_indices(items.len(), &[parts[0].clone(), Value::None, Value::None])?
            .first()
            .copied()
            .unwrap_or(items.len()),
    };
    items.splice(start..start + picked.len(), new);
    Ok(())
}
