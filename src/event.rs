//! What a run reports as it goes: a task started, printed a line, began computing, sleeping or
//! waiting for a lock, ended. Each state event lasts until the task's next event, which is how
//! the timeline draws it.

use serde::{Deserialize, Serialize};
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Start,
    Line,
    /// Began computing (or running Python code, under the GIL).
    Cpu,
    /// Began sleeping.
    Sleep,
    /// Began waiting for a lock (the GIL).
    Wait,
    End,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Start,
        EventKind::Line,
        EventKind::Cpu,
        EventKind::Sleep,
        EventKind::Wait,
        EventKind::End,
    ];
}

/// Where a printed line went: tracebacks, `logging` and `print(file=sys.stderr)` write to
/// standard error, as in CPython; the log shows both, marking the second.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    #[default]
    Stdout,
    Stderr,
}

impl Stream {
    pub fn is_stdout(&self) -> bool {
        *self == Stream::Stdout
    }
}

/// One thing that happened on a worker thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub kind: EventKind,
    /// Numbered from 1, like the tutorials' `Task 1`.
    pub task: u32,
    /// Numbered from 0 for `line` events, like `range(5)`; `None` for the others.
    pub iteration: Option<u32>,
    /// The pool thread's index, from 0.
    pub worker: u32,
    /// Milliseconds since the run started, on a clock that agrees across threads.
    pub t_ms: f64,
    /// What a program's `line` printed, or the name of the thread a `start` began; `None` in
    /// scenario runs, whose lines are made from the task and iteration (see [`Event::text`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<std::sync::Arc<str>>,
    /// The stream a `line` went to; standard output for every other event.
    #[serde(default, skip_serializing_if = "Stream::is_stdout")]
    pub stream: Stream,
}

impl Event {
    /// The text a `line` event prints: a program's own, or, in a scenario run, the tutorial's
    /// `Task 1 - Iteration 0`.
    pub fn text(&self) -> Option<String> {
        if let Some(text) = &self.text {
            return (self.kind == EventKind::Line).then(|| text.to_string());
        }
        let iteration = self.iteration?;
        Some(format!("Task {} - Iteration {iteration}", self.task))
    }
}

/// Receives events from every worker thread, in the order they happened.
pub trait EventSink: Sync {
    fn emit(&self, event: Event);
}

/// Collects events so another thread can take them in batches (the page's drain loop, tests).
#[derive(Debug, Default)]
pub struct EventBuffer {
    events: Mutex<Vec<Event>>,
}

impl EventBuffer {
    /// An empty buffer; `const`, so a wasm instance can keep one in a `static`.
    pub const fn new() -> Self {
        Self {
            events: Mutex::new(Vec::new()),
        }
    }

    /// Takes every event collected so far, leaving the buffer empty.
    pub fn drain(&self) -> Vec<Event> {
        std::mem::take(&mut *lock(&self.events))
    }

    /// Takes the oldest `limit` events (or all, if fewer), leaving the rest.
    pub fn drain_up_to(&self, limit: usize) -> Vec<Event> {
        let mut events = lock(&self.events);
        let taken = limit.min(events.len());
        let rest = events.split_off(taken);
        std::mem::replace(&mut *events, rest)
    }
}

impl EventSink for EventBuffer {
    fn emit(&self, event: Event) {
        lock(&self.events).push(event);
    }
}

/// Locks a mutex even if a panicking thread poisoned it: the events it guards stay valid, since
/// each is pushed whole.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
