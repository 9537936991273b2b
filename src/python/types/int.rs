//! The methods of `int` (and `bool`) and `float`: bit counts, conversions to and from bytes
//! (checksums, wire formats, hash prefixes), and exact ratios.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, Native, TypeDef};
use super::super::value::{as_int, overflow, to_index, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::bytes;

pub static INT: TypeDef = TypeDef {
    name: "int",
    methods: &[
        native("bit_length", |_, args| {
            args.expect("bit_length", 0, 0)?;
            let bits = Int::BITS - this(&args).unsigned_abs().leading_zeros();
            done(Value::Int(bits.into()))
        }),
        native("bit_count", |_, args| {
            args.expect("bit_count", 0, 0)?;
            done(Value::Int(this(&args).unsigned_abs().count_ones().into()))
        }),
        native("to_bytes", to_bytes),
        native("as_integer_ratio", |_, args| {
            args.expect("as_integer_ratio", 0, 0)?;
            done(Value::Tuple(
                [Value::Int(this(&args)), Value::Int(1)].into(),
            ))
        }),
    ],
    attribute: |object, name| match name {
        "real" | "numerator" => as_int(object).map(Value::Int),
        "imag" => Some(Value::Int(0)),
        "denominator" => Some(Value::Int(1)),
        _ => None,
    },
};

pub static FLOAT: TypeDef = TypeDef {
    name: "float",
    methods: &[
        native("is_integer", |_, args| {
            args.expect("is_integer", 0, 0)?;
            let number = float_this(&args);
            done(Value::Bool(number.is_finite() && number.fract() == 0.0))
        }),
        native("as_integer_ratio", |_, args| {
            args.expect("as_integer_ratio", 0, 0)?;
            let (numerator, denominator) = ratio(float_this(&args))?;
            done(Value::Tuple(
                [Value::Int(numerator), Value::Int(denominator)].into(),
            ))
        }),
    ],
    attribute: no_attributes,
};

/// `int.from_bytes(…)`, called on the type.
pub static CLASS_METHODS: &[Native] = &[native("from_bytes", from_bytes)];

fn this(args: &Args) -> Int {
    as_int(&args.receiver).unwrap_or_default()
}

fn float_this(args: &Args) -> f64 {
    match args.receiver {
        Value::Float(number) => number,
        _ => 0.0,
    }
}

/// Whether `byteorder` asks for the little end first.
fn little_endian(byteorder: Option<Value>) -> PyResult<bool> {
    match byteorder {
        None => Ok(false),
        Some(Value::Str(order)) if &*order == "big" => Ok(false),
        Some(Value::Str(order)) if &*order == "little" => Ok(true),
        Some(Value::Str(_)) => raise(ValueError, "byteorder must be either 'little' or 'big'"),
        Some(other) => raise(
            TypeError,
            format!(
                "to_bytes() argument 'byteorder' must be str, not {}",
                other.type_name()
            ),
        ),
    }
}

/// `n.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn to_bytes(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let number = this(&args);
    let signed = args
        .keyword("signed")
        .is_some_and(|signed| signed.is_truthy());
    let [length, byteorder] = args.bind("to_bytes", ["length", "byteorder"], 0)?;
    let length = match length {
        None => 1,
        Some(length) => match to_index(&length)? {
            length if length < 0 => {
                return raise(ValueError, "length argument must be non-negative")
            }
            length => usize::try_from(length).map_or_else(|_| overflow(), Ok)?,
        },
    };
    let little = little_endian(byteorder)?;
    if number < 0 && !signed {
        return raise(OverflowError, "can't convert negative int to unsigned");
    }
    // The bits the number needs, with a sign bit when signed.
    let magnitude_bits = if number < 0 {
        Int::BITS - (!number).leading_zeros()
    } else {
        Int::BITS - number.leading_zeros()
    };
    let needed = match signed && number != 0 {
        true => magnitude_bits as usize + 1,
        false => magnitude_bits as usize,
    };
    if needed > length * 8 {
        return raise(OverflowError, "int too big to convert");
    }
    let fill = if number < 0 { 0xff } else { 0 };
    let mut data: Vec<u8> = (0..length)
        .map(|index| {
            if index < 16 {
                (number >> (index * 8)) as u8
            } else {
                fill
            }
        })
        .collect();
    if !little {
        data.reverse();
    }
    done(bytes::value(data))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`: `bytes` may be any iterable of
/// ints below 256.
fn from_bytes(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let signed = args
        .keyword("signed")
        .is_some_and(|signed| signed.is_truthy());
    let [data, byteorder] = args.bind("from_bytes", ["bytes", "byteorder"], 1)?;
    let data = data.unwrap_or_default();
    let mut data: Vec<u8> = match bytes::of(&data) {
        Some(data) => data.to_vec(),
        None => bytes::from_ints(&data)?,
    };
    if little_endian(byteorder)? {
        data.reverse();
    }
    let negative = signed && data.first().is_some_and(|first| first & 0x80 != 0);
    // Leading bytes that only repeat the sign carry no value.
    let fill = if negative { 0xff } else { 0 };
    let significant = data
        .iter()
        .position(|&byte| byte != fill)
        .unwrap_or(data.len());
    let digits = &data[significant..];
    // Past 16 bytes (or 16 with the sign bit disagreeing) the number is past 128 bits.
    let sign_kept = digits
        .first()
        .is_none_or(|first| (first & 0x80 != 0) == negative);
    if digits.len() > 16 || (digits.len() == 16 && !sign_kept) {
        return overflow();
    }
    let start: Int = if negative { -1 } else { 0 };
    let number = digits
        .iter()
        .fold(start, |number, &byte| (number << 8) | Int::from(byte));
    done(Value::Int(number))
}

/// A float's exact ratio, in lowest terms, as CPython's `float.as_integer_ratio`.
fn ratio(number: f64) -> PyResult<(Int, Int)> {
    if number.is_infinite() {
        return raise(OverflowError, "cannot convert Infinity to integer ratio");
    }
    if number.is_nan() {
        return raise(ValueError, "cannot convert NaN to integer ratio");
    }
    if number == 0.0 {
        return Ok((0, 1));
    }
    let bits = number.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let mantissa = match exponent {
        0 => fraction,
        _ => fraction | (1 << 52),
    };
    // number = ±mantissa × 2^power, the mantissa made odd.
    let twos = mantissa.trailing_zeros();
    let mantissa = Int::from(mantissa >> twos);
    let power = exponent.max(1) - 1075 + twos as i32;
    let signed = if number < 0.0 { -mantissa } else { mantissa };
    if power >= 0 {
        let numerator = (power < 127)
            .then(|| signed.checked_mul(1 << power))
            .flatten();
        numerator.map_or_else(overflow, |numerator| Ok((numerator, 1)))
    } else if power > -127 {
        Ok((signed, 1 << -power))
    } else {
        overflow()
    }
}
