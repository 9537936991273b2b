//! Indexing and sorting as Python does them for the subset's sequences and dicts.

use super::error::{raise, ExceptionKind::*, PyResult};
use super::value::{as_int, check_len, equals, order, range_len, resolve_index, Int, Value};
use crate::event::lock;

/// Sorts in place, stopping at the first pair that cannot be ordered.
pub fn sort_values(items: &mut [Value], reverse: bool) -> PyResult<()> {
    let mut failure = None;
    items.sort_by(|a, b| {
        order(a, b).unwrap_or_else(|error| {
            failure.get_or_insert(error);
            std::cmp::Ordering::Equal
        })
    });
    if reverse {
        items.reverse();
    }
    failure.map_or(Ok(()), Err)
}

/// `x[i]` for the subset's sequences and dicts (slices included).
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
        Value::Str(text) => {
            let chars: Vec<char> = text.chars().collect();
            Ok(Value::str(
                chars[resolve_index(index, chars.len(), "string")?].to_string(),
            ))
        }
        Value::Range(start, _, step) => {
            let i = resolve_index(index, range_len(object) as usize, "range object")?;
            Ok(Value::Int(Int::from(start + i as i64 * step)))
        }
        Value::Dict(pairs) => lock(pairs)
            .iter()
            .find(|(key, _)| equals(key, index))
            .map(|(_, value)| value.clone())
            .map_or_else(|| raise(KeyError, index.repr()), Ok),
        other => raise(
            TypeError,
            format!("'{}' object is not subscriptable", other.type_name()),
        ),
    }
}

/// `x[a:b:c]`, the slice arriving as a 3-tuple of ints or `None`s.
fn slice(object: &Value, parts: &[Value]) -> PyResult<Value> {
    let items = object.items()?;
    let len = items.len() as Int;
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
        picked.push(items[i as usize].clone());
        i += step;
    }
    Ok(match object {
        Value::Str(_) => Value::str(picked.iter().map(Value::to_str).collect::<String>()),
        Value::Tuple(_) => Value::Tuple(picked.into()),
        _ => Value::list(picked),
    })
}

/// `x[i] = value` for lists and dicts.
pub fn set_item(object: &Value, index: &Value, value: Value) -> PyResult<()> {
    match object {
        Value::List(items) => {
            let mut items = lock(items);
            let i = resolve_index(index, items.len(), "list assignment")?;
            items[i] = value;
            Ok(())
        }
        Value::Dict(pairs) => {
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
        other => raise(
            TypeError,
            format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ),
        ),
    }
}
