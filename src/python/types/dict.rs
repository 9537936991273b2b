//! `dict`'s methods.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, no_attributes, Args, Native, TypeDef};
use super::super::value::{equals, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "dict",
    methods: &[
        Native {
            name: "get",
            call: get,
        },
        Native {
            name: "items",
            call: |_, args| {
                view(args, "items", |key, value| {
                    Value::Tuple([key.clone(), value.clone()].into())
                })
            },
        },
        Native {
            name: "keys",
            call: |_, args| view(args, "keys", |key, _| key.clone()),
        },
        Native {
            name: "values",
            call: |_, args| view(args, "values", |_, value| value.clone()),
        },
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
