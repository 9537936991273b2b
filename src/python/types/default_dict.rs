//! `collections.defaultdict`: a dict (see `dict_subclass.rs`) that makes the value of a missing
//! key by calling its `default_factory` (`list`, `int`, a lambda…), keeps it and gives it. The
//! factory may be Python code, so `d[key]` on one runs outside the instruction loop (see
//! `vm/operators.rs`), the call a callback.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::modules::builtins::is_callable;
use super::super::registry::{done, downcast_ref, Args, TypeDef};
use super::super::value::{check_len, equals, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::dict_subclass::{inherited, made_from, DictSubclass, Kind};
use crate::event::lock;
use std::sync::Arc;

pub static TYPE: TypeDef = TypeDef {
    name: "defaultdict",
    methods: &[],
    attribute: |object, name| match (downcast_ref::<DictSubclass>(object), name) {
        (
            Some(DictSubclass {
                kind: Kind::DefaultDict(factory),
                ..
            }),
            "default_factory",
        ) => Some(factory.clone()),
        _ => inherited(object, name),
    },
};

/// `defaultdict(default_factory=None, mapping_or_iterable, **pairs)`.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let factory = match args.positional.is_empty() {
        true => Value::None,
        false => args.positional.remove(0),
    };
    if !matches!(factory, Value::None) && !is_callable(&factory) {
        return raise(TypeError, "first argument must be callable or None");
    }
    done(made_from(Kind::DefaultDict(factory), args, "defaultdict")?)
}

/// The factory of a defaultdict that has one: `d[key]` on it may call it.
fn factory_of(value: &Value) -> Option<&Value> {
    match downcast_ref::<DictSubclass>(value)? {
        DictSubclass {
            kind: Kind::DefaultDict(factory),
            ..
        } if !matches!(factory, Value::None) => Some(factory),
        _ => None,
    }
}

/// Whether `d[key]` on `value` may call a factory.
#[inline]
pub fn has_factory(value: &Value) -> bool {
    factory_of(value).is_some()
}

/// `d[key]` for a key that defaultdict `d` lacks: the factory's call, whose result is kept
/// under `key`. If another thread kept a value there meanwhile, that one is given instead, so
/// no thread's appends to it are lost. `None` if `d` has the key, or no factory.
pub fn missing(object: &Value, key: &Value) -> Option<Invoked> {
    let factory = factory_of(object)?.clone();
    let subclass = downcast_ref::<DictSubclass>(object)?;
    if lock(&subclass.pairs)
        .iter()
        .any(|(known, _)| equals(known, key))
    {
        return None;
    }
    let pairs = Arc::clone(&subclass.pairs);
    let key = key.clone();
    let keep = Then::new(move |_, made| {
        let mut pairs = lock(&pairs);
        if let Some((_, kept)) = pairs.iter().find(|(known, _)| equals(known, &key)) {
            return done(kept.clone());
        }
        check_len(pairs.len() + 1)?;
        pairs.push((key, made.clone()));
        done(made)
    });
    Some(Invoked::CallThen(factory, Args::default(), keep))
}
