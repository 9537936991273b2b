//! `collections.namedtuple(name, fields)`: a class whose instances are tuples with a name for
//! each item. The class is a native object that makes instances when called; an instance is
//! its class and its items, and does what a tuple does (index, unpack, compare, hash) by
//! lending them as one.

mod instance;

pub use instance::{class_of, is_instance_of};

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast_ref, native, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{missing_arguments, Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

/// A named tuple's class.
pub struct NamedTupleClass {
    name: &'static str,
    fields: Arc<[Arc<str>]>,
    /// The values of the last fields when a call leaves them out.
    defaults: Vec<Value>,
}

static CLASS: TypeDef = TypeDef {
    name: "type",
    methods: &[native("_make", |_, args| {
        let items = args.expect("_make", 1, 1)?[0].items()?;
        let class = args.this::<NamedTupleClass>()?;
        if items.len() != class.fields.len() {
            return raise(
                TypeError,
                format!(
                    "Expected {} arguments, got {}",
                    class.fields.len(),
                    items.len()
                ),
            );
        }
        done(class.instance(items))
    })],
    attribute: |object, name| {
        let class = downcast_ref::<NamedTupleClass>(object)?;
        match name {
            "__name__" => Some(Value::str(class.name)),
            "_fields" => Some(class.fields_tuple()),
            _ => None,
        }
    },
};

/// An instance of a named tuple class the runtime makes (`sys.version_info`).
pub fn made(name: &'static str, fields: &[&str], items: Vec<Value>) -> Value {
    class_made(name, fields).instance(items)
}

/// A named tuple class of the runtime's (`sched.Event`).
pub fn class_made(name: &'static str, fields: &[&str]) -> Arc<NamedTupleClass> {
    Arc::new(NamedTupleClass {
        name,
        fields: fields.iter().map(|field| Arc::from(*field)).collect(),
        defaults: Vec::new(),
    })
}

/// Python's keywords, which no name may be.
const KEYWORDS: &str = "False None True and as assert async await break class continue def \
    del elif else except finally for from global if import in is lambda nonlocal not or pass \
    raise return try while with yield";

/// `namedtuple(typename, field_names, defaults=None)`: the names a string (split at commas
/// and spaces) or an iterable of strings.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let defaults = args.keyword("defaults");
    args.keyword("rename");
    args.keyword("module");
    let given = args.expect("namedtuple", 2, 2)?;
    let name = given[0].to_str();
    let fields: Vec<String> = match &given[1] {
        Value::Str(names) => names
            .replace(',', " ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        names => names.items()?.iter().map(Value::to_str).collect(),
    };
    for candidate in std::iter::once(&name).chain(&fields) {
        if !is_identifier(candidate) {
            return raise(
                ValueError,
                format!(
                    "Type names and field names must be valid identifiers: {}",
                    Value::str(candidate.as_str()).repr()
                ),
            );
        }
        if KEYWORDS
            .split_whitespace()
            .any(|keyword| keyword == candidate)
        {
            return raise(
                ValueError,
                format!(
                    "Type names and field names cannot be a keyword: {}",
                    Value::str(candidate.as_str()).repr()
                ),
            );
        }
    }
    for (at, field) in fields.iter().enumerate() {
        if field.starts_with('_') {
            return raise(
                ValueError,
                format!("Field names cannot start with an underscore: '{field}'"),
            );
        }
        if fields[..at].contains(field) {
            return raise(
                ValueError,
                format!("Encountered duplicate field name: '{field}'"),
            );
        }
    }
    let defaults = match defaults {
        None | Some(Value::None) => Vec::new(),
        Some(defaults) => defaults.items()?,
    };
    if defaults.len() > fields.len() {
        return raise(TypeError, "Got more default values than field names");
    }
    done(Value::Object(Arc::new(NamedTupleClass {
        name: lasting_name(&name),
        fields: fields
            .iter()
            .map(|field| Arc::from(field.as_str()))
            .collect(),
        defaults,
    })))
}

/// Whether `name` is a Python identifier.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first == '_' || first.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// A class's name as `PyObject::type_name` gives names, `'static`: each distinct name is
/// leaked once, so a program making classes in a loop does not grow memory.
fn lasting_name(name: &str) -> &'static str {
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut names = lock(&NAMES);
    if let Some(known) = names.iter().find(|known| **known == name) {
        return known;
    }
    let leaked: &'static str = Box::leak(Box::from(name));
    names.push(leaked);
    leaked
}

impl NamedTupleClass {
    fn fields_tuple(&self) -> Value {
        Value::Tuple(
            self.fields
                .iter()
                .map(|field| Value::Str(Arc::clone(field)))
                .collect(),
        )
    }

    /// The items of a call `Point(1, y=2)`: its arguments by position and by field name, the
    /// defaults for those left out.
    fn bind(&self, args: Args) -> PyResult<Vec<Value>> {
        let callee = format!("{}.__new__", self.name);
        let count = self.fields.len();
        if args.positional.len() > count {
            return raise(
                TypeError,
                format!(
                    "{callee}() takes {} positional arguments but {} were given",
                    count + 1,
                    args.positional.len() + 1
                ),
            );
        }
        let mut slots: Vec<Option<Value>> = args.positional.into_iter().map(Some).collect();
        slots.resize(count, None);
        for (key, value) in args.keywords {
            let Some(at) = self.fields.iter().position(|field| *field == key) else {
                return raise(
                    TypeError,
                    format!("{callee}() got an unexpected keyword argument '{key}'"),
                );
            };
            if slots[at].is_some() {
                return raise(
                    TypeError,
                    format!("{callee}() got multiple values for argument '{key}'"),
                );
            }
            slots[at] = Some(value);
        }
        let first_default = count - self.defaults.len();
        let mut missing = Vec::new();
        let mut items = Vec::with_capacity(count);
        for (at, slot) in slots.into_iter().enumerate() {
            match (slot, at.checked_sub(first_default)) {
                (Some(value), _) => items.push(value),
                (None, Some(default)) => items.push(self.defaults[default].clone()),
                (None, None) => missing.push(&*self.fields[at]),
            }
        }
        if !missing.is_empty() {
            return missing_arguments(&callee, &missing, "positional");
        }
        Ok(items)
    }
}

impl PyObject for NamedTupleClass {
    fn type_def(&self) -> &'static TypeDef {
        &CLASS
    }

    fn repr(&self) -> String {
        format!("<class '__main__.{}'>", self.name)
    }

    fn call(self: Arc<Self>, _: &mut Vm, args: Args) -> PyResult<Invoked> {
        let items = self.bind(args)?;
        done(self.instance(items))
    }
}

/// Whether `value` is a named tuple's class, which a call makes an instance of.
pub fn is_class(value: &Value) -> bool {
    downcast_ref::<NamedTupleClass>(value).is_some()
}
