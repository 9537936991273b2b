//! What `except*` clauses raise, gathered as CPython's `_PyExc_PrepReraiseStar` gathers it:
//! what each clause raised anew, in order, then one group of what no clause took and what the
//! clauses raised again (bare `raise`), in the original group's shape.

use super::super::error::{Exception, ExceptionKind, PyResult};
use super::super::types::exception::{as_raised, group, to_raise, PyException};
use super::super::value::{same_object, Value};
use crate::event::lock;
use std::sync::Arc;

/// The part a clause takes, as the exception it handles: with the traceback of the exception
/// it was split from, as CPython's split copies it.
pub fn handled_part(matched: &Value, caught: &[Exception]) -> Exception {
    let mut part =
        as_raised(matched).unwrap_or_else(|| Exception::new(ExceptionKind::ExceptionGroup, ""));
    if let Some(whole) = caught.last() {
        part.traceback.clone_from(&whole.traceback);
        part.handled_at.clone_from(&whole.handled_at);
        part.pos = whole.pos;
    }
    part
}

/// Whether what a clause raised is the part it handled raised again by a bare `raise`. As in
/// CPython, `raise eg` raises it anew: its traceback has one more entry, this frame's.
pub fn is_raised_again(landed: Option<&Exception>, handled: Option<&Exception>) -> bool {
    matches!(
        (landed, handled),
        (Some(landed), Some(handled))
            if landed.id == handled.id && landed.traceback.len() == handled.traceback.len()
    )
}

/// Keeps what a clause raised in `list` (traceback and chain too).
pub fn keep(list: &Value, raised: Exception) {
    if let Value::List(items) = list {
        lock(items).push(Value::Object(Arc::new(PyException { exception: raised })));
    }
}

/// After the clauses of the frame at `depth`: raises what they raised anew with what is left
/// of `exception` (what no clause took, and the parts raised again), or nothing if they
/// handled all of it.
pub fn raise_what_is_left(
    exception: Value,
    raised: Value,
    reraised: Value,
    rest: Value,
    handled: Option<Exception>,
    depth: usize,
) -> PyResult<()> {
    let raised = raised.items()?;
    let reraised = reraised.items()?;
    let left = if reraised.is_empty() {
        rest
    } else if !is_group(&exception) {
        // A lone exception, raised again in the group it was wrapped in for its clause.
        reraised[0].clone()
    } else {
        let mut kept = leaves(&rest);
        for part in &reraised {
            kept.extend(leaves(&unwrapped(part)));
        }
        project(&exception, &kept).unwrap_or_default()
    };
    match (raised.as_slice(), left) {
        ([], Value::None) => Ok(()),
        // None took any of it: it goes on, traceback and all.
        ([], left) if same_object(&left, &exception) => match handled {
            Some(handled) => Err(handled),
            None => to_raise(&left).and_then(Err),
        },
        // What is left goes on from where the exception was raised.
        ([], left) => to_raise(&left).and_then(|mut left| {
            if let Some(handled) = handled {
                left.pos = handled.pos;
                left.traceback.clone_from(&handled.traceback);
                left.handled_at.clone_from(&handled.handled_at);
            }
            Err(left)
        }),
        ([one], Value::None) => Err(as_raised(one).unwrap_or_else(|| handled_or_new(handled))),
        (raised, left) => {
            let mut members: Vec<Value> = raised.iter().map(unwrapped).collect();
            match (left, &handled) {
                (Value::None, _) => {}
                // A part of the exception has its traceback, as CPython's split copies it.
                (left, Some(handled)) if !same_object(&left, &exception) => {
                    let mut part = to_raise(&left)?;
                    part.pos = handled.pos;
                    part.traceback.clone_from(&handled.traceback);
                    part.handled_at.clone_from(&handled.handled_at);
                    members.push(Value::Object(Arc::new(PyException { exception: part })));
                }
                (left, _) => members.push(left),
            }
            let mut gathered = to_raise(&group(Value::str(""), Value::list(members)))?;
            gathered.gathered_at = Some(depth);
            Err(gathered)
        }
    }
}

fn handled_or_new(handled: Option<Exception>) -> Exception {
    handled.unwrap_or_else(|| Exception::new(ExceptionKind::ExceptionGroup, ""))
}

/// The object a program sees for a kept exception: its own instance, if it has one.
fn unwrapped(kept: &Value) -> Value {
    match as_raised(kept).and_then(|exception| exception.instance.clone()) {
        Some(instance) => instance,
        None => kept.clone(),
    }
}

fn is_group(value: &Value) -> bool {
    as_raised(value).is_some_and(|exception| exception.kind == ExceptionKind::ExceptionGroup)
}

fn members(value: &Value) -> Option<(Value, Vec<Value>)> {
    let exception = as_raised(value)?;
    if exception.kind != ExceptionKind::ExceptionGroup {
        return None;
    }
    let args = exception.args.as_deref()?;
    Some((args.first()?.clone(), args.get(1)?.items().ok()?))
}

/// The exceptions in `value`, through nested groups.
fn leaves(value: &Value) -> Vec<Value> {
    match members(value) {
        Some((_, members)) => members.iter().flat_map(leaves).collect(),
        None if matches!(value, Value::None) => Vec::new(),
        None => vec![value.clone()],
    }
}

/// `group` with only the exceptions in `kept`, nested groups and messages as they were (the
/// group itself if it keeps all); `None` if it keeps none.
fn project(group_value: &Value, kept: &[Value]) -> Option<Value> {
    let Some((message, members)) = members(group_value) else {
        return kept
            .iter()
            .any(|leaf| same_object(leaf, group_value))
            .then(|| group_value.clone());
    };
    let projected: Vec<Value> = members
        .iter()
        .filter_map(|member| project(member, kept))
        .collect();
    let whole = projected.len() == members.len()
        && projected
            .iter()
            .zip(&members)
            .all(|(part, member)| same_object(part, member));
    match projected.is_empty() {
        true => None,
        false if whole => Some(group_value.clone()),
        false => Some(group(message, Value::list(projected))),
    }
}
