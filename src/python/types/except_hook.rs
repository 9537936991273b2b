//! `threading.excepthook`: a program may set its own, which a thread's uncaught exception is
//! then given to (as `args` with `exc_type`, `exc_value`, `exc_traceback` and `thread`)
//! instead of being printed. The hook is the process's; reading and setting
//! `threading.excepthook` runs outside the instruction loop, where the VM is at hand.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::modules::threading;
use super::super::registry::{done, Args, PyObject, TypeDef};
use super::super::value::Value;
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
    let exception = super::exception::to_raise(&args.exc_value)?;
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
            "exc_traceback" => Value::Object(Arc::new(Traceback)),
            "thread" => args.thread.clone(),
            _ => return None,
        })
    },
};

struct HookArgs {
    exc_type: Value,
    exc_value: Value,
    thread: Value,
}

impl PyObject for HookArgs {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }
}

static TRACEBACK: TypeDef = TypeDef {
    name: "traceback",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

/// What `exc_traceback` gives: the frames are printed by the default hook alone.
struct Traceback;

impl PyObject for Traceback {
    fn type_def(&self) -> &'static TypeDef {
        &TRACEBACK
    }

    fn repr(&self) -> String {
        format!("<traceback object at {:#x}>", self as *const Self as usize)
    }
}

/// Whether `object.name` is `threading.excepthook`, read or set through `hook_of` and
/// `set_hook`.
pub fn is_hook(object: &Value, name: &str) -> bool {
    matches!(object, Value::Module(module) if module.name == "threading") && name == "excepthook"
}

/// `threading.excepthook`: the program's, or the default.
pub fn hook_of(vm: &Vm) -> Value {
    let default = || {
        threading::MODULE
            .member("__excepthook__")
            .unwrap_or_default()
    };
    lock(&vm.thread.process.excepthook)
        .clone()
        .unwrap_or_else(default)
}

pub fn set_hook(vm: &Vm, hook: Value) {
    *lock(&vm.thread.process.excepthook) = Some(hook);
}

/// Gives a thread's uncaught exception to the program's hook, if it set one: `false` if not.
pub fn give_to_hook(vm: &mut Vm, error: &Exception) -> bool {
    let hook = hook_of(vm);
    if matches!(hook, Value::Builtin(native) if native.name == "__excepthook__") {
        return false;
    }
    let exc_value = PyException::caught(error);
    let exc_type = kinds::type_of(&exc_value).unwrap_or_default();
    let args = HookArgs {
        exc_type,
        exc_value,
        thread: Value::Object(Arc::clone(&vm.thread.handle) as _),
    };
    vm.thread.callbacks.push_back(Callback::new(
        hook,
        Args::new(vec![Value::Object(Arc::new(args))]),
        CallbackKind::Uncaught,
    ));
    true
}
