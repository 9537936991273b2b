//! `tempfile.TemporaryDirectory()`: a directory of its own among the run's files, named as
//! CPython names one (`/tmp/tmp` and 8 random letters, digits or `_`), gone at `cleanup()` or
//! at the end of its `with`.

use super::super::error::{ExceptionKind::FileNotFoundError, PyResult};
use super::super::modules::random::random_bytes;
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "TemporaryDirectory",
    methods: &[
        native("cleanup", cleanup),
        native("__enter__", |_, args| {
            done(Value::str(args.this::<TemporaryDirectory>()?.name.as_str()))
        }),
        native("__exit__", cleanup),
    ],
    attribute,
};

pub struct TemporaryDirectory {
    name: String,
    /// Removed already: a second `cleanup()` does nothing.
    removed: Mutex<bool>,
}

impl PyObject for TemporaryDirectory {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!("<TemporaryDirectory {:?}>", self.name)
    }
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let directory = downcast::<TemporaryDirectory>(object)?;
    (name == "name").then(|| Value::str(directory.name.as_str()))
}

/// `TemporaryDirectory(suffix=None, prefix=None, dir=None)`.
pub fn new(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let name = make(vm, args, "TemporaryDirectory")?;
    done(Value::Object(Arc::new(TemporaryDirectory {
        name,
        removed: Mutex::new(false),
    })))
}

/// `mkdtemp(suffix=None, prefix=None, dir=None)`: the path of a new directory, left for the
/// program to remove.
pub fn mkdtemp(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    done(Value::str(make(vm, args, "mkdtemp")?))
}

/// Makes a directory named as CPython's `tempfile` names them, trying names until one is
/// free as it does.
fn make(vm: &mut Vm, args: Args, function: &str) -> PyResult<String> {
    let [suffix, prefix, dir] = args.bind(function, ["suffix", "prefix", "dir"], 0)?;
    let text = |value: Option<Value>, default: &str| match value {
        None | Some(Value::None) => default.to_string(),
        Some(value) => value.to_str(),
    };
    let (suffix, prefix, dir) = (text(suffix, ""), text(prefix, "tmp"), text(dir, "/tmp"));
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789_";
    loop {
        let drawn = random_bytes(vm, &vm.thread.process.entropy, &Value::Int(8), "")?;
        let letters: String = drawn
            .iter()
            .map(|byte| char::from(LETTERS[usize::from(*byte) % LETTERS.len()]))
            .collect();
        let name = format!("{dir}/{prefix}{letters}{suffix}");
        let mut files = vm.files();
        if files.exists(&name) {
            continue;
        }
        files.make_directory(&name)?;
        return Ok(name);
    }
}

fn cleanup(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let directory = args.this::<TemporaryDirectory>()?;
    let mut removed = lock(&directory.removed);
    if !std::mem::replace(&mut *removed, true) {
        // Gone already (the program removed it): nothing to do, as CPython's cleanup finds.
        match vm.files().remove_tree(&directory.name) {
            Err(error) if error.kind == FileNotFoundError => {}
            other => other?,
        }
    }
    done(Value::None)
}
