//! The race lab's shared counter, incremented three ways.

use crate::event::lock;
use crate::scenario::SyncMode;
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// One counter shared by every task of a run.
#[derive(Debug)]
pub struct SharedCounter {
    sync: SyncMode,
    unlocked: AtomicU64,
    locked: Mutex<u64>,
}

/// What the counter should read and what it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CounterReport {
    pub expected: u64,
    pub actual: u64,
}

impl SharedCounter {
    pub fn new(sync: SyncMode) -> Self {
        Self {
            sync,
            unlocked: AtomicU64::new(0),
            locked: Mutex::new(0),
        }
    }

    pub fn increment(&self, times: u32) {
        for _ in 0..times {
            match self.sync {
                // A separate load and store, like `counter += 1` split by a thread switch: a
                // concurrent increment between them is overwritten. Atomics keep it defined
                // behaviour; the lost update is the point.
                SyncMode::None => {
                    let seen = self.unlocked.load(Ordering::Relaxed);
                    self.unlocked.store(seen + 1, Ordering::Relaxed);
                }
                SyncMode::Atomic => {
                    self.unlocked.fetch_add(1, Ordering::Relaxed);
                }
                SyncMode::Mutex => *lock(&self.locked) += 1,
            }
        }
    }

    pub fn value(&self) -> u64 {
        match self.sync {
            SyncMode::None | SyncMode::Atomic => self.unlocked.load(Ordering::Relaxed),
            SyncMode::Mutex => *lock(&self.locked),
        }
    }
}
