//! Iterators whose items are computed as they are taken: `itertools`' (`count()` and `cycle()`
//! never end), and `zip` or `enumerate` over one of them. Nothing takes every item of one
//! unless it needs them all (`list()`, `sorted()`), so a `for` loop with a `break`, `zip` and
//! `islice` work over the endless ones. Computing an item never runs Python code, so a lazy
//! iterator is pulled from anywhere, with no thread to run a callback on (see `mapped.rs` for
//! the ones that call the program's functions).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{
    downcast, downcast_ref, no_attributes, NativeIterator, PyObject, TypeDef,
};
use super::super::value::{Value, MAX_SEQUENCE_LEN};
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "iterator",
    methods: &[],
    attribute: no_attributes,
};

/// Items as a lazy iterator gives them: each may be an error (`chain([1], 2)` raises when it
/// reaches the `2`).
pub type Items = Box<dyn Iterator<Item = PyResult<Value>> + Send>;

pub struct Lazy {
    /// As CPython names its type in a `repr`: `itertools.count`, `zip`.
    qualified_name: &'static str,
    items: Mutex<Items>,
    /// Its `repr`, for the iterators CPython describes by their state (`count(5)`).
    described: Option<Description>,
}

type Description = Box<dyn Fn() -> String + Send + Sync>;

impl Lazy {
    pub fn made(
        qualified_name: &'static str,
        items: impl Iterator<Item = PyResult<Value>> + Send + 'static,
    ) -> Value {
        Value::Object(Arc::new(Lazy {
            qualified_name,
            items: Mutex::new(Box::new(items)),
            described: None,
        }))
    }

    /// One whose `repr` `describe` makes.
    pub fn described(
        qualified_name: &'static str,
        items: impl Iterator<Item = PyResult<Value>> + Send + 'static,
        describe: impl Fn() -> String + Send + Sync + 'static,
    ) -> Value {
        Value::Object(Arc::new(Lazy {
            qualified_name,
            items: Mutex::new(Box::new(items)),
            described: Some(Box::new(describe)),
        }))
    }

    /// An iterator over items already computed (`takewhile`'s, whose predicate ran first).
    pub fn over(qualified_name: &'static str, items: Vec<Value>) -> Value {
        Lazy::made(qualified_name, items.into_iter().map(Ok))
    }

    fn next(&self) -> Option<PyResult<Value>> {
        lock(&self.items).next()
    }
}

impl PyObject for Lazy {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn type_name(&self) -> &'static str {
        self.qualified_name
            .rsplit('.')
            .next()
            .unwrap_or(self.qualified_name)
    }

    fn repr(&self) -> String {
        match &self.described {
            Some(describe) => describe(),
            None => format!(
                "<{} object at {:#x}>",
                self.qualified_name, self as *const Self as usize
            ),
        }
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(collected(lock(&self.items).by_ref()))
    }
}

impl NativeIterator for Lazy {
    fn next_item(&self, _: &mut Vm) -> PyResult<Option<Invoked>> {
        Ok(self.next().transpose()?.map(Invoked::Value))
    }
}

/// Whether `value` is a lazy iterator, which may never end: callers that take every item of
/// their arguments first (see `vm/generator.rs`) leave it to the callee.
pub fn is_lazy(value: &Value) -> bool {
    downcast_ref::<Lazy>(value).is_some()
}

/// The items of `iterable` as they are needed: a lazy iterator's are taken from it one at a
/// time (so what is not needed stays in it), any other iterable's come from a snapshot.
pub fn items_of(iterable: &Value) -> PyResult<Items> {
    match downcast::<Lazy>(iterable) {
        Some(lazy) => Ok(Box::new(std::iter::from_fn(move || lazy.next()))),
        None => Ok(Box::new(iterable.items()?.into_iter().map(Ok))),
    }
}

/// Every item, taken: an endless iterator stops at the subset's longest list.
pub fn collected(items: impl Iterator<Item = PyResult<Value>>) -> PyResult<Vec<Value>> {
    let mut taken = Vec::new();
    for item in items {
        if taken.len() >= MAX_SEQUENCE_LEN {
            return raise(
                MemoryError,
                format!(
                    "an iterator gave more items than threadplay's limit of {MAX_SEQUENCE_LEN}"
                ),
            );
        }
        taken.push(item?);
    }
    Ok(taken)
}

/// Tuples of the columns' items side by side, until the shortest ends (`zip`).
pub fn zipped(mut columns: Vec<Items>) -> impl Iterator<Item = PyResult<Value>> + Send {
    std::iter::from_fn(move || {
        if columns.is_empty() {
            return None;
        }
        let mut row = Vec::with_capacity(columns.len());
        for column in &mut columns {
            match column.next()? {
                Ok(item) => row.push(item),
                Err(error) => return Some(Err(error)),
            }
        }
        Some(Ok(Value::Tuple(row.into())))
    })
}
