//! The `itertools` functions that call the program's functions. `starmap`, `accumulate` and
//! `groupby` call them as their items are taken (see `types/mapped.rs` and
//! `types/group_by.rs`); `takewhile` and `dropwhile` call them first, each call a callback,
//! on as many items as CPython's would (`takewhile` stops at the first false, even in a
//! generator that never ends), and give an iterator over what they found.

use super::super::super::error::PyResult;
use super::super::super::ir::BinOp;
use super::super::super::registry::{done, Args};
use super::super::super::types::group_by::{run_of, GroupBy};
use super::super::super::types::lazy::{items_of, Items, Lazy};
use super::super::super::types::mapped::Mapped;
use super::super::super::value::{binary, check_len, equals, Value};
use super::super::super::vm::{as_generator, Generator, Invoked, Then, Vm};
use std::sync::Arc;

/// `accumulate(iterable, func=None, *, initial=None)`: running totals (of `+`, or `func`).
pub fn accumulate(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let initial = args.keyword("initial");
    let function = args.keyword("func");
    let given = args.expect("accumulate", 1, 2)?;
    let mut source = items_of(&given[0])?;
    if let Some(initial) = initial.filter(|initial| !matches!(initial, Value::None)) {
        source = Box::new(std::iter::once(Ok(initial)).chain(source));
    }
    match function.or_else(|| given.get(1).cloned()) {
        Some(function) if !matches!(function, Value::None) => {
            done(Mapped::accumulate(function, source))
        }
        _ => {
            let mut total: Option<Value> = None;
            let totals = source.map(move |item| {
                let item = item?;
                let next = match total.take() {
                    Some(total) => binary(BinOp::Add, &total, &item)?,
                    None => item,
                };
                total = Some(next.clone());
                Ok(next)
            });
            done(Lazy::made("itertools.accumulate", totals))
        }
    }
}

/// `starmap(function, iterable)`: the function called with each item's items.
pub fn starmap(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("starmap", 2, 2)?;
    done(Mapped::starmap(given[0].clone(), items_of(&given[1])?))
}

/// `takewhile(predicate, iterable)`: the items until the first the predicate finds false. A
/// generator (which may never end) is run for one item at a time.
pub fn takewhile(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("takewhile", 2, 2)?;
    let source = match as_generator(&given[1]) {
        Some(generator) => Source::Generator(generator),
        None => Source::Items(items_of(&given[1])?),
    };
    take_while(vm, given[0].clone(), source, Vec::new())
}

/// Where `takewhile` takes its items from.
enum Source {
    Items(Items),
    Generator(Arc<Generator>),
}

/// Takes the next item of `source`, then has the predicate judge it.
fn take_while(
    vm: &mut Vm,
    predicate: Value,
    source: Source,
    taken: Vec<Value>,
) -> PyResult<Invoked> {
    match source {
        Source::Items(mut items) => {
            let item = items.next().transpose()?;
            judge(predicate, Source::Items(items), taken, item)
        }
        Source::Generator(generator) => {
            let resumed = Arc::clone(&generator);
            let judged = Then::new(move |_, first| {
                let item = first.items()?.pop();
                judge(predicate, Source::Generator(generator), taken, item)
            });
            vm.generator_take(&resumed, 1, judged)
        }
    }
}

/// Calls the predicate on `item` (`None`: the items ended), and goes on while it is true.
fn judge(
    predicate: Value,
    source: Source,
    mut taken: Vec<Value>,
    item: Option<Value>,
) -> PyResult<Invoked> {
    let Some(item) = item else {
        return done(Lazy::over("itertools.takewhile", taken));
    };
    check_len(taken.len() + 1)?;
    let call = Args::new(vec![item.clone()]);
    let function = predicate.clone();
    let then = Then::new(move |vm, verdict| {
        if !verdict.is_truthy() {
            return done(Lazy::over("itertools.takewhile", taken));
        }
        taken.push(item);
        take_while(vm, predicate, source, taken)
    });
    Ok(Invoked::CallThen(function, call, then))
}

/// `dropwhile(predicate, iterable)`: the items from the first the predicate finds false on
/// (the rest taken lazily, without more calls).
pub fn dropwhile(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("dropwhile", 2, 2)?;
    drop_while(given[0].clone(), items_of(&given[1])?)
}

fn drop_while(predicate: Value, mut source: Items) -> PyResult<Invoked> {
    let Some(item) = source.next().transpose()? else {
        return done(Lazy::over("itertools.dropwhile", Vec::new()));
    };
    let call = Args::new(vec![item.clone()]);
    let function = predicate.clone();
    let then = Then::new(move |_, verdict| {
        if verdict.is_truthy() {
            return drop_while(predicate, source);
        }
        let rest = std::iter::once(Ok(item)).chain(source);
        done(Lazy::made("itertools.dropwhile", rest))
    });
    Ok(Invoked::CallThen(function, call, then))
}

/// `groupby(iterable, key=None)`: each run of items with equal keys, as the key and an
/// iterator over the run.
pub fn groupby(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let key = args.keyword("key");
    let given = args.expect("groupby", 1, 2)?;
    match key.or_else(|| given.get(1).cloned()) {
        Some(key) if !matches!(key, Value::None) => done(GroupBy::made(key, items_of(&given[0])?)),
        _ => done(Lazy::made(
            "itertools.groupby",
            grouped(items_of(&given[0])?),
        )),
    }
}

/// Runs of equal items, each as `(item, iterator over the run)` (`groupby` without a key;
/// with one, see `types/group_by.rs`).
fn grouped(mut items: Items) -> impl Iterator<Item = PyResult<Value>> + Send {
    let mut next_run: Option<Value> = None;
    std::iter::from_fn(move || {
        let first = match next_run.take() {
            Some(first) => first,
            None => match items.next()? {
                Ok(first) => first,
                Err(error) => return Some(Err(error)),
            },
        };
        let mut run = vec![first.clone()];
        for item in items.by_ref() {
            match item {
                Ok(item) if equals(&item, &first) => run.push(item),
                Ok(item) => {
                    next_run = Some(item);
                    break;
                }
                Err(error) => return Some(Err(error)),
            }
        }
        Some(Ok(run_of(first, run)))
    })
}
