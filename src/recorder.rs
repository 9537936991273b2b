//! Stamps events and hands them to a sink in the order of their timestamps.

use crate::clock::Clock;
use crate::event::{lock, Event, EventKind, EventSink, Stream};
use std::sync::{Arc, Mutex};

/// Stamps events and hands them to the sink under one lock, so their order in the sink is the
/// order of their timestamps even when several threads emit at the same instant.
pub struct Recorder<'a> {
    clock: &'a dyn Clock,
    sink: &'a dyn EventSink,
    origin_ms: f64,
    /// The pool thread (or process) index events are attributed to when not on a rayon thread.
    fallback_worker: u32,
    /// The next task number to start. Pool tasks are numbered when they start, not when they
    /// are submitted, so two threads picking up jobs at once still start tasks in order.
    next_task: Mutex<u32>,
}

impl<'a> Recorder<'a> {
    /// A recorder whose times count from now.
    pub fn new(clock: &'a dyn Clock, sink: &'a dyn EventSink) -> Self {
        Self::with_origin(clock, sink, clock.now_ms(), 0)
    }

    /// A recorder whose times count from `origin_ms` on `clock`, for a task run apart from the
    /// rest of its run (a process) as worker `worker`.
    pub fn with_origin(
        clock: &'a dyn Clock,
        sink: &'a dyn EventSink,
        origin_ms: f64,
        worker: u32,
    ) -> Self {
        Self {
            clock,
            sink,
            origin_ms,
            fallback_worker: worker,
            next_task: Mutex::new(1),
        }
    }

    /// When the run started, on the clock's own scale.
    pub fn origin_ms(&self) -> f64 {
        self.origin_ms
    }

    /// Milliseconds since the run started.
    pub fn elapsed_ms(&self) -> f64 {
        self.clock.now_ms() - self.origin_ms
    }

    /// Numbers the next task and records its start; returns the task and its start time.
    pub fn start_next_task(&self) -> (u32, f64) {
        self.start(None)
    }

    /// Numbers the next task and records its start under `name` (a program's thread);
    /// returns the task and its start time.
    pub fn start_named(&self, name: Arc<str>) -> (u32, f64) {
        self.start(Some(name))
    }

    fn start(&self, name: Option<Arc<str>>) -> (u32, f64) {
        let mut next_task = lock(&self.next_task);
        let task = *next_task;
        *next_task += 1;
        let start = Event::new(EventKind::Start, task, None);
        (
            task,
            self.emit_locked(Event {
                text: name,
                ..start
            }),
        )
    }

    /// Records an event; returns its time.
    pub fn emit(&self, kind: EventKind, task: u32, iteration: Option<u32>) -> f64 {
        let _in_order = lock(&self.next_task);
        self.emit_locked(Event::new(kind, task, iteration))
    }

    /// Records a program thread's change of state, which began at `line` of the program.
    pub fn emit_at(&self, kind: EventKind, task: u32, line: Option<u32>) -> f64 {
        let _in_order = lock(&self.next_task);
        self.emit_locked(Event {
            line,
            ..Event::new(kind, task, None)
        })
    }

    /// Records a line a program printed to `stream` at `line` of the program; returns its time.
    pub fn print_line(&self, task: u32, text: Arc<str>, stream: Stream, line: Option<u32>) -> f64 {
        let _in_order = lock(&self.next_task);
        self.emit_locked(Event {
            text: Some(text),
            stream,
            line,
            ..Event::new(EventKind::Line, task, None)
        })
    }

    /// Notes that task `task` (a program's thread) is at `line` now (see [`EventSink::position`]).
    pub fn position(&self, task: u32, line: u32) {
        self.sink.position(task, line);
    }

    /// Stamps `event` with the time and the worker, and hands it on. Must be called with
    /// `next_task` locked.
    fn emit_locked(&self, event: Event) -> f64 {
        let t_ms = self.elapsed_ms();
        self.sink.emit(Event {
            worker: rayon::current_thread_index()
                .map_or(self.fallback_worker, |index| index as u32),
            t_ms,
            ..event
        });
        t_ms
    }
}
