//! `hash()` as CPython computes it (64-bit) for the values whose hash decides an order a
//! program can see: a set's iteration order follows its hash table. Ints, bools, floats and
//! tuples of them hash as in CPython; strings hash differently (CPython randomizes theirs per
//! process anyway, so no program can rely on their order).

use super::error::{raise, ExceptionKind::*, PyResult};
use super::ir::Name;
use super::types::class::PyClass;
use super::value::{Int, Value};
use std::sync::Arc;

/// How a class's instances hash.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hashing {
    /// By identity, as `object`'s `__hash__`.
    Identity,
    /// By the class's own `__hash__`, which is Python code: the VM calls it before a set or a
    /// dict takes the instance (see `vm/keys.rs`).
    Method,
    /// `__hash__ = None`, or `__eq__` defined without `__hash__` (CPython then sets it to
    /// `None`).
    Unhashable,
    /// A frozen dataclass: by its fields' values.
    Fields,
}

impl Hashing {
    /// Decided by the first class, in lookup order, that defines `__hash__` or `__eq__`.
    pub fn of(namespace: &[(Name, Value)], ancestors: &[Arc<PyClass>]) -> Hashing {
        Self::defined(namespace)
            .or_else(|| {
                ancestors
                    .iter()
                    .find_map(|class| Self::defined(&class.own_namespace()))
            })
            .unwrap_or(Hashing::Identity)
    }

    /// How a class whose own namespace is `namespace` hashes, if that decides it.
    pub fn defined(namespace: &[(Name, Value)]) -> Option<Hashing> {
        let own = |wanted: &str| namespace.iter().find(|(name, _)| &**name == wanted);
        match own("__hash__") {
            Some((_, Value::None)) => Some(Hashing::Unhashable),
            Some(_) => Some(Hashing::Method),
            None => own("__eq__").map(|_| Hashing::Unhashable),
        }
    }
}

/// CPython's `_PyHASH_MODULUS`: 2**61 - 1, a prime.
const MODULUS: u64 = (1 << 61) - 1;

/// `hash(value)`.
pub fn py_hash(value: &Value) -> PyResult<i64> {
    Ok(match value {
        Value::Bool(b) => i64::from(*b),
        Value::Int(i) => int_hash(*i),
        Value::Float(f) => float_hash(*f),
        Value::Str(text) => bytes_hash(text.as_bytes()),
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
        Value::Instance(instance) => match instance.class.hashing {
            Hashing::Identity => address_hash(value),
            Hashing::Unhashable => {
                return raise(
                    TypeError,
                    format!("unhashable type: '{}'", instance.class.name),
                )
            }
            Hashing::Fields => match &instance.class.dataclass {
                Some(dataclass) => py_hash(&dataclass.key(instance))?,
                None => address_hash(value),
            },
            Hashing::Method => match instance.last_hash() {
                Some(hash) => hash,
                None => {
                    return raise(
                        TypeError,
                        format!(
                            "threadplay calls {}.__hash__ only for sets, dict keys and hash()",
                            instance.class.name
                        ),
                    )
                }
            },
        },
        Value::Object(object) => match object.hash() {
            Some(hash) => hash?,
            None => address_hash(value),
        },
        other => address_hash(other),
    })
}

/// Fails as `hash(value)` would, without computing it (a dict, whose keys are found by `==`
/// alone, checks each key this way).
pub fn check_hashable(value: &Value) -> PyResult<()> {
    match value {
        Value::List(_) | Value::Dict(_) | Value::Set(_) if !is_frozen(value) => {
            py_hash(value).map(drop)
        }
        Value::Instance(instance) if instance.class.hashing == Hashing::Unhashable => {
            py_hash(value).map(drop)
        }
        Value::Tuple(items) => items.iter().try_for_each(check_hashable),
        _ => Ok(()),
    }
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

/// CPython's hash of a float: its exact value modulo the prime (so a float equal to an int
/// hashes as the int).
fn float_hash(float: f64) -> i64 {
    if float.is_infinite() {
        return if float > 0.0 { 314_159 } else { -314_159 };
    }
    if float.is_nan() {
        // CPython hashes a NaN by its address: any number is as good.
        return 0;
    }
    let bits = float.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, power) = match exponent {
        0 => (fraction, -1074),
        _ => (fraction | 1 << 52, exponent - 1075),
    };
    // 2**61 is 1 modulo the prime, so a power of two is its exponent modulo 61.
    let magnitude = ((u128::from(mantissa) << power.rem_euclid(61)) % u128::from(MODULUS)) as i64;
    let hash = if float < 0.0 { -magnitude } else { magnitude };
    if hash == -1 {
        -2
    } else {
        hash
    }
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

/// A `str`'s hash (of its UTF-8) and a `bytes`'.
pub fn bytes_hash(bytes: &[u8]) -> i64 {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash >> 1) as i64
}

/// Objects hash by identity, as CPython's default `__hash__` (address / 16).
fn address_hash(value: &Value) -> i64 {
    match value {
        // A frozenset's hash is its items' in CPython; threadplay gives them all one.
        Value::Set(_) => 0,
        other => (other.address().unwrap_or(0) >> 4) as i64,
    }
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
    fn floats_hash_as_in_python3() {
        // The expected hashes are python3.11's `hash(x)`.
        let cases = [
            (1.5, 1_152_921_504_606_846_977),
            (-1.5, -1_152_921_504_606_846_977),
            (3.0, 3),
            (0.1, 230_584_300_921_369_408),
            (1e300, 1_224_995_262_755_759_164),
            (5e-324, 16_777_216),
            (-(2f64.powi(61)), -2),
            (f64::INFINITY, 314_159),
            (-1.0, -2),
            (0.0, 0),
        ];
        for (float, hash) in cases {
            assert_eq!(hash_of(Value::Float(float)), hash, "hash({float})");
        }
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
