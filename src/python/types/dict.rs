//! `dict`'s methods.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, TypeDef};
use super::super::value::{equals, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "dict",
    methods: &[
        native("get", get),
        native("items", |_, args| {
            view(args, "items", |key, value| {
                Value::Tuple([key.clone(), value.clone()].into())
            })
        }),
        native("keys", |_, args| view(args, "keys", |key, _| key.clone())),
        native("values", |_, args| {
            view(args, "values", |_, value| value.clone())
        }),
    ],
    attribute: no_attributes,
};

type Pairs = Arc<Mutex<Vec<(Value, Value)>>>;

/// The dict a method was called on.
fn this(args: &Args) -> PyResult<&Pairs> {
    match &args.receiver {
        Value::Dict(pairs) => Ok(pairs),
        other => raise(
            TypeError,
            format!("a dict method called on {}", other.type_name()),
        ),
    }
}

fn get(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("get", 1, 2)?;
    let found = lock(this(&args)?)
        .iter()
        .find(|(key, _)| equals(key, &given[0]))
        .map(|(_, value)| value.clone());
    done(found.unwrap_or_else(|| given.get(1).cloned().unwrap_or(Value::None)))
}

/// `items()`, `keys()` and `values()`, as lists.
fn view(args: Args, name: &str, pick: fn(&Value, &Value) -> Value) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    let pairs = lock(this(&args)?);
    done(Value::list(
        pairs.iter().map(|(key, value)| pick(key, value)).collect(),
    ))
}
