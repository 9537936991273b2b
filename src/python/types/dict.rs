//! `dict`'s methods.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::items::set_item;
use super::super::registry::{
    done, downcast_ref, native, no_attributes, Args, Native, PyObject, TypeDef,
};
use super::super::value::{equals, Value};
use super::super::vm::{Invoked, Vm};
use super::dict_subclass::DictSubclass;
use super::managed;
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
        native("setdefault", |_, args| {
            let given = args.expect("setdefault", 1, 2)?;
            let default = given.get(1).cloned().unwrap_or_default();
            let mut pairs = lock(this(&args)?);
            match pairs.iter().find(|(key, _)| equals(key, &given[0])) {
                Some((_, value)) => done(value.clone()),
                None => {
                    pairs.push((given[0].clone(), default.clone()));
                    done(default)
                }
            }
        }),
        native("pop", |_, args| {
            let given = args.expect("pop", 1, 2)?;
            let mut pairs = lock(this(&args)?);
            match pairs.iter().position(|(key, _)| equals(key, &given[0])) {
                Some(at) => done(pairs.remove(at).1),
                None => match given.get(1) {
                    Some(default) => done(default.clone()),
                    None => Err(Exception::key_error(&given[0])),
                },
            }
        }),
        native("popitem", |_, args| {
            args.expect("popitem", 0, 0)?;
            match lock(this(&args)?).pop() {
                Some((key, value)) => done(Value::Tuple([key, value].into())),
                None => raise(KeyError, "'popitem(): dictionary is empty'"),
            }
        }),
        native("update", |_, mut args| {
            let pairs = Arc::clone(this(&args)?);
            update(&pairs, &mut args, "update")?;
            done(Value::None)
        }),
        native("copy", |_, args| {
            args.expect("copy", 0, 0)?;
            done(Value::Dict(Arc::new(Mutex::new(
                lock(this(&args)?).clone(),
            ))))
        }),
        native("clear", |_, args| {
            args.expect("clear", 0, 0)?;
            lock(this(&args)?).clear();
            done(Value::None)
        }),
    ],
    attribute: no_attributes,
};

/// What a program calls on `dict` itself.
pub static CLASS_METHODS: &[Native] = &[native("fromkeys", |_, args| {
    let given = args.expect("fromkeys", 1, 2)?;
    let value = given.get(1).cloned().unwrap_or_default();
    let dict = Value::Dict(Pairs::default());
    for key in given[0].items()? {
        set_item(&dict, &key, value.clone())?;
    }
    done(dict)
})];

/// The pairs of a mapping (a dict, or a `Counter` and the like), as a snapshot; `None` for
/// other values.
/// A dict display's dict: `{k1: v1, k2: v2}`, a later key's value replacing an earlier one's.
pub fn built(pairs: impl Iterator<Item = (Value, Value)>) -> PyResult<Value> {
    let dict = Value::Dict(Arc::default());
    for (key, value) in pairs {
        set_item(&dict, &key, value)?;
    }
    Ok(dict)
}

pub fn mapping_pairs(value: &Value) -> Option<Vec<(Value, Value)>> {
    match value {
        Value::Dict(pairs) => Some(lock(pairs).clone()),
        _ => downcast_ref::<DictSubclass>(value)
            .map(|subclass| lock(&subclass.pairs).clone())
            .or_else(|| managed::dict_pairs(value)),
    }
}

/// The `(key, value)` pairs of a mapping, or of an iterable of pairs.
fn pairs_of(source: &Value) -> PyResult<Vec<(Value, Value)>> {
    if let Some(pairs) = mapping_pairs(source) {
        return Ok(pairs);
    }
    source
        .items()?
        .into_iter()
        .enumerate()
        .map(|(index, pair)| match pair.items()?.as_slice() {
            [key, value] => Ok((key.clone(), value.clone())),
            other => raise(
                ValueError,
                format!(
                    "dictionary update sequence element #{index} has length {}; 2 is required",
                    other.len()
                ),
            ),
        })
        .collect()
}

/// `dict(mapping_or_pairs, **keywords)`.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let pairs = Pairs::default();
    update(&pairs, &mut args, "dict")?;
    done(Value::Dict(pairs))
}

/// Adds to `pairs` what `dict(…)` and `update(…)` take: a mapping's pairs or an iterable's,
/// then the keyword arguments.
pub fn update(pairs: &Pairs, args: &mut Args, name: &str) -> PyResult<()> {
    let keywords = std::mem::take(&mut args.keywords);
    let given = args.expect(name, 0, 1)?;
    if let Some(source) = given.first() {
        merge(pairs, source)?;
    }
    let dict = Value::Dict(Arc::clone(pairs));
    for (key, value) in keywords {
        set_item(&dict, &Value::Str(key), value)?;
    }
    Ok(())
}

/// `left | right` of two dicts: a new dict, `right`'s values winning.
pub fn union(left: &Pairs, right: &Pairs) -> PyResult<Value> {
    let merged = Arc::new(Mutex::new(lock(left).clone()));
    merge(&merged, &Value::Dict(Arc::clone(right)))?;
    Ok(Value::Dict(merged))
}

/// `pairs |= source`: as `update(source)`, so pairs of any iterable do too.
pub fn merge(pairs: &Pairs, source: &Value) -> PyResult<()> {
    let dict = Value::Dict(Arc::clone(pairs));
    for (key, value) in pairs_of(source)? {
        set_item(&dict, &key, value)?;
    }
    Ok(())
}

pub type Pairs = Arc<Mutex<Vec<(Value, Value)>>>;

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

/// `items()`, `keys()` and `values()`: a snapshot, printed as CPython prints the view.
fn view(args: Args, name: &str, pick: fn(&Value, &Value) -> Value) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    let pairs = lock(this(&args)?);
    let items = pairs.iter().map(|(key, value)| pick(key, value)).collect();
    done(Value::Object(Arc::new(DictView {
        type_name: match name {
            "items" => "dict_items",
            "keys" => "dict_keys",
            _ => "dict_values",
        },
        items,
    })))
}

struct DictView {
    type_name: &'static str,
    items: Vec<Value>,
}

static VIEW: TypeDef = TypeDef {
    name: "dict_view",
    methods: &[],
    attribute: no_attributes,
};

impl PyObject for DictView {
    fn type_def(&self) -> &'static TypeDef {
        &VIEW
    }

    fn type_name(&self) -> &'static str {
        self.type_name
    }

    fn repr(&self) -> String {
        let items: Vec<String> = self.items.iter().map(Value::repr).collect();
        format!("{}([{}])", self.type_name, items.join(", "))
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.items.clone()))
    }
}
