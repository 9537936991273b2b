//! `os`: the process's id and its parent's, the machine's cores, an empty environment, the
//! run's files and directories (`remove`, `listdir`, `makedirs`: see `files.rs`), and
//! `os.path` (see `os_path.rs`). Ids are made up (a
//! program's processes are the run's, not the machine's): the main process is 10000, and each
//! process started after it the next number.

use super::super::error::PyResult;
use super::super::files::{FileSystem, NULL_DEVICE};
use super::super::registry::{done, native, Args, Constant, ModuleDef};
use super::super::run::ProcessState;
use super::super::types::{bytes, lazy::Lazy, set};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::os_path::path_arg;
use super::random::random_bytes;

/// The main process's id; its parent (the shell, in a terminal) is one less.
const MAIN_PID: usize = 10_000;

pub static MODULE: ModuleDef = ModuleDef {
    name: "os",
    functions: &[
        native("getpid", |vm, args| {
            args.expect("getpid", 0, 0)?;
            done(Value::Int(pid(vm).into()))
        }),
        native("getppid", |vm, args| {
            args.expect("getppid", 0, 0)?;
            let parent = if vm.thread.domain() == 0 {
                MAIN_PID - 1
            } else {
                MAIN_PID
            };
            done(Value::Int(parent as i128))
        }),
        native("cpu_count", cpu_count),
        // The OS's entropy is the run's clock here, as for an unseeded `random`.
        native("urandom", |vm, args| {
            let [size] = args.bind("urandom", ["size"], 1)?;
            let entropy = &vm.thread.process.entropy;
            let negative = "negative argument not allowed";
            let drawn = random_bytes(vm, entropy, &size.unwrap_or_default(), negative)?;
            done(bytes::value(drawn))
        }),
        // Every core is the program's (`len(os.sched_getaffinity(0))`, the usable cores).
        native("sched_getaffinity", |vm, args| {
            args.expect("sched_getaffinity", 1, 1)?;
            let cores = (0..vm.run.cores)
                .map(|core| Value::Int(core.into()))
                .collect();
            done(set::new(&Args::new(vec![Value::list(cores)]), false)?)
        }),
        native("walk", walk),
        native("remove", |vm, args| {
            change_path(vm, &args, "remove", FileSystem::remove)
        }),
        native("unlink", |vm, args| {
            change_path(vm, &args, "unlink", FileSystem::remove)
        }),
        native("rmdir", |vm, args| {
            change_path(vm, &args, "rmdir", FileSystem::remove_directory)
        }),
        native("mkdir", |vm, args| {
            change_path(vm, &args, "mkdir", FileSystem::make_directory)
        }),
        native("chdir", |vm, args| {
            change_path(vm, &args, "chdir", FileSystem::change_directory)
        }),
        native("getcwd", |vm, args| {
            args.expect("getcwd", 0, 0)?;
            done(Value::str(vm.files().working_directory()))
        }),
        native("makedirs", |vm, mut args| {
            let exist_ok = args.keyword("exist_ok").is_some_and(|ok| ok.is_truthy());
            let path = path_arg(&args, "makedirs")?;
            vm.files().make_directories(&path, exist_ok)?;
            done(Value::None)
        }),
        native("listdir", |vm, args| {
            let path = match args.expect("listdir", 0, 1)? {
                [] => ".".to_string(),
                _ => path_arg(&args, "listdir")?,
            };
            let names = vm.files().list(&path)?;
            done(Value::list(names.into_iter().map(Value::str).collect()))
        }),
        native("fspath", |_, args| {
            done(Value::str(path_arg(&args, "fspath")?))
        }),
        native("rename", rename),
        native("replace", rename),
        // A program's environment is empty (the page has none), so it reads its defaults.
        native("getenv", |_, args| {
            let given = args.expect("getenv", 1, 2)?;
            done(given.get(1).cloned().unwrap_or(Value::None))
        }),
    ],
    exceptions: &[],
    constants: &[
        (
            "environ",
            Constant::Object(|| Value::Dict(Default::default())),
        ),
        ("sep", Constant::Str("/")),
        ("linesep", Constant::Str("\n")),
        ("name", Constant::Str("posix")),
        ("devnull", Constant::Str(NULL_DEVICE)),
    ],
    submodules: &[&super::os_path::MODULE],
};

/// `os.<name>(path)`, which changes the run's files and gives `None`.
fn change_path(
    vm: &Vm,
    args: &Args,
    name: &str,
    change: fn(&mut FileSystem, &str) -> PyResult<()>,
) -> PyResult<Invoked> {
    let path = path_arg(args, name)?;
    change(&mut vm.files(), &path)?;
    done(Value::None)
}

/// `os.walk(top, topdown=True)`: each directory under `top` as `(path, directories, files)`,
/// names sorted, a directory before what is in it (or after, bottom-up). The walk is made when
/// it is asked for, so changing the list of directories it gave does not prune it.
fn walk(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let topdown = args
        .keyword("topdown")
        .is_none_or(|topdown| topdown.is_truthy());
    for ignored in ["onerror", "followlinks"] {
        args.keyword(ignored);
    }
    let top = path_arg(&args, "walk")?;
    let files = vm.files();
    let mut walked = Vec::new();
    // Each directory, and whether what is in it has been walked (bottom-up gives it then).
    let mut pending = vec![(top, false)];
    while let Some((directory, entered)) = pending.pop() {
        // A missing or unreadable directory is skipped, as CPython's without `onerror`.
        let Ok(names) = files.list(&directory) else {
            continue;
        };
        let inside = |name: &str| match directory.ends_with('/') {
            true => format!("{directory}{name}"),
            false => format!("{directory}/{name}"),
        };
        let (directories, plain): (Vec<String>, Vec<String>) = names
            .into_iter()
            .partition(|name| files.is_directory(&inside(name)));
        let inner: Vec<_> = directories
            .iter()
            .rev()
            .map(|name| (inside(name), false))
            .collect();
        if topdown || entered {
            let names =
                |names: Vec<String>| Value::list(names.into_iter().map(Value::str).collect());
            walked.push(Value::Tuple(
                [
                    Value::str(directory.as_str()),
                    names(directories),
                    names(plain),
                ]
                .into(),
            ));
        }
        if !entered {
            if !topdown {
                pending.push((directory, true));
            }
            pending.extend(inner);
        }
    }
    done(Lazy::over("generator", walked))
}

/// `os.rename(src, dst)` and `os.replace`: one file takes the other's name (and its place).
fn rename(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("rename", 2, 2)?;
    let [from, to] = [&given[0], &given[1]].map(Value::to_str);
    vm.files().rename(&from, &to)?;
    done(Value::None)
}

/// `os.cpu_count()` and `multiprocessing.cpu_count()`: the machine's cores.
pub fn cpu_count(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("cpu_count", 0, 0)?;
    done(Value::Int(vm.run.cores.into()))
}

/// The calling thread's process's id.
pub fn pid(vm: &Vm) -> u64 {
    pid_of(&vm.thread.process)
}

pub fn pid_of(process: &ProcessState) -> u64 {
    (MAIN_PID + process.domain) as u64
}
