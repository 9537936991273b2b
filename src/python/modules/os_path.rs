//! `os.path`: the path arithmetic tutorials do on file names and URLs (`basename`, `join`,
//! `splitext`), as POSIX's `posixpath` does it, and questions about the run's files
//! (`exists`, `getsize`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, Constant, ModuleDef};
use super::super::types::path::path_text;
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};

pub static MODULE: ModuleDef = ModuleDef {
    name: "os.path",
    functions: &[
        native("join", join),
        native("basename", |_, args| {
            let path = path_arg(&args, "basename")?;
            done(Value::str(split(&path).1))
        }),
        native("dirname", |_, args| {
            let path = path_arg(&args, "dirname")?;
            done(Value::str(split(&path).0))
        }),
        native("split", |_, args| {
            let path = path_arg(&args, "split")?;
            let (head, tail) = split(&path);
            done(Value::Tuple(
                vec![Value::str(head), Value::str(tail)].into(),
            ))
        }),
        native("splitext", |_, args| {
            let path = path_arg(&args, "splitext")?;
            let (root, extension) = splitext(&path);
            done(Value::Tuple(
                vec![Value::str(root), Value::str(extension)].into(),
            ))
        }),
        native("abspath", |vm, args| {
            let path = path_arg(&args, "abspath")?;
            done(Value::str(vm.files().absolute(&path)))
        }),
        native("isabs", |_, args| {
            let path = path_arg(&args, "isabs")?;
            done(Value::Bool(path.starts_with('/')))
        }),
        native("exists", |vm, args| {
            let path = path_arg(&args, "exists")?;
            done(Value::Bool(vm.files().exists(&path)))
        }),
        native("isfile", |vm, args| {
            let path = path_arg(&args, "isfile")?;
            done(Value::Bool(vm.files().is_file(&path)))
        }),
        native("isdir", |vm, args| {
            let path = path_arg(&args, "isdir")?;
            done(Value::Bool(vm.files().is_directory(&path)))
        }),
        native("getsize", |vm, args| {
            let path = path_arg(&args, "getsize")?;
            let size = vm.files().size(&path)?;
            done(Value::Int(size as i128))
        }),
    ],
    exceptions: &[],
    constants: &[("sep", Constant::Str("/"))],
    submodules: &[],
};

/// The one argument of a function of a path, as a string (a `str` or a `Path`).
pub fn path_arg(args: &Args, name: &str) -> PyResult<String> {
    path_text(&args.expect(name, 1, 1)?[0])
}

/// `os.path.join(a, *rest)`: an absolute part starts over; a `/` goes between the others.
fn join(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    if args.positional.is_empty() {
        return raise(
            TypeError,
            "join() missing 1 required positional argument: 'a'",
        );
    }
    let mut joined = String::new();
    for part in &args.positional {
        let Value::Str(part) = part else {
            return raise(
                TypeError,
                format!(
                    "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                    part.type_name()
                ),
            );
        };
        if part.starts_with('/') {
            joined.clear();
        } else if !joined.is_empty() && !joined.ends_with('/') {
            joined.push('/');
        }
        joined.push_str(part);
    }
    done(Value::str(joined))
}

/// `(head, tail)`: `tail` after the last `/`; `head` before it, without its trailing slashes
/// unless it is all slashes.
fn split(path: &str) -> (&str, &str) {
    let at = path.rfind('/').map_or(0, |slash| slash + 1);
    let (head, tail) = path.split_at(at);
    let trimmed = head.trim_end_matches('/');
    (if trimmed.is_empty() { head } else { trimmed }, tail)
}

/// `(root, extension)`: the extension from the last dot of the file name, unless the name
/// only starts with dots (`.bashrc` has none).
fn splitext(path: &str) -> (&str, &str) {
    let name_start = path.rfind('/').map_or(0, |slash| slash + 1);
    let name = &path[name_start..];
    match name.rfind('.') {
        Some(dot) if name[..dot].chars().any(|c| c != '.') => path.split_at(name_start + dot),
        _ => (path, ""),
    }
}
