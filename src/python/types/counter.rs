//! `collections.Counter`: a dict of counts (see `dict_subclass.rs`), whose missing keys count
//! 0. It prints, and `most_common` lists, its pairs by count, largest first, pairs of equal
//! counts in the order their keys were first counted (as CPython's stable sort leaves them).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::hash::py_hash;
use super::super::ir::BinOp;
use super::super::items::sort_by_key;
use super::super::registry::{done, downcast_ref, native, Args, TypeDef};
use super::super::value::{as_int, binary, check_len, equals, order, to_index, Value};
use super::super::vm::{Invoked, Vm};
use super::dict::{mapping_pairs, Pairs};
use super::dict_subclass::{inherited, DictSubclass, Kind};
use super::lazy::Lazy;
use crate::event::lock;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Counter",
    methods: &[
        native("most_common", most_common),
        native("update", |_, args| {
            let counter = this(&args)?;
            count_arguments(&counter.pairs, args, "update", BinOp::Add)?;
            done(Value::None)
        }),
        native("subtract", |_, args| {
            let counter = this(&args)?;
            count_arguments(&counter.pairs, args, "subtract", BinOp::Sub)?;
            done(Value::None)
        }),
        native("elements", elements),
        native("total", |_, args| {
            args.expect("total", 0, 0)?;
            let pairs = lock(&this(&args)?.pairs).clone();
            let total = pairs.iter().try_fold(Value::Int(0), |total, (_, count)| {
                binary(BinOp::Add, &total, count)
            })?;
            done(total)
        }),
    ],
    attribute: inherited,
};

fn this(args: &Args) -> PyResult<Arc<DictSubclass>> {
    args.this::<DictSubclass>()
}

/// `Counter(iterable=None, **counts)`.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let counter = DictSubclass {
        kind: Kind::Counter,
        pairs: Arc::default(),
    };
    count_arguments(&counter.pairs, args, "Counter", BinOp::Add)?;
    done(Value::Object(Arc::new(counter)))
}

/// The count of `key`: 0 if it has none.
pub fn count_of(pairs: &[(Value, Value)], key: &Value) -> Value {
    pairs
        .iter()
        .find(|(known, _)| equals(known, key))
        .map_or(Value::Int(0), |(_, count)| count.clone())
}

/// `Counter(…)`, `update(…)` and `subtract(…)` (`sign` `Sub`): an iterable's items or a
/// mapping's counts, then the keyword arguments' counts.
fn count_arguments(pairs: &Pairs, mut args: Args, name: &str, sign: BinOp) -> PyResult<()> {
    let keywords = std::mem::take(&mut args.keywords);
    if let Some(source) = args.expect(name, 0, 1)?.first() {
        match mapping_pairs(source) {
            Some(mapping) => count_mapping(pairs, mapping, sign)?,
            None => count_items(&mut lock(pairs), source.items()?, sign)?,
        }
    }
    let keywords = keywords
        .into_iter()
        .map(|(key, count)| (Value::Str(key), count))
        .collect();
    count_mapping(pairs, keywords, sign)
}

/// Adds a mapping's counts (or subtracts them). Into an empty counter they are copied as they
/// are, as CPython's `update` copies them (so counts that are not numbers are kept).
fn count_mapping(pairs: &Pairs, mapping: Vec<(Value, Value)>, sign: BinOp) -> PyResult<()> {
    let mut pairs = lock(pairs);
    let copy = sign == BinOp::Add && pairs.is_empty();
    for (key, count) in mapping {
        let count = match (copy, sign) {
            (true, _) => count,
            (false, BinOp::Add) => binary(BinOp::Add, &count, &count_of(&pairs, &key))?,
            (false, _) => binary(BinOp::Sub, &count_of(&pairs, &key), &count)?,
        };
        match pairs.iter_mut().find(|(known, _)| equals(known, &key)) {
            Some((_, slot)) => *slot = count,
            None => {
                check_len(pairs.len() + 1)?;
                pairs.push((key, count));
            }
        }
    }
    Ok(())
}

/// Counts each item once (or takes one off). A key is found through its hash rather than by
/// comparing it with every key, as a dict's lookup does: counting a text's words takes one
/// pass over them, not one per word.
fn count_items(pairs: &mut Vec<(Value, Value)>, items: Vec<Value>, sign: BinOp) -> PyResult<()> {
    let mut slots: HashMap<i64, Vec<usize>> = HashMap::new();
    for (at, (key, _)) in pairs.iter().enumerate() {
        slots.entry(py_hash(key)?).or_default().push(at);
    }
    let one = Value::Int(1);
    for item in items {
        let same_hash = slots.entry(py_hash(&item)?).or_default();
        match same_hash.iter().find(|&&at| equals(&pairs[at].0, &item)) {
            Some(&at) => pairs[at].1 = binary(sign, &pairs[at].1, &one)?,
            None => {
                check_len(pairs.len() + 1)?;
                same_hash.push(pairs.len());
                let count = binary(sign, &Value::Int(0), &one)?;
                pairs.push((item, count));
            }
        }
    }
    Ok(())
}

/// The pairs by count, largest first.
fn by_count(mut pairs: Vec<(Value, Value)>) -> PyResult<Vec<(Value, Value)>> {
    sort_by_key(&mut pairs, |(_, count)| count, true)?;
    Ok(pairs)
}

/// `most_common(n=None)`: the `n` pairs of largest counts (all of them for `None`).
fn most_common(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let keyword = args.keyword("n");
    let given = args.expect("most_common", 0, 1)?;
    let pairs = by_count(lock(&this(&args)?.pairs).clone())?;
    let wanted = match keyword.as_ref().or(given.first()) {
        None | Some(Value::None) => pairs.len(),
        Some(n) => usize::try_from(to_index(n)?).unwrap_or(0),
    };
    done(Value::list(
        pairs
            .into_iter()
            .take(wanted)
            .map(|(key, count)| Value::Tuple([key, count].into()))
            .collect(),
    ))
}

/// `elements()`: each key as many times as its count, in the order the keys came.
fn elements(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("elements", 0, 0)?;
    let pairs = lock(&this(&args)?.pairs).clone();
    let mut repeated = Vec::with_capacity(pairs.len());
    for (key, count) in pairs {
        let Some(count) = as_int(&count) else {
            return raise(
                TypeError,
                format!("integer argument expected, got {}", count.type_name()),
            );
        };
        repeated.push((key, usize::try_from(count).unwrap_or(0)));
    }
    let items = repeated
        .into_iter()
        .flat_map(|(key, count)| std::iter::repeat_n(key, count).map(Ok));
    done(Lazy::made("itertools.chain", items))
}

/// `repr(counter)`: its pairs by count (in their own order if the counts do not compare).
pub fn repr(pairs: Vec<(Value, Value)>) -> String {
    if pairs.is_empty() {
        return "Counter()".into();
    }
    let pairs = by_count(pairs.clone()).unwrap_or(pairs);
    format!(
        "Counter({})",
        Value::Dict(Arc::new(Mutex::new(pairs))).repr()
    )
}

/// `a == b` for two counters: every key counts the same in both, a missing one as 0.
pub fn equal_counts(ours: &[(Value, Value)], theirs: &[(Value, Value)]) -> bool {
    let same = |key: &Value| equals(&count_of(ours, key), &count_of(theirs, key));
    ours.iter().chain(theirs).all(|(key, _)| same(key))
}

/// `a + b`, `a - b`, `a | b` (the larger count), `a & b` (the smaller) for two counters: a new
/// counter of the positive counts.
pub fn combine(ours: &[(Value, Value)], op: BinOp, other: &Value) -> Option<PyResult<Value>> {
    let theirs = match downcast_ref::<DictSubclass>(other) {
        Some(DictSubclass {
            kind: Kind::Counter,
            pairs,
        }) => lock(pairs).clone(),
        _ => return None,
    };
    matches!(op, BinOp::Add | BinOp::Sub | BinOp::BitOr | BinOp::BitAnd)
        .then(|| combined(ours, &theirs, op))
}

fn combined(ours: &[(Value, Value)], theirs: &[(Value, Value)], op: BinOp) -> PyResult<Value> {
    let zero = Value::Int(0);
    let positive = |count: &Value| order(count, &zero).map(|ordering| ordering.is_gt());
    let mut result = Vec::new();
    for (key, count) in ours {
        let other = count_of(theirs, key);
        let count = match op {
            BinOp::Add | BinOp::Sub => binary(op, count, &other)?,
            BinOp::BitOr if order(count, &other)?.is_lt() => other,
            BinOp::BitAnd if order(count, &other)?.is_ge() => other,
            _ => count.clone(),
        };
        if positive(&count)? {
            result.push((key.clone(), count));
        }
    }
    if op != BinOp::BitAnd {
        for (key, count) in theirs {
            if ours.iter().any(|(known, _)| equals(known, key)) {
                continue;
            }
            let count = match op {
                BinOp::Sub => binary(BinOp::Sub, &zero, count)?,
                _ => count.clone(),
            };
            if positive(&count)? {
                result.push((key.clone(), count));
            }
        }
    }
    Ok(DictSubclass::made(Kind::Counter, result))
}
