//! Sets and dicts find their keys natively, by hash and `==`; an instance whose class has its
//! own `__hash__` (and `__eq__`) answers both with Python code. So before a set or a dict takes
//! such a key, the VM calls its `__hash__` (the instance remembers what it gave, for the
//! native lookup) and compares it with the keys there of the same hash, as CPython's lookup
//! does; a key found equal takes its place in the native operation, which then finds it by
//! identity: `in` is true, a set keeps the item it had, and a dict its first key.

use super::super::code::Op;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::hash::{py_hash, Hashing};
use super::super::ir::CmpOp;
use super::super::items::{delete_item, set_item};
use super::super::registry::{Args, Native};
use super::super::types::class::Instance;
use super::super::types::{dict, set};
use super::super::value::{same_object, Value};
use super::operators::{compare, has_operators};
use super::{Invoked, Then, Vm};
use crate::event::lock;
use std::sync::Arc;

type Finish = Box<dyn FnOnce(&mut Vm, Vec<Value>) -> PyResult<Invoked> + Send>;

/// Whether `value` is, or a tuple holds, an instance hashed by its class's `__hash__`.
pub fn involved(value: &Value) -> bool {
    match value {
        Value::Instance(instance) => instance.class.hashing == Hashing::Method,
        Value::Tuple(items) => items.iter().any(involved),
        _ => false,
    }
}

/// The keys of a set or a dict (a dict subclass too).
fn keys_of(container: &Value) -> Option<Vec<Value>> {
    match container {
        Value::Set(set) => Some(lock(&set.table).items()),
        Value::Dict(pairs) => Some(lock(pairs).iter().map(|(key, _)| key.clone()).collect()),
        Value::Object(object) if object.base_type() == Some("dict") => keys_of(&object.contents()?),
        _ => None,
    }
}

/// `then` with `key`, or with the key of `container` equal to it.
pub fn with_key(
    vm: &mut Vm,
    container: &Value,
    key: Value,
    then: impl FnOnce(&mut Vm, Value) -> PyResult<Invoked> + Send + 'static,
) -> PyResult<Invoked> {
    match keys_of(container) {
        Some(known) if involved(&key) => {
            let finish =
                move |vm: &mut Vm, mut keys: Vec<Value>| then(vm, keys.pop().unwrap_or_default());
            resolve(vm, known, vec![key], Box::new(finish))
        }
        _ => then(vm, key),
    }
}

/// Whether a set or dict display, a comprehension's item or a `del d[key]` has such a key: it
/// then runs outside the instruction loop, in `keyed_op`.
pub fn keyed(stack: &[Value], op: Op) -> bool {
    let top = |count: usize| &stack[stack.len().saturating_sub(count)..];
    match op {
        Op::BuildSet(count) => top(count as usize).iter().any(involved),
        Op::BuildDict(count) => top(2 * count as usize).iter().step_by(2).any(involved),
        Op::SetAdd => top(1).iter().any(involved),
        Op::DictAdd => top(2).first().is_some_and(involved),
        Op::DeleteItem => top(1).iter().any(involved),
        _ => false,
    }
}

/// One of those instructions, its keys resolved first.
pub fn keyed_op(vm: &mut Vm, op: Op) -> PyResult<Invoked> {
    let Some(frame) = vm.thread.frames.last_mut() else {
        return raise(RuntimeError, "a display lost its frame");
    };
    let stack = &mut frame.stack;
    let mut pop = || stack.pop().unwrap_or_default();
    match op {
        Op::BuildSet(count) => {
            let items = stack.split_off(stack.len().saturating_sub(count as usize));
            let build = |_: &mut Vm, items| set::built(items).map(Invoked::Value);
            resolve(vm, Vec::new(), items, Box::new(build))
        }
        Op::BuildDict(count) => {
            let flat = stack.split_off(stack.len().saturating_sub(2 * count as usize));
            let (keys, values): (Vec<_>, Vec<_>) = flat
                .chunks(2)
                .map(|pair| (pair[0].clone(), pair[1].clone()))
                .unzip();
            let build = move |_: &mut Vm, keys: Vec<_>| {
                dict::built(keys.into_iter().zip(values)).map(Invoked::Value)
            };
            resolve(vm, Vec::new(), keys, Box::new(build))
        }
        Op::SetAdd => {
            let item = pop();
            let set = stack.last().cloned().unwrap_or_default();
            with_key(vm, &set.clone(), item, move |_, item| {
                match &set {
                    Value::Set(set) => lock(&set.table).add(item)?,
                    _ => return raise(RuntimeError, "a comprehension lost its set"),
                };
                Ok(Invoked::Switched)
            })
        }
        Op::DictAdd => {
            let value = pop();
            let key = pop();
            let dict = stack.last().cloned().unwrap_or_default();
            with_key(vm, &dict.clone(), key, move |_, key| {
                set_item(&dict, &key, value)?;
                Ok(Invoked::Switched)
            })
        }
        Op::DeleteItem => {
            let index = pop();
            let object = pop();
            with_key(vm, &object.clone(), index, move |_, index| {
                delete_item(&object, &index)?;
                Ok(Invoked::Switched)
            })
        }
        other => raise(RuntimeError, format!("{other:?} takes no keys")),
    }
}

/// Methods of sets and dicts whose first argument is a key; a set's other methods take
/// iterables of keys.
const KEY_METHODS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "get",
    "pop",
    "setdefault",
    "__contains__",
];

/// Where a native call's keys are: an argument that is one, or one whose items are.
enum Place {
    Key(usize),
    Items(usize, usize),
}

/// Calls a native function or method, resolving first the keys of a call that hashes them
/// (`s.add(x)`, `d.get(x)`, `set(items)`, `hash(x)`).
pub fn call_native(
    vm: &mut Vm,
    receiver: Value,
    native: &'static Native,
    mut args: Args,
) -> PyResult<Invoked> {
    let Some((known, places, keys)) = places(&receiver, native, &args) else {
        args.receiver = receiver;
        return (native.call)(vm, args);
    };
    let call = move |vm: &mut Vm, keys: Vec<Value>| {
        let mut keys = keys.into_iter();
        for place in places {
            match place {
                Place::Key(at) => args.positional[at] = keys.next().unwrap_or_default(),
                Place::Items(at, count) => {
                    args.positional[at] = Value::list(keys.by_ref().take(count).collect());
                }
            }
        }
        args.receiver = receiver;
        (native.call)(vm, args)
    };
    resolve(vm, known, keys, Box::new(call))
}

/// The keys a call looks up, the keys it looks them up among, and where they are in `args`;
/// `None` if none of them runs Python code to hash.
fn places(
    receiver: &Value,
    native: &Native,
    args: &Args,
) -> Option<(Vec<Value>, Vec<Place>, Vec<Value>)> {
    let positional = &args.positional;
    let items_at = |at: usize| match &positional[at] {
        Value::List(items) => Some(lock(items).clone()),
        Value::Tuple(items) => Some(items.to_vec()),
        _ => None,
    };
    let (known, wanted) = match (receiver, native.name) {
        (Value::None, "hash") => (Vec::new(), vec![Place::Key(0)]),
        (Value::None, "set" | "frozenset") => (Vec::new(), vec![Place::Items(0, 0)]),
        (Value::None, _) => return None,
        (receiver, name) if KEY_METHODS.contains(&name) => {
            (keys_of(receiver)?, vec![Place::Key(0)])
        }
        (receiver, _) => {
            let places = (0..positional.len())
                .map(|at| Place::Items(at, 0))
                .collect();
            (keys_of(receiver)?, places)
        }
    };
    let mut places = Vec::new();
    let mut keys = Vec::new();
    for place in wanted {
        match place {
            Place::Key(at) if at < positional.len() => {
                keys.push(positional[at].clone());
                places.push(place);
            }
            Place::Items(at, _) if at < positional.len() => {
                if let Some(items) = items_at(at) {
                    places.push(Place::Items(at, items.len()));
                    keys.extend(items);
                }
            }
            _ => {}
        }
    }
    keys.iter().any(involved).then_some((known, places, keys))
}

/// `keys` looked up one after another among `known` and the keys before them: each key, or
/// the one found equal to it, goes to `finish`.
fn resolve(vm: &mut Vm, known: Vec<Value>, keys: Vec<Value>, finish: Finish) -> PyResult<Invoked> {
    let state = Resolving {
        known,
        keys: keys.into_iter(),
        resolved: Vec::new(),
        current: None,
        unhashed: Vec::new(),
        candidates: None,
        asked: None,
        finish,
    };
    run(vm, state)
}

/// Python code a lookup waits for.
enum Ask {
    /// An instance's `__hash__`.
    Hash(Arc<Instance>),
    /// `known == key`.
    Equal(Value, Value),
}

struct Resolving {
    known: Vec<Value>,
    keys: std::vec::IntoIter<Value>,
    resolved: Vec<Value>,
    /// The key being looked up, the instances in it whose `__hash__` is still to call (the
    /// next last), and the keys of its hash it is still to be compared with.
    current: Option<Value>,
    unhashed: Vec<Arc<Instance>>,
    candidates: Option<std::vec::IntoIter<Value>>,
    asked: Option<Ask>,
    finish: Finish,
}

impl Resolving {
    /// The next question; `None` once every key is resolved.
    fn next(&mut self) -> PyResult<Option<Ask>> {
        loop {
            let Some(key) = &self.current else {
                let Some(key) = self.keys.next() else {
                    return Ok(None);
                };
                self.unhashed = hashed_by_method(&key);
                self.unhashed.reverse();
                self.current = Some(key);
                continue;
            };
            if let Some(instance) = self.unhashed.pop() {
                return Ok(Some(Ask::Hash(instance)));
            }
            if self.candidates.is_none() {
                let hash = py_hash(key)?;
                let same_hash: Vec<Value> = self
                    .known
                    .iter()
                    .chain(&self.resolved)
                    .filter(|known| {
                        !same_object(known, key)
                            && (has_operators(known) || has_operators(key))
                            && py_hash(known).ok() == Some(hash)
                    })
                    .cloned()
                    .collect();
                self.candidates = Some(same_hash.into_iter());
            }
            if let Some(known) = self.candidates.as_mut().and_then(Iterator::next) {
                return Ok(Some(Ask::Equal(known, key.clone())));
            }
            self.candidates = None;
            if let Some(key) = self.current.take() {
                self.resolved.push(key);
            }
        }
    }

    fn answer(&mut self, value: Value) -> PyResult<()> {
        match self.asked.take() {
            Some(Ask::Hash(instance)) => {
                let hash = match value {
                    // CPython takes the int as it is if it fits, and hashes it if not.
                    Value::Int(int) => i64::try_from(int).or_else(|_| py_hash(&value))?,
                    Value::Bool(truth) => i64::from(truth),
                    _ => return raise(TypeError, "__hash__ method should return an integer"),
                };
                instance.remember_hash(if hash == -1 { -2 } else { hash });
            }
            Some(Ask::Equal(known, _)) if value.is_truthy() => {
                self.current = Some(known);
                self.candidates = Some(Vec::new().into_iter());
            }
            _ => {}
        }
        Ok(())
    }
}

/// The instances `key` is or holds (in tuples) whose class hashes them with `__hash__`.
fn hashed_by_method(key: &Value) -> Vec<Arc<Instance>> {
    match key {
        Value::Instance(instance) if instance.class.hashing == Hashing::Method => {
            vec![Arc::clone(instance)]
        }
        Value::Tuple(items) => items.iter().flat_map(hashed_by_method).collect(),
        _ => Vec::new(),
    }
}

/// Asks `state`'s questions in turn, going on at once when an answer needs no Python code.
fn run(vm: &mut Vm, mut state: Resolving) -> PyResult<Invoked> {
    loop {
        let Some(asked) = state.next()? else {
            return (state.finish)(vm, state.resolved);
        };
        let invoked = match &asked {
            Ask::Hash(instance) => {
                let method = instance.class.lookup("__hash__").unwrap_or_default();
                vm.invoke(
                    &method,
                    Args::new(vec![Value::Instance(Arc::clone(instance))]),
                )?
            }
            Ask::Equal(known, key) => compare(vm, CmpOp::Eq, known.clone(), key.clone())?,
        };
        state.asked = Some(asked);
        match invoked {
            Invoked::Value(value) => state.answer(value)?,
            pending => {
                let then = Then::new(move |vm, value| {
                    state.answer(value)?;
                    run(vm, state)
                });
                return vm.then_after(pending, then);
            }
        }
    }
}
