//! `threading.excepthook` and `sys.excepthook`: a program may set its own, which an uncaught
//! exception is then given to instead of being printed: a thread's to the first (as `args`
//! with `exc_type`, `exc_value`, `exc_traceback` and `thread`), the main thread's to the second
//! (as `type, value, traceback`). The hooks are the process's; reading and setting them runs
//! outside the instruction loop, where the VM is at hand.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::modules::{sys, threading, traceback};
use super::super::registry::{done, Args, PyObject, TypeDef};
use super::super::value::{as_int, Value};
use super::super::vm::{Callback, CallbackKind, Invoked, Vm};
use super::exception::PyException;
use super::kinds;
use crate::event::lock;
use std::sync::Arc;

/// The default hook (`threading.__excepthook__`): a thread's uncaught exception printed, as
/// the VM prints it when no hook of the program's is set.
pub fn default_hook(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("excepthook", 1, 1)?;
    let Some(args) = super::super::registry::downcast_ref::<HookArgs>(&given[0]) else {
        return raise(
            TypeError,
            "_thread._excepthook argument type must be ExceptHookArgs",
        );
    };
    let exception = traceback::exception_of(&args.exc_value)?;
    let name = super::attribute(&args.thread, "name")?.to_str();
    vm.print_uncaught(&exception, Some(&name));
    done(Value::None)
}

static TYPE: TypeDef = TypeDef {
    name: "_ExceptHookArgs",
    methods: &[],
    attribute: |value, name| {
        let args = super::super::registry::downcast_ref::<HookArgs>(value)?;
        Some(match name {
            "exc_type" => args.exc_type.clone(),
            "exc_value" => args.exc_value.clone(),
            "exc_traceback" => args.exc_traceback.clone(),
            "thread" => args.thread.clone(),
            _ => return None,
        })
    },
};

struct HookArgs {
    exc_type: Value,
    exc_value: Value,
    exc_traceback: Value,
    thread: Value,
}

impl HookArgs {
    /// In CPython's order: it is a struct sequence there, which a hook may unpack.
    fn fields(&self) -> [Value; 4] {
        [
            self.exc_type.clone(),
            self.exc_value.clone(),
            self.exc_traceback.clone(),
            self.thread.clone(),
        ]
    }
}

impl PyObject for HookArgs {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let [exc_type, exc_value, exc_traceback, thread] = self.fields().map(|field| field.repr());
        format!("_thread._ExceptHookArgs(exc_type={exc_type}, exc_value={exc_value}, exc_traceback={exc_traceback}, thread={thread})")
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.fields().into()))
    }

    fn length(&self) -> Option<usize> {
        Some(4)
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        let fields = self.fields();
        Some(match as_int(index).filter(|i| (-4..4).contains(i)) {
            Some(i) => Ok(fields[i.rem_euclid(4) as usize].clone()),
            None => raise(IndexError, "tuple index out of range"),
        })
    }
}

static TRACEBACK: TypeDef = TypeDef {
    name: "traceback",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

/// An exception's traceback object (`__traceback__`, what `sys.exc_info()` and a hook are
/// given): its entries, for `traceback.print_tb` and `format_tb`.
struct Traceback {
    frame_lines: Vec<String>,
}

pub fn traceback(exception: &Exception) -> Value {
    Value::Object(Arc::new(Traceback {
        frame_lines: exception.frame_lines(),
    }))
}

/// The entries of a traceback object, outermost first; `None` for anything else.
pub fn frame_lines(traceback: &Value) -> Option<Vec<String>> {
    super::super::registry::downcast_ref::<Traceback>(traceback)
        .map(|traceback| traceback.frame_lines.clone())
}

impl PyObject for Traceback {
    fn type_def(&self) -> &'static TypeDef {
        &TRACEBACK
    }

    fn repr(&self) -> String {
        format!("<traceback object at {:#x}>", self as *const Self as usize)
    }
}

/// The hooks a program set (in one process): `None` leaves the default.
#[derive(Clone, Default)]
pub struct ExceptHooks {
    threading: Option<Value>,
    sys: Option<Value>,
}

/// Which hook `object.name` names, if it names one.
#[derive(Clone, Copy)]
pub enum Hook {
    /// `threading.excepthook`, a thread's.
    Threading,
    /// `sys.excepthook`, the main thread's.
    Sys,
}

/// Whether `object.name` is a hook, read or set through `hook_of` and `set_hook`.
pub fn is_hook(object: &Value, name: &str) -> bool {
    hook_named(object, name).is_some()
}

pub fn hook_named(object: &Value, name: &str) -> Option<Hook> {
    match object {
        Value::Module(module) if name == "excepthook" => match module.name {
            "threading" => Some(Hook::Threading),
            "sys" => Some(Hook::Sys),
            _ => None,
        },
        _ => None,
    }
}

/// The hook: the program's, or the module's `__excepthook__`.
pub fn hook_of(vm: &Vm, hook: Hook) -> Value {
    let hooks = lock(&vm.thread.process.excepthooks);
    let (set, module) = match hook {
        Hook::Threading => (&hooks.threading, &threading::MODULE),
        Hook::Sys => (&hooks.sys, &sys::MODULE),
    };
    set.clone()
        .unwrap_or_else(|| module.member("__excepthook__").unwrap_or_default())
}

pub fn set_hook(vm: &Vm, hook: Hook, value: Value) {
    let mut hooks = lock(&vm.thread.process.excepthooks);
    match hook {
        Hook::Threading => hooks.threading = Some(value),
        Hook::Sys => hooks.sys = Some(value),
    }
}

/// Whether `hook` is a module's default, which prints as the VM prints.
fn is_default(hook: &Value) -> bool {
    matches!(hook, Value::Builtin(native) if native.name == "__excepthook__")
}

/// `sys.__excepthook__(type, value, traceback)`: the traceback printed, as when no hook is set.
pub fn default_sys_hook(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("excepthook", 3, 3)?;
    let exception = traceback::exception_of(&given[1])?;
    vm.print_uncaught(&exception, None);
    done(Value::None)
}

/// Gives an uncaught exception to the program's `hook`, if it set one: `false` if not. A
/// thread's hook gets one argument (`args.exc_type`…), the main thread's `sys.excepthook` the
/// type, the value and the traceback.
pub fn give_to_hook(vm: &mut Vm, hook: Hook, error: &Exception) -> bool {
    let function = hook_of(vm, hook);
    if is_default(&function) {
        return false;
    }
    let exc_value = PyException::caught(error);
    let exc_type = kinds::type_of(&exc_value).unwrap_or_default();
    let exc_traceback = traceback(error);
    let args = match hook {
        Hook::Sys => vec![exc_type, exc_value, exc_traceback],
        Hook::Threading => vec![Value::Object(Arc::new(HookArgs {
            exc_type,
            exc_value,
            exc_traceback,
            thread: Value::Object(Arc::clone(&vm.thread.handle) as _),
        }))],
    };
    vm.thread.callbacks.push_back(Callback::new(
        function,
        Args::new(args),
        CallbackKind::Uncaught,
    ));
    true
}
