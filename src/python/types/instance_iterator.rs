//! An instance of the program's own iterator class (`__iter__` giving an object with
//! `__next__`), taken item by item like the native iterators: `for`, `list()`, unpacking,
//! `next()`, `zip()`. Its `__next__` ends the items by raising `StopIteration`, which the call's
//! continuation receives as `exhausted()` (see `Then::or_exhausted`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, Args, NativeIterator, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::operators::special;
use super::super::vm::{as_generator, Invoked, Then, Vm};
use super::pulled::exhausted;
use std::sync::Arc;

static TYPE: TypeDef = TypeDef {
    name: "iterator",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

/// The instance, and its class's `__next__`.
pub struct InstanceIterator {
    instance: Value,
    next: Value,
}

impl InstanceIterator {
    /// `value` as a native iterator, if it is an instance whose class has `__next__`.
    pub fn of(value: &Value) -> Option<Arc<InstanceIterator>> {
        let next = special(value, "__next__")?;
        Some(Arc::new(InstanceIterator {
            instance: value.clone(),
            next,
        }))
    }

    /// What `__iter__` gave, as a native iterator: CPython's error if it is an instance that
    /// is not an iterator.
    pub fn from_iter_method(given: Value) -> PyResult<Value> {
        let given = checked_iterator(given)?;
        match InstanceIterator::of(&given) {
            Some(iterator) => Ok(Value::Object(iterator)),
            None => Ok(given),
        }
    }
}

/// What `__iter__` gave, if it is an iterator: a generator, a native iterator or an instance
/// with `__next__`.
pub fn checked_iterator(given: Value) -> PyResult<Value> {
    let is_iterator = match &given {
        Value::Object(object) => object.as_iterator().is_some() || as_generator(&given).is_some(),
        Value::Instance(_) => special(&given, "__next__").is_some(),
        _ => false,
    };
    if !is_iterator {
        return raise(
            TypeError,
            format!(
                "iter() returned non-iterator of type '{}'",
                given.type_name()
            ),
        );
    }
    Ok(given)
}

impl PyObject for InstanceIterator {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for InstanceIterator {
    fn next_item(&self, vm: &mut Vm) -> PyResult<Option<Invoked>> {
        let called = match vm.invoke(&self.next, Args::new(vec![self.instance.clone()])) {
            Err(error) if error.kind == StopIteration => return done(exhausted()).map(Some),
            called => called?,
        };
        vm.then_after(called, Then::new(|_, item| done(item)).or_exhausted())
            .map(Some)
    }
}
