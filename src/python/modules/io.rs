//! `io` and the builtin `open`: text and binary files over the run's files in memory
//! (`files.rs`), and `StringIO`. Text is UTF-8, as CPython's default encoding on Linux.

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::types::binary_file::BinaryFile;
use super::super::types::path::path_text;
use super::super::types::text_file::{Mode, TextFile};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "io",
    functions: &[
        native("open", open),
        // The files' base class, for `isinstance`.
        native("IOBase", |_, _| {
            raise(
                TypeError,
                "threadplay makes no io.IOBase of its own: open() a file",
            )
        }),
        native("StringIO", |_, args| {
            let [initial, _newline] = args.bind("StringIO", ["initial_value", "newline"], 0)?;
            let initial = match initial {
                None | Some(Value::None) => String::new(),
                Some(Value::Str(text)) => text.to_string(),
                Some(other) => {
                    return raise(
                        TypeError,
                        format!(
                            "initial_value must be str or None, not {}",
                            other.type_name()
                        ),
                    )
                }
            };
            done(Value::Object(Arc::new(TextFile::string_io(initial))))
        }),
    ],
    exceptions: &[ExceptionKind::UnsupportedOperation],
    constants: &[],
    submodules: &[],
};

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)`: a text
/// file, or a binary one for a `b` mode.
pub fn open(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let request = Request::bind(args)?;
    if !request.mode.binary {
        return done(Value::Object(text_file(vm, request)?));
    }
    for (given, name) in [
        (&request.encoding, "an encoding"),
        (&request.errors, "an errors"),
        (&request.newline, "a newline"),
    ] {
        if given
            .as_ref()
            .is_some_and(|given| !matches!(given, Value::None))
        {
            return raise(
                ValueError,
                format!("binary mode doesn't take {name} argument"),
            );
        }
    }
    let unbuffered = matches!(request.buffering, Some(Value::Int(0)));
    let files = Arc::clone(&vm.run.files);
    let normalised = vm.files().open(&request.path, request.mode.opening)?;
    done(Value::Object(Arc::new(BinaryFile::opened(
        files,
        normalised,
        Value::str(request.path),
        (&request.given_mode, request.mode),
        unbuffered,
    ))))
}

/// The text file `open(…)` gives, for `logging`'s `filename=` and `Path`'s text methods.
pub fn open_text_file(vm: &Vm, args: Args) -> PyResult<Arc<TextFile>> {
    let request = Request::bind(args)?;
    if request.mode.binary {
        return raise(
            ValueError,
            format!(
                "threadplay opens this file as text, not in mode '{}'",
                request.given_mode
            ),
        );
    }
    text_file(vm, request)
}

/// `open`'s arguments, its mode checked.
struct Request {
    path: String,
    given_mode: String,
    mode: Mode,
    buffering: Option<Value>,
    encoding: Option<Value>,
    errors: Option<Value>,
    newline: Option<Value>,
}

impl Request {
    fn bind(args: Args) -> PyResult<Self> {
        let [file, mode, buffering, encoding, errors, newline] = args.bind(
            "open",
            ["file", "mode", "buffering", "encoding", "errors", "newline"],
            1,
        )?;
        // A `Path` is named by its text, as `os.fspath` gives it.
        let path = path_text(&file.unwrap_or_default())?;
        let given_mode = match &mode {
            None => "r".to_string(),
            Some(Value::Str(mode)) => mode.to_string(),
            Some(other) => {
                return raise(
                    TypeError,
                    format!(
                        "open() argument 'mode' must be str, not {}",
                        other.type_name()
                    ),
                )
            }
        };
        Ok(Self {
            mode: Mode::parse(&given_mode)?,
            path,
            given_mode,
            buffering,
            encoding,
            errors,
            newline,
        })
    }
}

fn text_file(vm: &Vm, request: Request) -> PyResult<Arc<TextFile>> {
    let line_buffered = match request.buffering {
        Some(Value::Int(0)) => return raise(ValueError, "can't have unbuffered text I/O"),
        Some(Value::Int(1)) => true,
        _ => false,
    };
    let encoding = match request.encoding {
        None | Some(Value::None) => "UTF-8".to_string(),
        Some(Value::Str(name)) if is_utf8(&name) => name.to_string(),
        Some(other) => {
            return raise(
                ValueError,
                format!(
                    "threadplay's files are UTF-8: encoding={} is not supported",
                    other.repr()
                ),
            )
        }
    };
    let files = Arc::clone(&vm.run.files);
    let normalised = vm.files().open(&request.path, request.mode.opening)?;
    Ok(Arc::new(TextFile::opened(
        files,
        normalised,
        Value::str(request.path),
        (&request.given_mode, request.mode),
        encoding,
        line_buffered,
    )))
}

/// The names Python knows UTF-8 by (`utf-8`, `UTF8`, `utf_8`).
fn is_utf8(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('_', "-");
    matches!(name.as_str(), "utf-8" | "utf8")
}
