//! The wasm binding layer: the few functions the page's workers call.
//!
//! Two builds share it. With the `threads` feature (shared memory), `www/js/workers/coordinator.js`
//! starts a run on the rayon pool and returns at once, so it stays free to answer the page; the
//! run goes on in wasm-bindgen-rayon's Web Workers and the coordinator drains its events on a
//! timer. Without it, `www/js/workers/isolated-worker.js` runs single tasks with their own memory (the
//! `processes` model), one-thread runs and Python programs (their threads on one worker under
//! the GIL), driven by timers. Values cross as JSON strings or packed `f64`s:
//! plain to decode, and no `u64` that would turn into a BigInt.

use crate::clock::Clock;
use crate::codegen::code_for;
use crate::counter::SharedCounter;
use crate::cpu::CpuWork;
use crate::engine::{EventLoop, RunReport, TaskOutcome, TaskPanicked};
use crate::event::{lock, EventBuffer, EventKind, Stream};
use crate::preset::Preset;
use crate::query;
use crate::recorder::Recorder;
use crate::scenario::{Model, Scenario, SyncMode, Work, LIMITS};
use crate::task::{RunContext, Step, StopSignal, TaskMachine};
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

#[cfg(feature = "threads")]
pub use pool::*;

/// Records panic messages so the worker driving a run can report them: with `panic=abort` a
/// panicking task traps its Web Worker, and the message would otherwise only reach the
/// console. Call once per instance, before any run.
#[wasm_bindgen(js_name = recordPanics)]
pub fn record_panics() {
    std::panic::set_hook(Box::new(|info| {
        *lock(&LAST_PANIC) = Some(TaskPanicked::from_payload(info.payload()).0);
    }));
}

/// The message of the last panic in this instance (any of its threads), if any, clearing it.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    lock(&LAST_PANIC).take()
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// What the controls offer, as JSON: `{ limits: [{ name, min, max, default }, …], choices:
/// { model: [names], work: [names], sync: [names] }, presets: [{ name, title }, …],
/// withoutSharedMemory: { model: model }, programsWithoutSharedMemory: { model: model } }`, the
/// last two for the models that need shared memory, in scenarios and in programs.
#[wasm_bindgen]
pub fn settings() -> String {
    let presets: Vec<_> = Preset::ALL
        .iter()
        .map(|preset| serde_json::json!({ "name": preset.name(), "title": preset.title() }))
        .collect();
    to_json(&serde_json::json!({
        "limits": LIMITS,
        "choices": { "model": Model::ALL, "work": Work::ALL, "sync": SyncMode::ALL },
        "presets": presets,
        "withoutSharedMemory": fallbacks(Model::without_shared_memory),
        "programsWithoutSharedMemory": fallbacks(Model::program_without_shared_memory),
    }))
}

/// The models `fallback` changes, each with what it changes it to.
fn fallbacks(fallback: fn(Model) -> Model) -> serde_json::Map<String, serde_json::Value> {
    Model::ALL
        .iter()
        .filter(|&&model| fallback(model) != model)
        .map(|&model| (model.name().into(), fallback(model).name().into()))
        .collect()
}

/// Everything the page needs to show and run a link's query string, read once.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    /// `scenario, preset, notices, query, code`.
    #[serde(flatten)]
    parsed: query::ParsedQuery,
    /// The Python and Rust behind the scenario: `{ python, rust }`.
    listings: crate::codegen::Code,
    /// The pool the run needs: the scenario's threads, or a program's workers and one more.
    pool_size: u32,
}

/// A link's query string read into a [`Plan`], as JSON. `code`, when given, is the program
/// (in plain text) instead of the link's own.
#[wasm_bindgen(js_name = planRun)]
pub fn plan_run(query: &str, code: Option<String>) -> String {
    let parsed = query::parse(query);
    let parsed = match code {
        Some(code) => parsed.with_code(code),
        None => parsed,
    };
    let threads = parsed.scenario.threads;
    to_json(&Plan {
        listings: code_for(&parsed.scenario),
        pool_size: if parsed.code.is_empty() {
            threads
        } else {
            crate::program::pool_size(threads)
        },
        parsed,
    })
}

/// The report of a run the page scheduled itself (`processes`), as JSON.
#[wasm_bindgen(js_name = reportFor)]
pub fn report_for(query: &str, wall_ms: f64, sequential_ms: f64, counted: Option<f64>) -> String {
    let scenario = query::parse(query).scenario;
    to_json(&RunReport::new(
        &scenario,
        wall_ms,
        sequential_ms,
        counted.map(|count| count as u64),
    ))
}

/// Measures this instance's CPU speed now (so no run pays for it) and returns it, in steps
/// per millisecond.
#[wasm_bindgen]
pub fn calibrate() -> f64 {
    CpuWork::calibrated(&PerformanceClock).steps_per_ms()
}

/// Packs the oldest events for the page (at most `max_events`, one message's worth: see
/// `EVENTS_PER_MESSAGE` in www/js/transport/events.js), [`PACKED_EVENT_LEN`]
/// numbers each: kind (its index in [`EventKind::ALL`]: start, line, cpu, sleep, wait, end),
/// task, iteration (-1 when none), worker, tMs, the index of the event's text in `texts`
/// (-1 when none), to which the texts are appended, its stream (1: standard error), and its line
/// in the program (-1 when none).
fn pack(events: &EventBuffer, texts: &mut Vec<String>, max_events: usize) -> Vec<f64> {
    let events = events.drain_up_to(max_events);
    let mut packed = Vec::with_capacity(events.len() * PACKED_EVENT_LEN);
    for event in events {
        let kind = EventKind::ALL
            .iter()
            .position(|&kind| kind == event.kind)
            .unwrap_or_default();
        let text = event.text.map_or(-1.0, |text| {
            texts.push(text.to_string());
            (texts.len() - 1) as f64
        });
        packed.extend([
            kind as f64,
            event.task.into(),
            event.iteration.map_or(-1.0, f64::from),
            event.worker.into(),
            event.t_ms,
            text,
            f64::from(u8::from(event.stream == Stream::Stderr)),
            event.line.map_or(-1.0, f64::from),
        ]);
    }
    packed
}

/// Numbers per event in packed output.
pub const PACKED_EVENT_LEN: usize = 8;

/// Packs events that carry no text (a scenario's).
fn pack_plain(events: &EventBuffer, max_events: usize) -> Vec<f64> {
    pack(events, &mut Vec::new(), max_events)
}

/// One task of a `processes` run, in this worker's own memory, advanced by the page's timers.
#[wasm_bindgen]
pub struct ProcessTask {
    scenario: Scenario,
    machine: TaskMachine,
    counter: SharedCounter,
    events: EventBuffer,
    origin_ms: f64,
    worker: u32,
    stop: StopSignal,
    task_ms: Option<f64>,
}

#[wasm_bindgen]
impl ProcessTask {
    /// Starts `task` of the scenario in `query` as worker `worker`, timing events from
    /// `origin_ms` (`performance.timeOrigin + performance.now()` at the run's start).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, task: u32, worker: u32, origin_ms: f64) -> ProcessTask {
        let scenario = query::parse(query).scenario;
        let counter = SharedCounter::new(scenario.sync);
        let events = EventBuffer::default();
        let stop = StopSignal::default();
        let context = RunContext {
            scenario: &scenario,
            recorder: Recorder::with_origin(&PerformanceClock, &events, origin_ms, worker),
            counter: &counter,
            gil: None,
            cpu: None,
            stop: &stop,
        };
        let machine = TaskMachine::start(task, &context);
        ProcessTask {
            scenario,
            machine,
            counter,
            events,
            origin_ms,
            worker,
            stop,
            task_ms: None,
        }
    }

    /// Runs until the task's next sleep; returns the milliseconds to sleep, or -1 once it ended.
    pub fn step(&mut self) -> f64 {
        let context = RunContext {
            scenario: &self.scenario,
            recorder: Recorder::with_origin(
                &PerformanceClock,
                &self.events,
                self.origin_ms,
                self.worker,
            ),
            counter: &self.counter,
            gil: None,
            cpu: CpuWork::for_scenario(&self.scenario, &PerformanceClock),
            stop: &self.stop,
        };
        match self.machine.step(&context) {
            Step::Sleep(ms) => f64::from(ms),
            Step::Yield => 0.0,
            Step::Done => {
                self.task_ms = Some(self.machine.own_ms());
                -1.0
            }
        }
    }

    /// The oldest events not taken yet, packed (see [`pack`]); empty once all are taken.
    pub fn drain(&self, max_events: usize) -> Vec<f64> {
        pack_plain(&self.events, max_events)
    }

    /// Ends the task at its next step.
    pub fn stop(&self) {
        self.stop.stop();
    }

    /// `{ taskMs, counted }` as JSON once the task has ended.
    pub fn outcome(&self) -> Option<String> {
        self.task_ms.map(|task_ms| {
            to_json(&TaskOutcome {
                task_ms,
                counted: self.counter.value(),
            })
        })
    }
}

/// A whole `sequential` or `async` run on this worker's one thread, advanced by the page's
/// timers: the models that need no shared memory besides `processes`.
#[wasm_bindgen]
pub struct LoopRun {
    scenario: Scenario,
    event_loop: EventLoop,
    counter: SharedCounter,
    events: EventBuffer,
    origin_ms: f64,
    stop: StopSignal,
    report: Option<RunReport>,
}

#[wasm_bindgen]
impl LoopRun {
    /// Prepares the scenario in `query` (its model must be `sequential` or `async`); its clock
    /// starts now.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<LoopRun, JsError> {
        let scenario = query::parse(query).scenario;
        if !matches!(scenario.model, Model::Sequential | Model::Async) {
            return Err(JsError::new("only sequential and async runs on one thread"));
        }
        CpuWork::for_scenario(&scenario, &PerformanceClock);
        Ok(LoopRun {
            event_loop: EventLoop::new(&scenario),
            counter: SharedCounter::new(scenario.sync),
            events: EventBuffer::default(),
            origin_ms: PerformanceClock.now_ms(),
            stop: StopSignal::default(),
            report: None,
            scenario,
        })
    }

    /// Runs the tasks that are ready; returns the milliseconds until the next wakes, or -1 once
    /// every task has ended.
    pub fn poll(&mut self) -> f64 {
        let context = RunContext {
            scenario: &self.scenario,
            recorder: Recorder::with_origin(&PerformanceClock, &self.events, self.origin_ms, 0),
            counter: &self.counter,
            gil: None,
            cpu: CpuWork::for_scenario(&self.scenario, &PerformanceClock),
            stop: &self.stop,
        };
        if let Some(wait_ms) = self.event_loop.poll(&context) {
            return wait_ms;
        }
        let counted = (self.scenario.work == Work::Count).then(|| self.counter.value());
        let report = RunReport::new(
            &self.scenario,
            context.recorder.elapsed_ms(),
            self.event_loop.own_ms(),
            counted,
        );
        self.report = Some(RunReport {
            stopped: self.stop.is_stopped(),
            origin_ms: self.origin_ms,
            ..report
        });
        -1.0
    }

    /// Ends the run's tasks at their next step; the next `poll` comes at once.
    pub fn stop(&self) {
        self.stop.stop();
    }

    /// The oldest events not taken yet, packed (see [`pack`]); empty once all are taken.
    pub fn drain(&self, max_events: usize) -> Vec<f64> {
        pack_plain(&self.events, max_events)
    }

    /// The run's report as JSON once every task has ended.
    pub fn report(&self) -> Option<String> {
        self.report.as_ref().map(to_json)
    }
}

#[cfg(feature = "threads")]
mod pool {
    use super::{pack, to_json, PerformanceClock};
    use crate::engine;
    use crate::event::{lock, EventBuffer};
    use crate::query;
    use crate::task::StopSignal;
    use std::sync::{Arc, Mutex};
    use wasm_bindgen::prelude::*;

    pub use wasm_bindgen_rayon::init_thread_pool;

    /// Starts the scenario in `query` on the global pool and returns without waiting for it.
    /// `processes` runs are scheduled by the page, not here.
    #[wasm_bindgen(js_name = startRun)]
    pub fn start_run(query: &str) -> Result<RunHandle, JsError> {
        let scenario = query::parse(query).scenario;
        if scenario.model == crate::scenario::Model::Processes {
            return Err(JsError::new(&engine::NeedsProcesses.to_string()));
        }
        Ok(RunHandle::start(move |run| {
            engine::run(&scenario, &PerformanceClock, &run.events, &run.stop)
                .ok()
                .map(|report| to_json(&report))
        }))
    }

    /// Starts the Python program `code` on the global pool, under the model and with the
    /// workers (`threads`) in `query`; the pool needs one more worker, for the main thread.
    /// A program that does not compile ends at once, its report carrying the error.
    #[cfg(feature = "python")]
    #[wasm_bindgen(js_name = startProgram)]
    pub fn start_program(code: &str, query: &str) -> RunHandle {
        use crate::python::{self, Program, ProgramReport, ProgramSettings};
        let scenario = query::parse(query).scenario;
        let settings = ProgramSettings {
            cores: super::hardware_concurrency(),
            ..ProgramSettings::new(scenario.model, scenario.threads)
        };
        let program = Program::compile(code);
        RunHandle::start(move |run| {
            let report = match &program {
                Ok(program) => python::run_program(
                    program,
                    settings,
                    &PerformanceClock,
                    &run.events,
                    &run.stop,
                ),
                Err(error) => ProgramReport::failed_before_run(error.clone()),
            };
            Some(to_json(&report))
        })
    }

    #[derive(Default)]
    struct SharedRun {
        events: EventBuffer,
        stop: StopSignal,
        /// The report as JSON, stored after the last event.
        report: Mutex<Option<String>>,
    }

    /// A run in progress, as the coordinator sees it.
    #[wasm_bindgen]
    pub struct RunHandle {
        shared: Arc<SharedRun>,
        /// The texts of the events the last `drain` took.
        texts: Vec<String>,
        /// The version of the positions the last `positions` returned.
        positions_seen: u64,
    }

    impl RunHandle {
        /// Runs `body` on the pool; what it returns is the run's report.
        fn start(body: impl FnOnce(&SharedRun) -> Option<String> + Send + 'static) -> RunHandle {
            let shared = Arc::new(SharedRun::default());
            let run = Arc::clone(&shared);
            rayon::spawn(move || {
                if let Some(report) = body(&run) {
                    *lock(&run.report) = Some(report);
                }
            });
            RunHandle {
                shared,
                texts: Vec::new(),
                positions_seen: 0,
            }
        }
    }

    #[wasm_bindgen]
    impl RunHandle {
        /// The oldest events not taken yet, packed (see `pack`); empty once all are taken.
        /// Their texts are then in `texts()`.
        pub fn drain(&mut self, max_events: usize) -> Vec<f64> {
            self.texts.clear();
            pack(&self.shared.events, &mut self.texts, max_events)
        }

        /// The texts the last `drain`'s events refer to, by index.
        pub fn texts(&self) -> Vec<String> {
            self.texts.clone()
        }

        /// Where each live thread of a program is, as `[lane, line, …]`, if that changed since
        /// the last call; else `undefined`.
        pub fn positions(&mut self) -> Option<Vec<u32>> {
            let (table, version) = self.shared.events.positions_since(self.positions_seen);
            self.positions_seen = version;
            table
        }

        /// Ends the run within one iteration; its report says `stopped`.
        pub fn stop(&self) {
            self.shared.stop.stop();
        }

        /// The run's report as JSON once every task has ended, else `undefined`.
        ///
        /// The report is stored after the last event, so once a report has been seen, draining
        /// until `drain` comes back empty takes everything that is left.
        pub fn report(&self) -> Option<String> {
            lock(&self.shared.report).clone()
        }
    }
}

#[cfg(all(feature = "python", not(feature = "threads")))]
pub use single_worker::*;

#[cfg(all(feature = "python", not(feature = "threads")))]
mod single_worker {
    use super::{hardware_concurrency, pack, to_json, PerformanceClock};
    use crate::event::EventBuffer;
    use crate::python::{Program, ProgramReport, ProgramSettings, RunState};
    use crate::query;
    use crate::task::StopSignal;
    use wasm_bindgen::prelude::*;

    /// A Python program on this worker's one thread, advanced by the page's timers: how a page
    /// without shared memory (an embed on an ordinary page) runs the tutorial's own program. Its
    /// threads are green threads on one worker under the GIL, switching at the interval and at
    /// every blocking call, as on the pool; free threading needs shared memory, so `threads` runs
    /// under the GIL here.
    ///
    /// One program at a time per instance: its events, stop and clock are this instance's.
    #[wasm_bindgen]
    pub struct ProgramRun {
        run: Option<RunState<'static>>,
        report: Option<String>,
        texts: Vec<String>,
        positions_seen: u64,
    }

    static PROGRAM_EVENTS: EventBuffer = EventBuffer::new();
    static PROGRAM_STOP: StopSignal = StopSignal::new();
    static PROGRAM_CLOCK: PerformanceClock = PerformanceClock;

    /// How long one poll runs the program before the page takes its events.
    const PROGRAM_POLL_MS: f64 = 12.0;

    #[wasm_bindgen]
    impl ProgramRun {
        /// Prepares `code` to run with the settings in `query`; a program that does not compile
        /// ends at its first poll, its report carrying the error.
        #[wasm_bindgen(constructor)]
        pub fn new(code: &str, query: &str) -> ProgramRun {
            PROGRAM_STOP.reset();
            PROGRAM_EVENTS.reset();
            let scenario = query::parse(query).scenario;
            let settings = ProgramSettings {
                cores: hardware_concurrency(),
                ..ProgramSettings::new(scenario.model.program_without_shared_memory(), 1)
            };
            let (run, report) = match Program::compile(code) {
                Ok(program) => {
                    let run = RunState::start(
                        &program,
                        settings,
                        &PROGRAM_CLOCK,
                        &PROGRAM_EVENTS,
                        &PROGRAM_STOP,
                        true,
                    );
                    (Some(run), None)
                }
                Err(error) => (
                    None,
                    Some(to_json(&ProgramReport::failed_before_run(error))),
                ),
            };
            ProgramRun {
                run,
                report,
                texts: Vec::new(),
                positions_seen: PROGRAM_EVENTS.positions_since(u64::MAX).1,
            }
        }

        /// Runs the program for a slice; returns the milliseconds until it can go on, or -1 once
        /// it has ended.
        pub fn poll(&mut self) -> f64 {
            let Some(run) = &self.run else {
                return -1.0;
            };
            match run.poll(PROGRAM_POLL_MS) {
                Some(wait_ms) => wait_ms,
                None => {
                    self.report = Some(to_json(&run.report()));
                    self.run = None;
                    -1.0
                }
            }
        }

        /// The oldest events not taken yet, packed (see [`pack`]); their texts are then in `texts()`.
        pub fn drain(&mut self, max_events: usize) -> Vec<f64> {
            self.texts.clear();
            pack(&PROGRAM_EVENTS, &mut self.texts, max_events)
        }

        /// The texts the last `drain`'s events refer to, by index.
        pub fn texts(&self) -> Vec<String> {
            self.texts.clone()
        }

        /// Where each live thread is, as `[lane, line, …]`, if that changed since the last call;
        /// else `undefined`.
        pub fn positions(&mut self) -> Option<Vec<u32>> {
            let (table, version) = PROGRAM_EVENTS.positions_since(self.positions_seen);
            self.positions_seen = version;
            table
        }

        /// Ends the run at its next poll; its report says `stopped`.
        pub fn stop(&self) {
            PROGRAM_STOP.stop();
        }

        /// The run's report as JSON once it has ended.
        pub fn report(&self) -> Option<String> {
            self.report.clone()
        }
    }
}

/// Runs a short built-in program once per instance, its output discarded, so that the browser
/// compiles the interpreter's common paths before the page's first program runs (see
/// `python::warm_up`). Later calls return at once.
#[cfg(feature = "python")]
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() {
    static WARMED: std::sync::Once = std::sync::Once::new();
    WARMED.call_once(|| {
        crate::python::warm_up(&PerformanceClock);
    });
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
            // A worker's origin never changes: a reading is one call into JS, not two.
            static TIME_ORIGIN: f64 = PERFORMANCE.with(web_sys::Performance::time_origin);
        }
        TIME_ORIGIN.with(|origin| *origin) + PERFORMANCE.with(web_sys::Performance::now)
    }
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect_throw("threadplay's wire types serialise to JSON")
}

/// The browser's `navigator.hardwareConcurrency` (from a worker too), for `os.cpu_count()`.
#[cfg(feature = "python")]
fn hardware_concurrency() -> u32 {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into());
    navigator
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"hardwareConcurrency".into()))
        .ok()
        .and_then(|cores| cores.as_f64())
        .map_or(1, |cores| cores.max(1.0) as u32)
}
