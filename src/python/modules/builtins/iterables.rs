//! The builtins that go over iterables: `min`, `max`, `sum`, `sorted`, `enumerate`, `zip`,
//! `map`, `filter`, `any`, `all` and `reversed`. A key or a mapped function may be Python code,
//! so those call back (see `Invoked::CallThen`).

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::ir::BinOp;
use super::super::super::items::{key_keyword, sort_keywords, sort_then, with_keys};
use super::super::super::ordering;
use super::super::super::registry::{done, Args};
use super::super::super::types::lazy::{items_of, zipped, Lazy};
use super::super::super::types::pulled::{runs_python, Pulled};
use super::super::super::value::{as_int, binary, range_len, Int, Value};
use super::super::super::vm::{operators, Invoked, Then, Vm};

/// `min` and `max`, with `key=` and `default=`: the first of the items whose key is least (or
/// greatest); `default` when there are none.
pub fn extreme(vm: &mut Vm, mut args: Args, max: bool) -> PyResult<Invoked> {
    let name = if max { "max" } else { "min" };
    let key = key_keyword(&mut args);
    let default = args.keyword("default");
    args.no_more_keywords(name)?;
    if default.is_some() && args.positional.len() > 1 {
        return raise(
            TypeError,
            format!("Cannot specify a default for {name}() with multiple positional arguments"),
        );
    }
    let items = match args.positional.as_slice() {
        [single] => single.items()?,
        many => many.to_vec(),
    };
    let pick = move |vm: &mut Vm, keyed| ordering::extreme(vm, keyed, max, default);
    match key {
        Some(key) => with_keys(vm, items, key, pick),
        None => pick(
            vm,
            items.into_iter().map(|item| (item.clone(), item)).collect(),
        ),
    }
}

pub fn sum(args: &[Value]) -> PyResult<Value> {
    let mut total = args.get(1).cloned().unwrap_or(Value::Int(0));
    let add = |total: &Value, item: &Value| binary(BinOp::Add, total, item);
    // A range is added as it is counted, never made a list: `sum(range(10**7))`.
    if let Value::Range(start, _, step) = args[0] {
        for i in 0..range_len(&args[0]) {
            total = add(&total, &Value::Int(Int::from(start + i * step)))?;
        }
        return Ok(total);
    }
    for item in args[0].items()? {
        total = add(&total, &item)?;
    }
    Ok(total)
}

/// `sorted(iterable, key=None, reverse=False)`.
pub fn sorted(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (key, reverse) = sort_keywords(&mut args);
    let items = args.expect("sorted", 1, 1)?[0].items()?;
    sort_then(vm, items, key, reverse, |_, sorted| {
        done(Value::list(sorted))
    })
}

/// `enumerate(iterable, start=0)`.
pub fn enumerate(iterable: &Value, start: Option<&Value>) -> PyResult<Value> {
    let start = start.and_then(as_int).unwrap_or(0);
    if runs_python(iterable) {
        return Pulled::enumerate(iterable.clone(), start);
    }
    let numbered = items_of(iterable)?
        .zip(start..)
        .map(|(item, i)| item.map(|item| Value::Tuple([Value::Int(i), item].into())));
    Ok(Lazy::made("enumerate", numbered))
}

/// `zip(*iterables)`: the rows stop where the shortest iterable ends, and an endless one
/// gives only as many items as the others take.
pub fn zip(args: &Args) -> PyResult<Value> {
    args.no_more_keywords("zip")?;
    if args.positional.iter().any(runs_python) {
        return Pulled::zip(&args.positional);
    }
    let columns = args
        .positional
        .iter()
        .map(items_of)
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Lazy::made("zip", zipped(columns)))
}

/// `map(function, *iterables)`: the function's results, called on the items side by side
/// (as many as the shortest iterable has) as they are taken.
pub fn map(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    args.no_more_keywords("map")?;
    if args.positional.len() < 2 {
        return raise(TypeError, "map() must have at least two arguments.");
    }
    let func = args.positional.remove(0);
    done(Pulled::map(func, &args.positional)?)
}

/// `filter(function, iterable)`: the items the function finds true (`None`: the true items),
/// tested as they are taken.
pub fn filter(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("filter", 2, 2)?;
    done(Pulled::filter(given[0].clone(), given[1].clone())?)
}

/// `any(iterable)`, `all(iterable)`.
pub fn any_all(vm: &mut Vm, args: &Args, name: &str, all: bool) -> PyResult<Invoked> {
    let items = args.expect(name, 1, 1)?[0].items()?;
    first_deciding(vm, items.into_iter(), all)
}

/// `all`'s answer is its first false item's, `any`'s its first true one's; an instance's truth
/// may be its class's `__bool__` or `__len__`.
fn first_deciding(
    vm: &mut Vm,
    mut items: std::vec::IntoIter<Value>,
    all: bool,
) -> PyResult<Invoked> {
    while let Some(item) = items.next() {
        match operators::truth(vm, item)? {
            Invoked::Value(truth) if truth.is_truthy() != all => return done(Value::Bool(!all)),
            Invoked::Value(_) => {}
            pending => {
                let then = Then::new(move |vm, truth| {
                    if truth.is_truthy() != all {
                        return done(Value::Bool(!all));
                    }
                    first_deciding(vm, items, all)
                });
                return vm.then_after(pending, then);
            }
        }
    }
    done(Value::Bool(all))
}

/// `reversed(sequence)`, as a list.
pub fn reversed(args: &Args) -> PyResult<Value> {
    let mut items = args.expect("reversed", 1, 1)?[0].items()?;
    items.reverse();
    Ok(Value::list(items))
}
