//! Time that agrees across threads.
//!
//! The engine reads the clock on whichever pool thread a task runs, so every implementation must
//! give the same reading on every thread. `std::time::Instant` does that natively but panics on
//! wasm32-unknown-unknown, where the binding layer supplies a clock built on `performance`.

/// Milliseconds since the Unix epoch, the same on every thread.
pub trait Clock: Sync {
    fn now_ms(&self) -> f64;
}

/// The native clock: `Instant` is monotonic and shared by all OS threads. It counts from the
/// wall-clock time it was made, so a program's `time.time()` and `datetime.now()` are today's,
/// as in the browser, whose clock is `performance.timeOrigin + performance.now()`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy)]
pub struct InstantClock {
    origin: std::time::Instant,
    origin_epoch_ms: f64,
}

#[cfg(not(target_arch = "wasm32"))]
impl Default for InstantClock {
    fn default() -> Self {
        Self {
            origin: std::time::Instant::now(),
            origin_epoch_ms: SystemClock.now_ms(),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Clock for InstantClock {
    fn now_ms(&self) -> f64 {
        self.origin_epoch_ms + self.origin.elapsed().as_secs_f64() * 1000.0
    }
}

/// Wall-clock time, which separate processes on one machine agree on; for the `processes`
/// model, whose tasks run in child processes.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

#[cfg(not(target_arch = "wasm32"))]
impl Clock for SystemClock {
    fn now_ms(&self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |since_epoch| since_epoch.as_secs_f64() * 1000.0)
    }
}
