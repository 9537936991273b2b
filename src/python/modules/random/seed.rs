//! `random.seed`: the key CPython 3.11 makes of each kind of seed, and the clock's seed for a
//! generator the program has not seeded.

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::hash::py_hash;
use super::super::super::registry::{done, Args};
use super::super::super::types::bytes;
use super::super::super::value::Value;
use super::super::super::vm::{Invoked, Vm};
use super::{Generator, Mersenne, RandomState};
use crate::event::lock;

pub fn seed(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [seed] = args.bind("seed", ["a"], 0)?;
    let number = |number| Some(Mersenne::from_int(number));
    let seed = seed.unwrap_or_default();
    let seeded = match &seed {
        Value::None => None,
        Value::Int(int) => number(int.unsigned_abs()),
        Value::Bool(bool) => number(u128::from(*bool)),
        // CPython seeds from the hash, read as an unsigned machine word.
        float @ Value::Float(_) => number(u128::from(py_hash(float)? as u64)),
        Value::Str(text) => Some(Mersenne::from_key(&text_key(text.as_bytes()))),
        other => match bytes::of(other) {
            Some(data) => Some(Mersenne::from_key(&text_key(data))),
            None => return raise(
                TypeError,
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ),
        },
    };
    let mut state = lock(generator);
    let seeded = match seeded {
        Some(seeded) => seeded,
        None => from_clock(vm, state.as_mut().map(|state| &mut **state)),
    };
    // A new seed forgets `gauss`'s second number too.
    *state = Some(RandomState::new(seeded));
    done(Value::None)
}

/// The key CPython 3.11 makes of a `str` or `bytes` seed: its bytes and their SHA-512 read as
/// one big-endian int, in 32-bit words from the least significant.
fn text_key(data: &[u8]) -> Vec<u32> {
    use sha2::Digest;
    let mut number = data.to_vec();
    number.extend_from_slice(&sha2::Sha512::digest(data));
    let significant = number
        .iter()
        .position(|&byte| byte != 0)
        .unwrap_or(number.len());
    let mut words: Vec<u32> = number[significant..]
        .rchunks(4)
        .map(|chunk| {
            chunk
                .iter()
                .fold(0, |word, &byte| (word << 8) | u32::from(byte))
        })
        .collect();
    if words.is_empty() {
        words.push(0);
    }
    words
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_float_seed_draws_as_in_python3() {
        let hash = py_hash(&Value::Float(-0.1)).expect("a float hashes");
        let mut mt = Mersenne::from_int(u128::from(hash as u64));
        assert_eq!(mt.random(), 0.9101117294798381);
    }
}
