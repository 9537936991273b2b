//! `itertools`. Its iterators are lazy (see `types/lazy.rs`): `count()` and `cycle()` never
//! end, and a `for` loop with a `break`, `zip` and `islice` take only the items they need. The
//! ones over several iterables (or several over one) are in `combined.rs`, the ones that call
//! the program's functions in `calls.rs`, the combinatoric ones in `combinatorics.rs`.

mod calls;
mod combinatorics;
mod combined;

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::BinOp;
use super::super::registry::{done, native, Args, ModuleDef, Native};
use super::super::types::lazy::{is_lazy, items_of, Items, Lazy};
use super::super::types::pulled::Pulled;
use super::super::value::{as_int, binary, to_index, Value, MAX_SEQUENCE_LEN};
use super::super::vm::{as_generator, Invoked, Then, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static MODULE: ModuleDef = ModuleDef {
    name: "itertools",
    functions: &[
        native("count", count),
        native("cycle", cycle),
        native("repeat", repeat),
        native("islice", islice),
        native("chain", |_, args| {
            args.no_more_keywords("chain")?;
            let iterables = args.positional.into_iter().map(Ok);
            done(Lazy::made(
                "itertools.chain",
                combined::chained(Box::new(iterables)),
            ))
        }),
        native("zip_longest", combined::zip_longest),
        native("pairwise", combined::pairwise),
        native("tee", combined::tee),
        native("accumulate", calls::accumulate),
        native("starmap", calls::starmap),
        native("takewhile", calls::takewhile),
        native("filterfalse", |_, args| {
            let given = args.expect("filterfalse", 2, 2)?;
            done(Pulled::filter_false(given[0].clone(), given[1].clone())?)
        }),
        native("compress", |_, args| {
            let given = args.expect("compress", 2, 2)?;
            done(Pulled::compress(given[0].clone(), given[1].clone())?)
        }),
        native("dropwhile", calls::dropwhile),
        native("groupby", calls::groupby),
        native("product", combinatorics::product),
        native("permutations", combinatorics::permutations),
        native("combinations", combinatorics::combinations),
        native(
            "combinations_with_replacement",
            combinatorics::combinations_with_replacement,
        ),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `chain`'s class methods: `chain.from_iterable(iterables)`.
pub static CHAIN_METHODS: &[Native] = &[native("from_iterable", |_, args| {
    let iterables = items_of(&args.expect("from_iterable", 1, 1)?[0])?;
    done(Lazy::made("itertools.chain", combined::chained(iterables)))
})];

/// A count, as CPython reads one: an int (of any size) or `None`, negative read as -1.
fn count_argument(value: &Value) -> Option<i128> {
    match value {
        Value::None => None,
        value => Some(as_int(value).unwrap_or(-1)),
    }
}

/// `count(start=0, step=1)`: `start`, `start + step`, … without end.
fn count(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let start = args.keyword("start");
    let step = args.keyword("step");
    let given = args.expect("count", 0, 2)?;
    let start = start.or_else(|| given.first().cloned());
    let step = step.or_else(|| given.get(1).cloned());
    let start = start.unwrap_or(Value::Int(0));
    let step = step.unwrap_or(Value::Int(1));
    for number in [&start, &step] {
        if !matches!(number, Value::Int(_) | Value::Float(_) | Value::Bool(_)) {
            return raise(TypeError, "a number is required");
        }
    }
    let next = Arc::new(Mutex::new(start));
    let counted = {
        let (next, step) = (Arc::clone(&next), step.clone());
        std::iter::from_fn(move || {
            let mut next = lock(&next);
            let after = match binary(BinOp::Add, &next, &step) {
                Ok(after) => after,
                Err(error) => return Some(Err(error)),
            };
            Some(Ok(std::mem::replace(&mut *next, after)))
        })
    };
    let describe = move || match step {
        Value::Int(1) => format!("count({})", lock(&next).repr()),
        _ => format!("count({}, {})", lock(&next).repr(), step.repr()),
    };
    done(Lazy::described("itertools.count", counted, describe))
}

/// `cycle(iterable)`: its items, then again, without end (kept as they first come).
fn cycle(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let mut source = Some(items_of(&args.expect("cycle", 1, 1)?[0])?);
    let mut kept = Vec::new();
    let mut again = 0;
    let cycled = std::iter::from_fn(move || {
        if let Some(items) = source.as_mut() {
            match items.next() {
                Some(Ok(item)) => {
                    if kept.len() >= MAX_SEQUENCE_LEN {
                        return Some(raise(MemoryError, "cycle() kept too many items"));
                    }
                    kept.push(item.clone());
                    return Some(Ok(item));
                }
                Some(Err(error)) => return Some(Err(error)),
                None => source = None,
            }
        }
        let item = kept.get(again % kept.len().max(1))?.clone();
        again += 1;
        Some(Ok(item))
    });
    done(Lazy::made("itertools.cycle", cycled))
}

/// `repeat(object, times=None)`: the object, `times` times or without end.
fn repeat(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let times = args.keyword("times");
    let given = args.expect("repeat", 1, 2)?;
    let object = given[0].clone();
    let Some(times) = times.as_ref().or(given.get(1)) else {
        let describe = format!("repeat({})", object.repr());
        let repeated = std::iter::repeat(object).map(Ok);
        return done(Lazy::described("itertools.repeat", repeated, move || {
            describe.clone()
        }));
    };
    let times = to_index(times)?;
    let left = Arc::new(Mutex::new(usize::try_from(times).unwrap_or(0)));
    let repeated = {
        let (left, object) = (Arc::clone(&left), object.clone());
        std::iter::from_fn(move || {
            let mut left = lock(&left);
            *left = left.checked_sub(1)?;
            Some(Ok(object.clone()))
        })
    };
    let describe = move || format!("repeat({}, {})", object.repr(), lock(&left));
    done(Lazy::described("itertools.repeat", repeated, describe))
}

/// `islice(iterable, stop)`, `islice(iterable, start, stop[, step])`: taking from the iterable
/// only the items it gives and those it skips, as CPython's does. A generator (which may
/// never end) is run for those items first.
fn islice(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let given = args.expect("islice", 2, 4)?;
    let (start, stop, step) = match &given[1..] {
        [stop] => (Some(0), stop, None),
        [start, stop, rest @ ..] => (count_argument(start), stop, rest.first()),
        [] => unreachable!("expect gave 2 to 4 arguments"),
    };
    let stop = match count_argument(stop) {
        None => None,
        Some(-1) => return raise(ValueError, STOP),
        Some(stop) if stop < -1 => return raise(ValueError, INDICES),
        Some(stop) => Some(usize::try_from(stop).unwrap_or(usize::MAX)),
    };
    let start = match start.unwrap_or(0) {
        start if start < 0 => return raise(ValueError, INDICES),
        start => usize::try_from(start).unwrap_or(usize::MAX),
    };
    let step = match step.and_then(count_argument).unwrap_or(1) {
        step if step < 1 => {
            return raise(
                ValueError,
                "Step for islice() must be a positive integer or None.",
            )
        }
        step => usize::try_from(step).unwrap_or(usize::MAX),
    };
    let slice =
        move |items: Items| Lazy::made("itertools.islice", sliced(items, start, stop, step));
    let taken = Then::new(move |_, items| done(slice(items_of(&items)?)));
    let Some(generator) = as_generator(&given[0]) else {
        // An iterator whose items run Python code (`map(f, count())`) is asked for as many
        // as the slice needs, now; a lazy one is sliced as it is taken.
        return match &given[0] {
            Value::Object(object) if object.as_iterator().is_some() && !is_lazy(&given[0]) => {
                vm.take_native(Arc::clone(object), stop.unwrap_or(usize::MAX), taken)
            }
            iterable => done(slice(items_of(iterable)?)),
        };
    };
    match stop {
        Some(stop) => vm.generator_take(&generator, stop, taken),
        None => vm.generator_items(&generator, taken),
    }
}

/// CPython's `islice` over `source`: it skips to `start`, then gives every `step`-th item
/// before `stop`, taking no item past the last it gives.
fn sliced(
    mut source: Items,
    start: usize,
    stop: Option<usize>,
    step: usize,
) -> impl Iterator<Item = PyResult<Value>> + Send {
    let (mut taken, mut next) = (0, start);
    std::iter::from_fn(move || {
        while taken < next {
            if let Err(error) = source.next()? {
                return Some(Err(error));
            }
            taken += 1;
        }
        if stop.is_some_and(|stop| taken >= stop) {
            return None;
        }
        let item = source.next()?;
        taken += 1;
        next = match (next.checked_add(step), stop) {
            (Some(after), Some(stop)) if after > stop => stop,
            (Some(after), _) => after,
            (None, stop) => stop.unwrap_or(usize::MAX),
        };
        Some(item)
    })
}
