//! Python's exceptions as the subset raises them, and the error a program's record carries.

use super::ir::Pos;
use serde::Serialize;
use std::fmt;

/// An exception in flight, boxed: every operation's result carries room for one, and a small
/// result is quicker to hand back.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception(Box<Raised>);

/// An exception's type and message, where it was raised, and the calls it has unwound through
/// (innermost first).
#[derive(Debug, Clone, PartialEq)]
pub struct Raised {
    pub kind: ExceptionKind,
    pub message: String,
    pub pos: Option<Pos>,
    pub traceback: Vec<TraceEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TraceEntry {
    pub function: String,
    pub line: u32,
}

/// Exception types the subset raises. `Stopped` is not Python's: it unwinds a thread when the
/// user stops the run, and is never reported as the program's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionKind {
    NameError,
    UnboundLocalError,
    TypeError,
    ValueError,
    ZeroDivisionError,
    IndexError,
    KeyError,
    AttributeError,
    RuntimeError,
    RecursionError,
    OverflowError,
    MemoryError,
    AssertionError,
    TimeoutError,
    /// `queue.Empty`, as CPython prints it.
    QueueEmpty,
    QueueFull,
    Stopped,
}

impl ExceptionKind {
    pub fn name(self) -> &'static str {
        match self {
            ExceptionKind::NameError => "NameError",
            ExceptionKind::UnboundLocalError => "UnboundLocalError",
            ExceptionKind::TypeError => "TypeError",
            ExceptionKind::ValueError => "ValueError",
            ExceptionKind::ZeroDivisionError => "ZeroDivisionError",
            ExceptionKind::IndexError => "IndexError",
            ExceptionKind::KeyError => "KeyError",
            ExceptionKind::AttributeError => "AttributeError",
            ExceptionKind::RuntimeError => "RuntimeError",
            ExceptionKind::RecursionError => "RecursionError",
            ExceptionKind::OverflowError => "OverflowError",
            ExceptionKind::MemoryError => "MemoryError",
            ExceptionKind::AssertionError => "AssertionError",
            ExceptionKind::TimeoutError => "TimeoutError",
            ExceptionKind::QueueEmpty => "_queue.Empty",
            ExceptionKind::QueueFull => "queue.Full",
            ExceptionKind::Stopped => "Stopped",
        }
    }
}

impl std::ops::Deref for Exception {
    type Target = Raised;

    fn deref(&self) -> &Raised {
        &self.0
    }
}

impl std::ops::DerefMut for Exception {
    fn deref_mut(&mut self) -> &mut Raised {
        &mut self.0
    }
}

impl Exception {
    pub fn new(kind: ExceptionKind, message: impl Into<String>) -> Self {
        Self(Box::new(Raised {
            kind,
            message: message.into(),
            pos: None,
            traceback: Vec::new(),
        }))
    }

    pub fn stopped() -> Self {
        Self::new(ExceptionKind::Stopped, "the run was stopped")
    }

    /// Places the exception at `pos` unless a more precise place is already known.
    pub fn at(mut self, pos: Pos) -> Self {
        self.pos.get_or_insert(pos);
        self
    }

    /// `ZeroDivisionError: division by zero`, as Python's last traceback line.
    pub fn summary(&self) -> String {
        if self.message.is_empty() {
            self.kind.name().to_string()
        } else {
            format!("{}: {}", self.kind.name(), self.message)
        }
    }

    /// The traceback as Python prints it, one line per item.
    pub fn traceback_lines(&self) -> Vec<String> {
        let mut lines = vec!["Traceback (most recent call last):".to_string()];
        for entry in self.traceback.iter().rev() {
            lines.push(format!(
                "  File \"<program>\", line {}, in {}",
                entry.line, entry.function
            ));
        }
        lines.push(self.summary());
        lines
    }
}

/// Why a program did not run to its end, as the run record carries it: `message` reads like
/// Python's last traceback line; `line` and `column` are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramError {
    pub message: String,
    pub line: u32,
    pub column: u32,
    /// The thread it happened in, for runtime errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// Python's traceback lines, for runtime errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub traceback: Vec<String>,
}

impl ProgramError {
    /// A syntax error or a construct outside the subset, found before the program runs.
    pub fn before_run(message: impl Into<String>, pos: Pos) -> Self {
        Self {
            message: message.into(),
            line: pos.line,
            column: pos.column,
            thread: None,
            traceback: Vec::new(),
        }
    }

    pub fn from_exception(exception: &Exception, thread: &str) -> Self {
        let pos = exception.pos.unwrap_or_default();
        Self {
            message: exception.summary(),
            line: pos.line,
            column: pos.column,
            thread: Some(thread.to_string()),
            traceback: exception.traceback_lines(),
        }
    }
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.traceback.is_empty() {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        } else {
            f.write_str(&self.traceback.join("\n"))
        }
    }
}

impl std::error::Error for ProgramError {}

pub type PyResult<T> = Result<T, Exception>;

/// Shorthand for raising: `raise(TypeError, "…")`.
pub fn raise<T>(kind: ExceptionKind, message: impl Into<String>) -> PyResult<T> {
    Err(Exception::new(kind, message))
}
