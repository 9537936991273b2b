//! `statistics`: `mean`, `fmean`, `geometric_mean`, `median` (and `_low`, `_high`), `mode`,
//! `multimode`, `quantiles`, `variance`, `pvariance`, `stdev`, `pstdev` and
//! `StatisticsError`, of ints, bools and floats. CPython computes with exact fractions and
//! rounds once: ints here are exact (an `int` result where the fraction is whole, as
//! CPython's), and floats are summed exactly and divided in double-double (see `exact.rs`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::exact::{DoubleDouble, ExactSum};
use super::super::ir::BinOp;
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::value::{binary, equals, order, to_index, Int, Value};
use super::super::vm::{Invoked, Then, Vm};

pub static MODULE: ModuleDef = ModuleDef {
    name: "statistics",
    functions: &[
        native("mean", |vm, args| with_data(vm, args, "mean", mean)),
        native("fmean", |vm, args| with_data(vm, args, "fmean", fmean)),
        native("geometric_mean", |vm, args| {
            with_data(vm, args, "geometric_mean", geometric_mean)
        }),
        native("median", |vm, args| with_data(vm, args, "median", median)),
        native("median_low", |vm, args| {
            with_data(vm, args, "median_low", |data, _| middle(data, false))
        }),
        native("median_high", |vm, args| {
            with_data(vm, args, "median_high", |data, _| middle(data, true))
        }),
        native("mode", |vm, args| with_data(vm, args, "mode", mode)),
        native("multimode", |vm, args| {
            with_data(vm, args, "multimode", |data, _| {
                Ok(Value::list(most_common(&data)?))
            })
        }),
        native("quantiles", |vm, args| {
            with_data(vm, args, "quantiles", quantiles)
        }),
        native("variance", |vm, args| {
            with_data(vm, args, "variance", |data, rest| {
                spread(data, rest, Spread::SAMPLE_VARIANCE)
            })
        }),
        native("pvariance", |vm, args| {
            with_data(vm, args, "pvariance", |data, rest| {
                spread(data, rest, Spread::VARIANCE)
            })
        }),
        native("stdev", |vm, args| {
            with_data(vm, args, "stdev", |data, rest| {
                spread(data, rest, Spread::SAMPLE_DEVIATION)
            })
        }),
        native("pstdev", |vm, args| {
            with_data(vm, args, "pstdev", |data, rest| {
                spread(data, rest, Spread::DEVIATION)
            })
        }),
    ],
    exceptions: &[StatisticsError],
    constants: &[],
    submodules: &[],
};

/// Collects the data (a generator's items too), then gives them and the other arguments to
/// `compute`.
fn with_data(
    vm: &mut Vm,
    mut args: Args,
    name: &'static str,
    compute: fn(Vec<Value>, Args) -> PyResult<Value>,
) -> PyResult<Invoked> {
    if args.positional.is_empty() {
        return raise(
            TypeError,
            format!("{name}() missing 1 required positional argument: 'data'"),
        );
    }
    let data = args.positional.remove(0);
    vm.collect_items(
        data,
        Then::new(move |_, data| done(compute(data.items()?, args)?)),
    )
}

/// A number of the data: CPython's `_exact_ratio` takes ints (bools too) and floats.
#[derive(Clone, Copy)]
enum Number {
    Int(Int),
    Float(f64),
}

fn numbers(data: &[Value]) -> PyResult<Vec<Number>> {
    data.iter()
        .map(|value| match value {
            Value::Bool(b) => Ok(Number::Int(Int::from(*b))),
            Value::Int(i) => Ok(Number::Int(*i)),
            Value::Float(f) => Ok(Number::Float(*f)),
            other => raise(
                TypeError,
                format!(
                    "can't convert type '{}' to numerator/denominator",
                    other.type_name()
                ),
            ),
        })
        .collect()
}

impl Number {
    fn exact(self) -> DoubleDouble {
        match self {
            Number::Int(i) => DoubleDouble::from(i),
            Number::Float(f) => DoubleDouble::from(f),
        }
    }
}

/// The ints of the data, if it has no floats.
fn all_ints(numbers: &[Number]) -> Option<Vec<Int>> {
    numbers
        .iter()
        .map(|number| match number {
            Number::Int(i) => Some(*i),
            Number::Float(_) => None,
        })
        .collect()
}

/// `numerator / denominator` as CPython's `_convert` makes it for int data: an int if whole,
/// else the nearest float.
fn int_ratio(numerator: Int, denominator: Int) -> Value {
    if numerator % denominator == 0 {
        Value::Int(numerator / denominator)
    } else {
        Value::Float(
            DoubleDouble::from(numerator)
                .divided_by(DoubleDouble::from(denominator))
                .rounded(),
        )
    }
}

/// The exact sum of the numbers, and whether each was finite (else it is a plain sum: an
/// infinity or a NaN, as CPython's).
fn exact_sum(numbers: &[Number]) -> Result<DoubleDouble, f64> {
    let mut sum = ExactSum::default();
    let mut plain = 0.0;
    let mut finite = true;
    for number in numbers {
        let exact = number.exact();
        finite &= exact.high.is_finite();
        plain += exact.high;
        sum.add_double_double(exact);
    }
    if finite {
        Ok(sum.double_double())
    } else {
        Err(plain)
    }
}

fn mean(data: Vec<Value>, rest: Args) -> PyResult<Value> {
    rest.expect("mean", 0, 0)?;
    let numbers = numbers(&data)?;
    let count = numbers.len();
    if count == 0 {
        return statistics_error("mean requires at least one data point");
    }
    if let Some(ints) = all_ints(&numbers) {
        if let Some(total) = ints.iter().try_fold(0 as Int, |sum, i| sum.checked_add(*i)) {
            return Ok(int_ratio(total, count as Int));
        }
    }
    Ok(Value::Float(match exact_sum(&numbers) {
        Ok(total) => total.divided_by(DoubleDouble::from(count as f64)).rounded(),
        Err(plain) => plain / count as f64,
    }))
}

/// `fmean(data, weights=None)`: `fsum(data) / len(data)`, in floats.
fn fmean(data: Vec<Value>, rest: Args) -> PyResult<Value> {
    let [weights] = rest.bind("fmean", ["weights"], 0)?;
    let weights = match weights {
        None | Some(Value::None) => None,
        Some(weights) => Some(numbers(&weights.items()?)?),
    };
    let numbers = numbers(&data)?;
    if numbers.is_empty() {
        return statistics_error("fmean requires at least one data point");
    }
    let float = |n: &Number| n.exact().rounded();
    let Some(weights) = weights else {
        let sum = numbers.iter().map(float).collect::<ExactSum>().rounded();
        return Ok(Value::Float(sum / numbers.len() as f64));
    };
    let numerator = numbers
        .iter()
        .zip(&weights)
        .map(|(x, w)| float(x) * float(w))
        .collect::<ExactSum>()
        .rounded();
    if numbers.len() != weights.len() {
        return statistics_error("data and weights must be the same length");
    }
    let denominator = weights.iter().map(float).collect::<ExactSum>().rounded();
    if denominator == 0.0 {
        return statistics_error("sum of weights must be non-zero");
    }
    Ok(Value::Float(numerator / denominator))
}

/// `exp(fmean(map(log, data)))`.
fn geometric_mean(data: Vec<Value>, rest: Args) -> PyResult<Value> {
    rest.expect("geometric_mean", 0, 0)?;
    let numbers = numbers(&data)?;
    let logs: Option<Vec<f64>> = numbers
        .iter()
        .map(|n| n.exact().rounded())
        .map(|x| (x > 0.0).then(|| x.ln()))
        .collect();
    match logs {
        Some(logs) if !logs.is_empty() => {
            let sum = logs.iter().copied().collect::<ExactSum>().rounded();
            Ok(Value::Float((sum / logs.len() as f64).exp()))
        }
        _ => statistics_error(
            "geometric mean requires a non-empty dataset containing positive numbers",
        ),
    }
}

fn sorted(mut data: Vec<Value>) -> PyResult<Vec<Value>> {
    let mut failed = None;
    data.sort_by(|a, b| {
        order(a, b).unwrap_or_else(|error| {
            failed.get_or_insert(error);
            std::cmp::Ordering::Equal
        })
    });
    failed.map_or(Ok(data), Err)
}

fn median(data: Vec<Value>, rest: Args) -> PyResult<Value> {
    rest.expect("median", 0, 0)?;
    let data = sorted(data)?;
    let n = data.len();
    if n == 0 {
        return statistics_error("no median for empty data");
    }
    if n % 2 == 1 {
        return Ok(data[n / 2].clone());
    }
    let sum = binary(BinOp::Add, &data[n / 2 - 1], &data[n / 2])?;
    binary(BinOp::Div, &sum, &Value::Int(2))
}

/// `median_low` and `median_high`: a middle item, never an average.
fn middle(data: Vec<Value>, high: bool) -> PyResult<Value> {
    let data = sorted(data)?;
    let n = data.len();
    if n == 0 {
        return statistics_error("no median for empty data");
    }
    let at = match (n % 2, high) {
        (1, _) => n / 2,
        (_, false) => n / 2 - 1,
        (_, true) => n / 2,
    };
    Ok(data[at].clone())
}

/// The items seen most often, in the order each was first seen (`Counter.most_common`).
fn most_common(data: &[Value]) -> PyResult<Vec<Value>> {
    let mut counts: Vec<(Value, usize)> = Vec::new();
    for item in data {
        let mut found = false;
        for (seen, count) in counts.iter_mut() {
            if equals(seen, item) {
                *count += 1;
                found = true;
                break;
            }
        }
        if !found {
            counts.push((item.clone(), 1));
        }
    }
    let most = counts.iter().map(|(_, count)| *count).max().unwrap_or(0);
    Ok(counts
        .into_iter()
        .filter(|(_, count)| *count == most)
        .map(|(item, _)| item)
        .collect())
}

fn mode(data: Vec<Value>, rest: Args) -> PyResult<Value> {
    rest.expect("mode", 0, 0)?;
    match most_common(&data)?.into_iter().next() {
        Some(item) => Ok(item),
        None => statistics_error("no mode for empty data"),
    }
}

/// `quantiles(data, *, n=4, method='exclusive')`: the `n - 1` cut points, interpolated as
/// CPython interpolates them, in Python's arithmetic (ints stay exact until the division).
fn quantiles(data: Vec<Value>, mut rest: Args) -> PyResult<Value> {
    let n = rest.keyword("n").unwrap_or(Value::Int(4));
    let method = rest
        .keyword("method")
        .map_or("exclusive".to_string(), |m| m.to_str());
    rest.expect("quantiles", 0, 0)?;
    let n = to_index(&n)?;
    if n < 1 {
        return statistics_error("n must be at least 1");
    }
    let data = sorted(data)?;
    let ld = data.len() as Int;
    if ld < 2 {
        return statistics_error("must have at least two data points");
    }
    // `(data[j] * (n - delta) + data[j + 1] * delta) / n`.
    let interpolate = |j: Int, delta: Int| -> PyResult<Value> {
        let low = binary(BinOp::Mul, &data[j as usize], &Value::Int(n - delta))?;
        let high = binary(BinOp::Mul, &data[j as usize + 1], &Value::Int(delta))?;
        binary(
            BinOp::Div,
            &binary(BinOp::Add, &low, &high)?,
            &Value::Int(n),
        )
    };
    let cuts = match method.as_str() {
        "inclusive" => (1..n)
            .map(|i| interpolate((i * (ld - 1)).div_euclid(n), (i * (ld - 1)).rem_euclid(n)))
            .collect::<PyResult<Vec<_>>>()?,
        "exclusive" => (1..n)
            .map(|i| {
                let m = ld + 1;
                let j = (i * m / n).clamp(1, ld - 1);
                interpolate(j - 1, i * m - j * n)
            })
            .collect::<PyResult<Vec<_>>>()?,
        _ => {
            return raise(
                ValueError,
                format!("Unknown method: {}", Value::str(method).repr()),
            )
        }
    };
    Ok(Value::list(cuts))
}

/// What `variance`, `pvariance`, `stdev` and `pstdev` give: the sum of squared deviations
/// from the mean over `n - 1` (a sample) or `n`, and its square root for a deviation.
struct Spread {
    name: &'static str,
    sample: bool,
    root: bool,
}

impl Spread {
    const SAMPLE_VARIANCE: Spread = Spread {
        name: "variance",
        sample: true,
        root: false,
    };
    const VARIANCE: Spread = Spread {
        name: "pvariance",
        sample: false,
        root: false,
    };
    const SAMPLE_DEVIATION: Spread = Spread {
        name: "stdev",
        sample: true,
        root: true,
    };
    const DEVIATION: Spread = Spread {
        name: "pstdev",
        sample: false,
        root: true,
    };
}

fn spread(data: Vec<Value>, rest: Args, of: Spread) -> PyResult<Value> {
    let [center] = rest.bind(of.name, [if of.sample { "xbar" } else { "mu" }], 0)?;
    let center = center.filter(|center| !matches!(center, Value::None));
    let numbers = numbers(&data)?;
    let count = numbers.len() as Int;
    if count < if of.sample { 2 } else { 1 } {
        let needs = if of.sample {
            "at least two data points"
        } else {
            "at least one data point"
        };
        return statistics_error(&format!("{} requires {needs}", of.name));
    }
    let divisor = if of.sample { count - 1 } else { count };
    // Ints: the sum of squares over the count exactly, `(n * Σx² - (Σx)²) / n`.
    if let (Some(ints), None) = (all_ints(&numbers), &center) {
        let sums = ints.iter().try_fold((0 as Int, 0 as Int), |(sx, sxx), x| {
            Some((sx.checked_add(*x)?, sxx.checked_add(x.checked_mul(*x)?)?))
        });
        let squares =
            sums.and_then(|(sx, sxx)| count.checked_mul(sxx)?.checked_sub(sx.checked_mul(sx)?));
        if let (Some(squares), Some(denominator)) = (squares, count.checked_mul(divisor)) {
            if !of.root {
                return Ok(int_ratio(squares, denominator));
            }
            let variance = DoubleDouble::from(squares).divided_by(DoubleDouble::from(denominator));
            return Ok(Value::Float(variance.sqrt().rounded()));
        }
    }
    let squares = match &center {
        // The deviations from a given centre, in Python's arithmetic, then summed exactly.
        Some(center) => {
            let mut sum = ExactSum::default();
            for value in &data {
                let deviation = binary(BinOp::Sub, value, center)?;
                let square = binary(BinOp::Mul, &deviation, &deviation)?;
                for number in numbers_of(&square)? {
                    sum.add_double_double(number.exact());
                }
            }
            sum.double_double()
        }
        None => match exact_sum(&numbers) {
            Ok(total) => {
                let mean = total.divided_by(DoubleDouble::from(count as f64));
                let mut sum = ExactSum::default();
                for number in &numbers {
                    let deviation = number.exact().minus(mean);
                    let square = deviation.times(deviation);
                    sum.add_double_double(square);
                }
                sum.double_double()
            }
            // An infinity or a NaN among the data: no spread (CPython's is a NaN).
            Err(_) => DoubleDouble::from(f64::NAN),
        },
    };
    let variance = squares.divided_by(DoubleDouble::from(divisor as f64));
    Ok(Value::Float(match of.root {
        true => variance.sqrt().rounded(),
        false => variance.rounded(),
    }))
}

fn numbers_of(value: &Value) -> PyResult<Vec<Number>> {
    numbers(std::slice::from_ref(value))
}

fn statistics_error<T>(message: &str) -> PyResult<T> {
    raise(StatisticsError, message)
}
