//! `Counter`, `defaultdict` and `OrderedDict`: dicts with more to them. Each is a native object
//! holding its pairs as a `dict` value holds them, and lending them to one for what it does as
//! a dict (`items()`, `d[k] = v`, `==`): so it is a dict everywhere a program can tell
//! (`isinstance(c, dict)` too) but in `type()`, and in the core's own `match`es on
//! `Value::Dict` (`f(**counter)` and `'%(a)s' % counter` take only a plain dict). What each
//! adds is in `counter.rs`, `default_dict.rs` and `ordered_dict.rs`.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::BinOp;
use super::super::items::{delete_item, get_item, set_item};
use super::super::registry::{downcast_ref, Args, PyObject, TypeDef};
use super::super::value::{equals, unless_recursive, Value};
use super::dict::{self, mapping_pairs, Pairs};
use super::{counter, default_dict, ordered_dict};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub struct DictSubclass {
    pub kind: Kind,
    pub pairs: Pairs,
}

pub enum Kind {
    Counter,
    /// Its `default_factory`: what it calls for a missing key, or `None`.
    DefaultDict(Value),
    OrderedDict,
}

impl DictSubclass {
    pub fn made(kind: Kind, pairs: Vec<(Value, Value)>) -> Value {
        Value::Object(Arc::new(DictSubclass {
            kind,
            pairs: Arc::new(Mutex::new(pairs)),
        }))
    }

    /// Its pairs as a `dict`, shared: what the dict does to them, it does to this.
    pub fn dict(&self) -> Value {
        Value::Dict(Arc::clone(&self.pairs))
    }
}

/// A dict made as `dict(…)` makes one (see `dict::update`).
pub fn made_from(kind: Kind, mut args: Args, name: &str) -> PyResult<Value> {
    let pairs = Pairs::default();
    dict::update(&pairs, &mut args, name)?;
    Ok(Value::Object(Arc::new(DictSubclass { kind, pairs })))
}

/// The attributes a dict subclass inherits: `dict`'s methods (but those it has of its own),
/// bound to its pairs as a `dict`.
pub fn inherited(object: &Value, name: &str) -> Option<Value> {
    let subclass = downcast_ref::<DictSubclass>(object)?;
    if subclass
        .type_def()
        .methods
        .iter()
        .any(|own| own.name == name)
    {
        return None;
    }
    let method = dict::TYPE
        .methods
        .iter()
        .find(|method| method.name == name)?;
    Some(Value::Method(Arc::new((subclass.dict(), method))))
}

impl PyObject for DictSubclass {
    fn type_def(&self) -> &'static TypeDef {
        match self.kind {
            Kind::Counter => &counter::TYPE,
            Kind::DefaultDict(_) => &default_dict::TYPE,
            Kind::OrderedDict => &ordered_dict::TYPE,
        }
    }

    fn repr(&self) -> String {
        unless_recursive(Arc::as_ptr(&self.pairs).cast(), "...", || {
            let pairs = lock(&self.pairs).clone();
            match &self.kind {
                Kind::Counter => counter::repr(pairs),
                Kind::DefaultDict(factory) => format!(
                    "defaultdict({}, {})",
                    factory.repr(),
                    Value::Dict(Arc::new(Mutex::new(pairs))).repr()
                ),
                Kind::OrderedDict => ordered_dict::repr(pairs),
            }
        })
    }

    /// A process gets a copy, as pickling would give it.
    fn for_child_process(&self) -> Option<Value> {
        let Value::Dict(pairs) = self.dict().copied_for_process() else {
            return None;
        };
        let kind = match &self.kind {
            Kind::Counter => Kind::Counter,
            Kind::DefaultDict(factory) => Kind::DefaultDict(factory.clone()),
            Kind::OrderedDict => Kind::OrderedDict,
        };
        Some(Value::Object(Arc::new(DictSubclass { kind, pairs })))
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(self.dict().items())
    }

    fn length(&self) -> Option<usize> {
        Some(lock(&self.pairs).len())
    }

    fn get_item(&self, key: &Value) -> Option<PyResult<Value>> {
        Some(match self.kind {
            Kind::Counter => Ok(counter::count_of(&lock(&self.pairs), key)),
            _ => get_item(&self.dict(), key),
        })
    }

    fn set_item(&self, key: &Value, value: Value) -> Option<PyResult<()>> {
        Some(set_item(&self.dict(), key, value))
    }

    fn delete_item(&self, key: &Value) -> Option<PyResult<()>> {
        let deleted = delete_item(&self.dict(), key);
        Some(match self.kind {
            // `Counter.__delitem__` ignores a missing key.
            Kind::Counter => deleted.or_else(|error| match error.kind {
                KeyError => Ok(()),
                _ => Err(error),
            }),
            _ => deleted,
        })
    }

    fn equals(&self, other: &Value) -> Option<bool> {
        let theirs = mapping_pairs(other)?;
        let ours = lock(&self.pairs).clone();
        let other_kind = downcast_ref::<DictSubclass>(other).map(|other| &other.kind);
        Some(match (&self.kind, other_kind) {
            (Kind::Counter, Some(Kind::Counter)) => counter::equal_counts(&ours, &theirs),
            // Two `OrderedDict`s are equal only in the same order; with a dict, in any.
            (Kind::OrderedDict, Some(Kind::OrderedDict)) => {
                ours.len() == theirs.len()
                    && ours
                        .iter()
                        .zip(&theirs)
                        .all(|((key, value), (other, found))| {
                            equals(key, other) && equals(value, found)
                        })
            }
            _ => equals(
                &Value::Dict(Arc::new(Mutex::new(ours))),
                &Value::Dict(Arc::new(Mutex::new(theirs))),
            ),
        })
    }

    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        match self.kind {
            // Only a counter and a counter add up: this is the left one.
            Kind::Counter if !reflected => {
                // A copy, and no lock held: the other counter may be this one.
                let ours = lock(&self.pairs).clone();
                counter::combine(&ours, op, other)
            }
            _ => None,
        }
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        let name = match self.kind {
            Kind::Counter => "Counter",
            Kind::DefaultDict(_) => "collections.defaultdict",
            Kind::OrderedDict => "collections.OrderedDict",
        };
        Some(raise(TypeError, format!("unhashable type: '{name}'")))
    }

    fn contents(&self) -> Option<Value> {
        Some(self.dict())
    }

    fn base_type(&self) -> Option<&'static str> {
        Some("dict")
    }
}
