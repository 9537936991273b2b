//! `abc`: `ABC` as a base class and `abstractmethod`. A class deriving from `ABC` cannot be
//! instantiated while a method marked abstract has no override (see `PyClass::make`).

use super::super::error::{raise, ExceptionKind::*};
use super::super::registry::{done, native, ModuleDef};
use super::super::types::descriptor::{as_descriptor, Descriptor};
use super::super::value::Value;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "abc",
    functions: &[
        native("ABC", |_, _| {
            raise(
                TypeError,
                "threadplay's ABC is a base class, not a function to call",
            )
        }),
        native("abstractmethod", |_, args| {
            let given = args.expect("abstractmethod", 1, 1)?;
            let Value::Function(function) = &given[0] else {
                return raise(
                    TypeError,
                    format!(
                        "threadplay's abstractmethod marks functions, not {}",
                        given[0].type_name()
                    ),
                );
            };
            let mut marked = (**function).clone();
            marked.is_abstract = true;
            done(Value::Function(Arc::new(marked)))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// Whether a class attribute is an abstract method: a function marked so, or a static method,
/// class method or property made of one (`@property` over `@abstractmethod`).
pub fn is_abstract(value: &Value) -> bool {
    if let Value::Function(function) = value {
        return function.is_abstract;
    }
    match as_descriptor(value).as_deref() {
        Some(
            Descriptor::Static(function)
            | Descriptor::ClassMethod(function)
            | Descriptor::Property { get: function, .. }
            | Descriptor::CachedProperty(function),
        ) => is_abstract(function),
        None => false,
    }
}
