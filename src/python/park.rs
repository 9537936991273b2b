//! An idle worker's bed: it sleeps until another worker has work for it or a timer is due.

use crate::event::lock;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Parker {
    woken: Mutex<bool>,
    bell: Condvar,
}

impl Parker {
    /// Sleeps until [`Parker::unpark`] or `timeout_ms` passes, whichever is first; a wake-up
    /// that came before the sleep ends it at once.
    ///
    /// `Condvar::wait_timeout` waits on the futex with a timeout (`memory.atomic.wait32` in
    /// wasm) and needs no `Instant`, unlike `wait_timeout_while`, so it works in Web Workers.
    pub fn park(&self, timeout_ms: f64) {
        let mut woken = lock(&self.woken);
        if !*woken && timeout_ms > 0.0 {
            woken = self
                .bell
                .wait_timeout(woken, Duration::from_secs_f64(timeout_ms / 1000.0))
                .map_or_else(|poisoned| poisoned.into_inner().0, |(guard, _)| guard);
        }
        *woken = false;
    }

    pub fn unpark(&self) {
        *lock(&self.woken) = true;
        self.bell.notify_one();
    }
}
