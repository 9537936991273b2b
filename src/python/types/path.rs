//! `pathlib.Path` (a `PosixPath`): path arithmetic as CPython's pure paths do it (`/`, `name`,
//! `suffix`, `parent`), and the run's files through it (`read_text`, `write_text`, `open`,
//! `mkdir`, `iterdir`, `glob`), by the same file system `open()` and `os` use.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::files::Opening;
use super::super::hash::py_hash;
use super::super::ir::BinOp;
use super::super::modules::io;
use super::super::registry::{done, downcast_ref, native, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::bytes;
use super::lazy::Lazy;
use std::sync::Arc;

/// A path as its parts: `/` first for an absolute one; none for `.`.
pub struct PyPath {
    parts: Vec<String>,
}

pub static TYPE: TypeDef = TypeDef {
    name: "PosixPath",
    methods: &[
        native("exists", |vm, args| {
            let path = this(&args, "exists")?;
            done(Value::Bool(vm.files().exists(&path)))
        }),
        native("is_file", |vm, args| {
            let path = this(&args, "is_file")?;
            done(Value::Bool(vm.files().is_file(&path)))
        }),
        native("is_dir", |vm, args| {
            let path = this(&args, "is_dir")?;
            done(Value::Bool(vm.files().is_directory(&path)))
        }),
        native("read_text", |vm, args| {
            let file = io::open_text_file(vm, Args::new(vec![args.receiver.clone()]))?;
            let text = file.read_all();
            file.close()?;
            done(Value::str(text?))
        }),
        native("write_text", |vm, args| {
            let path = args.receiver.clone();
            let [data, _encoding, _errors, _newline] =
                args.bind("write_text", ["data", "encoding", "errors", "newline"], 1)?;
            let data = match data.unwrap_or_default() {
                Value::Str(data) => data,
                other => {
                    return raise(
                        TypeError,
                        format!("data must be str, not {}", other.type_name()),
                    )
                }
            };
            let opened = Args::new(vec![path, Value::str("w")]);
            let file = io::open_text_file(vm, opened)?;
            let written = file.write_text(&data);
            file.close()?;
            done(Value::Int(written? as i128))
        }),
        native("read_bytes", |vm, args| {
            let path = this(&args, "read_bytes")?;
            let mut files = vm.files();
            let normalised = files.open(&path, Opening::Existing)?;
            done(bytes::value(files.bytes_from(&normalised, 0)))
        }),
        native("write_bytes", |vm, args| {
            let given = args.expect("write_bytes", 1, 1)?;
            let Some(data) = bytes::of(&given[0]) else {
                return raise(
                    TypeError,
                    format!(
                        "memoryview: a bytes-like object is required, not '{}'",
                        given[0].type_name()
                    ),
                );
            };
            let path = path_of(&args.receiver)?.text();
            let mut files = vm.files();
            let normalised = files.open(&path, Opening::Truncate)?;
            files.write(&normalised, Some(0), data)?;
            done(Value::Int(data.len() as i128))
        }),
        native("open", |vm, mut args| {
            args.positional
                .insert(0, std::mem::take(&mut args.receiver));
            io::open(vm, args)
        }),
        native("mkdir", |vm, mut args| {
            let parents = args.keyword("parents").is_some_and(|v| v.is_truthy());
            let exist_ok = args.keyword("exist_ok").is_some_and(|v| v.is_truthy());
            let path = this(&args, "mkdir")?;
            let mut files = vm.files();
            if parents {
                files.make_directories(&path, exist_ok)?;
            } else if !(exist_ok && files.is_directory(&path)) {
                files.make_directory(&path)?;
            }
            done(Value::None)
        }),
        native("unlink", |vm, mut args| {
            let missing_ok = args.keyword("missing_ok").is_some_and(|v| v.is_truthy());
            let path = this(&args, "unlink")?;
            let mut files = vm.files();
            match files.remove(&path) {
                Err(error) if missing_ok && error.kind == FileNotFoundError => done(Value::None),
                removed => removed.and_then(|()| done(Value::None)),
            }
        }),
        native("rmdir", |vm, args| {
            let path = this(&args, "rmdir")?;
            vm.files().remove_directory(&path)?;
            done(Value::None)
        }),
        native("touch", |vm, args| {
            io::open_text_file(vm, Args::new(vec![args.receiver.clone(), Value::str("a")]))?
                .close()?;
            done(Value::None)
        }),
        native("rename", rename),
        native("replace", rename),
        native("iterdir", |vm, args| {
            let path = this(&args, "iterdir")?;
            let names = vm.files().list(&path)?;
            let base = path_of(&args.receiver)?;
            let children = names.into_iter().map(|name| base.joined(&name)).collect();
            done(Lazy::over("generator", children))
        }),
        native("glob", |vm, args| {
            let pattern = args.expect("glob", 1, 1)?[0].to_str();
            if pattern.contains('/') {
                return raise(
                    ValueError,
                    "threadplay's glob matches names in the directory: no '/' in the pattern",
                );
            }
            let base = path_of(&args.receiver)?;
            let names = vm.files().list(&base.text())?;
            let matching = names
                .into_iter()
                .filter(|name| matches_pattern(&pattern, name))
                .map(|name| base.joined(&name))
                .collect();
            done(Lazy::over("generator", matching))
        }),
        native("joinpath", |_, args| {
            let mut path = path_of(&args.receiver)?.clone_path();
            for part in &args.positional {
                path = path.join(part)?;
            }
            done(path.value())
        }),
        native("with_suffix", |_, args| {
            let suffix = args.expect("with_suffix", 1, 1)?[0].to_str();
            let path = path_of(&args.receiver)?;
            if !suffix.is_empty() && (!suffix.starts_with('.') || suffix == ".") {
                return raise(ValueError, format!("Invalid suffix '{suffix}'"));
            }
            let Some(name) = path.name() else {
                return raise(ValueError, format!("{} has an empty name", path.repr()));
            };
            done(path.with_name(&format!("{}{suffix}", stem(name))).value())
        }),
        native("with_name", |_, args| {
            let name = args.expect("with_name", 1, 1)?[0].to_str();
            let path = path_of(&args.receiver)?;
            if path.name().is_none() {
                return raise(ValueError, format!("{} has an empty name", path.repr()));
            }
            done(path.with_name(&name).value())
        }),
    ],
    attribute,
};

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let path = downcast_ref::<PyPath>(object)?;
    let file_name = path.name().unwrap_or_default();
    Some(match name {
        "name" => Value::str(file_name),
        "suffix" => Value::str(&file_name[stem(file_name).len()..]),
        "stem" => Value::str(stem(file_name)),
        "parent" => {
            let mut parts = path.parts.clone();
            if parts.last().is_some_and(|last| last != "/") {
                parts.pop();
            }
            PyPath { parts }.value()
        }
        "parts" => Value::Tuple(
            path.parts
                .iter()
                .map(|part| Value::str(part.as_str()))
                .collect(),
        ),
        _ => return None,
    })
}

/// A name without its suffix: up to its last `.`, unless that starts it (`.bashrc`).
fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(dot) if dot > 0 && dot + 1 < name.len() => &name[..dot],
        _ => name,
    }
}

/// `*` and `?` as `fnmatch` reads them (no `[…]` sets), against a whole name.
fn matches_pattern(pattern: &str, name: &str) -> bool {
    let (pattern, name): (Vec<char>, Vec<char>) =
        (pattern.chars().collect(), name.chars().collect());
    // The end of the last `*` tried, and where the name stood then.
    let (mut p, mut n, mut star) = (0, 0, None);
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p + 1, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((after, at)) => {
                    p = after;
                    n = at + 1;
                    star = Some((after, at + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

impl PyPath {
    /// `Path(*segments)`: each joined to the ones before, an absolute one starting over.
    pub fn new(segments: &[Value]) -> PyResult<Self> {
        let mut path = PyPath { parts: Vec::new() };
        for segment in segments {
            path = path.join(segment)?;
        }
        Ok(path)
    }

    fn join(&self, segment: &Value) -> PyResult<Self> {
        let text = path_text(segment)?;
        let mut parts = if text.starts_with('/') {
            vec!["/".to_string()]
        } else {
            self.parts.clone()
        };
        parts.extend(
            text.split('/')
                .filter(|part| !part.is_empty() && *part != ".")
                .map(str::to_string),
        );
        Ok(PyPath { parts })
    }

    fn joined(&self, name: &str) -> Value {
        let mut parts = self.parts.clone();
        parts.push(name.to_string());
        PyPath { parts }.value()
    }

    fn clone_path(&self) -> Self {
        PyPath {
            parts: self.parts.clone(),
        }
    }

    fn name(&self) -> Option<&str> {
        self.parts
            .last()
            .filter(|last| *last != "/")
            .map(String::as_str)
    }

    fn with_name(&self, name: &str) -> Self {
        let mut parts = self.parts.clone();
        parts.pop();
        parts.push(name.to_string());
        PyPath { parts }
    }

    fn value(self) -> Value {
        Value::Object(Arc::new(self))
    }

    /// The path as `str()` gives it: `.` for no parts.
    pub fn text(&self) -> String {
        match self.parts.split_first() {
            None => ".".to_string(),
            Some((root, rest)) if root == "/" => format!("/{}", rest.join("/")),
            Some(_) => self.parts.join("/"),
        }
    }
}

impl PyObject for PyPath {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!("PosixPath({})", Value::str(self.text()).repr())
    }

    fn to_str(&self) -> String {
        self.text()
    }

    /// `path / "name"` and `"dir" / path`.
    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        if op != BinOp::Div
            || !matches!(other, Value::Str(_)) && downcast_ref::<PyPath>(other).is_none()
        {
            return None;
        }
        Some(if reflected {
            PyPath::new(std::slice::from_ref(other))
                .and_then(|path| path.join(&self.clone_path().value()))
                .map(PyPath::value)
        } else {
            self.join(other).map(PyPath::value)
        })
    }

    /// Paths compare by their parts.
    fn compare_key(&self) -> Option<Value> {
        Some(Value::Tuple(
            self.parts
                .iter()
                .map(|part| Value::str(part.as_str()))
                .collect(),
        ))
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        Some(py_hash(&Value::str(self.text())))
    }
}

/// `pathlib.Path(*segments)`.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    done(PyPath::new(&args.positional)?.value())
}

/// The text of a path argument: a `str` or a `Path` (`os.PathLike`).
pub fn path_text(value: &Value) -> PyResult<String> {
    match value {
        Value::Str(text) => Ok(text.to_string()),
        other => match downcast_ref::<PyPath>(other) {
            Some(path) => Ok(path.text()),
            None => raise(
                TypeError,
                format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    other.type_name()
                ),
            ),
        },
    }
}

fn path_of(value: &Value) -> PyResult<&PyPath> {
    match downcast_ref::<PyPath>(value) {
        Some(path) => Ok(path),
        None => raise(TypeError, "a Path method needs a Path"),
    }
}

/// The path a method was called on, as the file system reads it.
fn this(args: &Args, callee: &str) -> PyResult<String> {
    args.expect(callee, 0, 0)?;
    Ok(path_of(&args.receiver)?.text())
}

/// `path.rename(target)`: the file's new path.
fn rename(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let target = args.expect("rename", 1, 1)?[0].clone();
    let from = path_of(&args.receiver)?.text();
    vm.files().rename(&from, &path_text(&target)?)?;
    done(PyPath::new(&[target])?.value())
}
