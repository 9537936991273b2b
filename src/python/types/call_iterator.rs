//! `iter(callable, sentinel)`: an iterator that calls `callable` for each item until it gives
//! `sentinel`. Queue tutorials take work with it: `for job in iter(jobs.get, None)`. The call
//! may block (a queue's `get`) or run Python code, like any call.

use super::super::error::PyResult;
use super::super::ir::CmpOp;
use super::super::registry::{done, Args, NativeIterator, PyObject, TypeDef};
use super::super::value::{compare, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::pulled::exhausted;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

static TYPE: TypeDef = TypeDef {
    name: "callable_iterator",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

pub struct CallIterator {
    callable: Value,
    sentinel: Value,
    /// Once the sentinel came, the iterator stays at its end without calling again.
    ended: Arc<AtomicBool>,
}

impl CallIterator {
    pub fn made(callable: Value, sentinel: Value) -> Value {
        Value::Object(Arc::new(CallIterator {
            callable,
            sentinel,
            ended: Arc::default(),
        }))
    }
}

impl PyObject for CallIterator {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for CallIterator {
    fn next_item(&self, vm: &mut Vm) -> PyResult<Option<Invoked>> {
        if self.ended.load(Ordering::Acquire) {
            return Ok(None);
        }
        let called = vm.invoke(&self.callable, Args::default())?;
        let (sentinel, ended) = (self.sentinel.clone(), Arc::clone(&self.ended));
        vm.then_after(
            called,
            Then::new(move |_, item| {
                if compare(CmpOp::Eq, &item, &sentinel)? {
                    ended.store(true, Ordering::Release);
                    return done(exhausted());
                }
                done(item)
            }),
        )
        .map(Some)
    }
}
