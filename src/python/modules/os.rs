//! `os`: the process's id and its parent's, the machine's cores, an empty environment, and
//! `os.path` (see `os_path.rs`). Ids are made up (a
//! program's processes are the run's, not the machine's): the main process is 10000, and each
//! process started after it the next number.

use super::super::error::PyResult;
use super::super::registry::{done, native, Args, Constant, ModuleDef};
use super::super::run::ProcessState;
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};

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
    ],
    submodules: &[&super::os_path::MODULE],
};

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
