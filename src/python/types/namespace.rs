//! `types.SimpleNamespace(**attributes)`: an object of attributes set at will, printed as
//! `namespace(a=1, b='x')` in the order they were first set, equal to another with the same.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, downcast_ref, Args, PyObject, TypeDef};
use super::super::value::{equals, unless_recursive, Value};
use super::super::vm::{Invoked, Vm};
use super::attributes::Attributes;
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub struct Namespace {
    attributes: Mutex<Attributes>,
}

static TYPE: TypeDef = TypeDef {
    name: "SimpleNamespace",
    methods: &[],
    attribute: |object, name| {
        let namespace = downcast::<Namespace>(object)?;
        let attributes = lock(&namespace.attributes);
        attributes.get(name).cloned()
    },
};

impl PyObject for Namespace {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        // Copied first: a value's repr may show this namespace again (`ns.me = ns`).
        let attributes = lock(&self.attributes).clone();
        unless_recursive(self as *const Self as *const (), "namespace(...)", || {
            let shown: Vec<String> = attributes
                .iter()
                .map(|(name, value)| format!("{name}={}", value.repr()))
                .collect();
            format!("namespace({})", shown.join(", "))
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
        Some(raise(TypeError, "unhashable type: 'types.SimpleNamespace'"))
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        lock(&self.attributes).set(name, value.clone());
        Ok(true)
    }

    fn equals(&self, other: &Value) -> Option<bool> {
        let other = downcast_ref::<Namespace>(other)?;
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
    })))
}
