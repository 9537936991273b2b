//! `hash()` as CPython computes it (64-bit) for the values whose hash decides an order a
//! program can see: a set's iteration order follows its hash table. Ints, bools, floats and
//! tuples of them hash as in CPython; strings hash differently (CPython randomizes theirs per
//! process anyway, so no program can rely on their order).

use super::error::{raise, ExceptionKind::*, PyResult};
use super::value::{Int, Value};

/// CPython's `_PyHASH_MODULUS`: 2**61 - 1, a prime.
const MODULUS: u64 = (1 << 61) - 1;
const BITS: u32 = 61;

/// `hash(value)`.
pub fn py_hash(value: &Value) -> PyResult<i64> {
    Ok(match value {
        Value::Bool(b) => i64::from(*b),
        Value::Int(i) => int_hash(*i),
        Value::Float(f) => float_hash(*f),
        Value::Str(text) => fnv(text.as_bytes()),
        Value::Tuple(items) => tuple_hash(items)?,
        Value::Range(start, stop, step) => tuple_hash(&[
            Value::Int(Int::from(*start)),
            Value::Int(Int::from(*stop)),
            Value::Int(Int::from(*step)),
        ])?,
        Value::List(_) | Value::Dict(_) | Value::Set(_) if !is_frozen(value) => {
            return raise(
                TypeError,
                format!("unhashable type: '{}'", value.type_name()),
            )
        }
        other => address_hash(other),
    })
}

fn is_frozen(value: &Value) -> bool {
    matches!(value, Value::Set(set) if set.frozen)
}

fn int_hash(i: Int) -> i64 {
    let magnitude = (i.unsigned_abs() % u128::from(MODULUS)) as i64;
    let hash = if i < 0 { -magnitude } else { magnitude };
    if hash == -1 {
        -2
    } else {
        hash
    }
}

/// CPython's `_Py_HashDouble`: a float equal to an int hashes as the int.
fn float_hash(value: f64) -> i64 {
    if value.is_infinite() {
        return if value > 0.0 { 314_159 } else { -314_159 };
    }
    if value.is_nan() {
        return 0;
    }
    let (mut mantissa, mut exponent) = frexp(value);
    let sign: i64 = if mantissa < 0.0 {
        mantissa = -mantissa;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while mantissa != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (BITS - 28);
        mantissa *= 268_435_456.0;
        exponent -= 28;
        let digit = mantissa as u64;
        mantissa -= digit as f64;
        x += digit;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let exponent = if exponent >= 0 {
        exponent as u32 % BITS
    } else {
        BITS - 1 - ((-1 - exponent) as u32 % BITS)
    };
    x = ((x << exponent) & MODULUS) | x >> (BITS - exponent);
    let hash = (x as i64).wrapping_mul(sign);
    if hash == -1 {
        -2
    } else {
        hash
    }
}

/// `value` as `mantissa * 2**exponent` with `0.5 <= |mantissa| < 1`.
fn frexp(value: f64) -> (f64, i32) {
    if value == 0.0 {
        return (value, 0);
    }
    let bits = value.to_bits();
    let raw_exponent = ((bits >> 52) & 0x7ff) as i32;
    if raw_exponent == 0 {
        // Subnormal: scale into the normal range first.
        let (mantissa, exponent) = frexp(value * 2f64.powi(64));
        return (mantissa, exponent - 64);
    }
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, raw_exponent - 1022)
}

/// CPython 3.11's tuple hash (xxHash's mixing).
fn tuple_hash(items: &[Value]) -> PyResult<i64> {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let mut acc = PRIME_5;
    for item in items {
        let lane = py_hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add(items.len() as u64 ^ (PRIME_5 ^ 3_527_539));
    Ok(if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    })
}

fn fnv(bytes: &[u8]) -> i64 {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash >> 1) as i64
}

/// Objects hash by identity, as CPython's default `__hash__` (address / 16).
fn address_hash(value: &Value) -> i64 {
    let address = match value {
        Value::Instance(instance) => std::sync::Arc::as_ptr(instance) as *const () as usize,
        Value::Object(object) => std::sync::Arc::as_ptr(object) as *const () as usize,
        Value::Function(function) => std::sync::Arc::as_ptr(function) as *const () as usize,
        Value::Class(class) => std::sync::Arc::as_ptr(class) as *const () as usize,
        _ => 0,
    };
    (address >> 4) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(value: Value) -> i64 {
        py_hash(&value).expect("hashable")
    }

    #[test]
    fn numbers_hash_as_in_cpython() {
        // python3 -c 'print(hash(-1), hash(2**61), hash(-2**62), hash(1.5), hash(-0.1), hash(1e300))'
        assert_eq!(hash_of(Value::Int(-1)), -2);
        assert_eq!(hash_of(Value::Int(1 << 61)), 1);
        assert_eq!(hash_of(Value::Int(-(1 << 62))), -2);
        assert_eq!(hash_of(Value::Float(1.5)), 1_152_921_504_606_846_977);
        assert_eq!(hash_of(Value::Float(-0.1)), -230_584_300_921_369_408);
        assert_eq!(hash_of(Value::Float(1e300)), 1_224_995_262_755_759_164);
        assert_eq!(hash_of(Value::Float(3.0)), 3);
    }

    #[test]
    fn tuples_hash_as_in_cpython() {
        // python3 -c 'print(hash((1, 2)), hash(()), hash((1, (2, 3.5))))'
        let pair = Value::Tuple([Value::Int(1), Value::Int(2)].into());
        assert_eq!(hash_of(pair), -3_550_055_125_485_641_917);
        assert_eq!(hash_of(Value::Tuple([].into())), 5_740_354_900_026_072_187);
        let nested = Value::Tuple(
            [
                Value::Int(1),
                Value::Tuple([Value::Int(2), Value::Float(3.5)].into()),
            ]
            .into(),
        );
        assert_eq!(hash_of(nested), -9_148_893_311_433_065_316);
    }
}
