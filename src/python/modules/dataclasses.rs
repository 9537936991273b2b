//! `dataclasses`: `@dataclass` (with `eq`, `order`, `repr`, `init`, `frozen`), `field(…)`, `asdict`,
//! `astuple`, `replace` and `is_dataclass`. The class is made again with its fields (see
//! `types/dataclass.rs`), read from its annotations in order, after its bases' fields.

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, Args, ModuleDef, Native};
use super::super::types::dataclass::{Dataclass, Field, FieldSpec};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "dataclasses",
    functions: &[
        native("dataclass", |_, mut args| {
            let options = Options::from(&mut args)?;
            match args.positional.first() {
                Some(class) => done(make(class, &options)?),
                // `@dataclass(order=True)`: the options wait in the decorator.
                None => done(Value::Method(Arc::new((options.as_value(), &DECORATE)))),
            }
        }),
        native("field", field),
        native("asdict", |_, args| {
            let instance = &args.expect("asdict", 1, 1)?[0];
            let pairs = fields_of(instance)?
                .into_iter()
                .map(|(name, value)| (Value::Str(name), value))
                .collect();
            done(Value::Dict(Arc::new(std::sync::Mutex::new(pairs))))
        }),
        native("astuple", |_, args| {
            let instance = &args.expect("astuple", 1, 1)?[0];
            let values: Vec<Value> = fields_of(instance)?
                .into_iter()
                .map(|(_, value)| value)
                .collect();
            done(Value::Tuple(values.into()))
        }),
        // `replace(instance, **changes)`: a new instance, made by the class from the fields
        // `__init__` takes, as they are but for the changes.
        native("replace", |vm, mut args| {
            let changes = std::mem::take(&mut args.keywords);
            let instance = args.expect("replace", 1, 1)?[0].clone();
            let (Value::Instance(of), Ok(fields)) = (&instance, fields_of(&instance)) else {
                return raise(
                    TypeError,
                    "replace() should be called on dataclass instances",
                );
            };
            let specs = of
                .class
                .dataclass
                .as_ref()
                .map_or(&[][..], |d| &d.fields[..]);
            let mut keywords: Vec<(Arc<str>, Value)> = fields
                .into_iter()
                .zip(specs)
                .filter(|(_, spec)| spec.init)
                .map(|(field, _)| field)
                .filter(|(name, _)| !changes.iter().any(|(changed, _)| changed == name))
                .collect();
            keywords.extend(changes);
            let class = Value::Class(Arc::clone(&of.class));
            vm.invoke(
                &class,
                Args {
                    keywords,
                    ..Args::default()
                },
            )
        }),
        native("is_dataclass", |_, args| {
            let value = &args.expect("is_dataclass", 1, 1)?[0];
            let class = match value {
                Value::Class(class) => Some(class),
                Value::Instance(instance) => Some(&instance.class),
                _ => None,
            };
            done(Value::Bool(
                class.is_some_and(|class| class.dataclass.is_some()),
            ))
        }),
    ],
    exceptions: &[ExceptionKind::FrozenInstanceError],
    constants: &[],
    submodules: &[],
};

struct Options {
    init: bool,
    repr: bool,
    eq: bool,
    order: bool,
    frozen: bool,
}

impl Options {
    fn from(args: &mut Args) -> PyResult<Options> {
        let mut flag = |name: &str, default: bool| {
            args.keyword(name)
                .map_or(default, |value| value.is_truthy())
        };
        let options = Options {
            init: flag("init", true),
            repr: flag("repr", true),
            eq: flag("eq", true),
            order: flag("order", false),
            frozen: flag("frozen", false),
        };
        for ignored in ["unsafe_hash", "match_args", "kw_only", "slots"] {
            args.keyword(ignored);
        }
        if options.order && !options.eq {
            return raise(ValueError, "eq must be true if order is true");
        }
        args.no_more_keywords("dataclass")?;
        Ok(options)
    }

    fn as_value(&self) -> Value {
        let flags = [self.init, self.repr, self.eq, self.order, self.frozen].map(Value::Bool);
        Value::Tuple(flags.into())
    }

    fn of_value(value: &Value) -> Options {
        let flag = |at: usize| matches!(value, Value::Tuple(flags) if flags.get(at).is_some_and(Value::is_truthy));
        Options {
            init: flag(0),
            repr: flag(1),
            eq: flag(2),
            order: flag(3),
            frozen: flag(4),
        }
    }
}

static DECORATE: Native = native("dataclass", |_, args| {
    let class = &args.expect("dataclass", 1, 1)?[0];
    done(make(class, &Options::of_value(&args.receiver))?)
});

/// The dataclass made of `class`: its bases' fields, then its own annotated names.
fn make(class: &Value, options: &Options) -> PyResult<Value> {
    let Value::Class(class) = class else {
        return raise(
            TypeError,
            format!(
                "dataclass() should be called on a class, not {}",
                class.repr()
            ),
        );
    };
    let mut fields: Vec<FieldSpec> = class
        .ancestors()
        .iter()
        .rev()
        .filter_map(|ancestor| ancestor.dataclass.as_ref())
        .flat_map(|dataclass| dataclass.fields.iter().cloned())
        .collect();
    let namespace = class.own_namespace();
    let annotations = namespace
        .iter()
        .find(|(name, _)| &**name == "__annotations__")
        .map(|(_, annotations)| annotations.items())
        .transpose()?
        .unwrap_or_default();
    let mut class_values = Vec::new();
    for name in annotations {
        let name: Arc<str> = name.to_str().into();
        let declared = namespace
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.clone());
        let mut spec = match declared.as_ref().and_then(downcast::<Field>) {
            Some(field) => FieldSpec {
                name: Arc::clone(&name),
                ..field.0.clone()
            },
            None => FieldSpec {
                name: Arc::clone(&name),
                default: declared,
                factory: None,
                init: true,
                repr: true,
                compare: true,
            },
        };
        if !options.init {
            spec.init = false;
        }
        // The class attribute is the default (a `field()` leaves the default, or nothing).
        class_values.push((Arc::clone(&name), spec.default.clone().unwrap_or_default()));
        match fields.iter_mut().find(|field| field.name == name) {
            Some(inherited) => *inherited = spec,
            None => fields.push(spec),
        }
    }
    let mut seen_default = false;
    for field in fields.iter().filter(|field| field.init) {
        let has_default = field.default.is_some() || field.factory.is_some();
        if seen_default && !has_default {
            return raise(
                TypeError,
                format!(
                    "non-default argument '{}' follows default argument",
                    field.name
                ),
            );
        }
        seen_default |= has_default;
    }
    if !options.repr {
        fields.iter_mut().for_each(|field| field.repr = false);
    }
    let dataclass = Dataclass {
        fields,
        eq: options.eq,
        order: options.order,
        frozen: options.frozen,
    };
    let additions = class_values
        .into_iter()
        .filter(|(_, value)| !matches!(value, Value::None))
        .collect();
    Ok(class.extended(additions, Some(dataclass)))
}

/// `field(*, default, default_factory, init=True, repr=True, compare=True)`.
fn field(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let default = args.keyword("default");
    let factory = args.keyword("default_factory");
    let mut flag = |name: &str| args.keyword(name).is_none_or(|value| value.is_truthy());
    let (init, repr, compare) = (flag("init"), flag("repr"), flag("compare"));
    args.keyword("hash");
    args.keyword("metadata");
    args.keyword("kw_only");
    args.expect("field", 0, 0)?;
    if default.is_some() && factory.is_some() {
        return raise(
            ValueError,
            "cannot specify both default and default_factory",
        );
    }
    done(Value::Object(Arc::new(Field(FieldSpec {
        name: "".into(),
        default,
        factory,
        init,
        repr,
        compare,
    }))))
}

/// A dataclass instance's fields with their values, in order.
fn fields_of(instance: &Value) -> PyResult<Vec<(Arc<str>, Value)>> {
    let Value::Instance(instance) = instance else {
        return raise(
            TypeError,
            "asdict() should be called on dataclass instances",
        );
    };
    let Some(dataclass) = &instance.class.dataclass else {
        return raise(
            TypeError,
            "asdict() should be called on dataclass instances",
        );
    };
    Ok(dataclass
        .fields
        .iter()
        .map(|field| {
            let value = instance.attribute(&field.name).unwrap_or_default();
            (Arc::clone(&field.name), value)
        })
        .collect())
}
