//! `multiprocessing.parent_process()` in a child: CPython's `_ParentProcess`, the name and
//! pid of the process that started it, as they were then.

use super::super::error::PyResult;
use super::super::registry::{done, native, Args, PyObject, TypeDef};
use super::super::value::{Int, Value};
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

#[derive(Clone)]
pub struct ParentProcess {
    pub name: Arc<str>,
    pub pid: u64,
}

static TYPE: TypeDef = TypeDef {
    name: "_ParentProcess",
    methods: &[native("is_alive", |vm, args| is_alive(vm, &args))],
    attribute: |object, name| {
        let parent = super::super::registry::downcast_ref::<ParentProcess>(object)?;
        match name {
            "name" => Some(Value::str(Arc::clone(&parent.name))),
            "pid" | "ident" => Some(Value::Int(Int::from(parent.pid))),
            "daemon" => Some(Value::Bool(false)),
            _ => None,
        }
    },
};

/// Whether the parent runs still: it cannot have ended while a child it waits for runs,
/// unless the child is a daemon it terminated, which then runs no more.
fn is_alive(_: &mut Vm, args: &Args) -> PyResult<Invoked> {
    args.expect("is_alive", 0, 0)?;
    done(Value::Bool(true))
}

impl PyObject for ParentProcess {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        // CPython's `_ParentProcess` has no parent of its own and no status it can tell.
        format!(
            "<_ParentProcess name={} parent=None unknown>",
            Value::str(Arc::clone(&self.name)).repr()
        )
    }
}
