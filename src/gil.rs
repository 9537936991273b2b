//! A global interpreter lock in CPython's manner: one holder at a time, handed over in
//! first-come order when others wait, released around sleeps.
//!
//! CPython's holder drops the lock when another thread has waited for its switch interval
//! (5 ms); here a computing holder checks between 5 ms slices of work. A ticket lock keeps the
//! handover fair: a holder that releases and asks again queues behind the waiters.

use crate::event::lock;
use std::sync::{Condvar, Mutex};

/// CPython's `sys.getswitchinterval()`.
pub const SWITCH_INTERVAL_MS: f64 = 5.0;

#[derive(Debug, Default)]
pub struct Gil {
    tickets: Mutex<Tickets>,
    turn: Condvar,
}

#[derive(Debug, Default)]
struct Tickets {
    next: u64,
    serving: u64,
}

impl Gil {
    /// Takes the lock, calling `on_wait` first if another thread holds it.
    pub fn acquire(&self, on_wait: impl FnOnce()) {
        let mut tickets = lock(&self.tickets);
        let ticket = tickets.next;
        tickets.next += 1;
        if tickets.serving != ticket {
            on_wait();
            while tickets.serving != ticket {
                tickets = self
                    .turn
                    .wait(tickets)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
        }
    }

    pub fn release(&self) {
        lock(&self.tickets).serving += 1;
        self.turn.notify_all();
    }

    /// Whether a thread is waiting for the holder to let go.
    pub fn is_wanted(&self) -> bool {
        let tickets = lock(&self.tickets);
        tickets.next > tickets.serving + 1
    }
}
