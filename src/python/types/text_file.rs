//! A text file as `open()` gives it (`_io.TextIOWrapper`), over the run's files, and
//! `io.StringIO`, over text of its own. Both hold what was written until a flush, as CPython's
//! buffers do (a file written and read again before `close` reads what reached it), and read
//! ahead in chunks, so a write after a read in `r+` lands where CPython's lands: past the chunk.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::files::{Opening, SharedFiles};
use super::super::registry::{
    address_of, done, downcast_ref, native, Args, NativeIterator, PyObject, TypeDef,
};
use super::super::value::{to_index, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::Mutex;

/// CPython's buffer size: writes reach the file in pieces of this many bytes, reads take
/// chunks of it.
pub(super) const CHUNK_BYTES: usize = 8192;

const METHODS: &[super::super::registry::Native] = &[
    native("read", read),
    native("readline", readline),
    native("readlines", readlines),
    native("write", write),
    native("writelines", writelines),
    native("flush", |_, args| {
        args.expect("flush", 0, 0)?;
        let file = args.this::<TextFile>()?;
        file.open_state()?;
        file.flush()?;
        done(Value::None)
    }),
    native("close", |_, args| {
        args.expect("close", 0, 0)?;
        args.this::<TextFile>()?.close()?;
        done(Value::None)
    }),
    native("seek", seek),
    native("tell", |_, args| {
        args.expect("tell", 0, 0)?;
        done(Value::Int(args.this::<TextFile>()?.tell()? as i128))
    }),
    native("readable", |_, args| {
        can(&args, "readable", |file| file.readable)
    }),
    native("writable", |_, args| {
        can(&args, "writable", |file| file.writable)
    }),
    native("seekable", |_, args| can(&args, "seekable", |_| true)),
    native("__enter__", |_, args| {
        args.expect("__enter__", 0, 0)?;
        args.this::<TextFile>()?.open_state()?;
        done(args.receiver.clone())
    }),
    native("__exit__", |_, args| {
        args.this::<TextFile>()?.close()?;
        done(Value::Bool(false))
    }),
    native("getvalue", |_, args| {
        args.expect("getvalue", 0, 0)?;
        let file = args.this::<TextFile>()?;
        let Backing::Memory(text) = &file.backing else {
            return raise(
                AttributeError,
                "'_io.TextIOWrapper' object has no attribute 'getvalue'",
            );
        };
        file.open_state()?;
        let value = Value::str(lock(text).as_str());
        done(value)
    }),
];

pub static TYPE: TypeDef = TypeDef {
    name: "TextIOWrapper",
    methods: METHODS,
    attribute,
};

pub static STRING_IO: TypeDef = TypeDef {
    name: "StringIO",
    methods: METHODS,
    attribute,
};

/// Where the text is.
enum Backing {
    /// A file of the run's, by its normalised path.
    File { files: SharedFiles, path: String },
    /// `StringIO`'s text (positions count characters, and nothing waits to be written).
    Memory(Mutex<String>),
}

pub struct TextFile {
    backing: Backing,
    /// As given to `open`: the path and the mode.
    name: Value,
    mode: String,
    encoding: String,
    readable: bool,
    writable: bool,
    /// `a`: every write goes to the end.
    appending: bool,
    /// `buffering=1`: each line reaches the file when it is written.
    line_buffered: bool,
    state: Mutex<FileState>,
}

#[derive(Default)]
struct FileState {
    closed: bool,
    /// The byte where the next chunk is read, or what is written goes.
    position: usize,
    /// Read from the file, not yet given to the program.
    read_ahead: String,
    /// Written by the program, not yet in the file.
    pending: String,
}

/// How `open` was asked to open a file.
pub struct Mode {
    pub opening: Opening,
    pub readable: bool,
    pub writable: bool,
    pub appending: bool,
    /// `b`: bytes in and out (`binary_file.rs`).
    pub binary: bool,
}

impl Mode {
    /// CPython's checks of a mode string, in its order and words.
    pub fn parse(mode: &str) -> PyResult<Self> {
        let invalid = || raise(ValueError, format!("invalid mode: '{mode}'"));
        let mut seen = String::new();
        for c in mode.chars() {
            if !"axrwb+t".contains(c) || seen.contains(c) {
                return invalid();
            }
            seen.push(c);
        }
        let has = |c| seen.contains(c);
        let openings = [
            ('r', Opening::Existing),
            ('w', Opening::Truncate),
            ('a', Opening::Keep),
            ('x', Opening::Exclusive),
        ];
        let mut chosen = openings.iter().filter(|(c, _)| has(*c));
        let (Some(&(first, opening)), None) = (chosen.next(), chosen.next()) else {
            return raise(
                ValueError,
                "must have exactly one of create/read/write/append mode",
            );
        };
        if has('t') && has('b') {
            return raise(ValueError, "can't have text and binary mode at once");
        }
        Ok(Self {
            opening,
            readable: first == 'r' || has('+'),
            writable: first != 'r' || has('+'),
            appending: first == 'a',
            binary: has('b'),
        })
    }
}

impl TextFile {
    /// A file of the run's, opened (`open()` has made or emptied it as the mode says).
    pub fn opened(
        files: SharedFiles,
        path: String,
        name: Value,
        mode: (&str, Mode),
        encoding: String,
        line_buffered: bool,
    ) -> Self {
        let (given, mode) = mode;
        // `a` starts at the end, as `O_APPEND` files do.
        let position = if mode.appending {
            lock(&files).size(&path).unwrap_or(0)
        } else {
            0
        };
        Self {
            backing: Backing::File { files, path },
            name,
            mode: given.to_string(),
            encoding,
            readable: mode.readable,
            writable: mode.writable,
            appending: mode.appending,
            line_buffered,
            state: Mutex::new(FileState {
                position,
                ..FileState::default()
            }),
        }
    }

    /// `io.StringIO(initial)`: positioned at the start.
    pub fn string_io(initial: String) -> Self {
        Self {
            backing: Backing::Memory(Mutex::new(initial)),
            name: Value::None,
            mode: String::new(),
            encoding: String::new(),
            readable: true,
            writable: true,
            appending: false,
            line_buffered: false,
            state: Mutex::default(),
        }
    }

    fn in_memory(&self) -> bool {
        matches!(self.backing, Backing::Memory(_))
    }

    fn check_not_closed(&self, message: &str) -> PyResult<()> {
        if lock(&self.state).closed {
            return raise(ValueError, message);
        }
        Ok(())
    }

    /// Fails as CPython does on a closed file (whose message `StringIO` words without a stop).
    fn open_state(&self) -> PyResult<()> {
        let message = if self.in_memory() {
            "I/O operation on closed file"
        } else {
            "I/O operation on closed file."
        };
        self.check_not_closed(message)
    }

    fn check_readable(&self) -> PyResult<()> {
        self.open_state()?;
        if !self.readable {
            return raise(UnsupportedOperation, "not readable");
        }
        Ok(())
    }

    /// Up to `max` bytes from byte `at`, cut back to a whole character.
    fn read_at(&self, at: usize, max: usize) -> String {
        match &self.backing {
            Backing::File { files, path } => lock(files).read(path, at, max),
            Backing::Memory(text) => {
                let text = lock(text);
                let start = at.min(text.len());
                let mut end = (start + max).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text[start..end].to_string()
            }
        }
    }

    /// Puts what was written into the file, where the position (or the mode) says.
    pub fn flush(&self) -> PyResult<()> {
        let mut state = lock(&self.state);
        if state.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut state.pending);
        state.position = match &self.backing {
            Backing::File { files, path } => {
                let at = (!self.appending).then_some(state.position);
                lock(files).write(path, at, pending.as_bytes())?
            }
            Backing::Memory(text) => {
                // StringIO writes over characters, not bytes.
                let mut text = lock(text);
                let at = state.position.min(text.len());
                let chars = pending.chars().count();
                let replaced: usize = text[at..].chars().take(chars).map(char::len_utf8).sum();
                text.replace_range(at..at + replaced, &pending);
                at + pending.len()
            }
        };
        Ok(())
    }

    /// Reads chunks until `enough` says the read-ahead holds what is wanted, or the file ends.
    fn fill(&self, enough: impl Fn(&str) -> bool) -> PyResult<()> {
        self.flush()?;
        let mut state = lock(&self.state);
        while !enough(&state.read_ahead) {
            let chunk = self.read_at(state.position, CHUNK_BYTES);
            if chunk.is_empty() {
                break;
            }
            state.position += chunk.len();
            state.read_ahead.push_str(&chunk);
        }
        Ok(())
    }

    /// The first `chars` characters of the read-ahead (all of it for `None`), taken.
    fn take(&self, chars: Option<usize>) -> String {
        let mut state = lock(&self.state);
        let end = chars
            .and_then(|chars| state.read_ahead.char_indices().nth(chars))
            .map_or(state.read_ahead.len(), |(at, _)| at);
        state.read_ahead.drain(..end).collect()
    }

    /// The rest of the file, as `read()` gives it (`json.load` too).
    pub fn read_all(&self) -> PyResult<String> {
        self.check_readable()?;
        self.fill(|_| false)?;
        Ok(self.take(None))
    }

    fn read_chars(&self, chars: usize) -> PyResult<String> {
        self.check_readable()?;
        self.fill(|text| text.chars().count() >= chars)?;
        Ok(self.take(Some(chars)))
    }

    fn read_line(&self, limit: Option<usize>) -> PyResult<String> {
        self.check_readable()?;
        let within = |text: &str| limit.is_some_and(|limit| text.chars().count() >= limit);
        self.fill(|text| text.contains('\n') || within(text))?;
        let line_chars = {
            let state = lock(&self.state);
            state
                .read_ahead
                .find('\n')
                .map(|newline| state.read_ahead[..=newline].chars().count())
        };
        let chars = match (line_chars, limit) {
            (Some(line), Some(limit)) => Some(line.min(limit)),
            (line, limit) => line.or(limit),
        };
        Ok(self.take(chars))
    }

    /// Writes as `write` does (`print(…, file=f)` too); the characters written.
    pub fn write_text(&self, text: &str) -> PyResult<usize> {
        self.open_state()?;
        if !self.writable {
            return raise(UnsupportedOperation, "not writable");
        }
        let overflows = {
            let mut state = lock(&self.state);
            // After a read, a write goes where the reading got to: past the read-ahead.
            state.read_ahead.clear();
            state.pending.push_str(text);
            state.pending.len() >= CHUNK_BYTES
                || self.in_memory()
                || (self.line_buffered && text.contains('\n'))
        };
        if overflows {
            self.flush()?;
        }
        Ok(text.chars().count())
    }

    fn tell(&self) -> PyResult<usize> {
        self.open_state()?;
        self.flush()?;
        let state = lock(&self.state);
        let at = state.position - state.read_ahead.len();
        Ok(match &self.backing {
            Backing::Memory(text) => {
                let text = lock(text);
                text[..at.min(text.len())].chars().count()
            }
            Backing::File { .. } => at,
        })
    }

    /// `close()`: what was written reaches the file, and the file takes no more calls.
    pub fn close(&self) -> PyResult<()> {
        if lock(&self.state).closed {
            return Ok(());
        }
        let flushed = self.flush();
        let mut state = lock(&self.state);
        state.closed = true;
        state.read_ahead.clear();
        flushed
    }
}

/// What was written reaches the file when the last reference goes, as CPython closes a file
/// its program dropped (`open(name, "w").write(text)`).
impl Drop for TextFile {
    fn drop(&mut self) {
        // A full disk loses the text, as an unclosed file's failed flush does at exit.
        let _ = self.flush();
    }
}

impl PyObject for TextFile {
    /// `isinstance(f, io.IOBase)`.
    fn base_type(&self) -> Option<&'static str> {
        Some("IOBase")
    }

    fn type_def(&self) -> &'static TypeDef {
        if self.in_memory() {
            &STRING_IO
        } else {
            &TYPE
        }
    }

    fn repr(&self) -> String {
        if self.in_memory() {
            return format!("<_io.StringIO object at {:#x}>", address_of(self));
        }
        format!(
            "<_io.TextIOWrapper name={} mode='{}' encoding='{}'>",
            self.name.repr(),
            self.mode,
            self.encoding
        )
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for TextFile {
    fn next_item(&self, _: &mut Vm) -> PyResult<Option<Invoked>> {
        let line = self.read_line(None)?;
        Ok((!line.is_empty()).then(|| Invoked::Value(Value::str(line.as_str()))))
    }
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let file = downcast_ref::<TextFile>(object)?;
    match name {
        "closed" => Some(Value::Bool(lock(&file.state).closed)),
        _ if file.in_memory() => None,
        "name" => Some(file.name.clone()),
        "mode" => Some(Value::str(file.mode.as_str())),
        "encoding" => Some(Value::str(file.encoding.as_str())),
        _ => None,
    }
}

/// `readable()` and the like: what an open file can do.
fn can(args: &Args, callee: &str, what: fn(&TextFile) -> bool) -> PyResult<Invoked> {
    args.expect(callee, 0, 0)?;
    let file = args.this::<TextFile>()?;
    file.check_not_closed("I/O operation on closed file")?;
    done(Value::Bool(what(&file)))
}

/// `seek(offset, whence=0)`'s arguments, ints both.
pub(super) fn seek_args(args: Args) -> PyResult<(i128, i128)> {
    let [offset, whence] = args.bind("seek", ["cookie", "whence"], 1)?;
    let whence = whence.map_or(Ok(0), |whence| to_index(&whence))?;
    Ok((to_index(&offset.unwrap_or_default())?, whence))
}

/// A size argument: a count, or everything for `None` and negative counts.
pub(super) fn size_arg(args: &Args, callee: &str) -> PyResult<Option<usize>> {
    match args.expect(callee, 0, 1)?.first() {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(size)) => Ok(usize::try_from(*size).ok()),
        Some(other) => raise(
            TypeError,
            format!(
                "argument should be integer or None, not '{}'",
                other.type_name()
            ),
        ),
    }
}

fn read(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let size = size_arg(&args, "read")?;
    let file = args.this::<TextFile>()?;
    let text = match size {
        Some(chars) => file.read_chars(chars)?,
        None => file.read_all()?,
    };
    done(Value::str(text.as_str()))
}

fn readline(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let size = size_arg(&args, "readline")?;
    let line = args.this::<TextFile>()?.read_line(size)?;
    done(Value::str(line.as_str()))
}

fn readlines(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("readlines", 0, 1)?;
    let file = args.this::<TextFile>()?;
    let mut lines = Vec::new();
    loop {
        let line = file.read_line(None)?;
        if line.is_empty() {
            break;
        }
        lines.push(Value::str(line.as_str()));
    }
    done(Value::list(lines))
}

fn text_arg(value: &Value) -> PyResult<&str> {
    match value {
        Value::Str(text) => Ok(text),
        other => raise(
            TypeError,
            format!("write() argument must be str, not {}", other.type_name()),
        ),
    }
}

fn write(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let text = text_arg(&args.expect("write", 1, 1)?[0])?;
    let written = args.this::<TextFile>()?.write_text(text)?;
    done(Value::Int(written as i128))
}

/// `writelines(lines)`: each, as it is (no line ends are added).
fn writelines(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let lines = args.expect("writelines", 1, 1)?[0].items()?;
    let file = args.this::<TextFile>()?;
    for line in &lines {
        file.write_text(text_arg(line)?)?;
    }
    done(Value::None)
}

/// `seek(offset, whence=0)`: a text file moves to a position `tell` gave, or to its start or
/// its end.
fn seek(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let file = args.this::<TextFile>()?;
    let (offset, whence) = seek_args(args)?;
    file.open_state()?;
    match (whence, offset) {
        (1, 0) => return done(Value::Int(file.tell()? as i128)),
        (1, _) => return raise(UnsupportedOperation, "can't do nonzero cur-relative seeks"),
        (2, 0) | (0, _) => {}
        (2, _) => return raise(UnsupportedOperation, "can't do nonzero end-relative seeks"),
        (whence, _) => {
            return raise(
                ValueError,
                format!("invalid whence ({whence}, should be 0, 1 or 2)"),
            )
        }
    }
    if offset < 0 {
        return raise(ValueError, format!("negative seek position {offset}"));
    }
    file.flush()?;
    let end = match &file.backing {
        Backing::File { files, path } => lock(files).size(path).unwrap_or(0),
        Backing::Memory(text) => lock(text).len(),
    };
    let target = if whence == 2 { end } else { offset as usize };
    let position = match &file.backing {
        // StringIO counts characters.
        Backing::Memory(text) if whence == 0 => {
            let text = lock(text);
            text.char_indices()
                .nth(target)
                .map_or(text.len(), |(at, _)| at)
        }
        _ => target,
    };
    let mut state = lock(&file.state);
    state.read_ahead.clear();
    state.position = position;
    drop(state);
    let told = if whence == 2 && file.in_memory() {
        file.tell()?
    } else {
        target
    };
    done(Value::Int(told as i128))
}
