//! Iterators whose every item is a call of the program's function on the next item of a lazy
//! source (`starmap`, `accumulate` with a function). The call runs as a callback when the
//! item is taken, so a `for` loop over one interleaves the calls with its body, as CPython's.

use super::super::error::PyResult;
use super::super::registry::{done, no_attributes, Args, NativeIterator, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::lazy::Items;
use crate::event::lock;
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "iterator",
    methods: &[],
    attribute: no_attributes,
};

pub struct Mapped {
    /// As CPython names its type in a `repr`: `itertools.starmap`.
    qualified_name: &'static str,
    function: Value,
    source: Mutex<Items>,
    /// The running total, for `accumulate`; `None` for `starmap`.
    total: Option<Arc<Mutex<Option<Value>>>>,
}

impl Mapped {
    /// `starmap(function, iterable)`: the function called with each item's items.
    pub fn starmap(function: Value, source: Items) -> Value {
        Mapped::made("itertools.starmap", function, source, None)
    }

    /// `accumulate(iterable, function)`: the first item, then the function called with the
    /// total so far and the next item.
    pub fn accumulate(function: Value, source: Items) -> Value {
        let total = Some(Arc::default());
        Mapped::made("itertools.accumulate", function, source, total)
    }

    fn made(
        qualified_name: &'static str,
        function: Value,
        source: Items,
        total: Option<Arc<Mutex<Option<Value>>>>,
    ) -> Value {
        Value::Object(Arc::new(Mapped {
            qualified_name,
            function,
            source: Mutex::new(source),
            total,
        }))
    }
}

impl PyObject for Mapped {
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
        format!(
            "<{} object at {:#x}>",
            self.qualified_name, self as *const Self as usize
        )
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for Mapped {
    fn next_item(&self, _: &mut Vm) -> PyResult<Option<Invoked>> {
        let Some(item) = lock(&self.source).next().transpose()? else {
            return Ok(None);
        };
        let function = self.function.clone();
        let Some(total) = &self.total else {
            let args = Args::new(item.items()?);
            let result = Then::new(|_, result| done(result));
            return Ok(Some(Invoked::CallThen(function, args, result)));
        };
        let so_far = lock(total).clone();
        let Some(so_far) = so_far else {
            *lock(total) = Some(item.clone());
            return Ok(Some(Invoked::Value(item)));
        };
        let total = Arc::clone(total);
        let kept = Then::new(move |_, result| {
            *lock(&total) = Some(result.clone());
            done(result)
        });
        Ok(Some(Invoked::CallThen(
            function,
            Args::new(vec![so_far, item]),
            kept,
        )))
    }
}
