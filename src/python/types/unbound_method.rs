//! A built-in type's method taken from the type, not from an object: `str.lower`,
//! `list.append`. Called, its first argument is the object it works on, as in
//! `sorted(words, key=str.lower)` or `map(str.strip, lines)`.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{Args, Native, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::{bytes, dict, list, set, str, type_of};
use std::sync::Arc;

pub struct UnboundMethod {
    method: &'static Native,
    owner: &'static TypeDef,
}

static TYPE: TypeDef = TypeDef {
    name: "method_descriptor",
    methods: &[],
    attribute,
};

/// `constructor.name`, when `constructor` is a built-in type with a method of that name.
pub fn lookup(constructor: &str, name: &str) -> Option<Value> {
    let owner: &'static TypeDef = match constructor {
        "str" => &str::TYPE,
        "bytes" => &bytes::TYPE,
        "list" => &list::TYPE,
        "tuple" => &list::TUPLE,
        "dict" => &dict::TYPE,
        "set" => &set::TYPE,
        _ => return None,
    };
    let method = owner.methods.iter().find(|method| method.name == name)?;
    Some(Value::Object(Arc::new(UnboundMethod { method, owner })))
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let unbound = super::super::registry::downcast::<UnboundMethod>(object)?;
    match name {
        "__name__" => Some(Value::str(unbound.method.name)),
        "__qualname__" => Some(Value::str(format!(
            "{}.{}",
            unbound.owner.name, unbound.method.name
        ))),
        _ => None,
    }
}

impl PyObject for UnboundMethod {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<method '{}' of '{}' objects>",
            self.method.name, self.owner.name
        )
    }

    fn call(self: Arc<Self>, vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
        let (method, owner) = (self.method.name, self.owner.name);
        if args.positional.is_empty() {
            return raise(
                TypeError,
                format!("unbound method {owner}.{method}() needs an argument"),
            );
        }
        let receiver = args.positional.remove(0);
        if !std::ptr::eq(type_of(&receiver), self.owner) {
            return raise(
                TypeError,
                format!(
                    "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
                    receiver.type_name()
                ),
            );
        }
        vm.invoke(&Value::Method(Arc::new((receiver, self.method))), args)
    }
}
