//! `staticmethod`, `classmethod`, `property` and `functools.cached_property`: what a class
//! attribute gives when it is looked up, instead of itself. A property's getter and setter are
//! Python code, so an instance whose class has one reads and writes attributes the slow way
//! (see `class.rs`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

pub enum Descriptor {
    Static(Value),
    ClassMethod(Value),
    Property {
        get: Value,
        set: Value,
    },
    /// Its function's result, computed on the first read and kept as the instance's attribute
    /// of the same name, which later reads find first.
    CachedProperty(Value),
}

static STATIC: TypeDef = TypeDef {
    name: "staticmethod",
    methods: &[],
    attribute: no_attributes,
};

static CLASS_METHOD: TypeDef = TypeDef {
    name: "classmethod",
    methods: &[],
    attribute: no_attributes,
};

static CACHED_PROPERTY: TypeDef = TypeDef {
    name: "cached_property",
    methods: &[],
    attribute: no_attributes,
};

static PROPERTY: TypeDef = TypeDef {
    name: "property",
    methods: &[
        native("getter", |_, args| {
            let (_, set) = property_parts(&args)?;
            let get = args.expect("getter", 1, 1)?[0].clone();
            done(property(get, set))
        }),
        native("setter", |_, args| {
            let (get, _) = property_parts(&args)?;
            let set = args.expect("setter", 1, 1)?[0].clone();
            done(property(get, set))
        }),
    ],
    attribute: no_attributes,
};

impl PyObject for Descriptor {
    fn type_def(&self) -> &'static TypeDef {
        match self {
            Descriptor::Static(_) => &STATIC,
            Descriptor::ClassMethod(_) => &CLASS_METHOD,
            Descriptor::Property { .. } => &PROPERTY,
            Descriptor::CachedProperty(_) => &CACHED_PROPERTY,
        }
    }

    fn repr(&self) -> String {
        format!("<{} object>", self.type_name())
    }
}

fn property(get: Value, set: Value) -> Value {
    Value::Object(Arc::new(Descriptor::Property { get, set }))
}

fn property_parts(args: &Args) -> PyResult<(Value, Value)> {
    match downcast::<Descriptor>(&args.receiver).as_deref() {
        Some(Descriptor::Property { get, set }) => Ok((get.clone(), set.clone())),
        _ => raise(TypeError, "descriptor needs a 'property' object"),
    }
}

pub fn staticmethod(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let function = args.expect("staticmethod", 1, 1)?[0].clone();
    done(Value::Object(Arc::new(Descriptor::Static(function))))
}

pub fn cached_property(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let function = args.expect("cached_property", 1, 1)?[0].clone();
    done(Value::Object(Arc::new(Descriptor::CachedProperty(
        function,
    ))))
}

pub fn classmethod(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let function = args.expect("classmethod", 1, 1)?[0].clone();
    done(Value::Object(Arc::new(Descriptor::ClassMethod(function))))
}

/// `property(fget=None, fset=None)`.
pub fn new_property(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let get = args.keyword("fget");
    let set = args.keyword("fset");
    args.keyword("doc");
    let given = args.expect("property", 0, 3)?;
    let get = get.or_else(|| given.first().cloned()).unwrap_or_default();
    let set = set.or_else(|| given.get(1).cloned()).unwrap_or_default();
    done(property(get, set))
}

/// `value` as a descriptor, if it is one.
pub fn as_descriptor(value: &Value) -> Option<Arc<Descriptor>> {
    downcast::<Descriptor>(value)
}
