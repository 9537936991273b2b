//! The wasm binding layer: the few functions `www/js/coordinator.js` calls.
//!
//! The coordinator worker starts a run and returns at once, so it stays free to answer the page;
//! the run goes on in the rayon pool (wasm-bindgen-rayon's Web Workers) and the coordinator
//! drains its events on a timer and forwards them. Values cross as JSON strings or packed
//! `f64`s: plain to decode, and no `u64` that would turn into a BigInt.

use crate::clock::Clock;
use crate::engine::{self, RunReport};
use crate::event::{lock, EventBuffer, EventKind};
use crate::scenario::{Scenario, LIMITS};
use std::sync::{Arc, Mutex};
use wasm_bindgen::prelude::*;

pub use wasm_bindgen_rayon::init_thread_pool;

/// Numbers per event in [`RunHandle::drain`]'s output.
pub const PACKED_EVENT_LEN: usize = 5;

/// The settings' limits and defaults, as JSON: `[{ name, min, max, default }, …]`.
#[wasm_bindgen]
pub fn limits() -> String {
    to_json(&LIMITS)
}

/// A link's query string read into `{ scenario, notices }`, as JSON.
#[wasm_bindgen(js_name = parseQuery)]
pub fn parse_query(query: &str) -> String {
    to_json(&Scenario::from_query(query))
}

/// Starts the scenario in `query` on the global pool and returns without waiting for it.
#[wasm_bindgen(js_name = startRun)]
pub fn start_run(query: &str) -> RunHandle {
    let scenario = Scenario::from_query(query).scenario;
    let shared = Arc::new(SharedRun::default());
    let run = Arc::clone(&shared);
    rayon::spawn(move || {
        let report = engine::run(&scenario, &PerformanceClock, &run.events);
        *lock(&run.report) = Some(report);
    });
    RunHandle { shared }
}

#[derive(Default)]
struct SharedRun {
    events: EventBuffer,
    report: Mutex<Option<RunReport>>,
}

/// A run in progress, as the coordinator sees it.
#[wasm_bindgen]
pub struct RunHandle {
    shared: Arc<SharedRun>,
}

#[wasm_bindgen]
impl RunHandle {
    /// The events since the last call, [`PACKED_EVENT_LEN`] numbers each:
    /// kind (0 start, 1 line, 2 end), task, iteration (-1 when none), worker, tMs.
    pub fn drain(&self) -> Vec<f64> {
        let events = self.shared.events.drain();
        let mut packed = Vec::with_capacity(events.len() * PACKED_EVENT_LEN);
        for event in events {
            let kind = match event.kind {
                EventKind::Start => 0.0,
                EventKind::Line => 1.0,
                EventKind::End => 2.0,
            };
            let iteration = event.iteration.map_or(-1.0, f64::from);
            packed.extend([
                kind,
                event.task.into(),
                iteration,
                event.worker.into(),
                event.t_ms,
            ]);
        }
        packed
    }

    /// `{ wallMs, sequentialMs }` as JSON once every task has ended, else `undefined`.
    ///
    /// The report is stored after the last event, so a `drain` after a report has been seen
    /// returns everything that is left.
    pub fn report(&self) -> Option<String> {
        lock(&self.shared.report).as_ref().map(to_json)
    }
}

/// `performance.timeOrigin + performance.now()`: each worker has its own time origin, and their
/// sums agree across workers where `now()` alone would not.
struct PerformanceClock;

impl Clock for PerformanceClock {
    fn now_ms(&self) -> f64 {
        thread_local! {
            static PERFORMANCE: web_sys::Performance = js_sys::global()
                .unchecked_into::<web_sys::WorkerGlobalScope>()
                .performance()
                .expect_throw("threadplay runs in Web Workers, which have `performance`");
        }
        PERFORMANCE.with(|performance| performance.time_origin() + performance.now())
    }
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect_throw("threadplay's wire types serialise to JSON")
}
