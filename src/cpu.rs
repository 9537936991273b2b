//! Real computation that lasts about a given time on this machine.
//!
//! The work is a fixed number of xorshift steps, not a loop watching the clock: two threads
//! computing at once on two cores finish together, on one core they take twice as long, just as
//! real CPU-bound code does. How many steps make a millisecond is measured once per process (or
//! wasm instance) before the first run that computes, and raised whenever work is seen to go
//! faster: a calibration taken while the machine was busy (a browser starting its workers)
//! made later runs' work too short.

use crate::clock::Clock;
use crate::scenario::Scenario;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// How long one calibration sample computes for; long enough to swamp timer resolution.
const CALIBRATION_MS: f64 = 15.0;
/// Calibration samples taken.
const SAMPLES: usize = 3;

/// How long the loop runs before it is timed.
const WARM_UP_MS: f64 = 40.0;

/// This process's speed, in steps per ms.
static SPEED: Speed = Speed::new();

/// What is known of a machine's speed: a calibration, measured once, and the fastest a
/// stretch of work has run since. A busy moment only slows work, so the fastest is the
/// machine's own speed.
struct Speed {
    measured: OnceLock<f64>,
    /// An `f64`'s bits; 0 before any.
    fastest_seen: AtomicU64,
}

impl Speed {
    const fn new() -> Self {
        Self {
            measured: OnceLock::new(),
            fastest_seen: AtomicU64::new(0),
        }
    }

    fn steps_per_ms(&self, measure: impl FnOnce() -> f64) -> f64 {
        let seen = f64::from_bits(self.fastest_seen.load(Ordering::Relaxed));
        self.measured.get_or_init(measure).max(seen)
    }

    fn observe(&self, steps: u64, ms: f64) {
        if ms >= CALIBRATION_MS {
            // Positive floats order as their bits do.
            let speed = steps as f64 / ms;
            self.fastest_seen
                .fetch_max(speed.to_bits(), Ordering::Relaxed);
        }
    }
}

/// Computation calibrated to this machine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpuWork {
    steps_per_ms: f64,
}

impl CpuWork {
    /// The calibration a scenario needs: `None` if it does not compute.
    pub fn for_scenario(scenario: &Scenario, clock: &dyn Clock) -> Option<Self> {
        scenario.computes().then(|| Self::calibrated(clock))
    }

    /// The calibration for this process, measuring it with `clock` on first use, or the
    /// speed work was seen to run at since, if that was faster.
    pub fn calibrated(clock: &dyn Clock) -> Self {
        Self {
            steps_per_ms: SPEED.steps_per_ms(|| Self::measure(clock)),
        }
    }

    /// Takes note of `steps` computed in `ms` without a pause, if that lasted as long as a
    /// calibration's sample.
    pub fn observe(steps: u64, ms: f64) {
        SPEED.observe(steps, ms);
    }

    /// Uses a calibration measured by another process running this same program on this
    /// machine, unless this process has one already; returns the one in force.
    pub fn adopt(steps_per_ms: f64) -> Self {
        Self {
            steps_per_ms: SPEED.steps_per_ms(|| steps_per_ms),
        }
    }

    pub fn steps_per_ms(&self) -> f64 {
        self.steps_per_ms
    }

    fn measure(clock: &dyn Clock) -> f64 {
        // The first calls run slower while the engine is still compiling the loop (wasm tiers
        // up after a while), so warm up for a while before measuring.
        let warm_up_until = clock.now_ms() + WARM_UP_MS;
        let mut steps = 100_000_u64;
        while clock.now_ms() < warm_up_until {
            burn(steps);
        }
        // Grow the sample until it lasts long enough to swamp timer resolution, then take the
        // fastest of a few samples: slower ones were interrupted.
        loop {
            let started = clock.now_ms();
            burn(steps);
            if clock.now_ms() - started >= CALIBRATION_MS {
                break;
            }
            steps *= 2;
        }
        (0..SAMPLES)
            .map(|_| {
                let started = clock.now_ms();
                burn(steps);
                steps as f64 / (clock.now_ms() - started).max(f64::EPSILON)
            })
            .fold(0.0, f64::max)
    }

    /// The steps that take about `ms` milliseconds.
    pub fn steps_for(&self, ms: f64) -> u64 {
        (self.steps_per_ms * ms).round() as u64
    }
}

/// Runs `steps` steps of a xorshift generator; each depends on the last, so nothing can skip
/// or vectorise them.
pub fn burn(steps: u64) -> u64 {
    let mut x = 0x2545_F491_4F6C_DD1D_u64;
    let mut left = steps;
    while left > 0 {
        let chunk = left.min(CHUNK_STEPS);
        x = burn_chunk(x, chunk);
        left -= chunk;
    }
    std::hint::black_box(x)
}

/// Steps per call of [`burn_chunk`]: a fraction of a millisecond.
const CHUNK_STEPS: u64 = 20_000;

/// Short calls, not one long loop: a wasm engine swaps in its optimised code for a function
/// only when it is next called (it does not replace a running call), so one long call would
/// run at baseline speed to its end.
#[inline(never)]
fn burn_chunk(mut x: u64, steps: u64) -> u64 {
    for _ in 0..steps {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_seen_to_run_faster_raises_the_calibration_and_slower_work_does_not() {
        let speed = Speed::new();
        assert_eq!(speed.steps_per_ms(|| 1000.0), 1000.0);
        speed.observe(15_000, 30.0);
        assert_eq!(speed.steps_per_ms(|| unreachable!()), 1000.0);
        speed.observe(40_000, 20.0);
        assert_eq!(speed.steps_per_ms(|| unreachable!()), 2000.0);
        // Too short to be measured as a calibration's sample is: timer resolution.
        speed.observe(40_000, 10.0);
        assert_eq!(speed.steps_per_ms(|| unreachable!()), 2000.0);
    }
}
