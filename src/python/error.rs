//! Python's exceptions as the subset raises them, and the error a program's record carries.

use super::ir::Pos;
use super::value::Value;
use serde::Serialize;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// An exception in flight, boxed: every operation's result carries room for one, and a small
/// result is quicker to hand back.
#[derive(Debug, Clone)]
pub struct Exception(Box<Raised>);

/// An exception's type and message, where it was raised, and the calls it has unwound through
/// (innermost first).
#[derive(Debug, Clone)]
pub struct Raised {
    pub kind: ExceptionKind,
    /// What `str()` of it gives, and its traceback's last line.
    pub message: String,
    /// The arguments a program made it with (`ValueError("bad", 42)`); `None` for the
    /// interpreter's own, whose one argument is the message.
    pub args: Option<Arc<[Value]>>,
    /// The instance raised, when it is of an exception class the program defined.
    pub instance: Option<Value>,
    /// `raise … from cause`: `__cause__`.
    pub cause: Option<Value>,
    pub pos: Option<Pos>,
    pub traceback: Vec<TraceEntry>,
    /// Which exception this is, kept by its copies (`except … as e: raise e` raises the same).
    pub id: u64,
    /// Where an `except` (or `finally`) caught it: the last line of its traceback while it is
    /// being handled, and so when it is printed as another's cause or context.
    pub handled_at: Option<TraceEntry>,
    /// The exception printed before this one: its `__cause__`, or the one being handled when
    /// this one was raised (`__context__`).
    pub chained: Option<(Link, Arc<Exception>)>,
    /// The depth of the frame whose `except*` clauses gathered it (what they raised, with what
    /// none took): as CPython raises it again, that frame adds no traceback entry.
    pub gathered_at: Option<usize>,
}

/// How an exception follows the one printed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Cause,
    Context,
}

impl Link {
    fn sentence(self) -> &'static str {
        match self {
            Link::Cause => "The above exception was the direct cause of the following exception:",
            Link::Context => "During handling of the above exception, another exception occurred:",
        }
    }
}

/// How many exceptions of a chain a traceback shows, the last ones.
const MAX_CHAIN: usize = 32;

/// The file name tracebacks and warnings give the program, as CPython names code that did
/// not come from a file (so, as it, they show no source lines).
pub const PROGRAM_FILE: &str = "<program>";

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A traceback's or a stack's line for a frame of the program: `  File "<program>", line 3,
/// in work`.
pub fn frame_line(line: u32, function: &str) -> String {
    format!("  File \"{PROGRAM_FILE}\", line {line}, in {function}")
}

#[derive(Debug, Clone, PartialEq)]
pub struct TraceEntry {
    pub function: String,
    pub line: u32,
}

/// Python's built-in exception classes that the subset has. `Stopped` is not Python's: it
/// unwinds a thread when the user stops the run, no `except` catches it, and it is never
/// reported as the program's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionKind {
    BaseException,
    Exception,
    ArithmeticError,
    LookupError,
    NotImplementedError,
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
    StopIteration,
    KeyboardInterrupt,
    SystemExit,
    /// What `generator.close()` raises where the generator is paused.
    GeneratorExit,
    OSError,
    /// Raised only by programs (a tutorial's simulated network or file failure).
    ConnectionError,
    BrokenPipeError,
    ConnectionAbortedError,
    ConnectionRefusedError,
    ConnectionResetError,
    FileNotFoundError,
    FileExistsError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    InterruptedError,
    /// `io.UnsupportedOperation`: an `OSError` and a `ValueError`, reading a file opened for
    /// writing and the like.
    UnsupportedOperation,
    ImportError,
    ModuleNotFoundError,
    UnicodeError,
    UnicodeDecodeError,
    UnicodeEncodeError,
    /// `dataclasses.FrozenInstanceError`: an `AttributeError`.
    FrozenInstanceError,
    /// What a `multiprocessing` connection's `recv` raises once the other end is closed.
    EOFError,
    /// `concurrent.futures.CancelledError`, as CPython prints it.
    FuturesCancelledError,
    /// `queue.Empty`, as CPython prints it.
    QueueEmpty,
    QueueFull,
    /// `threading.BrokenBarrierError`: a `RuntimeError`.
    BrokenBarrierError,
    /// `json.JSONDecodeError`: a `ValueError`.
    JSONDecodeError,
    /// `statistics.StatisticsError`: a `ValueError`.
    StatisticsError,
    /// `re.error`: a pattern that does not compile.
    RegexError,
    StopAsyncIteration,
    /// `asyncio.CancelledError`: a `BaseException`, so `except Exception` lets it through.
    CancelledError,
    InvalidStateError,
    AsyncQueueEmpty,
    AsyncQueueFull,
    /// `asyncio.BrokenBarrierError`: a `RuntimeError`, not `threading`'s.
    AsyncBrokenBarrierError,
    /// What a `TaskGroup` raises: its tasks' exceptions, in `args[1]`.
    ExceptionGroup,
    /// Builtin classes a program raises and catches itself (the interpreter raises none of
    /// them: its syntax errors are refusals with their place, and it warns with its own lines).
    SyntaxError,
    IndentationError,
    TabError,
    BufferError,
    FloatingPointError,
    ReferenceError,
    BlockingIOError,
    ChildProcessError,
    ProcessLookupError,
    SystemError,
    Warning,
    UserWarning,
    DeprecationWarning,
    PendingDeprecationWarning,
    RuntimeWarning,
    SyntaxWarning,
    FutureWarning,
    ImportWarning,
    UnicodeWarning,
    BytesWarning,
    ResourceWarning,
    /// `multiprocessing.ProcessError`, the base of its errors.
    ProcessError,
    /// `multiprocessing.TimeoutError`: a pool's result not ready in time (not the builtin
    /// `TimeoutError`, which `except TimeoutError` catches).
    ProcessTimeoutError,
    /// `pickle.PicklingError`: what a spawned process cannot be sent (a lambda).
    PicklingError,
    Stopped,
}

impl ExceptionKind {
    /// The classes a program names as builtins (`queue.Empty` and `queue.Full` are the queue
    /// module's).
    pub const BUILTINS: &'static [ExceptionKind] = &[
        ExceptionKind::BaseException,
        ExceptionKind::Exception,
        ExceptionKind::ArithmeticError,
        ExceptionKind::LookupError,
        ExceptionKind::NotImplementedError,
        ExceptionKind::NameError,
        ExceptionKind::UnboundLocalError,
        ExceptionKind::TypeError,
        ExceptionKind::ValueError,
        ExceptionKind::ZeroDivisionError,
        ExceptionKind::IndexError,
        ExceptionKind::KeyError,
        ExceptionKind::AttributeError,
        ExceptionKind::RuntimeError,
        ExceptionKind::RecursionError,
        ExceptionKind::OverflowError,
        ExceptionKind::MemoryError,
        ExceptionKind::AssertionError,
        ExceptionKind::TimeoutError,
        ExceptionKind::StopIteration,
        ExceptionKind::KeyboardInterrupt,
        ExceptionKind::GeneratorExit,
        ExceptionKind::SystemExit,
        ExceptionKind::OSError,
        ExceptionKind::ConnectionError,
        ExceptionKind::BrokenPipeError,
        ExceptionKind::ConnectionAbortedError,
        ExceptionKind::ConnectionRefusedError,
        ExceptionKind::ConnectionResetError,
        ExceptionKind::FileNotFoundError,
        ExceptionKind::FileExistsError,
        ExceptionKind::IsADirectoryError,
        ExceptionKind::NotADirectoryError,
        ExceptionKind::PermissionError,
        ExceptionKind::InterruptedError,
        ExceptionKind::SyntaxError,
        ExceptionKind::IndentationError,
        ExceptionKind::TabError,
        ExceptionKind::BufferError,
        ExceptionKind::FloatingPointError,
        ExceptionKind::ReferenceError,
        ExceptionKind::BlockingIOError,
        ExceptionKind::ChildProcessError,
        ExceptionKind::ProcessLookupError,
        ExceptionKind::SystemError,
        ExceptionKind::Warning,
        ExceptionKind::UserWarning,
        ExceptionKind::DeprecationWarning,
        ExceptionKind::PendingDeprecationWarning,
        ExceptionKind::RuntimeWarning,
        ExceptionKind::SyntaxWarning,
        ExceptionKind::FutureWarning,
        ExceptionKind::ImportWarning,
        ExceptionKind::UnicodeWarning,
        ExceptionKind::BytesWarning,
        ExceptionKind::ResourceWarning,
        ExceptionKind::ImportError,
        ExceptionKind::ModuleNotFoundError,
        ExceptionKind::UnicodeError,
        ExceptionKind::UnicodeDecodeError,
        ExceptionKind::UnicodeEncodeError,
        ExceptionKind::EOFError,
        ExceptionKind::StopAsyncIteration,
        ExceptionKind::ExceptionGroup,
    ];

    /// The class it derives from, as in CPython's hierarchy.
    pub fn base(self) -> Option<ExceptionKind> {
        use ExceptionKind::*;
        Some(match self {
            BaseException | Stopped => return None,
            KeyboardInterrupt | SystemExit | GeneratorExit | CancelledError => BaseException,
            TimeoutError | ConnectionError | FileNotFoundError | FileExistsError
            | IsADirectoryError | NotADirectoryError | PermissionError | InterruptedError
            | UnsupportedOperation => OSError,
            BrokenPipeError
            | ConnectionAbortedError
            | ConnectionRefusedError
            | ConnectionResetError => ConnectionError,
            IndentationError => SyntaxError,
            TabError => IndentationError,
            FloatingPointError => ArithmeticError,
            BlockingIOError | ChildProcessError | ProcessLookupError => OSError,
            UserWarning
            | DeprecationWarning
            | PendingDeprecationWarning
            | RuntimeWarning
            | SyntaxWarning
            | FutureWarning
            | ImportWarning
            | UnicodeWarning
            | BytesWarning
            | ResourceWarning => Warning,
            ModuleNotFoundError => ImportError,
            UnicodeError => ValueError,
            UnicodeDecodeError | UnicodeEncodeError => UnicodeError,
            Exception => BaseException,
            ZeroDivisionError | OverflowError => ArithmeticError,
            IndexError | KeyError => LookupError,
            UnboundLocalError => NameError,
            RecursionError | NotImplementedError | BrokenBarrierError | AsyncBrokenBarrierError => {
                RuntimeError
            }
            JSONDecodeError | StatisticsError => ValueError,
            ProcessTimeoutError => ProcessError,
            FrozenInstanceError => AttributeError,
            ArithmeticError
            | LookupError
            | NameError
            | TypeError
            | ValueError
            | AttributeError
            | RuntimeError
            | MemoryError
            | AssertionError
            | StopIteration
            | OSError
            | ImportError
            | EOFError
            | FuturesCancelledError
            | QueueEmpty
            | QueueFull
            | StopAsyncIteration
            | InvalidStateError
            | AsyncQueueEmpty
            | AsyncQueueFull
            | RegexError
            | ExceptionGroup
            | ProcessError
            | PicklingError
            | SyntaxError
            | BufferError
            | ReferenceError
            | SystemError
            | Warning => Exception,
        })
    }

    /// Whether an `except other:` catches this.
    pub fn is_subclass_of(self, other: ExceptionKind) -> bool {
        // The one class of the subset with two bases.
        if self == ExceptionKind::UnsupportedOperation && other == ExceptionKind::ValueError {
            return true;
        }
        let mut kind = Some(self);
        while let Some(current) = kind {
            if current == other {
                return true;
            }
            kind = current.base();
        }
        false
    }

    /// The name a module gives it (`Empty` in `queue`).
    pub fn attribute_name(self) -> &'static str {
        let name = self.name();
        name.rsplit('.').next().unwrap_or(name)
    }

    pub fn name(self) -> &'static str {
        match self {
            ExceptionKind::BaseException => "BaseException",
            ExceptionKind::Exception => "Exception",
            ExceptionKind::ArithmeticError => "ArithmeticError",
            ExceptionKind::LookupError => "LookupError",
            ExceptionKind::NotImplementedError => "NotImplementedError",
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
            ExceptionKind::StopIteration => "StopIteration",
            ExceptionKind::KeyboardInterrupt => "KeyboardInterrupt",
            ExceptionKind::GeneratorExit => "GeneratorExit",
            ExceptionKind::SystemExit => "SystemExit",
            ExceptionKind::OSError => "OSError",
            ExceptionKind::ConnectionError => "ConnectionError",
            ExceptionKind::BrokenPipeError => "BrokenPipeError",
            ExceptionKind::ConnectionAbortedError => "ConnectionAbortedError",
            ExceptionKind::ConnectionRefusedError => "ConnectionRefusedError",
            ExceptionKind::ConnectionResetError => "ConnectionResetError",
            ExceptionKind::FileNotFoundError => "FileNotFoundError",
            ExceptionKind::FileExistsError => "FileExistsError",
            ExceptionKind::IsADirectoryError => "IsADirectoryError",
            ExceptionKind::NotADirectoryError => "NotADirectoryError",
            ExceptionKind::UnsupportedOperation => "io.UnsupportedOperation",
            ExceptionKind::PermissionError => "PermissionError",
            ExceptionKind::InterruptedError => "InterruptedError",
            ExceptionKind::ImportError => "ImportError",
            ExceptionKind::ModuleNotFoundError => "ModuleNotFoundError",
            ExceptionKind::UnicodeError => "UnicodeError",
            ExceptionKind::UnicodeDecodeError => "UnicodeDecodeError",
            ExceptionKind::UnicodeEncodeError => "UnicodeEncodeError",
            ExceptionKind::EOFError => "EOFError",
            ExceptionKind::FuturesCancelledError => "concurrent.futures._base.CancelledError",
            ExceptionKind::QueueEmpty => "_queue.Empty",
            ExceptionKind::QueueFull => "queue.Full",
            ExceptionKind::BrokenBarrierError => "threading.BrokenBarrierError",
            ExceptionKind::JSONDecodeError => "json.decoder.JSONDecodeError",
            ExceptionKind::StatisticsError => "statistics.StatisticsError",
            ExceptionKind::RegexError => "re.error",
            ExceptionKind::FrozenInstanceError => "dataclasses.FrozenInstanceError",
            ExceptionKind::StopAsyncIteration => "StopAsyncIteration",
            ExceptionKind::CancelledError => "asyncio.exceptions.CancelledError",
            ExceptionKind::InvalidStateError => "asyncio.exceptions.InvalidStateError",
            ExceptionKind::AsyncQueueEmpty => "asyncio.queues.QueueEmpty",
            ExceptionKind::AsyncQueueFull => "asyncio.queues.QueueFull",
            ExceptionKind::AsyncBrokenBarrierError => "asyncio.exceptions.BrokenBarrierError",
            ExceptionKind::ExceptionGroup => "ExceptionGroup",
            ExceptionKind::ProcessError => "multiprocessing.context.ProcessError",
            ExceptionKind::ProcessTimeoutError => "multiprocessing.context.TimeoutError",
            ExceptionKind::PicklingError => "_pickle.PicklingError",
            ExceptionKind::SyntaxError => "SyntaxError",
            ExceptionKind::IndentationError => "IndentationError",
            ExceptionKind::TabError => "TabError",
            ExceptionKind::BufferError => "BufferError",
            ExceptionKind::FloatingPointError => "FloatingPointError",
            ExceptionKind::ReferenceError => "ReferenceError",
            ExceptionKind::BlockingIOError => "BlockingIOError",
            ExceptionKind::ChildProcessError => "ChildProcessError",
            ExceptionKind::ProcessLookupError => "ProcessLookupError",
            ExceptionKind::SystemError => "SystemError",
            ExceptionKind::Warning => "Warning",
            ExceptionKind::UserWarning => "UserWarning",
            ExceptionKind::DeprecationWarning => "DeprecationWarning",
            ExceptionKind::PendingDeprecationWarning => "PendingDeprecationWarning",
            ExceptionKind::RuntimeWarning => "RuntimeWarning",
            ExceptionKind::SyntaxWarning => "SyntaxWarning",
            ExceptionKind::FutureWarning => "FutureWarning",
            ExceptionKind::ImportWarning => "ImportWarning",
            ExceptionKind::UnicodeWarning => "UnicodeWarning",
            ExceptionKind::BytesWarning => "BytesWarning",
            ExceptionKind::ResourceWarning => "ResourceWarning",
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
            args: None,
            instance: None,
            cause: None,
            pos: None,
            traceback: Vec::new(),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            handled_at: None,
            chained: None,
            gathered_at: None,
        }))
    }

    /// `KeyError(key)`: its message the key's `repr`, its argument the key.
    pub fn key_error(key: &Value) -> Self {
        let mut exception = Self::new(ExceptionKind::KeyError, key.repr());
        exception.args = Some(vec![key.clone()].into());
        exception
    }

    pub fn stopped() -> Self {
        Self::new(ExceptionKind::Stopped, "the run was stopped")
    }

    /// What unwinds the threads of a process that `terminate()` or `kill()` ended: a signal
    /// runs no `except` or `finally`, as a stop does.
    pub fn terminated() -> Self {
        Self::new(ExceptionKind::Stopped, "the process was terminated")
    }

    /// Places the exception at `pos` unless a more precise place is already known.
    pub fn at(mut self, pos: Pos) -> Self {
        self.pos.get_or_insert(pos);
        self
    }

    /// Its class's name: the program's class, or the built-in kind.
    pub fn type_name(&self) -> String {
        match &self.instance {
            Some(instance) => instance.type_name().to_string(),
            None => self.kind.name().to_string(),
        }
    }

    /// `ZeroDivisionError: division by zero`, as Python's last traceback line.
    pub fn summary(&self) -> String {
        let name = self.type_name();
        if self.message.is_empty() {
            name
        } else {
            format!("{name}: {}", self.message)
        }
    }

    /// The traceback as Python prints it, one line per item, after those of the exceptions
    /// chained before it; an exception group's in CPython's boxes, its members inside.
    pub fn traceback_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        self.format_into(&mut GroupFrame::default(), &mut lines);
        lines
    }

    fn format_into(&self, frame: &mut GroupFrame, lines: &mut Vec<String>) {
        let mut chain = vec![self];
        while let Some((_, earlier)) = &chain[chain.len() - 1].chained {
            if chain.len() == MAX_CHAIN {
                break;
            }
            chain.push(earlier.as_ref());
        }
        for at in (0..chain.len()).rev() {
            chain[at].own_traceback_lines(frame, lines);
            if let Some((link, _)) = at
                .checked_sub(1)
                .and_then(|later| chain[later].chained.as_ref())
            {
                for line in ["", link.sentence(), ""] {
                    frame.emit(lines, line, '|');
                }
            }
        }
    }

    /// Whether it was ever raised: one made and not raised has no traceback.
    fn was_raised(&self) -> bool {
        (self.pos.is_some() && self.gathered_at.is_none())
            || !self.traceback.is_empty()
            || self.handled_at.is_some()
    }

    /// Its own traceback's entries, outermost first (`  File "<program>", line 3, in work`),
    /// as `traceback.print_tb` prints them.
    pub fn frame_lines(&self) -> Vec<String> {
        self.handled_at
            .iter()
            .chain(self.traceback.iter().rev())
            .map(|entry| frame_line(entry.line, &entry.function))
            .collect()
    }

    fn own_traceback_lines(&self, frame: &mut GroupFrame, lines: &mut Vec<String>) {
        let members = self.group_members();
        let outermost = frame.depth == 0;
        if members.is_some() && outermost {
            frame.depth = 1;
        }
        if self.was_raised() {
            let (title, margin) = match members {
                None => ("Traceback (most recent call last):", '|'),
                Some(_) if outermost => ("Exception Group Traceback (most recent call last):", '+'),
                Some(_) => ("Exception Group Traceback (most recent call last):", '|'),
            };
            frame.emit(lines, title, margin);
            for line in self.frame_lines() {
                frame.emit(lines, &line, '|');
            }
        }
        frame.emit(lines, &self.summary(), '|');
        let Some(members) = members else {
            return;
        };
        // CPython shows 15 members, then how many more there are.
        let shown = members.len().min(MAX_GROUP_WIDTH + 1);
        frame.need_close = false;
        for (i, member) in members.iter().take(shown).enumerate() {
            let last = i + 1 == shown;
            frame.need_close |= last;
            let title = if i < MAX_GROUP_WIDTH {
                (i + 1).to_string()
            } else {
                "...".to_string()
            };
            let corner = if i == 0 { "+-" } else { "  " };
            lines.push(format!(
                "{}{corner}+---------------- {title} ----------------",
                frame.indent()
            ));
            frame.depth += 1;
            if i < MAX_GROUP_WIDTH {
                member.format_into(frame, lines);
            } else {
                let more = members.len() - MAX_GROUP_WIDTH;
                let plural = if more > 1 { "s" } else { "" };
                frame.emit(lines, &format!("and {more} more exception{plural}"), '|');
            }
            if last && frame.need_close {
                lines.push(format!(
                    "{}+------------------------------------",
                    frame.indent()
                ));
                frame.need_close = false;
            }
            frame.depth -= 1;
        }
        if outermost {
            frame.depth = 0;
        }
    }

    /// An `ExceptionGroup`'s members, as raised.
    fn group_members(&self) -> Option<Vec<Exception>> {
        if self.kind != ExceptionKind::ExceptionGroup {
            return None;
        }
        let members = self.args.as_deref()?.get(1)?.items().ok()?;
        Some(
            members
                .iter()
                .filter_map(super::types::exception::as_raised)
                .collect(),
        )
    }
}

/// How many members of a group a traceback shows (CPython's `max_group_width`).
const MAX_GROUP_WIDTH: usize = 15;

/// Where a traceback's lines are among the boxes of the exception groups around them
/// (CPython's `_ExceptionPrintContext`).
#[derive(Default)]
struct GroupFrame {
    depth: usize,
    /// The box of the last member is still open.
    need_close: bool,
}

impl GroupFrame {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// A line inside the boxes: indented, after their margin.
    fn emit(&self, lines: &mut Vec<String>, text: &str, margin: char) {
        if self.depth == 0 {
            lines.push(text.to_string());
        } else {
            lines.push(format!("{}{margin} {text}", self.indent()));
        }
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
