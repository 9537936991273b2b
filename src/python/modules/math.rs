//! `math`: the functions and constants tutorials compute with. A float result outside the
//! function's domain (`sqrt(-1)`, `log(0)`) is CPython's `ValueError: math domain error`.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::exact::ExactSum;
use super::super::registry::{done, native, Args, Constant, ModuleDef};
use super::super::value::{as_int, to_index, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::builtins::to_int;
use super::time::real;

pub static MODULE: ModuleDef = ModuleDef {
    name: "math",
    functions: &[
        native("sqrt", |_, args| {
            unary(&args, "sqrt", |x| (x >= 0.0).then(|| x.sqrt()))
        }),
        native("exp", |_, args| unary(&args, "exp", |x| Some(x.exp()))),
        native("log", log),
        native("log2", |_, args| {
            unary(&args, "log2", |x| (x > 0.0).then(|| x.log2()))
        }),
        native("log10", |_, args| {
            unary(&args, "log10", |x| (x > 0.0).then(|| x.log10()))
        }),
        native("sin", |_, args| unary(&args, "sin", |x| Some(x.sin()))),
        native("cos", |_, args| unary(&args, "cos", |x| Some(x.cos()))),
        native("tan", |_, args| unary(&args, "tan", |x| Some(x.tan()))),
        native("atan", |_, args| unary(&args, "atan", |x| Some(x.atan()))),
        native("asin", |_, args| {
            unary(&args, "asin", |x| {
                (-1.0..=1.0).contains(&x).then(|| x.asin())
            })
        }),
        native("acos", |_, args| {
            unary(&args, "acos", |x| {
                (-1.0..=1.0).contains(&x).then(|| x.acos())
            })
        }),
        native("sinh", |_, args| unary(&args, "sinh", |x| Some(x.sinh()))),
        native("cosh", |_, args| unary(&args, "cosh", |x| Some(x.cosh()))),
        native("tanh", |_, args| unary(&args, "tanh", |x| Some(x.tanh()))),
        native("asinh", |_, args| {
            unary(&args, "asinh", |x| Some(x.asinh()))
        }),
        native("atanh", |_, args| {
            unary(&args, "atanh", |x| (x.abs() < 1.0).then(|| x.atanh()))
        }),
        native("exp2", |_, args| unary(&args, "exp2", |x| Some(x.exp2()))),
        native("expm1", |_, args| {
            unary(&args, "expm1", |x| Some(x.exp_m1()))
        }),
        native("log1p", |_, args| {
            unary(&args, "log1p", |x| (x > -1.0).then(|| x.ln_1p()))
        }),
        native("fmod", |_, args| {
            let given = args.expect("fmod", 2, 2)?;
            let (x, y) = (number(&given[0])?, number(&given[1])?);
            if y == 0.0 || x.is_infinite() {
                return raise(ValueError, "math domain error");
            }
            done(Value::Float(x % y))
        }),
        native("modf", |_, args| {
            let x = number(&args.expect("modf", 1, 1)?[0])?;
            let whole = x.trunc();
            let fraction = if x.is_infinite() {
                0.0f64.copysign(x)
            } else {
                x - whole
            };
            done(Value::Tuple(
                vec![Value::Float(fraction), Value::Float(whole)].into(),
            ))
        }),
        native("frexp", |_, args| {
            let x = number(&args.expect("frexp", 1, 1)?[0])?;
            let (mantissa, exponent) = frexp(x);
            done(Value::Tuple(
                vec![Value::Float(mantissa), Value::Int(exponent.into())].into(),
            ))
        }),
        native("ldexp", |_, args| {
            let given = args.expect("ldexp", 2, 2)?;
            let x = number(&given[0])?;
            let Some(exponent) = as_int(&given[1]) else {
                return raise(TypeError, "Expected an int as second argument to ldexp.");
            };
            let scaled = x * 2f64.powi(exponent.clamp(-2200, 2200) as i32);
            if scaled.is_infinite() && x.is_finite() {
                return raise(OverflowError, "math range error");
            }
            done(Value::Float(scaled))
        }),
        native("fabs", |_, args| unary(&args, "fabs", |x| Some(x.abs()))),
        native("degrees", |_, args| {
            unary(&args, "degrees", |x| Some(x.to_degrees()))
        }),
        native("radians", |_, args| {
            unary(&args, "radians", |x| Some(x.to_radians()))
        }),
        native("atan2", |_, args| binary(&args, "atan2", f64::atan2)),
        native("hypot", |_, args| binary(&args, "hypot", f64::hypot)),
        native("pow", |_, args| binary(&args, "pow", f64::powf)),
        native("copysign", |_, args| {
            binary(&args, "copysign", f64::copysign)
        }),
        native("floor", |_, args| rounded(&args, "floor", f64::floor)),
        native("ceil", |_, args| rounded(&args, "ceil", f64::ceil)),
        native("trunc", |_, args| rounded(&args, "trunc", f64::trunc)),
        native("isnan", |_, args| test(&args, "isnan", f64::is_nan)),
        native("isinf", |_, args| test(&args, "isinf", f64::is_infinite)),
        native("isfinite", |_, args| {
            test(&args, "isfinite", f64::is_finite)
        }),
        native("isclose", isclose),
        native("factorial", |_, args| {
            let n = int_arg(&args.expect("factorial", 1, 1)?[0], "factorial")?;
            if n < 0 {
                return raise(ValueError, "factorial() not defined for negative values");
            }
            let mut product: Int = 1;
            for i in 2..=n {
                product = checked_product(product, i)?;
            }
            done(Value::Int(product))
        }),
        native("comb", |_, args| {
            let [n, k] = args.bind("comb", ["n", "k"], 2)?;
            let (n, k) = (counted(n, "n")?, counted(k, "k")?);
            if k > n {
                return done(Value::Int(0));
            }
            // C(n, i + 1) from C(n, i): each step's division is exact.
            let mut result: Int = 1;
            for i in 0..k.min(n - k) {
                result = checked_product(result, n - i)? / (i + 1);
            }
            done(Value::Int(result))
        }),
        native("perm", |_, args| {
            let [n, k] = args.bind("perm", ["n", "k"], 1)?;
            let n = counted(n, "n")?;
            let k = match k {
                None | Some(Value::None) => n,
                k => counted(k, "k")?,
            };
            if k > n {
                return done(Value::Int(0));
            }
            let mut result: Int = 1;
            for i in 0..k {
                result = checked_product(result, n - i)?;
            }
            done(Value::Int(result))
        }),
        native("gcd", |_, args| {
            let mut result: Int = 0;
            for value in &args.positional {
                result = gcd(result, int_arg(value, "gcd")?);
            }
            done(Value::Int(result))
        }),
        native("lcm", |_, args| {
            let mut result: Int = 1;
            for value in &args.positional {
                let n = int_arg(value, "lcm")?;
                if n == 0 {
                    return done(Value::Int(0));
                }
                result = (result / gcd(result, n) * n).abs();
            }
            done(Value::Int(result))
        }),
        native("isqrt", |_, args| {
            let n = int_arg(&args.expect("isqrt", 1, 1)?[0], "isqrt")?;
            if n < 0 {
                return raise(ValueError, "isqrt() argument must be nonnegative");
            }
            let mut root = (n as f64).sqrt() as Int;
            while root * root > n {
                root -= 1;
            }
            while (root + 1) * (root + 1) <= n {
                root += 1;
            }
            done(Value::Int(root))
        }),
        native("prod", |_, args| {
            let mut product = Value::Int(1);
            for item in args.expect("prod", 1, 1)?[0].items()? {
                product =
                    super::super::value::binary(super::super::ir::BinOp::Mul, &product, &item)?;
            }
            done(product)
        }),
        native("fsum", |_, args| {
            let items = args.expect("fsum", 1, 1)?[0].items()?;
            let sum = items.iter().map(real).collect::<PyResult<ExactSum>>()?;
            done(Value::Float(sum.rounded()))
        }),
    ],
    exceptions: &[],
    constants: &[
        ("pi", Constant::Float(std::f64::consts::PI)),
        ("e", Constant::Float(std::f64::consts::E)),
        ("tau", Constant::Float(std::f64::consts::TAU)),
        ("inf", Constant::Float(f64::INFINITY)),
        ("nan", Constant::Float(f64::NAN)),
    ],
    submodules: &[],
};

fn number(value: &Value) -> PyResult<f64> {
    match value {
        Value::Float(f) => Ok(*f),
        _ => as_int(value).map(|i| i as f64).map_or_else(
            || {
                raise(
                    TypeError,
                    format!("must be real number, not {}", value.type_name()),
                )
            },
            Ok,
        ),
    }
}

fn int_arg(value: &Value, name: &str) -> PyResult<Int> {
    as_int(value).map_or_else(
        || {
            raise(
                TypeError,
                format!(
                    "{name}() argument must be an integer, not '{}'",
                    value.type_name()
                ),
            )
        },
        Ok,
    )
}

/// A function of one float; `None` outside its domain.
fn unary(args: &Args, name: &str, f: fn(f64) -> Option<f64>) -> PyResult<Invoked> {
    let x = number(&args.expect(name, 1, 1)?[0])?;
    match f(x) {
        Some(y) => done(Value::Float(y)),
        None => raise(ValueError, "math domain error"),
    }
}

/// `x` as a mantissa in [0.5, 1) (or 0) and a power of two, as C's `frexp`.
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64;
    if exponent == 0 {
        // Subnormal: scaled into the normal range first.
        let (mantissa, exponent) = frexp(x * 2f64.powi(64));
        return (mantissa, exponent - 64);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exponent - 1022)
}

fn binary(args: &Args, name: &str, f: fn(f64, f64) -> f64) -> PyResult<Invoked> {
    let given = args.expect(name, 2, 2)?;
    done(Value::Float(f(number(&given[0])?, number(&given[1])?)))
}

fn rounded(args: &Args, name: &str, f: fn(f64) -> f64) -> PyResult<Invoked> {
    let value = &args.expect(name, 1, 1)?[0];
    if let Some(i) = as_int(value) {
        return done(Value::Int(i));
    }
    done(to_int(&Value::Float(f(number(value)?)))?)
}

fn test(args: &Args, name: &str, f: fn(f64) -> bool) -> PyResult<Invoked> {
    done(Value::Bool(f(number(&args.expect(name, 1, 1)?[0])?)))
}

/// `log(x, base=e)`.
fn log(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("log", 1, 2)?;
    let x = number(&given[0])?;
    let base = given.get(1).map(number).transpose()?;
    if x <= 0.0 || base.is_some_and(|base| base <= 0.0 || base == 1.0) {
        return raise(ValueError, "math domain error");
    }
    done(Value::Float(match base {
        Some(base) => x.ln() / base.ln(),
        None => x.ln(),
    }))
}

/// `isclose(a, b, rel_tol=1e-09, abs_tol=0.0)`.
fn isclose(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let rel_tol = args
        .keyword("rel_tol")
        .map(|v| number(&v))
        .transpose()?
        .unwrap_or(1e-9);
    let abs_tol = args
        .keyword("abs_tol")
        .map(|v| number(&v))
        .transpose()?
        .unwrap_or(0.0);
    let given = args.expect("isclose", 2, 2)?;
    let (a, b) = (number(&given[0])?, number(&given[1])?);
    let close = a == b || (a - b).abs() <= (rel_tol * b.abs().max(a.abs())).max(abs_tol);
    done(Value::Bool(close))
}

fn gcd(a: Int, b: Int) -> Int {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `a * b`, or the error an integer past 128 bits is here.
fn checked_product(a: Int, b: Int) -> PyResult<Int> {
    a.checked_mul(b).map_or_else(
        || {
            raise(
                OverflowError,
                "integer too large (threadplay's integers are 128-bit)",
            )
        },
        Ok,
    )
}

/// `comb`'s and `perm`'s `n` and `k`: non-negative integers.
fn counted(value: Option<Value>, name: &str) -> PyResult<Int> {
    let value = value.unwrap_or_default();
    let count = to_index(&value)?;
    if count < 0 {
        return raise(ValueError, format!("{name} must be a non-negative integer"));
    }
    Ok(count)
}
