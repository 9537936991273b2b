//! The Mersenne Twister (MT19937) as CPython's `_random.Random` has it, seeding included, so
//! a program that calls `random.seed(n)` draws the numbers python3 draws. No clock and no
//! platform: whoever seeds it from entropy brings the entropy.

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

#[derive(Clone)]
pub struct Mersenne {
    state: [u32; N],
    /// The next word of `state` to temper; `N` when the state must be regenerated first.
    index: usize,
}

impl Mersenne {
    /// CPython's `seed(n)` for an int: the absolute value's 32-bit words, least significant
    /// first (zero is one word, 0).
    pub fn from_int(seed: u128) -> Self {
        let words = (128 - seed.leading_zeros()).div_ceil(32).max(1);
        let key: Vec<u32> = (0..words)
            .map(|word| (seed >> (32 * word)) as u32)
            .collect();
        Self::from_key(&key)
    }

    /// `init_by_array` of the reference implementation, as CPython seeds.
    pub fn from_key(key: &[u32]) -> Self {
        let mut mt = Self::from_word(19_650_218);
        let state = &mut mt.state;
        let (mut i, mut j) = (1, 0);
        for _ in 0..N.max(key.len()) {
            let previous = state[i - 1] ^ (state[i - 1] >> 30);
            state[i] = (state[i] ^ previous.wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                state[0] = state[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = state[i - 1] ^ (state[i - 1] >> 30);
            state[i] = (state[i] ^ previous.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                state[0] = state[N - 1];
                i = 1;
            }
        }
        // The reference implementation's guard against an all-zero state.
        state[0] = 0x8000_0000;
        mt
    }

    /// `init_genrand`: the state `from_key` stirs the key into.
    fn from_word(seed: u32) -> Self {
        let mut state = [0; N];
        state[0] = seed;
        for i in 1..N {
            let previous = state[i - 1] ^ (state[i - 1] >> 30);
            state[i] = previous.wrapping_mul(1_812_433_253).wrapping_add(i as u32);
        }
        Self { state, index: N }
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.regenerate();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn regenerate(&mut self) {
        let mt = &mut self.state;
        for k in 0..N {
            let y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            let twist = if y & 1 == 0 { 0 } else { MATRIX_A };
            mt[k] = mt[(k + M) % N] ^ (y >> 1) ^ twist;
        }
        self.index = 0;
    }

    /// `random()`: 53 random bits as a float in [0, 1), from two words as CPython takes them.
    pub fn random(&mut self) -> f64 {
        let high = f64::from(self.next_u32() >> 5);
        let low = f64::from(self.next_u32() >> 6);
        (high * 67_108_864.0 + low) / 9_007_199_254_740_992.0
    }

    /// `getrandbits(bits)`, for `bits <= 128`: whole words from the least significant end,
    /// the last one cut to the bits still wanted from its top.
    pub fn bits(&mut self, bits: u32) -> u128 {
        assert!(bits <= 128, "getrandbits({bits}) does not fit 128 bits");
        let mut value = 0;
        let mut left = bits;
        let mut shift = 0;
        while left > 0 {
            let word = self.next_u32();
            let word = if left < 32 { word >> (32 - left) } else { word };
            value |= u128::from(word) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        value
    }

    /// `randbytes(n)`: `getrandbits(n * 8)` as `n` little-endian bytes, the last word cut as
    /// `bits` cuts it.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(n + 3);
        while bytes.len() < n {
            let left = n - bytes.len();
            let word = self.next_u32();
            let word = if left < 4 {
                word >> (32 - 8 * left)
            } else {
                word
            };
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        bytes.truncate(n);
        bytes
    }

    /// A number in [0, n), for `n > 0`, as `Random._randbelow_with_getrandbits` draws it:
    /// as many bits as `n` has, again until below `n`.
    pub fn below(&mut self, n: u128) -> u128 {
        debug_assert!(n > 0, "below(0)");
        let bits = 128 - n.leading_zeros();
        loop {
            let candidate = self.bits(bits);
            if candidate < n {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The expected numbers are python3.11's, from `random.Random()` after `seed(…)`.

    #[test]
    fn int_seeds_give_python3s_words() {
        let mut zero = Mersenne::from_int(0);
        let words: Vec<u32> = (0..3).map(|_| zero.next_u32()).collect();
        assert_eq!(words, [3_626_764_237, 1_654_615_998, 3_255_389_356]);

        let mut wide = Mersenne::from_int((1 << 100) + 12345);
        assert_eq!(
            [wide.next_u32(), wide.next_u32()],
            [1_910_715_478, 278_772_827]
        );
    }

    #[test]
    fn words_past_the_first_regeneration_match() {
        let mut mt = Mersenne::from_int(1);
        let words: Vec<u32> = (0..700).map(|_| mt.next_u32()).collect();
        assert_eq!(
            [words[623], words[624], words[699]],
            [802_355_090, 1_360_367_077, 3_348_972_608]
        );
    }

    #[test]
    fn floats_match_python3s() {
        let mut mt = Mersenne::from_int(42);
        let floats: Vec<f64> = (0..3).map(|_| mt.random()).collect();
        assert_eq!(
            floats,
            [
                0.6394267984578837,
                0.025010755222666936,
                0.27502931836911926
            ]
        );
    }

    #[test]
    fn bits_of_every_width_match() {
        let mut mt = Mersenne::from_int(7);
        let drawn: Vec<u128> = [1, 31, 33, 64, 100, 127]
            .iter()
            .map(|&bits| mt.bits(bits))
            .collect();
        assert_eq!(
            drawn,
            [
                0,
                2_035_525_362,
                647_892_279,
                890_727_360_438_182_992,
                121_685_109_202_443_864_600_992_231_219,
                154_778_126_055_590_420_735_941_995_455_095_622_136,
            ]
        );
        assert_eq!(mt.bits(0), 0);
    }

    #[test]
    fn below_draws_as_randbelow() {
        let mut mt = Mersenne::from_int(7);
        let drawn: Vec<u128> = [1, 2, 10, 1000, (1 << 70) + 3]
            .iter()
            .map(|&n| mt.below(n))
            .collect();
        assert_eq!(drawn, [0, 0, 6, 666, 850_286_620_209_004_384_299]);
    }
}
