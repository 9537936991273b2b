//! `multiprocessing.Manager()`: a dict, a list, a namespace and a value that every process
//! shares, as CPython's manager process holds them. Each is one object for all processes; what
//! goes in and what comes out is copied, as CPython pickles it on the way to its server, so
//! `d['a'].append(2)` changes a copy and not the shared dict.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::BinOp;
use super::super::items::{delete_item, get_item, set_item};
use super::super::modules::multiprocessing;
use super::super::registry::{
    done, downcast, downcast_ref, native, no_attributes, Args, PyObject, TypeDef,
};
use super::super::value::{binary, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::attributes::Attributes;
use super::{class, dict, start_method, type_of};
use crate::event::lock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

static MANAGER: TypeDef = TypeDef {
    name: "SyncManager",
    methods: &[
        native("dict", |_, args| {
            let made = dict_of(args)?;
            done(proxy(&DICT_PROXY, made))
        }),
        native("list", |_, args| {
            let items = match args.expect("list", 0, 1)?.first() {
                Some(items) => items.copied_for_process().items()?,
                None => Vec::new(),
            };
            done(proxy(&LIST_PROXY, Value::list(items)))
        }),
        native("Namespace", |_, mut args| {
            let attributes = std::mem::take(&mut args.keywords)
                .into_iter()
                .map(|(name, value)| (name, value.copied_for_process()))
                .collect();
            args.expect("Namespace", 0, 0)?;
            done(Value::Object(Arc::new(Namespace {
                attributes: Mutex::new(Attributes::new(attributes)),
            })))
        }),
        native("Value", |_, mut args| {
            args.keyword("lock");
            let given = args.expect("Value", 2, 3)?;
            done(Value::Object(Arc::new(ValueProxy {
                typecode: given[0].clone(),
                value: Mutex::new(given[1].copied_for_process()),
            })))
        }),
        // The manager's process starts when it is made and ends with the program: what these
        // would start or stop is not there.
        native("start", |vm, args| {
            args.expect("start", 0, 0)?;
            if started(&args.receiver) == Some(true) {
                return raise(ProcessError, "Already started server");
            }
            start_server(vm, &args.receiver);
            done(Value::None)
        }),
        native("shutdown", |_, args| {
            args.expect("shutdown", 0, 0)?;
            done(Value::None)
        }),
        native("join", |_, args| {
            args.expect("join", 0, 1)?;
            done(Value::None)
        }),
        native("connect", |_, args| {
            args.expect("connect", 0, 0)?;
            done(Value::None)
        }),
        native("__enter__", |vm, args| {
            args.expect("__enter__", 0, 0)?;
            if started(&args.receiver) == Some(false) {
                start_server(vm, &args.receiver);
            }
            done(args.receiver)
        }),
        native("__exit__", |_, args| {
            args.expect("__exit__", 3, 3)?;
            done(Value::Bool(false))
        }),
    ],
    // Its locks and queues are the module's: one object for all processes already.
    attribute: |_, name| {
        SHARED_BY_THE_MODULE
            .contains(&name)
            .then(|| multiprocessing::MODULE.member(name))
            .flatten()
    },
};

const SHARED_BY_THE_MODULE: [&str; 7] = [
    "Lock",
    "RLock",
    "Event",
    "Semaphore",
    "BoundedSemaphore",
    "Queue",
    "JoinableQueue",
];

/// What every manager has, `BaseManager` too: its process's start and end, and `with`.
const LIFECYCLE: [&str; 6] = [
    "start",
    "shutdown",
    "join",
    "connect",
    "__enter__",
    "__exit__",
];

/// `multiprocessing.Manager()`: a manager started, as CPython's starts its server process.
pub fn new(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("Manager", 0, 0)?;
    let manager = Value::Object(Arc::new(SyncManager::default()));
    start_server(vm, &manager);
    done(manager)
}

/// A manager not started yet: a `SyncManager()`, or the native part of an instance of the
/// program's class deriving from a manager.
pub fn unstarted() -> Value {
    Value::Object(Arc::new(SyncManager::default()))
}

/// Whether the manager (or the program's manager instance) has started its server.
fn started(manager: &Value) -> Option<bool> {
    let native = class::native_of(manager).unwrap_or_else(|| manager.clone());
    downcast_ref::<SyncManager>(&native).map(|manager| manager.started.load(Ordering::Relaxed))
}

/// Its server process starts: here nothing runs in it, but it takes the next process number,
/// as CPython's does (the next `Process()` is `Process-2`).
fn start_server(vm: &Vm, manager: &Value) {
    let native = class::native_of(manager).unwrap_or_else(|| manager.clone());
    if let Some(manager) = downcast_ref::<SyncManager>(&native) {
        manager.started.store(true, Ordering::Relaxed);
        vm.run.next_thread_number(true);
    }
}

/// `SyncManager(address=None, authkey=None, …)`: a manager, as `Manager()` makes; it serves
/// no other program, so where it would listen is not used.
pub fn new_sync_manager(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    for name in [
        "address",
        "authkey",
        "serializer",
        "ctx",
        "shutdown_timeout",
    ] {
        args.keyword(name);
    }
    args.expect("SyncManager", 0, 4)?;
    done(unstarted())
}

/// A member of an instance of the program's class deriving from a manager (`sync`: from
/// `SyncManager`), bound to that instance: `start`, `__enter__` (which gives the instance)…,
/// and `SyncManager`'s `dict()`, `Lock`….
pub fn member(instance: &Value, sync: bool, name: &str) -> Option<Value> {
    let method = MANAGER
        .methods
        .iter()
        .find(|method| method.name == name && (sync || LIFECYCLE.contains(&name)));
    match method {
        Some(method) => Some(Value::Method(Arc::new((instance.clone(), method)))),
        None if sync => (MANAGER.attribute)(instance, name),
        None => None,
    }
}

#[derive(Default)]
struct SyncManager {
    started: AtomicBool,
}

impl PyObject for SyncManager {
    fn type_def(&self) -> &'static TypeDef {
        &MANAGER
    }

    fn repr(&self) -> String {
        format!(
            "<multiprocessing.managers.SyncManager object at {:#x}>",
            self as *const Self as usize
        )
    }
}

/// `manager.dict(…)` takes what `dict(…)` takes.
fn dict_of(mut args: Args) -> PyResult<Value> {
    let pairs = Arc::new(Mutex::new(Vec::new()));
    dict::update(&pairs, &mut args, "dict")?;
    Ok(Value::Dict(pairs).copied_for_process())
}

/// The methods CPython's `DictProxy` has besides the operators.
static DICT_PROXY: TypeDef = TypeDef {
    name: "DictProxy",
    methods: &[
        native("get", |vm, args| forward(vm, args, "get")),
        native("keys", |vm, args| forward(vm, args, "keys")),
        native("values", |vm, args| forward(vm, args, "values")),
        native("items", |vm, args| forward(vm, args, "items")),
        native("setdefault", |vm, args| forward(vm, args, "setdefault")),
        native("pop", |vm, args| forward(vm, args, "pop")),
        native("popitem", |vm, args| forward(vm, args, "popitem")),
        native("update", |vm, args| forward(vm, args, "update")),
        native("copy", |vm, args| forward(vm, args, "copy")),
        native("clear", |vm, args| forward(vm, args, "clear")),
    ],
    attribute: no_attributes,
};

/// The methods CPython's `ListProxy` has besides the operators.
static LIST_PROXY: TypeDef = TypeDef {
    name: "ListProxy",
    methods: &[
        native("append", |vm, args| forward(vm, args, "append")),
        native("extend", |vm, args| forward(vm, args, "extend")),
        native("insert", |vm, args| forward(vm, args, "insert")),
        native("pop", |vm, args| forward(vm, args, "pop")),
        native("remove", |vm, args| forward(vm, args, "remove")),
        native("index", |vm, args| forward(vm, args, "index")),
        native("count", |vm, args| forward(vm, args, "count")),
        native("reverse", |vm, args| forward(vm, args, "reverse")),
        native("sort", |vm, args| forward(vm, args, "sort")),
    ],
    attribute: no_attributes,
};

/// A shared dict or list: `referent` is the one every process reads and changes.
struct Proxy {
    type_def: &'static TypeDef,
    referent: Value,
}

fn proxy(type_def: &'static TypeDef, referent: Value) -> Value {
    Value::Object(Arc::new(Proxy { type_def, referent }))
}

/// A manager's dict's pairs, copied: `dict(d)`, `{**d}` and `f(**d)` take them, as CPython's
/// take a proxy's `keys()` and items.
pub fn dict_pairs(value: &Value) -> Option<Vec<(Value, Value)>> {
    let proxy = downcast_ref::<Proxy>(value)?;
    match proxy.referent.copied_for_process() {
        Value::Dict(pairs) => Some(lock(&pairs).clone()),
        _ => None,
    }
}

/// Calls the referent's method `name` with copies of the arguments, and gives a copy of what it
/// returns (a dict's views as lists, as CPython's proxy sends them).
fn forward(vm: &mut Vm, mut args: Args, name: &'static str) -> PyResult<Invoked> {
    let this = args.this::<Proxy>()?;
    let method = type_of(&this.referent)
        .methods
        .iter()
        .find(|method| method.name == name)
        .expect("a proxy's methods are its referent's");
    args.receiver = this.referent.clone();
    start_method::check_args_picklable(&args)?;
    args.copy_for_process();
    let returned = (method.call)(vm, args)?;
    let is_view = matches!(name, "keys" | "values" | "items");
    vm.then_after(
        returned,
        Then::new(move |_, value| {
            let value = if is_view {
                Value::list(value.items()?)
            } else {
                value
            };
            done(value.copied_for_process())
        }),
    )
}

impl PyObject for Proxy {
    fn type_def(&self) -> &'static TypeDef {
        self.type_def
    }

    fn repr(&self) -> String {
        let typeid = if matches!(self.referent, Value::Dict(_)) {
            "dict"
        } else {
            "list"
        };
        format!(
            "<{} object, typeid '{typeid}' at {:#x}>",
            self.type_def.name, self as *const Self as usize
        )
    }

    /// `print(d)` shows what the manager holds.
    fn to_str(&self) -> String {
        self.referent.repr()
    }

    /// Shared: a child process's proxy reaches the same manager.
    fn for_child_process(&self) -> Option<Value> {
        None
    }

    /// A dict's keys or a list's items, for `in`, `for` and `list(…)`.
    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(
            self.referent
                .items()
                .map(|items| items.iter().map(Value::copied_for_process).collect()),
        )
    }

    fn length(&self) -> Option<usize> {
        Some(match &self.referent {
            Value::Dict(pairs) => lock(pairs).len(),
            Value::List(items) => lock(items).len(),
            _ => 0,
        })
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        Some(get_item(&self.referent, index).map(|item| item.copied_for_process()))
    }

    fn set_item(&self, index: &Value, value: Value) -> Option<PyResult<()>> {
        Some(
            start_method::check_picklable(&value)
                .and_then(|()| set_item(&self.referent, index, value.copied_for_process())),
        )
    }

    fn delete_item(&self, index: &Value) -> Option<PyResult<()>> {
        Some(delete_item(&self.referent, index))
    }

    /// A list proxy's `+` and `*` make lists, as CPython's `__add__`, `__mul__` and `__rmul__`.
    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        if !matches!(self.referent, Value::List(_))
            || !matches!(op, BinOp::Add | BinOp::Mul)
            || (reflected && op == BinOp::Add)
        {
            return None;
        }
        let items = self.referent.copied_for_process();
        Some(if reflected {
            binary(op, other, &items)
        } else {
            binary(op, &items, other)
        })
    }
}

static NAMESPACE: TypeDef = TypeDef {
    name: "NamespaceProxy",
    methods: &[],
    attribute: |object, name| {
        let namespace = downcast::<Namespace>(object)?;
        let attributes = lock(&namespace.attributes);
        attributes.get(name).map(Value::copied_for_process)
    },
};

/// `manager.Namespace()`: attributes every process shares.
struct Namespace {
    attributes: Mutex<Attributes>,
}

impl PyObject for Namespace {
    fn type_def(&self) -> &'static TypeDef {
        &NAMESPACE
    }

    fn repr(&self) -> String {
        format!(
            "<NamespaceProxy object, typeid 'Namespace' at {:#x}>",
            self as *const Self as usize
        )
    }

    /// CPython's: the public attributes as `name=repr`, sorted.
    fn to_str(&self) -> String {
        let mut shown: Vec<String> = lock(&self.attributes)
            .iter()
            .filter(|(name, _)| !name.starts_with('_'))
            .map(|(name, value)| format!("{name}={}", value.repr()))
            .collect();
        shown.sort();
        format!("Namespace({})", shown.join(", "))
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        start_method::check_picklable(value)?;
        lock(&self.attributes).set(name, value.copied_for_process());
        Ok(true)
    }

    fn for_child_process(&self) -> Option<Value> {
        None
    }
}

static VALUE_PROXY: TypeDef = TypeDef {
    name: "ValueProxy",
    methods: &[
        native("get", |_, args| {
            args.expect("get", 0, 0)?;
            let this = args.this::<ValueProxy>()?;
            let value = lock(&this.value).copied_for_process();
            done(value)
        }),
        native("set", |_, args| {
            let value = args.expect("set", 1, 1)?[0].copied_for_process();
            *lock(&args.this::<ValueProxy>()?.value) = value;
            done(Value::None)
        }),
    ],
    attribute: |object, name| {
        let proxy = downcast::<ValueProxy>(object)?;
        (name == "value").then(|| lock(&proxy.value).copied_for_process())
    },
};

/// `manager.Value(typecode, value)`: any value every process shares. Unlike
/// `multiprocessing.Value`, the typecode is only shown: the value is not converted, and there
/// is no `get_lock()`.
struct ValueProxy {
    typecode: Value,
    value: Mutex<Value>,
}

impl PyObject for ValueProxy {
    fn type_def(&self) -> &'static TypeDef {
        &VALUE_PROXY
    }

    fn repr(&self) -> String {
        format!(
            "<ValueProxy object, typeid 'Value' at {:#x}>",
            self as *const Self as usize
        )
    }

    fn to_str(&self) -> String {
        format!(
            "Value({}, {})",
            self.typecode.repr(),
            lock(&self.value).repr()
        )
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        if name != "value" {
            return Ok(false);
        }
        *lock(&self.value) = value.copied_for_process();
        Ok(true)
    }

    fn for_child_process(&self) -> Option<Value> {
        None
    }
}
