//! Exact sums of floats, and double-double numbers (a float and the float's error beside it,
//! about 106 bits): `math.fsum`, and `statistics`, whose results CPython rounds from exact
//! fractions. Rounded from a double-double instead, a result differs from CPython's only when
//! the exact value lies within 2^-100 or so of half-way between two floats.

/// A sum of floats kept exactly, as non-overlapping partial sums (Shewchuk's, as CPython's
/// `fsum` keeps them).
#[derive(Default)]
pub struct ExactSum {
    partials: Vec<f64>,
}

impl ExactSum {
    pub fn add(&mut self, number: f64) {
        let mut x = number;
        let mut kept = 0;
        for i in 0..self.partials.len() {
            let mut y = self.partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let high = x + y;
            let low = y - (high - x);
            if low != 0.0 {
                self.partials[kept] = low;
                kept += 1;
            }
            x = high;
        }
        self.partials.truncate(kept);
        self.partials.push(x);
    }

    /// Adds a double-double's both parts, exactly.
    pub fn add_double_double(&mut self, number: DoubleDouble) {
        self.add(number.high);
        self.add(number.low);
    }

    /// The sum, correctly rounded (`math.fsum`).
    pub fn rounded(&self) -> f64 {
        let mut partials = self.partials.clone();
        let Some(mut high) = partials.pop() else {
            return 0.0;
        };
        let mut low = 0.0;
        while let Some(y) = partials.pop() {
            let x = high;
            high = x + y;
            low = y - (high - x);
            if low != 0.0 {
                break;
            }
        }
        // Half-way cases: round as if the remaining partials were there.
        if let Some(&next) = partials.last() {
            if (low < 0.0 && next < 0.0) || (low > 0.0 && next > 0.0) {
                let y = low * 2.0;
                let x = high + y;
                if y == x - high {
                    high = x;
                }
            }
        }
        high
    }

    /// The sum as a double-double: its rounding, and the rounding of what that left out.
    pub fn double_double(&self) -> DoubleDouble {
        let high = self.rounded();
        if !high.is_finite() {
            return DoubleDouble::from(high);
        }
        let mut rest = ExactSum {
            partials: self.partials.clone(),
        };
        rest.add(-high);
        DoubleDouble::from(high).plus(DoubleDouble::from(rest.rounded()))
    }
}

impl FromIterator<f64> for ExactSum {
    fn from_iter<I: IntoIterator<Item = f64>>(numbers: I) -> Self {
        let mut sum = ExactSum::default();
        numbers.into_iter().for_each(|number| sum.add(number));
        sum
    }
}

/// `high + low`, with `low` at most half an ulp of `high`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DoubleDouble {
    pub high: f64,
    pub low: f64,
}

impl From<f64> for DoubleDouble {
    fn from(high: f64) -> Self {
        Self { high, low: 0.0 }
    }
}

impl From<i128> for DoubleDouble {
    /// Exact for integers of up to 106 bits.
    fn from(integer: i128) -> Self {
        let high = integer as f64;
        let rest = integer.saturating_sub(high as i128);
        Self::from(high).plus(Self::from(rest as f64))
    }
}

/// `a + b` and its rounding error.
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let sum = a + b;
    let b_part = sum - a;
    (sum, (a - (sum - b_part)) + (b - b_part))
}

/// `a + b` and its error, for `|a| >= |b|`.
fn quick_two_sum(a: f64, b: f64) -> DoubleDouble {
    let high = a + b;
    DoubleDouble {
        high,
        low: b - (high - a),
    }
}

/// `a * b` and its rounding error.
fn two_product(a: f64, b: f64) -> (f64, f64) {
    let product = a * b;
    (product, a.mul_add(b, -product))
}

impl DoubleDouble {
    pub fn plus(self, other: Self) -> Self {
        let (sum, error) = two_sum(self.high, other.high);
        let (low_sum, low_error) = two_sum(self.low, other.low);
        let first = quick_two_sum(sum, error + low_sum);
        quick_two_sum(first.high, first.low + low_error)
    }

    pub fn minus(self, other: Self) -> Self {
        self.plus(Self {
            high: -other.high,
            low: -other.low,
        })
    }

    pub fn times(self, other: Self) -> Self {
        let (product, error) = two_product(self.high, other.high);
        quick_two_sum(
            product,
            error + (self.high * other.low + self.low * other.high),
        )
    }

    /// Long division, a float's worth of the quotient at a time.
    pub fn divided_by(self, other: Self) -> Self {
        let first = self.high / other.high;
        let rest = self.minus(other.times(Self::from(first)));
        let second = rest.high / other.high;
        let rest = rest.minus(other.times(Self::from(second)));
        let third = rest.high / other.high;
        quick_two_sum(first, second).plus(Self::from(third))
    }

    /// One Newton step from the float's square root.
    pub fn sqrt(self) -> Self {
        if self.high <= 0.0 {
            return Self::from(self.high.sqrt());
        }
        let root = self.high.sqrt();
        let rest = self.minus(Self::from(root).times(Self::from(root)));
        let (high, low) = two_sum(root, rest.high / (2.0 * root));
        quick_two_sum(high, low)
    }

    /// The nearest float.
    pub fn rounded(self) -> f64 {
        self.high + self.low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_divisions_and_roots_round_as_exact_fractions_do() {
        let mut sum = ExactSum::default();
        for number in [1e50, 1.0, -1e50, 0.1, 0.2] {
            sum.add(number);
        }
        // 1 + 0.1 + 0.2 exactly, rounded once (added in turn they make 1.3000000000000003).
        assert_eq!(sum.rounded(), 1.3);
        let third = DoubleDouble::from(1.0).divided_by(DoubleDouble::from(3.0));
        assert_eq!(third.rounded(), 1.0 / 3.0);
        assert_eq!(
            DoubleDouble::from(2.0).sqrt().rounded(),
            std::f64::consts::SQRT_2
        );
        // Half-way between 1 and the next float: ties go to even, as float(Fraction) does.
        let half_way = DoubleDouble::from(1.0).plus(DoubleDouble::from(f64::EPSILON / 2.0));
        assert_eq!(half_way.rounded(), 1.0);
        assert_eq!(
            DoubleDouble::from((1i128 << 100) + 1)
                .minus(DoubleDouble::from(1i128 << 100))
                .rounded(),
            1.0
        );
    }
}
