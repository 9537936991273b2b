//! `random.seed`: the key CPython 3.11 makes of each kind of seed, and the clock's seed for a
//! generator the program has not seeded.

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::registry::{done, Args};
use super::super::super::value::Value;
use super::super::super::vm::{Invoked, Vm};
use super::Mersenne;
use crate::event::lock;

pub fn seed(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [seed] = args.bind("seed", ["a"], 0)?;
    let number =
        match seed.unwrap_or_default() {
            Value::None => None,
            Value::Int(int) => Some(int.unsigned_abs()),
            Value::Bool(bool) => Some(u128::from(bool)),
            // CPython seeds from the hash, read as an unsigned machine word.
            Value::Float(float) => Some(u128::from(float_hash(float) as u64)),
            Value::Str(_) => {
                return raise(
                    NotImplementedError,
                    "threadplay's random.seed() takes an int, a float or None, not a str",
                )
            }
            _ => return raise(
                TypeError,
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ),
        };
    let mut generator = lock(&vm.thread.process.random);
    let seeded = match number {
        Some(number) => Mersenne::from_int(number),
        None => from_clock(vm, generator.as_mut()),
    };
    *generator = Some(seeded);
    done(Value::None)
}

/// A generator seeded from the run's clock, where CPython reads the system's entropy. The
/// process and words of the generator it replaces go into the key too, so that two seedings
/// within one tick of the clock (two processes, or `seed()` twice) still differ.
pub fn from_clock(vm: &Vm, replaced: Option<&mut Mersenne>) -> Mersenne {
    let origin_us = (vm.run.recorder.origin_ms() * 1e3) as u64;
    let elapsed_ns = (vm.now_ms() * 1e6) as u64;
    let mut key = vec![
        origin_us as u32,
        (origin_us >> 32) as u32,
        elapsed_ns as u32,
        (elapsed_ns >> 32) as u32,
        vm.thread.process.domain as u32,
    ];
    if let Some(replaced) = replaced {
        key.extend((0..4).map(|_| replaced.next_u32()));
    }
    Mersenne::from_key(&key)
}

/// Python's `hash(float)`: the float's exact value modulo the prime 2**61 - 1, as
/// `sys.hash_info` describes it.
fn float_hash(float: f64) -> i64 {
    const MODULUS: u128 = (1 << 61) - 1;
    if float.is_infinite() {
        return if float > 0.0 { 314_159 } else { -314_159 };
    }
    if float.is_nan() {
        // CPython hashes a NaN by its address: any seed is as good.
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
    let magnitude = ((u128::from(mantissa) << power.rem_euclid(61)) % MODULUS) as i64;
    let hash = if float < 0.0 { -magnitude } else { magnitude };
    // -1 is the C API's error value, so Python never hashes to it.
    if hash == -1 {
        -2
    } else {
        hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(float_hash(float), hash, "hash({float})");
        }
    }

    #[test]
    fn a_float_seed_draws_as_in_python3() {
        let mut mt = Mersenne::from_int(u128::from(float_hash(-0.1) as u64));
        assert_eq!(mt.random(), 0.9101117294798381);
    }
}
