//! `@dataclass`: a class whose annotated names are its fields. Its instances are made, printed
//! and compared natively from the fields (CPython generates `__init__`, `__repr__`, `__eq__`
//! and, with `order=True`, `__lt__`… that do the same), so they also sort and go in a
//! `PriorityQueue` without calling back into Python.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::hash::Hashing;
use super::super::ir::Name;
use super::super::registry::{done, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::class::{store_attribute, Instance, PyClass};
use std::sync::Arc;

#[derive(Debug)]
pub struct Dataclass {
    pub fields: Vec<FieldSpec>,
    pub eq: bool,
    pub order: bool,
    /// Its fields cannot be set after `__init__`, and it hashes by them.
    pub frozen: bool,
}

impl Dataclass {
    /// How its instances hash, as CPython's `@dataclass` sets `__hash__`: by the fields if
    /// frozen, not at all if they compare by them but may change; a class's own `__hash__`
    /// (or `__eq__`) decides before this.
    pub fn hashing(&self) -> Option<Hashing> {
        match (self.eq, self.frozen) {
            (true, true) => Some(Hashing::Fields),
            (true, false) => Some(Hashing::Unhashable),
            (false, _) => None,
        }
    }

    /// The values of the fields that take part in comparisons, as a tuple.
    pub fn key(&self, instance: &Instance) -> Value {
        let values: Vec<Value> = self
            .fields
            .iter()
            .filter(|field| field.compare)
            .map(|field| instance.attribute(&field.name).unwrap_or_default())
            .collect();
        Value::Tuple(values.into())
    }
}

/// A field: its name, its default (or a factory that makes it), and where it takes part.
#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub name: Name,
    pub default: Option<Value>,
    pub factory: Option<Value>,
    pub init: bool,
    pub repr: bool,
    pub compare: bool,
}

/// What `dataclasses.field(…)` gives, in the class body, until `@dataclass` reads it.
#[derive(Debug)]
pub struct Field(pub FieldSpec);

static FIELD: TypeDef = TypeDef {
    name: "Field",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

impl PyObject for Field {
    fn type_def(&self) -> &'static TypeDef {
        &FIELD
    }
}

impl Dataclass {
    /// The fields `__init__` takes, in order.
    fn init_fields(&self) -> impl Iterator<Item = &FieldSpec> {
        self.fields.iter().filter(|field| field.init)
    }
}

/// `ClassName(args…)` of a dataclass without an `__init__` of its own: each field from its
/// argument, its default or its factory; then `__post_init__` if the class has one.
pub fn init(
    vm: &mut Vm,
    class: &Arc<PyClass>,
    instance: Value,
    mut args: Args,
) -> PyResult<Invoked> {
    let Some(dataclass) = class.dataclass.clone() else {
        return done(instance);
    };
    let callee = format!("{}.__init__", class.name);
    let fields: Vec<&FieldSpec> = dataclass.init_fields().collect();
    if args.positional.len() > fields.len() {
        let required = fields
            .iter()
            .filter(|field| field.default.is_none() && field.factory.is_none())
            .count();
        let takes = if required == fields.len() {
            (fields.len() + 1).to_string()
        } else {
            format!("from {} to {}", required + 1, fields.len() + 1)
        };
        return raise(
            TypeError,
            format!(
                "{callee}() takes {takes} positional arguments but {} were given",
                args.positional.len() + 1
            ),
        );
    }
    let mut positional = std::mem::take(&mut args.positional).into_iter();
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for field in &fields {
        let given = positional.next();
        let keyword = args.keyword(&field.name);
        if given.is_some() && keyword.is_some() {
            return raise(
                TypeError,
                format!(
                    "{callee}() got multiple values for argument '{}'",
                    field.name
                ),
            );
        }
        match given.or(keyword) {
            Some(value) => values.push((field.name.clone(), Source::Value(value))),
            None => match (&field.default, &field.factory) {
                (Some(default), _) => {
                    values.push((field.name.clone(), Source::Value(default.clone())))
                }
                (None, Some(factory)) => {
                    values.push((field.name.clone(), Source::Factory(factory.clone())))
                }
                (None, None) => missing.push(format!("'{}'", field.name)),
            },
        }
    }
    if let Some((key, _)) = args.keywords.first() {
        return raise(
            TypeError,
            format!("{callee}() got an unexpected keyword argument '{key}'"),
        );
    }
    if !missing.is_empty() {
        let plural = if missing.len() == 1 { "" } else { "s" };
        let listed = match missing.as_slice() {
            [one] => one.clone(),
            [first, last] => format!("{first} and {last}"),
            [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
            [] => String::new(),
        };
        return raise(
            TypeError,
            format!(
                "{callee}() missing {} required positional argument{plural}: {listed}",
                missing.len()
            ),
        );
    }
    // Fields not in `__init__` still get their default.
    for field in dataclass.fields.iter().filter(|field| !field.init) {
        match (&field.default, &field.factory) {
            (Some(default), _) => values.push((field.name.clone(), Source::Value(default.clone()))),
            (None, Some(factory)) => {
                values.push((field.name.clone(), Source::Factory(factory.clone())))
            }
            (None, None) => {}
        }
    }
    let post_init = class.lookup("__post_init__");
    assign(vm, instance, values.into_iter(), post_init)
}

enum Source {
    Value(Value),
    Factory(Value),
}

/// Sets each field in turn (a factory is called, which may be Python code), then calls
/// `__post_init__`.
fn assign(
    vm: &mut Vm,
    instance: Value,
    mut values: std::vec::IntoIter<(Name, Source)>,
    post_init: Option<Value>,
) -> PyResult<Invoked> {
    while let Some((name, source)) = values.next() {
        match source {
            Source::Value(value) => store_attribute(&instance, &name, value)?,
            Source::Factory(factory) => {
                let made = vm.invoke(&factory, Args::default())?;
                return vm.then_after(
                    made,
                    Then::new(move |vm, value| {
                        store_attribute(&instance, &name, value)?;
                        assign(vm, instance, values, post_init)
                    }),
                );
            }
        }
    }
    match post_init {
        Some(post_init) => {
            let called = vm.invoke(&post_init, Args::new(vec![instance.clone()]))?;
            vm.then_after(called, Then::new(move |_, _| done(instance)))
        }
        None => done(instance),
    }
}

/// `ClassName(x=1, y=2)`, of the fields shown.
pub fn repr(instance: &Instance, dataclass: &Dataclass) -> String {
    let fields: Vec<String> = dataclass
        .fields
        .iter()
        .filter(|field| field.repr)
        .map(|field| {
            let value = instance.attribute(&field.name).unwrap_or_default();
            format!("{}={}", field.name, value.repr())
        })
        .collect();
    format!("{}({})", instance.class.name, fields.join(", "))
}

/// What `==` (and with `order=True`, `<`) compares: the tuple of the compared fields, for two
/// instances of the same dataclass.
pub fn compared(a: &Value, b: &Value, ordering: bool) -> Option<(Value, Value)> {
    let (Value::Instance(a), Value::Instance(b)) = (a, b) else {
        return None;
    };
    let dataclass = a.class.dataclass.as_ref()?;
    let usable = if ordering {
        dataclass.order
    } else {
        dataclass.eq
    };
    if !usable || !Arc::ptr_eq(&a.class, &b.class) {
        return None;
    }
    Some((dataclass.key(a), dataclass.key(b)))
}
