//! A named tuple: its class and its items, doing what a tuple does (index, unpack, compare,
//! hash) by lending them as one.

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::hash::py_hash;
use super::super::super::ir::BinOp;
use super::super::super::items::get_item;
use super::super::super::registry::{done, downcast_ref, native, Args, PyObject, TypeDef};
use super::super::super::value::{binary, equals, order, Value};
use super::super::super::vm::{Invoked, Vm};
use super::NamedTupleClass;
use std::cmp::Ordering;
use std::sync::{Arc, Mutex};

pub struct NamedTuple {
    class: Arc<NamedTupleClass>,
    items: Arc<[Value]>,
}

static TYPE: TypeDef = TypeDef {
    name: "namedtuple",
    methods: &[
        native("_asdict", |_, args| {
            args.expect("_asdict", 0, 0)?;
            let tuple = args.this::<NamedTuple>()?;
            let pairs = tuple
                .class
                .fields
                .iter()
                .zip(tuple.items.iter())
                .map(|(field, item)| (Value::Str(Arc::clone(field)), item.clone()))
                .collect();
            done(Value::Dict(Arc::new(Mutex::new(pairs))))
        }),
        native("_replace", replace),
    ],
    attribute: |object, name| {
        let tuple = downcast_ref::<NamedTuple>(object)?;
        match name {
            "_fields" => Some(tuple.class.fields_tuple()),
            _ => tuple.item(name).cloned(),
        }
    },
};

impl NamedTupleClass {
    /// An instance with these items (as many as the fields).
    pub fn instance(self: &Arc<Self>, items: Vec<Value>) -> Value {
        Value::Object(Arc::new(NamedTuple {
            class: Arc::clone(self),
            items: items.into(),
        }))
    }
}

/// Whether `class` is a named tuple's class and `value` one of its instances.
pub fn is_instance_of(value: &Value, class: &Value) -> bool {
    match (
        downcast_ref::<NamedTuple>(value),
        downcast_ref::<NamedTupleClass>(class),
    ) {
        (Some(tuple), Some(class)) => std::ptr::eq(&*tuple.class, class),
        _ => false,
    }
}

/// `type(value)` for a named tuple: its class.
pub fn class_of(value: &Value) -> Option<Value> {
    let tuple = downcast_ref::<NamedTuple>(value)?;
    Some(Value::Object(Arc::clone(&tuple.class) as Arc<dyn PyObject>))
}

/// `_replace(**changes)`: a copy with some fields changed.
fn replace(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    if !args.positional.is_empty() {
        return raise(TypeError, "_replace() takes 1 positional argument");
    }
    let tuple = args.this::<NamedTuple>()?;
    let mut items = tuple.items.to_vec();
    let mut unknown = Vec::new();
    for (key, value) in args.keywords {
        match tuple.class.fields.iter().position(|field| *field == key) {
            Some(at) => items[at] = value,
            None => unknown.push(Value::Str(key)),
        }
    }
    if !unknown.is_empty() {
        return raise(
            ValueError,
            format!(
                "Got unexpected field names: {}",
                Value::list(unknown).repr()
            ),
        );
    }
    done(tuple.class.instance(items))
}

impl NamedTuple {
    fn item(&self, field: &str) -> Option<&Value> {
        let at = self
            .class
            .fields
            .iter()
            .position(|known| &**known == field)?;
        self.items.get(at)
    }

    fn tuple(&self) -> Value {
        Value::Tuple(Arc::clone(&self.items))
    }
}

/// A tuple, or a named tuple as one.
fn as_tuple(value: &Value) -> Option<Value> {
    match value {
        Value::Tuple(_) => Some(value.clone()),
        _ => downcast_ref::<NamedTuple>(value).map(NamedTuple::tuple),
    }
}

impl PyObject for NamedTuple {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn type_name(&self) -> &'static str {
        self.class.name
    }

    fn repr(&self) -> String {
        let fields: Vec<String> = self
            .class
            .fields
            .iter()
            .zip(self.items.iter())
            .map(|(field, item)| format!("{field}={}", item.repr()))
            .collect();
        format!("{}({})", self.class.name, fields.join(", "))
    }

    fn for_child_process(&self) -> Option<Value> {
        let items = self.items.iter().map(Value::copied_for_process).collect();
        Some(self.class.instance(items))
    }

    fn set_attribute(&self, name: &str, _: &Value) -> PyResult<bool> {
        match self.item(name) {
            Some(_) => raise(AttributeError, "can't set attribute"),
            None => raise(
                AttributeError,
                format!("'{}' object has no attribute '{name}'", self.class.name),
            ),
        }
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.items.to_vec()))
    }

    fn length(&self) -> Option<usize> {
        Some(self.items.len())
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        Some(get_item(&self.tuple(), index))
    }

    fn equals(&self, other: &Value) -> Option<bool> {
        as_tuple(other).map(|other| equals(&self.tuple(), &other))
    }

    fn order(&self, other: &Value) -> Option<PyResult<Ordering>> {
        as_tuple(other).map(|other| order(&self.tuple(), &other))
    }

    /// `point + (1,)`: a plain tuple, as CPython's.
    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        let other = as_tuple(other)?;
        Some(match reflected {
            true => binary(op, &other, &self.tuple()),
            false => binary(op, &self.tuple(), &other),
        })
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        Some(py_hash(&self.tuple()))
    }

    fn contents(&self) -> Option<Value> {
        Some(self.tuple())
    }

    fn base_type(&self) -> Option<&'static str> {
        Some("tuple")
    }
}
