//! `threading.local()`: an object whose attributes each thread sees its own of. The worker
//! running a thread's turn knows which thread that is (see `vm::running_thread`).

use super::super::error::PyResult;
use super::super::registry::{done, downcast, Args, PyObject, TypeDef};
use super::super::sched::ThreadId;
use super::super::value::Value;
use super::super::vm::{running_thread, Invoked, Vm};
use super::attributes::Attributes;
use crate::event::lock;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct Local {
    /// Each thread's own attributes.
    attributes: Mutex<HashMap<ThreadId, Attributes>>,
}

static TYPE: TypeDef = TypeDef {
    name: "_thread._local",
    methods: &[],
    attribute: |object, name| {
        let local = downcast::<Local>(object)?;
        let attributes = lock(&local.attributes);
        attributes.get(&running_thread())?.get(name).cloned()
    },
};

impl PyObject for Local {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<_thread._local object at {:#x}>",
            self as *const Self as usize
        )
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        lock(&self.attributes)
            .entry(running_thread())
            .or_default()
            .set(name, value.clone());
        Ok(true)
    }
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("local", 0, 0)?;
    done(Value::Object(Arc::new(Local::default())))
}
