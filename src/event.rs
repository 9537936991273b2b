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
    /// In a program's run, the line of the program that printed the `line`, or where the thread
    /// was when its state began (the page selects it when the event is clicked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Event {
    /// An event not yet stamped with its time and worker (the recorder does that).
    pub fn new(kind: EventKind, task: u32, iteration: Option<u32>) -> Self {
        Self {
            kind,
            task,
            iteration,
            worker: 0,
            t_ms: 0.0,
            text: None,
            stream: Stream::Stdout,
            line: None,
        }
    }

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

    /// A program's thread (its lane, `task`) is at `line` of the program now. Sampled, not
    /// recorded: only the latest place of each live thread matters, for the editor's marks.
    fn position(&self, _task: u32, _line: u32) {}
}

/// Collects events so another thread can take them in batches (the page's drain loop, tests).
#[derive(Debug, Default)]
pub struct EventBuffer {
    recorded: Mutex<Recorded>,
    positions: Mutex<Positions>,
}

/// The events not yet taken, and the time of the last one pushed.
#[derive(Debug, Default)]
struct Recorded {
    events: Vec<Event>,
    latest_ms: f64,
}

/// Where each live thread of a program is: its lane and its line, in the order of the lanes.
#[derive(Debug, Default)]
struct Positions {
    lines: std::collections::BTreeMap<u32, u32>,
    /// Bumped at each change, so a reader can skip a table it has already seen.
    version: u64,
}

impl EventBuffer {
    /// An empty buffer; `const`, so a wasm instance can keep one in a `static`.
    pub const fn new() -> Self {
        Self {
            recorded: Mutex::new(Recorded {
                events: Vec::new(),
                latest_ms: 0.0,
            }),
            positions: Mutex::new(Positions {
                lines: std::collections::BTreeMap::new(),
                version: 0,
            }),
        }
    }

    /// The live threads' places as `[lane, line, lane, line, …]`, if they changed since
    /// `seen` (a version this returned before); and the version they are at.
    pub fn positions_since(&self, seen: u64) -> (Option<Vec<u32>>, u64) {
        let positions = lock(&self.positions);
        let table = (positions.version != seen).then(|| {
            positions
                .lines
                .iter()
                .flat_map(|(&lane, &line)| [lane, line])
                .collect()
        });
        (table, positions.version)
    }

    /// Takes every event collected so far, leaving the buffer empty.
    pub fn drain(&self) -> Vec<Event> {
        std::mem::take(&mut lock(&self.recorded).events)
    }

    /// Empties the buffer for another run: its events and its threads' places.
    pub fn reset(&self) {
        *lock(&self.recorded) = Recorded::default();
        let mut positions = lock(&self.positions);
        positions.lines.clear();
        positions.version += 1;
    }

    /// Takes the oldest `limit` events (or all, if fewer), leaving the rest.
    pub fn drain_up_to(&self, limit: usize) -> Vec<Event> {
        let events = &mut lock(&self.recorded).events;
        let taken = limit.min(events.len());
        let rest = events.split_off(taken);
        std::mem::replace(events, rest)
    }
}

impl EventSink for EventBuffer {
    fn emit(&self, mut event: Event) {
        if event.kind == EventKind::End {
            let mut positions = lock(&self.positions);
            if positions.lines.remove(&event.task).is_some() {
                positions.version += 1;
            }
        }
        // Events are pushed in the order they happen (under this lock), but each worker reads
        // its own clock, and two workers' clocks can disagree by a fraction of a millisecond
        // (WebKit's did): an event is never stamped before the one pushed ahead of it, so the
        // page, which orders events from separate processes by time, keeps these in order.
        let mut recorded = lock(&self.recorded);
        event.t_ms = event.t_ms.max(recorded.latest_ms);
        recorded.latest_ms = event.t_ms;
        recorded.events.push(event);
    }

    fn position(&self, task: u32, line: u32) {
        let mut positions = lock(&self.positions);
        if positions.lines.insert(task, line) != Some(line) {
            positions.version += 1;
        }
    }
}

/// Locks a mutex even if a panicking thread poisoned it: the events it guards stay valid, since
/// each is pushed whole.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t_ms: f64) -> Event {
        Event {
            t_ms,
            ..Event::new(EventKind::Line, 1, None)
        }
    }

    #[test]
    fn an_event_pushed_after_another_is_never_stamped_before_it() {
        let buffer = EventBuffer::new();
        // A worker whose clock lags the last one's by a fraction of a millisecond.
        for t_ms in [5.0, 4.6, 7.0] {
            buffer.emit(at(t_ms));
        }
        let first = buffer.drain();
        buffer.emit(at(6.5));
        let times: Vec<f64> = first
            .iter()
            .chain(&buffer.drain())
            .map(|event| event.t_ms)
            .collect();
        assert_eq!(times, [5.0, 5.0, 7.0, 7.0]);
        buffer.reset();
        buffer.emit(at(0.5));
        assert_eq!(
            buffer.drain()[0].t_ms,
            0.5,
            "a new run starts its own clock"
        );
    }
}
