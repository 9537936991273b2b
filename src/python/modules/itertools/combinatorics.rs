//! `product`, `permutations`, `combinations` and `combinations_with_replacement`. Each takes
//! its iterables' items first (as CPython keeps them in tuples), then makes the tuples one at a
//! time, in CPython's order: its algorithms, moving indices into the items.

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::registry::{done, Args};
use super::super::super::types::lazy::Lazy;
use super::super::super::value::{as_int, Value};
use super::super::super::vm::{Invoked, Vm};

/// `r` (the tuples' length): an int, not negative, or `None` (`default`).
fn length_argument(value: Option<&Value>, default: Option<usize>) -> PyResult<Option<usize>> {
    match value {
        None | Some(Value::None) => Ok(default),
        Some(value) => match as_int(value) {
            Some(r) if r < 0 => raise(ValueError, "r must be non-negative"),
            Some(r) => Ok(Some(usize::try_from(r).unwrap_or(usize::MAX))),
            None => raise(TypeError, "Expected int as r"),
        },
    }
}

/// The tuples of `pool`'s items at `indices[..r]`: first as given, then each time `advance`
/// moves them, until it finds no next arrangement.
fn arrangements(
    qualified_name: &'static str,
    pool: Vec<Value>,
    mut indices: Vec<usize>,
    r: usize,
    mut advance: impl FnMut(&mut Vec<usize>) -> bool + Send + 'static,
) -> Value {
    let (mut started, mut finished) = (false, false);
    let tuples = std::iter::from_fn(move || {
        if finished || (started && !advance(&mut indices)) {
            finished = true;
            return None;
        }
        started = true;
        Some(Ok(Value::Tuple(
            indices[..r].iter().map(|&at| pool[at].clone()).collect(),
        )))
    });
    Lazy::made(qualified_name, tuples)
}

/// `product(*iterables, repeat=1)`: every tuple of one item from each, the last varying
/// fastest.
pub fn product(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let repeat = match args.keyword("repeat") {
        None => 1,
        Some(repeat) => match as_int(&repeat) {
            Some(repeat) if repeat < 0 => {
                return raise(ValueError, "repeat argument cannot be negative")
            }
            Some(repeat) => usize::try_from(repeat).unwrap_or(usize::MAX),
            None => return raise(TypeError, "Expected int as repeat"),
        },
    };
    args.no_more_keywords("product")?;
    let pools = args
        .positional
        .iter()
        .map(Value::items)
        .collect::<PyResult<Vec<_>>>()?;
    let pools: Vec<Vec<Value>> = std::iter::repeat_n(pools, repeat).flatten().collect();
    let sizes: Vec<usize> = pools.iter().map(Vec::len).collect();
    if sizes.contains(&0) {
        return done(Lazy::over("itertools.product", Vec::new()));
    }
    // The indices into the pools laid end to end, so `arrangements` picks from one pool.
    let starts: Vec<usize> = sizes
        .iter()
        .scan(0, |start, size| {
            *start += size;
            Some(*start - size)
        })
        .collect();
    let r = pools.len();
    let first = starts.clone();
    let advance = move |indices: &mut Vec<usize>| {
        for at in (0..indices.len()).rev() {
            indices[at] += 1;
            if indices[at] < starts[at] + sizes[at] {
                return true;
            }
            indices[at] = starts[at];
        }
        false
    };
    let pool = pools.into_iter().flatten().collect();
    done(arrangements("itertools.product", pool, first, r, advance))
}

/// `permutations(iterable, r=None)`: every ordering of `r` of the items (all of them for
/// `None`).
pub fn permutations(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let r = args.keyword("r");
    let given = args.expect("permutations", 1, 2)?;
    let pool = given[0].items()?;
    let n = pool.len();
    let r = length_argument(r.as_ref().or(given.get(1)), Some(n))?.unwrap_or(n);
    if r > n {
        return done(Lazy::over("itertools.permutations", Vec::new()));
    }
    let mut cycles: Vec<usize> = (n - r + 1..=n).rev().collect();
    let advance = move |indices: &mut Vec<usize>| {
        for at in (0..r).rev() {
            cycles[at] -= 1;
            if cycles[at] == 0 {
                let moved = indices.remove(at);
                indices.push(moved);
                cycles[at] = n - at;
            } else {
                indices.swap(at, n - cycles[at]);
                return true;
            }
        }
        false
    };
    let first = (0..n).collect();
    done(arrangements(
        "itertools.permutations",
        pool,
        first,
        r,
        advance,
    ))
}

/// The pool and `r` of `combinations(iterable, r)` and its variant.
fn pool_and_length(mut args: Args, name: &str) -> PyResult<(Vec<Value>, usize)> {
    let r = args.keyword("r");
    let given = args.expect(name, 1, 2)?;
    let Some(r) = length_argument(r.as_ref().or(given.get(1)), None)? else {
        return raise(
            TypeError,
            format!("{name}() missing required argument 'r' (pos 2)"),
        );
    };
    Ok((given[0].items()?, r))
}

/// `combinations(iterable, r)`: every choice of `r` of the items, in their order.
pub fn combinations(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let (pool, r) = pool_and_length(args, "combinations")?;
    let n = pool.len();
    if r > n {
        return done(Lazy::over("itertools.combinations", Vec::new()));
    }
    let advance = move |indices: &mut Vec<usize>| {
        let Some(at) = (0..r).rev().find(|&at| indices[at] != at + n - r) else {
            return false;
        };
        indices[at] += 1;
        for next in at + 1..r {
            indices[next] = indices[next - 1] + 1;
        }
        true
    };
    let first = (0..r).collect();
    done(arrangements(
        "itertools.combinations",
        pool,
        first,
        r,
        advance,
    ))
}

/// `combinations_with_replacement(iterable, r)`: every choice of `r` of the items, each
/// possibly more than once.
pub fn combinations_with_replacement(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let name = "combinations_with_replacement";
    let (pool, r) = pool_and_length(args, name)?;
    let n = pool.len();
    if n == 0 && r > 0 {
        return done(Lazy::over(
            "itertools.combinations_with_replacement",
            Vec::new(),
        ));
    }
    let advance = move |indices: &mut Vec<usize>| {
        let Some(at) = (0..r).rev().find(|&at| indices[at] != n - 1) else {
            return false;
        };
        let raised = indices[at] + 1;
        indices[at..].fill(raised);
        true
    };
    let qualified_name = "itertools.combinations_with_replacement";
    done(arrangements(qualified_name, pool, vec![0; r], r, advance))
}
