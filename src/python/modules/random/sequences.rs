//! `random`'s functions over sequences, by CPython 3.11's algorithms. Indices are drawn while
//! the generator is locked and items taken after it is released, so no list's lock is taken
//! inside the generator's (`shuffle` takes them in the other order).

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::ir::{BinOp, CmpOp};
use super::super::super::items::get_item;
use super::super::super::registry::{done, Args};
use super::super::super::value::{
    as_int, binary, check_len, compare, range_len, to_index, Int, Value,
};
use super::super::super::vm::{Invoked, Vm};
use super::{draw, Generator, Mersenne};
use crate::event::lock;
use std::collections::HashSet;

pub fn choice(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [seq] = args.bind("choice", ["seq"], 1)?;
    let seq = seq.unwrap_or_default();
    // A range's length counted in 64 bits: wasm's `usize` is 32.
    let n = match &seq {
        Value::Range(..) => range_len(&seq).max(0) as u128,
        other => other.len()? as u128,
    };
    if n == 0 {
        return raise(IndexError, "Cannot choose from an empty sequence");
    }
    let index = draw(vm, generator, |mt| mt.below(n));
    done(get_item(&seq, &Value::Int(index as Int))?)
}

/// `shuffle(x)`: CPython's swaps from the end, each with an item at or before it.
pub fn shuffle(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [x] = args.bind("shuffle", ["x"], 1)?;
    let x = x.unwrap_or_default();
    let Value::List(items) = &x else {
        // CPython fails at the first swap, once it has drawn for it.
        let n = x.len()?;
        if n > 1 {
            draw(vm, generator, |mt| mt.below(n as u128));
            return raise(
                TypeError,
                format!(
                    "'{}' object does not support item assignment",
                    x.type_name()
                ),
            );
        }
        return done(Value::None);
    };
    let mut items = lock(items);
    draw(vm, generator, |mt| {
        for i in (1..items.len()).rev() {
            items.swap(i, mt.below(i as u128 + 1) as usize);
        }
    });
    done(Value::None)
}

/// `choices(population, weights=None, *, cum_weights=None, k=1)`.
pub fn choices(vm: &mut Vm, generator: &Generator, mut args: Args) -> PyResult<Invoked> {
    let cum_weights = args.keyword("cum_weights").filter(is_given);
    let k = args.keyword("k").unwrap_or(Value::Int(1));
    let [population, weights] = args.bind("choices", ["population", "weights"], 1)?;
    let (population, weights) = (population.unwrap_or_default(), weights.filter(is_given));
    let n = population.len()?;
    let cum_weights = match (weights, cum_weights) {
        (None, None) => {
            let k = count(&k)?;
            let n = n as f64;
            let indices: Vec<Int> = draw(vm, generator, |mt| {
                (0..k).map(|_| (mt.random() * n).floor() as Int).collect()
            });
            return pick(&population, indices);
        }
        (Some(weights), None) => match as_int(&weights) {
            Some(_) => {
                return raise(
                    TypeError,
                    format!(
                        "The number of choices must be a keyword argument: k={}",
                        weights.repr()
                    ),
                )
            }
            None => accumulate(weights.items()?)?,
        },
        (None, Some(cum_weights)) => cum_weights.items()?,
        (Some(_), Some(_)) => {
            return raise(
                TypeError,
                "Cannot specify both weights and cumulative weights",
            )
        }
    };
    if cum_weights.len() != n {
        return raise(
            ValueError,
            "The number of weights does not match the population",
        );
    }
    let Some(last) = cum_weights.last() else {
        return raise(IndexError, "list index out of range");
    };
    let total = match binary(BinOp::Add, last, &Value::Float(0.0))? {
        Value::Float(total) => total,
        other => {
            return raise(
                TypeError,
                format!("must be real number, not {}", other.type_name()),
            )
        }
    };
    if total <= 0.0 {
        return raise(ValueError, "Total of weights must be greater than zero");
    }
    if !total.is_finite() {
        return raise(ValueError, "Total of weights must be finite");
    }
    let k = count(&k)?;
    let targets: Vec<f64> = draw(vm, generator, |mt| {
        (0..k).map(|_| mt.random() * total).collect()
    });
    let mut indices = Vec::with_capacity(k);
    for target in targets {
        indices.push(bisect_right(&cum_weights, &Value::Float(target), n - 1)? as Int);
    }
    pick(&population, indices)
}

/// `sample(population, k, *, counts=None)`.
pub fn sample(vm: &mut Vm, generator: &Generator, mut args: Args) -> PyResult<Invoked> {
    let counts = args.keyword("counts").filter(is_given);
    let [population, k] = args.bind("sample", ["population", "k"], 2)?;
    let (population, k) = (population.unwrap_or_default(), k.unwrap_or_default());
    if !matches!(
        population,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(..)
    ) {
        return raise(
            TypeError,
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        );
    }
    let n = population.len()? as Int;
    let Some(counts) = counts else {
        let indices = sample_below(vm, generator, n, &k)?;
        return pick(&population, indices);
    };
    // Each item repeated its count of times, sampled as one range of the repeats.
    let mut cum_counts = accumulate(counts.items()?)?;
    if cum_counts.len() as Int != n {
        return raise(
            ValueError,
            "The number of counts does not match the population",
        );
    }
    let Some(total) = cum_counts.pop() else {
        return raise(IndexError, "pop from empty list");
    };
    let Some(total) = as_int(&total) else {
        return raise(TypeError, "Counts must be integers");
    };
    if total <= 0 {
        return raise(ValueError, "Total of counts must be greater than zero");
    }
    let mut indices = Vec::new();
    for selection in sample_below(vm, generator, total, &k)? {
        indices.push(bisect_right(&cum_counts, &Value::Int(selection), cum_counts.len())? as Int);
    }
    pick(&population, indices)
}

/// `k` distinct numbers below `n`, in the order drawn.
fn sample_below(vm: &Vm, generator: &Generator, n: Int, k: &Value) -> PyResult<Vec<Int>> {
    let Some(k) = as_int(k) else {
        return raise(
            TypeError,
            format!(
                "can't multiply sequence by non-int of type '{}'",
                k.type_name()
            ),
        );
    };
    if !(0..=n).contains(&k) {
        return raise(ValueError, "Sample larger than population or is negative");
    }
    check_len(usize::try_from(k).unwrap_or(usize::MAX))?;
    let drawn = draw(vm, generator, |mt| {
        sample_indices(mt, n as u128, k as usize)
    });
    Ok(drawn.into_iter().map(|index| index as Int).collect())
}

/// CPython's two strategies: from a pool of the indices not yet drawn when that list is no
/// larger than the set of those drawn would be, else drawing again any index already in the set.
fn sample_indices(mt: &mut Mersenne, n: u128, k: usize) -> Vec<u128> {
    let mut set_size = 21;
    if k > 5 {
        // CPython's `4 ** ceil(log(3 * k, 4))`: 3k is never a power of 4, so no float rounding
        // can put the logarithm on the other side of an integer.
        set_size += 4u128.pow((3 * k as u128).ilog(4) + 1);
    }
    if n <= set_size {
        let n = n as usize;
        let mut pool: Vec<usize> = (0..n).collect();
        (0..k)
            .map(|i| {
                let j = mt.below((n - i) as u128) as usize;
                let picked = pool[j];
                pool[j] = pool[n - i - 1];
                picked as u128
            })
            .collect()
    } else {
        let mut selected = HashSet::with_capacity(k);
        (0..k)
            .map(|_| loop {
                let j = mt.below(n);
                if selected.insert(j) {
                    break j;
                }
            })
            .collect()
    }
}

/// `bisect.bisect_right(sorted[:hi], x)`.
fn bisect_right(sorted: &[Value], x: &Value, hi: usize) -> PyResult<usize> {
    let (mut lo, mut hi) = (0, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if compare(CmpOp::Lt, x, &sorted[mid])? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// `itertools.accumulate`: the running sums.
fn accumulate(values: Vec<Value>) -> PyResult<Vec<Value>> {
    let mut sums: Vec<Value> = Vec::with_capacity(values.len());
    for value in values {
        let sum = match sums.last() {
            Some(total) => binary(BinOp::Add, total, &value)?,
            None => value,
        };
        sums.push(sum);
    }
    Ok(sums)
}

/// The items at `indices`, as a list.
fn pick(population: &Value, indices: impl IntoIterator<Item = Int>) -> PyResult<Invoked> {
    let items = indices
        .into_iter()
        .map(|index| get_item(population, &Value::Int(index)))
        .collect::<PyResult<_>>()?;
    done(Value::list(items))
}

/// How many `choices` makes: none for a negative `k`, as CPython's `repeat(None, k)`.
fn count(k: &Value) -> PyResult<usize> {
    let k = to_index(k)?;
    let k = if k < 0 {
        0
    } else {
        usize::try_from(k).unwrap_or(usize::MAX)
    };
    check_len(k)?;
    Ok(k)
}

/// An optional argument passed and not `None`.
fn is_given(value: &Value) -> bool {
    !matches!(value, Value::None)
}
