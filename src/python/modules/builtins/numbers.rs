//! The builtins that convert and compute numbers: `int`, `float`, `round`, `abs`, `pow`,
//! `divmod`, `hex`, `bin`, `oct`, `chr` and `ord`.

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::ir::BinOp;
use super::super::super::registry::{done, Args};
use super::super::super::value::{as_int, binary, to_index, Int, Value};
use super::super::super::vm::{operators, Invoked, Vm};

/// `int(text, base)`: base 2 to 36, or 0 for a literal's own prefix (`0x`, `0o`, `0b`).
pub fn int_in_base(value: &Value, base: &Value) -> PyResult<Value> {
    let Value::Str(text) = value else {
        return raise(
            TypeError,
            "int() can't convert non-string with explicit base",
        );
    };
    let base = match to_index(base)? {
        base if base == 0 || (2..=36).contains(&base) => base as u32,
        _ => return raise(ValueError, "int() base must be >= 2 and <= 36, or 0"),
    };
    let invalid = || {
        raise(
            ValueError,
            format!(
                "invalid literal for int() with base {base}: {}",
                value.repr()
            ),
        )
    };
    let trimmed = text.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let lower = digits.to_ascii_lowercase();
    let prefixed = [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find(|(prefix, radix)| lower.starts_with(prefix) && (base == 0 || base == *radix));
    let (digits, radix) = match prefixed {
        Some((prefix, radix)) => (&lower[prefix.len()..], radix),
        None if base == 0 => (lower.as_str(), 10),
        None => (lower.as_str(), base),
    };
    // An underscore may follow a prefix, and stand between digits.
    let digits = match prefixed {
        Some(_) => digits.strip_prefix('_').unwrap_or(digits),
        None => digits,
    };
    let well_formed = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__");
    if !well_formed {
        return invalid();
    }
    match Int::from_str_radix(&digits.replace('_', ""), radix) {
        Ok(number) => Ok(Value::Int(if negative { -number } else { number })),
        Err(_) => invalid(),
    }
}

pub fn to_int(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) if f.is_finite() && f.abs() < 1.7e38 => Ok(Value::Int(f.trunc() as Int)),
        Value::Float(_) => raise(
            OverflowError,
            "cannot convert float infinity or NaN to integer",
        ),
        Value::Str(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .map(Value::Int)
            .or_else(|_| {
                raise(
                    ValueError,
                    format!("invalid literal for int() with base 10: {}", value.repr()),
                )
            }),
        other => as_int(other).map(Value::Int).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

pub fn to_float(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) => Ok(Value::Float(*f)),
        Value::Str(text) => {
            let text = text.trim().to_lowercase();
            let parsed = match text.as_str() {
                "inf" | "infinity" | "+inf" => Some(f64::INFINITY),
                "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                "nan" => Some(f64::NAN),
                _ => text
                    .parse()
                    .ok()
                    .filter(|_| !text.contains("inf") && !text.contains("nan")),
            };
            parsed.map(Value::Float).map_or_else(
                || {
                    raise(
                        ValueError,
                        format!("could not convert string to float: {}", value.repr()),
                    )
                },
                Ok,
            )
        }
        other => as_int(other).map(|i| Value::Float(i as f64)).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "float() argument must be a string or a number, not '{}'",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

/// `round(x)` rounds half to even, to an int; `round(x, n)` to the float nearest the decimal.
pub fn round(args: &[Value]) -> PyResult<Value> {
    let digits = match args.get(1) {
        None | Some(Value::None) => None,
        Some(n) => Some(
            as_int(n).map_or_else(|| raise(TypeError, "round() digits must be an integer"), Ok)?,
        ),
    };
    match (&args[0], digits) {
        (Value::Float(f), None) => to_int(&Value::Float(f.round_ties_even())),
        (Value::Float(f), Some(digits)) => {
            let digits = digits.clamp(-308, 308);
            if digits >= 0 {
                // Formatting rounds the exact binary value correctly, as Python's round does.
                let text = format!("{f:.*}", digits as usize);
                Ok(Value::Float(text.parse().unwrap_or(*f)))
            } else {
                let scale = 10f64.powi(-digits as i32);
                Ok(Value::Float((f / scale).round_ties_even() * scale))
            }
        }
        (value, Some(digits)) if digits < 0 && as_int(value).is_some() => Ok(Value::Int(
            round_int(as_int(value).unwrap_or_default(), digits),
        )),
        (value, _) if as_int(value).is_some() => Ok(Value::Int(as_int(value).unwrap_or_default())),
        (other, _) => raise(
            TypeError,
            format!("type {} doesn't define __round__ method", other.type_name()),
        ),
    }
}

/// `round(i, digits)` with `digits < 0`: to a multiple of `10**-digits`, ties to even.
fn round_int(i: Int, digits: Int) -> Int {
    let Some(unit) = u32::try_from(-digits)
        .ok()
        .and_then(|n| Int::checked_pow(10, n))
    else {
        return 0;
    };
    let (quotient, remainder) = (i.div_euclid(unit), i.rem_euclid(unit));
    let up = 2 * remainder > unit || (2 * remainder == unit && quotient % 2 != 0);
    (quotient + Int::from(up)) * unit
}

/// `abs(value)`, with a class's `__abs__`.
pub fn absolute(vm: &mut Vm, value: Value) -> PyResult<Invoked> {
    match operators::special(&value, "__abs__") {
        Some(method) => vm.invoke(&method, Args::new(vec![value])),
        None => done(abs(&value)?),
    }
}

fn abs(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        other => match as_int(other) {
            Some(i) => i
                .checked_abs()
                .map(Value::Int)
                .map_or_else(|| raise(OverflowError, "integer too large"), Ok),
            None => raise(
                TypeError,
                format!("bad operand type for abs(): '{}'", other.type_name()),
            ),
        },
    }
}

/// `pow(base, exp[, mod])`: `**`, or modular exponentiation of ints.
pub fn pow(args: &[Value]) -> PyResult<Value> {
    let Some(modulus) = args.get(2).filter(|m| !matches!(m, Value::None)) else {
        return binary(BinOp::Pow, &args[0], &args[1]);
    };
    let (Some(base), Some(exp), Some(modulus)) =
        (as_int(&args[0]), as_int(&args[1]), as_int(modulus))
    else {
        return raise(
            TypeError,
            "pow() 3rd argument not allowed unless all arguments are integers",
        );
    };
    if modulus == 0 {
        return raise(ValueError, "pow() 3rd argument cannot be 0");
    }
    if exp < 0 {
        return raise(ValueError, "base is not invertible for the given modulus");
    }
    let (mut result, mut base, mut exp) = (1 % modulus, base.rem_euclid(modulus), exp);
    while exp > 0 {
        if exp & 1 == 1 {
            result = mul_mod(result, base, modulus)?;
        }
        base = mul_mod(base, base, modulus)?;
        exp >>= 1;
    }
    if modulus < 0 && result > 0 {
        result += modulus;
    }
    Ok(Value::Int(result))
}

fn mul_mod(a: Int, b: Int, modulus: Int) -> PyResult<Int> {
    a.checked_mul(b)
        .map(|product| product.rem_euclid(modulus))
        .map_or_else(|| raise(OverflowError, "integer too large"), Ok)
}

/// `divmod(a, b)`: `(a // b, a % b)`.
pub fn divmod(args: &[Value]) -> PyResult<Value> {
    let quotient = binary(BinOp::FloorDiv, &args[0], &args[1])?;
    let remainder = binary(BinOp::Mod, &args[0], &args[1])?;
    Ok(Value::Tuple([quotient, remainder].into()))
}

/// `hex`, `oct` and `bin`: the int in that base, with its prefix.
pub fn in_base(value: &Value, name: &str) -> PyResult<Value> {
    let i = to_index(value)?;
    let sign = if i < 0 { "-" } else { "" };
    let magnitude = i.unsigned_abs();
    let digits = match name {
        "hex" => format!("0x{magnitude:x}"),
        "oct" => format!("0o{magnitude:o}"),
        _ => format!("0b{magnitude:b}"),
    };
    Ok(Value::str(format!("{sign}{digits}")))
}

/// `chr(i)`.
pub fn chr(value: &Value) -> PyResult<Value> {
    as_int(value)
        .and_then(|i| u32::try_from(i).ok())
        .and_then(char::from_u32)
        .map(|c| Value::str(c.to_string()))
        .map_or_else(|| raise(ValueError, "chr() arg not in range(0x110000)"), Ok)
}

/// `ord(c)`.
pub fn ord(value: &Value) -> PyResult<Value> {
    let Value::Str(text) = value else {
        return raise(
            TypeError,
            format!(
                "ord() expected string of length 1, but {} found",
                value.type_name()
            ),
        );
    };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Value::Int(Int::from(u32::from(c)))),
        _ => raise(
            TypeError,
            format!(
                "ord() expected a character, but string of length {} found",
                text.chars().count()
            ),
        ),
    }
}
