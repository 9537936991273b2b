//! `types.SimpleNamespace(**attributes)`: an object of attributes set at will, printed as
//! `namespace(a=1, b='x')` in the order they were first set, equal to another with the same.
//! `argparse.Namespace`, what `parse_args` gives, is the same but printed `Namespace(…)`.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, downcast_ref, Args, PyObject, TypeDef};
use super::super::value::{equals, unless_recursive, Value};
use super::super::vm::{Invoked, Vm};
use super::attributes::Attributes;
use super::dict;
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub struct Namespace {
    attributes: Mutex<Attributes>,
    type_def: &'static TypeDef,
}

static SIMPLE: TypeDef = TypeDef {
    name: "SimpleNamespace",
    methods: &[],
    attribute,
};

/// `argparse.Namespace`.
pub static ARGUMENTS: TypeDef = TypeDef {
    name: "Namespace",
    methods: &[],
    attribute,
};

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let namespace = downcast::<Namespace>(object)?;
    let attributes = lock(&namespace.attributes).clone();
    match name {
        // A copy: what is set in it does not reach the namespace (CPython's is its own).
        "__dict__" => dict::built(
            attributes
                .iter()
                .map(|(name, value)| (Value::str(name), value.clone())),
        )
        .ok(),
        _ => attributes.get(name).cloned(),
    }
}

impl Namespace {
    /// An `argparse.Namespace` of these attributes.
    pub fn of_arguments(attributes: Attributes) -> Self {
        Self {
            attributes: Mutex::new(attributes),
            type_def: &ARGUMENTS,
        }
    }
}

impl PyObject for Namespace {
    fn type_def(&self) -> &'static TypeDef {
        self.type_def
    }

    fn repr(&self) -> String {
        let shown_as = match self.type_def.name {
            "SimpleNamespace" => "namespace",
            other => other,
        };
        // Copied first: a value's repr may show this namespace again (`ns.me = ns`).
        let attributes = lock(&self.attributes).clone();
        let recursive = format!("{shown_as}(...)");
        unless_recursive(self as *const Self as *const (), &recursive, || {
            let shown: Vec<String> = attributes
                .iter()
                .map(|(name, value)| format!("{name}={}", value.repr()))
                .collect();
            format!("{shown_as}({})", shown.join(", "))
        })
    }

    /// Its values, whose own `__repr__` its repr shows.
    fn contents(&self) -> Option<Value> {
        let attributes = lock(&self.attributes).clone();
        Some(Value::list(
            attributes.iter().map(|(_, value)| value.clone()).collect(),
        ))
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        let name = match self.type_def.name {
            "SimpleNamespace" => "types.SimpleNamespace",
            other => other,
        };
        Some(raise(TypeError, format!("unhashable type: '{name}'")))
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        lock(&self.attributes).set(name, value.clone());
        Ok(true)
    }

    /// `'name' in args`: an argparse namespace has the attribute (a simple one has no `in`).
    fn contains(&self, item: &Value) -> Option<PyResult<bool>> {
        if !std::ptr::eq(self.type_def, &ARGUMENTS) {
            return None;
        }
        Some(Ok(lock(&self.attributes).get(&item.to_str()).is_some()))
    }

    fn equals(&self, other: &Value) -> Option<bool> {
        let other = downcast_ref::<Namespace>(other)?;
        if !std::ptr::eq(self.type_def, other.type_def) {
            return Some(false);
        }
        if std::ptr::eq(self, other) {
            return Some(true);
        }
        let (mine, theirs) = (
            lock(&self.attributes).clone(),
            lock(&other.attributes).clone(),
        );
        Some(
            mine.len() == theirs.len()
                && mine.iter().all(|(name, value)| {
                    theirs.get(name).is_some_and(|theirs| equals(value, theirs))
                }),
        )
    }
}

pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let attributes = std::mem::take(&mut args.keywords);
    args.expect("SimpleNamespace", 0, 0)?;
    done(Value::Object(Arc::new(Namespace {
        attributes: Mutex::new(Attributes::new(attributes)),
        type_def: &SIMPLE,
    })))
}

/// `argparse.Namespace(**attributes)`.
pub fn new_arguments(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let attributes = std::mem::take(&mut args.keywords);
    args.expect("Namespace", 0, 0)?;
    done(Value::Object(Arc::new(Namespace::of_arguments(
        Attributes::new(attributes),
    ))))
}
