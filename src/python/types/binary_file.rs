//! A binary file as `open(path, "rb")` and the other `b` modes give it (`_io.BufferedReader`,
//! `BufferedWriter`, `BufferedRandom`): `bytes` in and out of the run's files. What is written
//! waits in a buffer until a flush, a close, 8 KB of it, or the file is dropped, as CPython's
//! does; `buffering=0` writes at once.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::files::{os_error, SharedFiles, EINVAL, RANDOM_DEVICE};
use super::super::modules::random::random_bytes;
use super::super::registry::{
    done, downcast_ref, native, Args, Native, NativeIterator, PyObject, TypeDef,
};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::bytes;
use super::text_file::{seek_args, size_arg, Mode, CHUNK_BYTES};
use crate::event::lock;
use std::sync::Mutex;

const METHODS: &[Native] = &[
    native("read", |vm, args| {
        let size = size_arg(&args, "read")?;
        let file = args.this::<BinaryFile>()?;
        if file.path == RANDOM_DEVICE && file.mode.readable {
            file.open_state("read of closed file")?;
            // All of it is endless: CPython's read() fills the memory.
            let count = size.map_or(Value::Int(i128::MAX), |size| Value::Int(size as i128));
            let negative = "read length must be non-negative or -1";
            return done(bytes::value(random_bytes(
                vm,
                &vm.thread.process.entropy,
                &count,
                negative,
            )?));
        }
        done(bytes::value(file.read(size, None)?))
    }),
    native("readline", |_, args| {
        let size = size_arg(&args, "readline")?;
        let line = args.this::<BinaryFile>()?.read(size, Some(b'\n'))?;
        done(bytes::value(line))
    }),
    native("readlines", |_, args| {
        args.expect("readlines", 0, 1)?;
        let file = args.this::<BinaryFile>()?;
        file.open_state("I/O operation on closed file.")?;
        let mut lines = Vec::new();
        loop {
            let line = file.read(None, Some(b'\n'))?;
            if line.is_empty() {
                break;
            }
            lines.push(bytes::value(line));
        }
        done(Value::list(lines))
    }),
    native("write", |_, args| {
        let data = args.expect("write", 1, 1)?[0].clone();
        let written = args.this::<BinaryFile>()?.write(&data)?;
        done(Value::Int(written as i128))
    }),
    native("writelines", |_, args| {
        let file = args.this::<BinaryFile>()?;
        file.open_state("I/O operation on closed file.")?;
        let lines = args.expect("writelines", 1, 1)?[0].items()?;
        for line in &lines {
            file.write(line)?;
        }
        done(Value::None)
    }),
    native("flush", |_, args| {
        args.expect("flush", 0, 0)?;
        let file = args.this::<BinaryFile>()?;
        file.open_state(match file.mode.writable {
            true => "flush of closed file",
            false => "I/O operation on closed file.",
        })?;
        file.flush()?;
        done(Value::None)
    }),
    native("close", |_, args| {
        args.expect("close", 0, 0)?;
        args.this::<BinaryFile>()?.close()?;
        done(Value::None)
    }),
    native("seek", |_, args| {
        let file = args.this::<BinaryFile>()?;
        let (offset, whence) = seek_args(args)?;
        done(Value::Int(file.seek(offset, whence)? as i128))
    }),
    native("tell", |_, args| {
        args.expect("tell", 0, 0)?;
        let file = args.this::<BinaryFile>()?;
        file.open_state("I/O operation on closed file")?;
        let state = lock(&file.state);
        done(Value::Int((state.position + state.pending.len()) as i128))
    }),
    native("readable", |_, args| {
        can(&args, "readable", |file| file.mode.readable)
    }),
    native("writable", |_, args| {
        can(&args, "writable", |file| file.mode.writable)
    }),
    native("seekable", |_, args| can(&args, "seekable", |_| true)),
    native("__enter__", |_, args| {
        args.expect("__enter__", 0, 0)?;
        args.this::<BinaryFile>()?
            .open_state("I/O operation on closed file.")?;
        done(args.receiver.clone())
    }),
    native("__exit__", |_, args| {
        args.this::<BinaryFile>()?.close()?;
        done(Value::Bool(false))
    }),
];

static READER: TypeDef = TypeDef {
    name: "BufferedReader",
    methods: METHODS,
    attribute,
};

static WRITER: TypeDef = TypeDef {
    name: "BufferedWriter",
    methods: METHODS,
    attribute,
};

static RANDOM: TypeDef = TypeDef {
    name: "BufferedRandom",
    methods: METHODS,
    attribute,
};

pub struct BinaryFile {
    files: SharedFiles,
    /// Normalised, as the file system keys it.
    path: String,
    /// As given to `open`: the path and the mode.
    name: Value,
    given_mode: String,
    mode: Mode,
    /// `buffering=0`: each write reaches the file at once (CPython's `FileIO`).
    unbuffered: bool,
    state: Mutex<BinaryState>,
}

#[derive(Default)]
struct BinaryState {
    closed: bool,
    /// Where the next read starts, or the buffered writes go (appends go to the end).
    position: usize,
    /// Written by the program, not yet in the file.
    pending: Vec<u8>,
}

impl BinaryFile {
    /// A file of the run's, opened (`open()` has made or emptied it as the mode says).
    pub fn opened(
        files: SharedFiles,
        path: String,
        name: Value,
        mode: (&str, Mode),
        unbuffered: bool,
    ) -> Self {
        let (given_mode, mode) = mode;
        // `a` starts at the end, as `O_APPEND` files do.
        let position = if mode.appending {
            lock(&files).size(&path).unwrap_or(0)
        } else {
            0
        };
        Self {
            files,
            path,
            name,
            given_mode: given_mode.to_string(),
            mode,
            unbuffered,
            state: Mutex::new(BinaryState {
                position,
                ..BinaryState::default()
            }),
        }
    }

    /// Fails with CPython's words for `what` on a closed file.
    fn open_state(&self, message: &str) -> PyResult<()> {
        if lock(&self.state).closed {
            return raise(ValueError, message);
        }
        Ok(())
    }

    /// Up to `size` bytes (all for `None`), or up to and with the first `until` byte.
    fn read(&self, size: Option<usize>, until: Option<u8>) -> PyResult<Vec<u8>> {
        if !self.mode.readable {
            return raise(UnsupportedOperation, "read");
        }
        self.open_state(match until {
            Some(_) => "readline of closed file",
            None => "read of closed file",
        })?;
        self.flush()?;
        let mut state = lock(&self.state);
        let files = lock(&self.files);
        let rest = files.bytes_from(&self.path, state.position);
        let mut end = size.map_or(rest.len(), |size| size.min(rest.len()));
        if let Some(until) = until {
            end = rest[..end]
                .iter()
                .position(|&byte| byte == until)
                .map_or(end, |at| at + 1);
        }
        let data = rest[..end].to_vec();
        state.position += end;
        Ok(data)
    }

    fn write(&self, data: &Value) -> PyResult<usize> {
        if !self.mode.writable {
            return raise(UnsupportedOperation, "write");
        }
        self.open_state("write to closed file")?;
        let data = bytes::required(data)?;
        let overflows = {
            let mut state = lock(&self.state);
            state.pending.extend_from_slice(data);
            self.unbuffered || state.pending.len() >= CHUNK_BYTES
        };
        if overflows {
            self.flush()?;
        }
        Ok(data.len())
    }

    /// Puts what was written into the file, where the position (or the mode) says.
    fn flush(&self) -> PyResult<()> {
        let mut state = lock(&self.state);
        if state.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut state.pending);
        let at = (!self.mode.appending).then_some(state.position);
        state.position = lock(&self.files).write(&self.path, at, &pending)?;
        Ok(())
    }

    /// `seek(offset, whence)`: from the start, the position or the end; the new position.
    fn seek(&self, offset: i128, whence: i128) -> PyResult<usize> {
        self.open_state("seek of closed file")?;
        self.flush()?;
        let base = match whence {
            0 => 0,
            1 => lock(&self.state).position,
            2 => lock(&self.files).size(&self.path).unwrap_or(0),
            _ => return raise(ValueError, format!("whence value {whence} unsupported")),
        };
        let Some(position) = (base as i128)
            .checked_add(offset)
            .and_then(|position| usize::try_from(position).ok())
        else {
            return Err(os_error(EINVAL, ""));
        };
        lock(&self.state).position = position;
        Ok(position)
    }

    /// `close()`: what was written reaches the file, and the file takes no more calls.
    fn close(&self) -> PyResult<()> {
        if lock(&self.state).closed {
            return Ok(());
        }
        let flushed = self.flush();
        lock(&self.state).closed = true;
        flushed
    }
}

/// What was written reaches the file when the last reference goes, as CPython closes a file
/// its program dropped.
impl Drop for BinaryFile {
    fn drop(&mut self) {
        // A full disk loses the data, as an unclosed file's failed flush does at exit.
        let _ = self.flush();
    }
}

impl PyObject for BinaryFile {
    /// `isinstance(f, io.IOBase)`.
    fn base_type(&self) -> Option<&'static str> {
        Some("IOBase")
    }

    fn type_def(&self) -> &'static TypeDef {
        match (self.mode.readable, self.mode.writable) {
            (true, true) => &RANDOM,
            (true, false) => &READER,
            _ => &WRITER,
        }
    }

    fn repr(&self) -> String {
        format!("<_io.{} name={}>", self.type_name(), self.name.repr())
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for BinaryFile {
    fn next_item(&self, _: &mut Vm) -> PyResult<Option<Invoked>> {
        let line = self.read(None, Some(b'\n'))?;
        Ok((!line.is_empty()).then(|| Invoked::Value(bytes::value(line))))
    }
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let file = downcast_ref::<BinaryFile>(object)?;
    match name {
        "closed" => Some(Value::Bool(lock(&file.state).closed)),
        "name" => Some(file.name.clone()),
        "mode" => Some(Value::str(file.given_mode.as_str())),
        _ => None,
    }
}

/// `readable()` and the like: what an open file can do.
fn can(args: &Args, callee: &str, what: fn(&BinaryFile) -> bool) -> PyResult<Invoked> {
    args.expect(callee, 0, 0)?;
    let file = args.this::<BinaryFile>()?;
    file.open_state("I/O operation on closed file")?;
    done(Value::Bool(what(&file)))
}
