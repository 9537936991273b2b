//! Real computation that lasts about a given time on this machine.
//!
//! The work is a fixed number of xorshift steps, not a loop watching the clock: two threads
//! computing at once on two cores finish together, on one core they take twice as long, just as
//! real CPU-bound code does. How many steps make a millisecond is measured once per process (or
//! wasm instance) before the first run that computes.

use crate::clock::Clock;
use crate::scenario::Scenario;
use std::sync::OnceLock;

/// How long one calibration sample computes for; long enough to swamp timer resolution.
const CALIBRATION_MS: f64 = 15.0;
/// Calibration samples taken.
const SAMPLES: usize = 3;
static CALIBRATION: OnceLock<CpuWork> = OnceLock::new();

/// How long the loop runs before it is timed.
const WARM_UP_MS: f64 = 40.0;

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

    /// The calibration for this process, measuring it with `clock` on first use.
    pub fn calibrated(clock: &dyn Clock) -> Self {
        *CALIBRATION.get_or_init(|| Self::measure(clock))
    }

    /// Uses a calibration measured by another process running this same program on this
    /// machine, unless this process has one already; returns the one in force.
    pub fn adopt(steps_per_ms: f64) -> Self {
        *CALIBRATION.get_or_init(|| Self { steps_per_ms })
    }

    pub fn steps_per_ms(&self) -> f64 {
        self.steps_per_ms
    }

    fn measure(clock: &dyn Clock) -> Self {
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
        let steps_per_ms = (0..SAMPLES)
            .map(|_| {
                let started = clock.now_ms();
                burn(steps);
                steps as f64 / (clock.now_ms() - started).max(f64::EPSILON)
            })
            .fold(0.0, f64::max);
        Self { steps_per_ms }
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
