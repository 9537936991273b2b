//! `multiprocessing`'s start methods. `fork`, Linux's default and the run's until the program
//! chooses another, gives a child a copy of its parent's memory. `spawn` and `forkserver`
//! start a child afresh: it runs the program's module again, as `__mp_main__` (so what
//! `if __name__ == "__main__":` guards runs in the parent only), and what it is sent must
//! pickle: a lambda, a function defined in another function, a `threading` lock or a generator
//! is refused at `start()` with CPython's error. `get_context(method)` gives a context whose
//! `Process` and `Pool` start their processes that way.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::modules::multiprocessing;
use super::super::registry::{address_of, done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::executor::Kind;
use super::{condition, event, lock, pool, rlock, semaphore, text_file, thread};
use crate::event::lock as locked;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StartMethod {
    Fork,
    Spawn,
    Forkserver,
}

impl StartMethod {
    /// As `get_all_start_methods()` lists them on Linux.
    const ALL: [StartMethod; 3] = [
        StartMethod::Fork,
        StartMethod::Spawn,
        StartMethod::Forkserver,
    ];

    pub fn name(self) -> &'static str {
        match self {
            StartMethod::Fork => "fork",
            StartMethod::Spawn => "spawn",
            StartMethod::Forkserver => "forkserver",
        }
    }

    fn named(name: &str) -> PyResult<Self> {
        match Self::ALL.into_iter().find(|method| method.name() == name) {
            Some(method) => Ok(method),
            None => raise(ValueError, format!("cannot find context for '{name}'")),
        }
    }

    /// How CPython's class names begin for the method: `SpawnProcess`, `ForkPoolWorker`.
    pub fn title(self) -> &'static str {
        match self {
            StartMethod::Fork => "Fork",
            StartMethod::Spawn => "Spawn",
            StartMethod::Forkserver => "ForkServer",
        }
    }

    /// Whether a child starts afresh, running the program's module before its work.
    pub fn runs_module(self) -> bool {
        self != StartMethod::Fork
    }

    /// The method the program chose, `fork` if none.
    pub fn current(vm: &Vm) -> Self {
        locked(&vm.run.start_method).unwrap_or(StartMethod::Fork)
    }
}

/// `set_start_method(method, force=False)`: once, unless forced.
pub fn set_start_method(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let force = args.keyword("force").is_some_and(|force| force.is_truthy());
    let method = StartMethod::named(&args.expect("set_start_method", 1, 1)?[0].to_str())?;
    let mut chosen = locked(&vm.run.start_method);
    if chosen.is_some() && !force {
        return raise(RuntimeError, "context has already been set");
    }
    *chosen = Some(method);
    done(Value::None)
}

/// `get_start_method(allow_none=False)`: the method chosen; asked without `allow_none`, the
/// default becomes the choice, as in CPython.
pub fn get_start_method(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let allow_none = args
        .keyword("allow_none")
        .or_else(|| args.positional.first().cloned())
        .is_some_and(|allow| allow.is_truthy());
    args.expect("get_start_method", 0, 1)?;
    let mut chosen = locked(&vm.run.start_method);
    if chosen.is_none() && !allow_none {
        *chosen = Some(StartMethod::Fork);
    }
    done(chosen.map_or(Value::None, |method| Value::str(method.name())))
}

pub fn get_all_start_methods(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("get_all_start_methods", 0, 0)?;
    let names = StartMethod::ALL.map(|method| Value::str(method.name()));
    done(Value::list(names.into()))
}

/// `get_context(method=None)`: a context of that method (the chosen one's if `None`).
pub fn get_context(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let method = match args.expect("get_context", 0, 1)?.first() {
        None | Some(Value::None) => StartMethod::current(vm),
        Some(name) => StartMethod::named(&name.to_str())?,
    };
    done(Value::Object(Arc::new(Context(method))))
}

/// The method of a context (`ProcessPoolExecutor(mp_context=…)`).
pub fn of_context(value: &Value) -> Option<StartMethod> {
    downcast::<Context>(value).map(|context| context.0)
}

/// A context: the module's functions, with its `Process` and `Pool` starting their processes
/// by its method.
struct Context(StartMethod);

static CONTEXT: TypeDef = TypeDef {
    name: "Context",
    methods: &[
        native("Process", |vm, args| {
            let method = args.this::<Context>()?.0;
            let class_name = format!("{}Process", method.title());
            let args = Args {
                receiver: Value::None,
                ..args
            };
            thread::context_process(vm, args, &class_name, method)
        }),
        native("Pool", |vm, args| {
            let method = args.this::<Context>()?.0;
            pool::new_started_by(
                vm,
                Args {
                    receiver: Value::None,
                    ..args
                },
                Kind::Pool,
                method,
            )
        }),
        native("get_start_method", |_, args| {
            args.expect("get_start_method", 0, 1)?;
            done(Value::str(args.this::<Context>()?.0.name()))
        }),
    ],
    attribute: context_member,
};

/// The module's function `name`, unless the context has its own.
fn context_member(_: &Value, name: &str) -> Option<Value> {
    let own = CONTEXT.methods.iter().any(|method| method.name == name);
    (!own)
        .then(|| multiprocessing::MODULE.member(name))
        .flatten()
}

impl PyObject for Context {
    fn type_def(&self) -> &'static TypeDef {
        &CONTEXT
    }

    fn type_name(&self) -> &'static str {
        match self.0 {
            StartMethod::Fork => "ForkContext",
            StartMethod::Spawn => "SpawnContext",
            StartMethod::Forkserver => "ForkServerContext",
        }
    }

    fn repr(&self) -> String {
        format!(
            "<multiprocessing.context.{} object at {:#x}>",
            self.type_name(),
            address_of(self)
        )
    }
}

/// Whether `value` can be sent to a spawned process, as CPython's pickler finds: the error it
/// raises if not. Containers are looked into.
pub fn check_picklable(value: &Value) -> PyResult<()> {
    match value {
        Value::Function(function) => {
            let qualname = &function.code.qualname;
            if qualname.contains("<locals>") {
                return raise(
                    AttributeError,
                    format!("Can't pickle local object '{qualname}'"),
                );
            }
            if &**qualname == "<lambda>" {
                return raise(
                    PicklingError,
                    format!(
                        "Can't pickle <function <lambda> at {:#x}>: attribute lookup <lambda> on __main__ failed",
                        Arc::as_ptr(function) as usize
                    ),
                );
            }
            Ok(())
        }
        Value::List(items) => locked(items).iter().try_for_each(check_picklable),
        Value::Tuple(items) => items.iter().try_for_each(check_picklable),
        Value::Dict(pairs) => locked(pairs)
            .iter()
            .try_for_each(|(key, item)| check_picklable(key).and(check_picklable(item))),
        Value::Object(object) => match unpicklable_name(object.type_def(), value) {
            Some(name) => Err(Exception::new(
                TypeError,
                format!("cannot pickle '{name}' object"),
            )),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Whether a call's arguments can be sent to another process (see `check_picklable`).
pub fn check_args_picklable(args: &Args) -> PyResult<()> {
    args.positional
        .iter()
        .chain(args.keywords.iter().map(|(_, value)| value))
        .try_for_each(check_picklable)
}

/// The name CPython's pickler gives an object it cannot pickle, for the kinds tutorials pass.
fn unpicklable_name(type_def: &'static TypeDef, value: &Value) -> Option<&'static str> {
    let holds_a_lock = [
        &lock::TYPE,
        &event::TYPE,
        &condition::TYPE,
        &semaphore::SEMAPHORE,
        &semaphore::BOUNDED,
    ];
    if holds_a_lock
        .iter()
        .any(|kind| std::ptr::eq(*kind, type_def))
    {
        return Some("_thread.lock");
    }
    if std::ptr::eq(type_def, &rlock::TYPE) {
        return Some("_thread.RLock");
    }
    if std::ptr::eq(type_def, &text_file::TYPE) {
        return Some("_io.TextIOWrapper");
    }
    (value.type_name() == "generator").then_some("generator")
}
