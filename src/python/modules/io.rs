//! `io` and the builtin `open`: text files over the run's files in memory (`files.rs`), and
//! `StringIO`. Text is UTF-8, as CPython's default encoding on Linux; binary modes need bytes,
//! which the subset does not have, and are refused with a message.

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::types::path::path_text;
use super::super::types::text_file::{Mode, TextFile};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "io",
    functions: &[
        native("open", open),
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

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)`.
pub fn open(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    done(Value::Object(open_text_file(vm, args)?))
}

/// The file `open(…)` gives (`logging`'s `filename=` too).
pub fn open_text_file(vm: &Vm, args: Args) -> PyResult<Arc<TextFile>> {
    let [file, mode, buffering, encoding, _errors, _newline] = args.bind(
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
    let parsed = Mode::parse(&given_mode)?;
    let line_buffered = match buffering {
        Some(Value::Int(0)) => return raise(ValueError, "can't have unbuffered text I/O"),
        Some(Value::Int(1)) => true,
        _ => false,
    };
    let encoding = match encoding {
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
    let normalised = lock(&files).open(&path, parsed.opening)?;
    Ok(Arc::new(TextFile::opened(
        files,
        normalised,
        Value::str(path),
        (&given_mode, parsed),
        encoding,
        line_buffered,
    )))
}

/// The names Python knows UTF-8 by (`utf-8`, `UTF8`, `utf_8`).
fn is_utf8(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('_', "-");
    matches!(name.as_str(), "utf-8" | "utf8")
}
