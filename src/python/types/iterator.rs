//! `iter(sequence)`: an iterator over a snapshot of its items, for `next()`. A `for` loop over
//! it takes the items left.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, no_attributes, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{as_generator, resume, Finish, Invoked, Vm};
use crate::event::lock;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "iterator",
    methods: &[],
    attribute: no_attributes,
};

pub struct SequenceIterator {
    /// `list_iterator`, `tuple_iterator`…
    type_name: &'static str,
    items: Mutex<VecDeque<Value>>,
}

impl PyObject for SequenceIterator {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn type_name(&self) -> &'static str {
        self.type_name
    }

    fn repr(&self) -> String {
        format!(
            "<{} object at {:#x}>",
            self.type_name, self as *const Self as usize
        )
    }
}

impl SequenceIterator {
    /// The items not taken yet, taken.
    pub fn take_rest(&self) -> Vec<Value> {
        lock(&self.items).drain(..).collect()
    }
}

/// `iter(iterable)`: a generator or an iterator is its own.
pub fn iter(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let iterable = &args.expect("iter", 1, 1)?[0];
    if as_generator(iterable).is_some() || downcast::<SequenceIterator>(iterable).is_some() {
        return done(iterable.clone());
    }
    let type_name = match iterable {
        Value::List(_) => "list_iterator",
        Value::Tuple(_) => "tuple_iterator",
        Value::Str(_) => "str_ascii_iterator",
        Value::Dict(_) => "dict_keyiterator",
        Value::Range(..) => "range_iterator",
        _ => "iterator",
    };
    done(Value::Object(Arc::new(SequenceIterator {
        type_name,
        items: Mutex::new(iterable.items()?.into()),
    })))
}

/// `next(iterator[, default])`.
pub fn next(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("next", 1, 2)?;
    let default = given.get(1).cloned();
    if let Some(generator) = as_generator(&given[0]) {
        let finish = default.map_or(Finish::Raise, Finish::Default);
        return resume(vm, &generator, Value::None, finish);
    }
    let Some(iterator) = downcast::<SequenceIterator>(&given[0]) else {
        return raise(
            TypeError,
            format!("'{}' object is not an iterator", given[0].type_name()),
        );
    };
    let item = lock(&iterator.items).pop_front();
    match (item, default) {
        (Some(item), _) | (None, Some(item)) => done(item),
        (None, None) => raise(StopIteration, ""),
    }
}
