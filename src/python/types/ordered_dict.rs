//! `collections.OrderedDict`: a dict (see `dict_subclass.rs`) whose order a program moves
//! (`move_to_end`) and takes from either end (`popitem`); two of them are equal only in the
//! same order.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, TypeDef};
use super::super::value::{equals, Value};
use super::super::vm::{Invoked, Vm};
use super::dict_subclass::{inherited, made_from, DictSubclass, Kind};
use crate::event::lock;

pub static TYPE: TypeDef = TypeDef {
    name: "OrderedDict",
    methods: &[
        native("move_to_end", move_to_end),
        native("popitem", popitem),
    ],
    attribute: inherited,
};

/// `OrderedDict(mapping_or_iterable, **pairs)`.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    done(made_from(Kind::OrderedDict, args, "OrderedDict")?)
}

/// `last=True`, by keyword or after the method's other arguments.
fn last_argument(args: &mut Args, name: &str, before: usize) -> PyResult<(Vec<Value>, bool)> {
    let keyword = args.keyword("last");
    let given = args.expect(name, before, before + 1)?.to_vec();
    let last = keyword
        .as_ref()
        .or(given.get(before))
        .is_none_or(Value::is_truthy);
    Ok((given, last))
}

/// `move_to_end(key, last=True)`: to the end, or the start.
fn move_to_end(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (given, last) = last_argument(&mut args, "move_to_end", 1)?;
    let this = args.this::<DictSubclass>()?;
    let mut pairs = lock(&this.pairs);
    let Some(at) = pairs.iter().position(|(key, _)| equals(key, &given[0])) else {
        return Err(Exception::key_error(&given[0]));
    };
    let pair = pairs.remove(at);
    match last {
        true => pairs.push(pair),
        false => pairs.insert(0, pair),
    }
    done(Value::None)
}

/// `popitem(last=True)`: the last pair (or the first), taken out.
fn popitem(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (_, last) = last_argument(&mut args, "popitem", 0)?;
    let this = args.this::<DictSubclass>()?;
    let mut pairs = lock(&this.pairs);
    if pairs.is_empty() {
        return raise(KeyError, "'dictionary is empty'");
    }
    let (key, value) = match last {
        true => pairs.pop().unwrap_or_default(),
        false => pairs.remove(0),
    };
    done(Value::Tuple([key, value].into()))
}

/// `repr(ordered)`: `OrderedDict([('a', 1), ('b', 2)])`, as CPython 3.11 prints it.
pub fn repr(pairs: Vec<(Value, Value)>) -> String {
    if pairs.is_empty() {
        return "OrderedDict()".into();
    }
    let pairs = pairs
        .into_iter()
        .map(|(key, value)| Value::Tuple([key, value].into()))
        .collect();
    format!("OrderedDict({})", Value::list(pairs).repr())
}
