//! Classes a program defines, and their instances. A class is its name, its ancestors in
//! CPython's method resolution order (C3) and the namespace its body gave; an instance is its
//! class and its own attributes. A function found on the class is a method: looked up on an
//! instance, it comes bound to it.

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::hash::Hashing;
use super::super::ir::Name;
use super::super::modules::abc;
use super::super::registry::{done, downcast, native, Args, Native};
use super::super::value::Value;
use super::super::vm::is_special_method;
use super::super::vm::{Invoked, Then, Vm};
use super::dataclass::{self, Dataclass};
use super::descriptor::{as_descriptor, Descriptor};
use super::enumeration::{self, EnumKind};
use super::except_hook;
use super::own_attributes::OwnAttributes;
use super::thread::ThreadHandle;
use super::{managed, registered};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub struct PyClass {
    pub name: Name,
    /// Its ancestors in lookup order, itself not included.
    ancestors: Vec<Arc<PyClass>>,
    namespace: Mutex<Vec<(Name, Value)>>,
    /// The built-in exception class it derives from, if it is an exception class.
    pub exception: Option<ExceptionKind>,
    /// `threading.Thread`, `multiprocessing.Process` or `threading.local`, if it derives from
    /// one.
    native_base: Option<NativeBase>,
    /// Whether it or an ancestor has a property or `__getattr__`, or derives from
    /// `threading.local`: its instances' attributes are then read and written the slow way,
    /// which can call the program's code.
    pub has_properties: bool,
    /// Whether it or an ancestor has special methods for operators (see `vm/operators.rs`).
    pub has_operators: bool,
    /// Its fields, if it is a dataclass.
    pub dataclass: Option<Arc<Dataclass>>,
    pub hashing: Hashing,
    /// `Enum` or `IntEnum`, if it derives from one (see `enumeration.rs`).
    pub enumeration: Option<EnumKind>,
    /// If it derives from `abc.ABC`: the names of its abstract methods without an override,
    /// sorted (`__abstractmethods__`); it cannot be instantiated while there are any.
    abstract_methods: Option<Arc<[Name]>>,
}

/// A built-in class a program's class may derive from: its instances carry one of its objects.
#[derive(Clone, Copy, PartialEq)]
enum NativeBase {
    Thread,
    Process,
    /// `threading.Timer`: a thread, with the timer's attributes.
    Timer,
    /// Its instances keep their attributes per thread, and carry no native object.
    Local,
    /// `multiprocessing.managers.BaseManager`; `sync`: `SyncManager`, with its `dict()`,
    /// `list()`…. Its instances carry no native object: what they make is the manager's.
    Manager {
        sync: bool,
    },
    /// `multiprocessing.managers.BaseProxy`: its instances carry the proxy (see
    /// `registered.rs`).
    Proxy,
}

pub struct Instance {
    pub class: Arc<PyClass>,
    attributes: OwnAttributes,
    /// The native base's object (a thread), once its `__init__` ran.
    native: Mutex<Option<Value>>,
    /// What its class's `__hash__` gave when last called: a set or dict reads it natively.
    hash: Mutex<Option<i64>>,
}

impl PyClass {
    /// `class name(bases)` with the namespace its body gave.
    pub fn make(name: Name, bases: &[Value], namespace: Vec<(Name, Value)>) -> PyResult<Value> {
        let mut classes = Vec::new();
        let mut exception = None;
        let mut native_base = None;
        let mut enumeration = None;
        let mut is_abc = false;
        for base in bases {
            match base {
                Value::Class(class) => {
                    is_abc |= class.abstract_methods.is_some();
                    exception = exception.or(class.exception);
                    native_base = native_base.or(class.native_base);
                    enumeration = enumeration.or(class.enumeration);
                    classes.push(Arc::clone(class));
                }
                Value::ExceptionClass(kind) => exception = exception.or(Some(*kind)),
                // Every class derives from `object` already.
                Value::Builtin(native) if native.name == "object" => {}
                Value::Builtin(native) if native.name == "Enum" => {
                    enumeration = enumeration.or(Some(EnumKind::Enum));
                }
                Value::Builtin(native) if native.name == "IntEnum" => {
                    enumeration = enumeration.or(Some(EnumKind::IntEnum));
                }
                Value::Builtin(native) if native.name == "ABC" => is_abc = true,
                Value::Builtin(native) if native.name == "Thread" => {
                    native_base = native_base.or(Some(NativeBase::Thread));
                }
                Value::Builtin(native) if native.name == "Timer" => {
                    native_base = native_base.or(Some(NativeBase::Timer));
                }
                Value::Builtin(native) if native.name == "Process" => {
                    native_base = native_base.or(Some(NativeBase::Process));
                }
                Value::Builtin(native) if native.name == "local" => {
                    native_base = native_base.or(Some(NativeBase::Local));
                }
                Value::Builtin(native) if matches!(native.name, "BaseManager" | "SyncManager") => {
                    let sync = native.name == "SyncManager";
                    native_base = native_base.or(Some(NativeBase::Manager { sync }));
                }
                Value::Builtin(native) if native.name == "BaseProxy" => {
                    native_base = native_base.or(Some(NativeBase::Proxy));
                }
                other => {
                    return raise(
                        TypeError,
                        format!(
                            "threadplay's classes derive from classes of the program, exceptions, threading.Thread and Timer, threading.local, multiprocessing.Process and multiprocessing.managers' BaseManager, SyncManager and BaseProxy, not from {}",
                            other.repr()
                        ),
                    )
                }
            }
        }
        let is_property = |value: &Value| {
            matches!(
                as_descriptor(value).as_deref(),
                Some(Descriptor::Property { .. } | Descriptor::CachedProperty(_))
            )
        };
        let has_properties = native_base == Some(NativeBase::Local)
            || classes.iter().any(|class| class.has_properties)
            || namespace
                .iter()
                .any(|(name, value)| is_property(value) || &**name == "__getattr__");
        let has_operators = classes.iter().any(|class| class.has_operators)
            || namespace.iter().any(|(name, _)| is_special_method(name));
        let ancestors = linearize(&name, &classes)?;
        let hashing = Hashing::of(&namespace, &ancestors);
        let abstract_methods = is_abc.then(|| abstract_methods(&namespace, &ancestors));
        let class = Arc::new(PyClass {
            ancestors,
            name,
            namespace: Mutex::new(namespace),
            exception,
            native_base,
            has_properties,
            has_operators,
            dataclass: None,
            hashing,
            enumeration,
            abstract_methods,
        });
        if let Some(kind) = enumeration {
            enumeration::make_members(&class, kind)?;
        }
        Ok(Value::Class(class))
    }

    /// The same class with `additions` in its namespace (a class decorator's work: a
    /// dataclass's `__init__`), as a new class object.
    pub fn extended(&self, additions: Vec<(Name, Value)>, dataclass: Option<Dataclass>) -> Value {
        let has_operators =
            self.has_operators || additions.iter().any(|(name, _)| is_special_method(name));
        let mut namespace = self.own_namespace();
        for (name, value) in additions {
            match namespace.iter_mut().find(|(key, _)| *key == name) {
                Some((_, slot)) => *slot = value,
                None => namespace.push((name, value)),
            }
        }
        let dataclass = dataclass.map(Arc::new).or_else(|| self.dataclass.clone());
        let hashing = Hashing::defined(&namespace)
            .or_else(|| dataclass.as_ref().and_then(|dataclass| dataclass.hashing()))
            .unwrap_or_else(|| Hashing::of(&namespace, &self.ancestors));
        Value::Class(Arc::new(PyClass {
            name: Arc::clone(&self.name),
            ancestors: self.ancestors.clone(),
            namespace: Mutex::new(namespace),
            exception: self.exception,
            native_base: self.native_base,
            has_properties: self.has_properties,
            has_operators,
            dataclass,
            hashing,
            enumeration: self.enumeration,
            abstract_methods: self.abstract_methods.clone(),
        }))
    }

    /// Its ancestors, nearest first.
    pub fn ancestors(&self) -> &[Arc<PyClass>] {
        &self.ancestors
    }

    /// Its own namespace (not its ancestors'), as its body left it.
    pub fn own_namespace(&self) -> Vec<(Name, Value)> {
        lock(&self.namespace).clone()
    }

    /// `name` in this class's namespace or its ancestors'.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        find(&self.namespace, name).or_else(|| {
            self.ancestors
                .iter()
                .find_map(|class| find(&class.namespace, name))
        })
    }

    /// `name` in the ancestors that come after `after` in `self`'s order (`super()`).
    fn lookup_after(&self, after: &PyClass, name: &str) -> Option<Value> {
        let start = match self
            .ancestors
            .iter()
            .position(|class| std::ptr::eq(&**class, after))
        {
            Some(at) => at + 1,
            None if std::ptr::eq(self, after) => 0,
            None => return None,
        };
        self.ancestors[start..]
            .iter()
            .find_map(|class| find(&class.namespace, name))
    }

    /// Whether it derives from the native class of this name (`Thread`, `Process`).
    pub fn derives_from(&self, native: &str) -> bool {
        if native == "ABC" {
            return self.abstract_methods.is_some();
        }
        match self.native_base {
            Some(NativeBase::Thread) => native == "Thread",
            Some(NativeBase::Timer) => matches!(native, "Thread" | "Timer"),
            Some(NativeBase::Process) => native == "Process",
            Some(NativeBase::Local) => native == "local",
            Some(NativeBase::Manager { sync }) => {
                native == "BaseManager" || (sync && native == "SyncManager")
            }
            Some(NativeBase::Proxy) => native == "BaseProxy",
            None => false,
        }
    }

    pub fn is_subclass_of(&self, other: &PyClass) -> bool {
        std::ptr::eq(self, other)
            || self
                .ancestors
                .iter()
                .any(|class| std::ptr::eq(&**class, other))
    }
}

/// The abstract methods of a class deriving from `ABC`: each name its body or its ancestors
/// marked abstract that resolves, in its lookup order, to an abstract method still.
fn abstract_methods(namespace: &[(Name, Value)], ancestors: &[Arc<PyClass>]) -> Arc<[Name]> {
    let candidates = namespace
        .iter()
        .filter(|(_, value)| abc::is_abstract(value))
        .map(|(name, _)| name)
        .chain(
            ancestors
                .iter()
                .flat_map(|class| class.abstract_methods.iter().flat_map(|names| names.iter())),
        );
    let resolves_abstract = |name: &Name| {
        let own = namespace
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone());
        own.or_else(|| {
            ancestors
                .iter()
                .find_map(|class| find(&class.namespace, name))
        })
        .is_some_and(|value| abc::is_abstract(&value))
    };
    let mut names: Vec<Name> = candidates
        .filter(|name| resolves_abstract(name))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names.into()
}

fn find(namespace: &Mutex<Vec<(Name, Value)>>, name: &str) -> Option<Value> {
    lock(namespace)
        .iter()
        .find(|(key, _)| &**key == name)
        .map(|(_, value)| value.clone())
}

fn store(namespace: &Mutex<Vec<(Name, Value)>>, name: &str, value: Value) {
    let mut namespace = lock(namespace);
    match namespace.iter_mut().find(|(key, _)| &**key == name) {
        Some((_, slot)) => *slot = value,
        None => namespace.push((name.into(), value)),
    }
}

/// C3: each base's order merged, keeping every class before its bases and the bases in the
/// order written.
fn linearize(name: &str, bases: &[Arc<PyClass>]) -> PyResult<Vec<Arc<PyClass>>> {
    let mut sequences: Vec<Vec<Arc<PyClass>>> = bases
        .iter()
        .map(|base| {
            std::iter::once(Arc::clone(base))
                .chain(base.ancestors.iter().cloned())
                .collect()
        })
        .collect();
    sequences.push(bases.to_vec());
    let mut order = Vec::new();
    loop {
        sequences.retain(|sequence| !sequence.is_empty());
        let Some(next) = sequences
            .iter()
            .map(|sequence| &sequence[0])
            .find(|head| {
                !sequences
                    .iter()
                    .any(|sequence| sequence[1..].iter().any(|class| Arc::ptr_eq(class, head)))
            })
            .cloned()
        else {
            if sequences.is_empty() {
                return Ok(order);
            }
            return raise(
                TypeError,
                format!(
                    "Cannot create a consistent method resolution order (MRO) for bases of {name}"
                ),
            );
        };
        for sequence in &mut sequences {
            if Arc::ptr_eq(&sequence[0], &next) {
                sequence.remove(0);
            }
        }
        order.push(next);
    }
}

impl std::fmt::Debug for PyClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<class '__main__.{}'>", self.name)
    }
}

impl std::fmt::Debug for Instance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.repr())
    }
}

impl Instance {
    /// A new instance of the same class with the same attributes (`copy.copy`); `None` for an
    /// instance of a native base (a thread, a `threading.local`), which has state no copy can
    /// share.
    pub fn copied(&self) -> Option<Instance> {
        if lock(&self.native).is_some() || self.attributes.is_per_thread() {
            return None;
        }
        Some(Instance {
            class: Arc::clone(&self.class),
            attributes: OwnAttributes::shared(self.attributes.snapshot()),
            native: Mutex::new(None),
            hash: Mutex::new(None),
        })
    }

    /// Replaces each of its own attributes with `replace` of it: `copy.deepcopy` fills a copy
    /// this way once it has registered it, so an attribute leading back to it ends there.
    pub fn replace_attributes(
        &self,
        mut replace: impl FnMut(&Value) -> PyResult<Value>,
    ) -> PyResult<()> {
        let replaced = self
            .attributes
            .snapshot()
            .into_iter()
            .map(|(name, value)| Ok((name, replace(&value)?)))
            .collect::<PyResult<Vec<_>>>()?;
        self.attributes.replace(replaced);
        Ok(())
    }

    /// What its class's `__hash__` gave when last called.
    pub fn last_hash(&self) -> Option<i64> {
        *lock(&self.hash)
    }

    pub fn remember_hash(&self, hash: i64) {
        *lock(&self.hash) = Some(hash);
    }

    /// One of its own attributes (not its class's).
    pub fn attribute(&self, name: &str) -> Option<Value> {
        self.attributes.find(name)
    }

    /// Its own attributes, in the order they were first set.
    pub fn attributes(&self) -> Vec<(Name, Value)> {
        self.attributes.snapshot()
    }

    /// `instance.__dict__` and `vars(instance)`: a copy, so what is set in it does not reach
    /// the instance (CPython's is the instance's own namespace).
    pub fn namespace(&self) -> PyResult<Value> {
        super::dict::built(
            self.attributes()
                .into_iter()
                .map(|(name, value)| (Value::str(&*name), value)),
        )
    }

    pub fn repr(&self) -> String {
        if let Some(dataclass) = &self.class.dataclass {
            return dataclass::repr(self, dataclass);
        }
        let native = lock(&self.native).clone();
        if let Some(thread) = native.and_then(|native| downcast::<ThreadHandle>(&native)) {
            return thread.repr_as(&self.class.name);
        }
        format!(
            "<__main__.{} object at {:#x}>",
            self.class.name, self as *const Instance as usize
        )
    }
}

/// `object.name` for classes and their instances; `None` for other values.
pub fn attribute(object: &Value, name: &str) -> Option<PyResult<Value>> {
    Some(match object {
        Value::Instance(instance) => match instance.attributes.find(name) {
            Some(value) => Ok(value),
            None => match instance.class.lookup(name) {
                Some(function) if binds_to_instances(&function) => Ok(bind(object, function)),
                Some(value) => Ok(described(value, &instance.class)),
                None if name == "__class__" => Ok(Value::Class(Arc::clone(&instance.class))),
                None if name == "__dict__" => instance.namespace(),
                None => match (instance.class.native_base, lock(&instance.native).clone()) {
                    // A manager's methods, bound to the instance (`__enter__` gives it).
                    (Some(NativeBase::Manager { sync }), _) => managed::member(object, sync, name)
                        .map_or_else(|| no_attribute(&instance.class.name, name), Ok),
                    // A thread's `start`, `join`, `name`…
                    (_, Some(native)) => super::attribute(&native, name),
                    (_, None) => no_attribute(&instance.class.name, name),
                },
            },
        },
        Value::Class(class) if name == "__hash__" && class.hashing == Hashing::Unhashable => {
            Ok(Value::None)
        }
        Value::Class(class) => match class.lookup(name) {
            Some(value @ Value::Object(_)) => Ok(match as_descriptor(&value).as_deref() {
                Some(Descriptor::Property { .. }) | None => value,
                Some(_) => described(value, class),
            }),
            Some(value) => Ok(value),
            None if name == "__name__" => Ok(Value::str(&*class.name)),
            None if name == "register" && class.derives_from("BaseManager") => Ok(Value::Method(
                Arc::new((Value::Class(Arc::clone(class)), &registered::REGISTER)),
            )),
            None => raise(
                AttributeError,
                format!("type object '{}' has no attribute '{name}'", class.name),
            ),
        },
        _ => return None,
    })
}

/// What a class attribute that is a static or class method gives when looked up.
fn described(value: Value, class: &Arc<PyClass>) -> Value {
    match as_descriptor(&value).as_deref() {
        Some(Descriptor::Static(function)) => function.clone(),
        Some(Descriptor::ClassMethod(function)) => {
            bind(&Value::Class(Arc::clone(class)), function.clone())
        }
        _ => value,
    }
}

/// `instance.name` where its class may have a property of that name: the getter's call, or
/// the attribute.
pub fn attribute_invoked(vm: &mut Vm, object: &Value, name: &str) -> PyResult<Invoked> {
    if let Some(hook) = except_hook::hook_named(object, name) {
        return done(except_hook::hook_of(vm, hook));
    }
    if let Some(args) = local_to_begin(object) {
        let (target, name) = (object.clone(), name.to_string());
        return begin_local(vm, object, args, move |vm| {
            attribute_invoked(vm, &target, &name)
        });
    }
    if let Some(function) = cached_property_to_compute(object, name) {
        let called = vm.invoke(&function, Args::new(vec![object.clone()]))?;
        let (object, name) = (object.clone(), name.to_string());
        return vm.then_after(
            called,
            Then::new(move |_, value| {
                set_attribute(&object, &name, value.clone())?;
                done(value)
            }),
        );
    }
    match property_of(object, name) {
        Some((get, _)) if !matches!(get, Value::None) => {
            vm.invoke(&get, Args::new(vec![object.clone()]))
        }
        Some(_) => raise(
            AttributeError,
            format!(
                "property '{name}' of '{}' object has no getter",
                object.type_name()
            ),
        ),
        None => match super::attribute(object, name) {
            Ok(value) => done(value),
            // `__getattr__` is asked for what is not found the usual way.
            Err(error) if error.kind == AttributeError => match object {
                Value::Instance(instance) => match instance.class.lookup("__getattr__") {
                    Some(method) => {
                        vm.invoke(&method, Args::new(vec![object.clone(), Value::str(name)]))
                    }
                    None => Err(error),
                },
                _ => Err(error),
            },
            Err(error) => Err(error),
        },
    }
}

/// `instance.name = value` where its class may have a property of that name: the setter's call
/// (what it returns is dropped), or the attribute set.
pub fn set_attribute_invoked(
    vm: &mut Vm,
    object: &Value,
    name: &str,
    value: Value,
) -> PyResult<Invoked> {
    if let Some(hook) = except_hook::hook_named(object, name) {
        except_hook::set_hook(vm, hook, value);
        return Ok(Invoked::Switched);
    }
    if let Some(args) = local_to_begin(object) {
        let (target, name) = (object.clone(), name.to_string());
        return begin_local(vm, object, args, move |vm| {
            set_attribute_invoked(vm, &target, &name, value)
        });
    }
    match property_of(object, name) {
        Some((_, set)) if !matches!(set, Value::None) => {
            let called = vm.invoke(&set, Args::new(vec![object.clone(), value]))?;
            vm.then_after(called, Then::new(|_, _| Ok(Invoked::Switched)))
        }
        Some(_) => raise(
            AttributeError,
            format!(
                "property '{name}' of '{}' object has no setter",
                object.type_name()
            ),
        ),
        None => set_attribute(object, name, value).map(|()| Invoked::Switched),
    }
}

/// The arguments for `__init__` if `object` derives from `threading.local` and the running
/// thread uses it for the first time: its namespace for the thread is begun now.
fn local_to_begin(object: &Value) -> Option<Args> {
    match object {
        Value::Instance(instance) => instance.attributes.begin_for_running_thread(),
        _ => None,
    }
}

/// The class's `__init__` run on `object` with `args` (if it has one), then `access`: what a
/// thread's first use of a `threading.local` does.
fn begin_local(
    vm: &mut Vm,
    object: &Value,
    mut args: Args,
    access: impl FnOnce(&mut Vm) -> PyResult<Invoked> + Send + 'static,
) -> PyResult<Invoked> {
    let Value::Instance(instance) = object else {
        return access(vm);
    };
    let Some(init) = instance.class.lookup("__init__") else {
        return access(vm);
    };
    args.positional.insert(0, object.clone());
    let called = vm.invoke(&init, args)?;
    vm.then_after(called, Then::new(move |vm, _| access(vm)))
}

/// The function of the cached property `name` of an instance's class, if it has one and the
/// instance has no value for it yet.
fn cached_property_to_compute(object: &Value, name: &str) -> Option<Value> {
    let Value::Instance(instance) = object else {
        return None;
    };
    if instance.attributes.find(name).is_some() {
        return None;
    }
    match as_descriptor(&instance.class.lookup(name)?).as_deref() {
        Some(Descriptor::CachedProperty(function)) => Some(function.clone()),
        _ => None,
    }
}

/// The getter and setter of the property `name` of an instance's class, if it has one.
fn property_of(object: &Value, name: &str) -> Option<(Value, Value)> {
    let Value::Instance(instance) = object else {
        return None;
    };
    let found = instance.class.lookup(name)?;
    match as_descriptor(&found).as_deref() {
        Some(Descriptor::Property { get, set }) => Some((get.clone(), set.clone())),
        _ => None,
    }
}

/// `super().name` in a method of `class` called on `instance` (or, in `__new__` or a class
/// method, on a class).
pub fn super_attribute(class: &Value, instance: &Value, name: &str) -> PyResult<Value> {
    if let (Value::Class(class), Value::Class(of)) = (class, instance) {
        return match of.lookup_after(class, name) {
            Some(value) => Ok(described(value, of)),
            None if name == "__new__" => Ok(Value::Builtin(&OBJECT_NEW)),
            None => raise(
                AttributeError,
                format!("'super' object has no attribute '{name}'"),
            ),
        };
    }
    let (Value::Class(class), Value::Instance(of)) = (class, instance) else {
        return raise(
            TypeError,
            "super(type, obj): obj must be an instance of type",
        );
    };
    match of.class.lookup_after(class, name) {
        Some(function) if binds_to_instances(&function) => Ok(bind(instance, function)),
        Some(value) => Ok(value),
        // `object.__init__`, `BaseException.__init__`, which keeps the arguments, or
        // `Thread.__init__`.
        None if name == "__init__" => Ok(Value::Method(Arc::new((instance.clone(), &BASE_INIT)))),
        // `Thread.run`, `Thread.start`…: its thread's own.
        None => match lock(&of.native).clone() {
            Some(native) => super::attribute(&native, name),
            None => raise(
                AttributeError,
                format!("'super' object has no attribute '{name}'"),
            ),
        },
    }
}

/// `Thread.__init__(self, …)`, `Exception.__init__(self, …)`: the base's `__init__` called
/// on an instance of a class deriving from it, as `super().__init__(…)` does.
pub static UNBOUND_BASE_INIT: Native = native("__init__", |vm, mut args| {
    if args.positional.is_empty() {
        return raise(
            TypeError,
            "descriptor '__init__' of 'object' object needs an argument",
        );
    }
    args.receiver = args.positional.remove(0);
    (BASE_INIT.call)(vm, args)
});

/// A `def`, or what a decorator made of one that binds as it would.
fn binds_to_instances(value: &Value) -> bool {
    match value {
        Value::Function(_) => true,
        Value::Method(method) => method.1.binds,
        _ => false,
    }
}

fn bind(instance: &Value, function: Value) -> Value {
    Value::BoundMethod(Arc::new((instance.clone(), function)))
}

fn no_attribute<T>(class: &str, name: &str) -> PyResult<T> {
    raise(
        AttributeError,
        format!("'{class}' object has no attribute '{name}'"),
    )
}

/// `object.name = value`.
pub fn set_attribute(object: &Value, name: &str, value: Value) -> PyResult<()> {
    if is_frozen(object) {
        return raise(
            FrozenInstanceError,
            format!("cannot assign to field '{name}'"),
        );
    }
    store_attribute(object, name, value)
}

/// Whether `object` is an instance of a frozen dataclass.
fn is_frozen(object: &Value) -> bool {
    matches!(object, Value::Instance(instance)
        if instance.class.dataclass.as_ref().is_some_and(|dataclass| dataclass.frozen))
}

/// `object.name = value` without the checks of the program's classes: what `object.__setattr__`
/// does (a frozen dataclass's `__init__` sets its fields this way).
pub fn store_attribute(object: &Value, name: &str, value: Value) -> PyResult<()> {
    match object {
        Value::Instance(instance) => {
            if let Some(Value::Object(native)) = &*lock(&instance.native) {
                if native.set_attribute(name, &value)? {
                    return Ok(());
                }
            }
            instance.attributes.store(name, value);
        }
        Value::Object(native) if native.set_attribute(name, &value)? => {}
        Value::Class(class) => store(&class.namespace, name, value),
        other => {
            return raise(
                AttributeError,
                format!(
                    "'{}' object has no attribute '{name}' that can be set",
                    other.type_name()
                ),
            )
        }
    }
    Ok(())
}

/// `del object.name`.
pub fn delete_attribute(object: &Value, name: &str) -> PyResult<()> {
    if is_frozen(object) {
        return raise(FrozenInstanceError, format!("cannot delete field '{name}'"));
    }
    let namespace = match object {
        Value::Instance(instance) if instance.attributes.remove(name) => return Ok(()),
        Value::Class(class) => &class.namespace,
        other => return no_attribute(&other.type_name(), name),
    };
    let mut namespace = lock(namespace);
    match namespace.iter().position(|(key, _)| &**key == name) {
        Some(at) => {
            namespace.remove(at);
            Ok(())
        }
        None => no_attribute(&object.type_name(), name),
    }
}

/// An instance of `class` with no attributes yet.
pub fn bare_instance(class: &Arc<PyClass>) -> Value {
    Value::Instance(Arc::new(Instance {
        class: Arc::clone(class),
        attributes: match class.native_base {
            Some(NativeBase::Local) => OwnAttributes::per_thread(),
            _ => OwnAttributes::shared(Vec::new()),
        },
        native: Mutex::new(None),
        hash: Mutex::new(None),
    }))
}

/// An instance of `class` (deriving from a native base) carrying `native`, made by threadplay
/// rather than by calling the class: a manager's proxy of the program's proxytype.
pub fn instance_with_native(class: &Arc<PyClass>, native: Value) -> Value {
    let instance = bare_instance(class);
    if let Value::Instance(made) = &instance {
        *lock(&made.native) = Some(native);
    }
    instance
}

/// Calls a class: a new instance (the class's own `__new__` may give one, or another object),
/// given to `__init__` with the arguments.
pub fn instantiate(vm: &mut Vm, class: &Arc<PyClass>, args: Args) -> PyResult<Invoked> {
    if let Some(names) = class
        .abstract_methods
        .as_deref()
        .filter(|names| !names.is_empty())
    {
        let plural = if names.len() == 1 { "" } else { "s" };
        return raise(
            TypeError,
            format!(
                "Can't instantiate abstract class {} with abstract method{plural} {}",
                class.name,
                names.join(", ")
            ),
        );
    }
    if class.enumeration.is_some() {
        let given = args.expect(&class.name, 1, 1)?;
        return enumeration::by_value(class, &given[0]).map(Invoked::Value);
    }
    let Some(new) = class.lookup("__new__") else {
        return initialize(vm, class, bare_instance(class), args, false);
    };
    // `__new__` is a static method that takes the class.
    let mut new_args = Args {
        positional: args.positional.clone(),
        keywords: args.keywords.clone(),
        ..Args::default()
    };
    new_args
        .positional
        .insert(0, Value::Class(Arc::clone(class)));
    let made = vm.invoke(&described(new, class), new_args)?;
    let class = Arc::clone(class);
    vm.then_after(
        made,
        Then::new(move |vm, made| {
            // As CPython's: `__init__` runs only on an instance of the class called.
            if is_instance(&made, &class) {
                initialize(vm, &class, made, args, true)
            } else {
                Ok(Invoked::Value(made))
            }
        }),
    )
}

/// `object.__new__(cls)`: what `super().__new__(cls)` gives in a class's own `__new__`.
static OBJECT_NEW: Native = native("__new__", |_, args| {
    let given = args.expect("object.__new__", 1, 1)?;
    match &given[0] {
        Value::Class(class) => done(bare_instance(class)),
        other => raise(
            TypeError,
            format!(
                "object.__new__(X): X is not a type object ({})",
                other.type_name()
            ),
        ),
    }
});

/// Runs `__init__` on a new instance of `class` (the class's, or the native base's); `has_new`:
/// the class has its own `__new__`, which took the arguments if there is no `__init__`.
fn initialize(
    vm: &mut Vm,
    class: &Arc<PyClass>,
    instance: Value,
    mut args: Args,
    has_new: bool,
) -> PyResult<Invoked> {
    let init = class.lookup("__init__");
    if let Value::Instance(made) = &instance {
        if made.attributes.is_per_thread() {
            if init.is_none() && (!args.positional.is_empty() || !args.keywords.is_empty()) {
                return raise(TypeError, "Initialization arguments are not supported");
            }
            made.attributes.begin_with(&args);
        }
    }
    let Some(init) = init else {
        if class.dataclass.is_some() {
            return dataclass::init(vm, class, instance, args);
        }
        if class.derives_from("Thread") || class.derives_from("Process") {
            init_native(vm, &instance, args)?;
            return Ok(Invoked::Value(instance));
        }
        // A manager's address, authkey and context: it serves no other program.
        if class.derives_from("BaseManager") {
            init_native(vm, &instance, args)?;
            return Ok(Invoked::Value(instance));
        }
        if class.exception.is_some() {
            store_exception_args(&instance, args.positional);
            return Ok(Invoked::Value(instance));
        }
        if !has_new && (!args.positional.is_empty() || !args.keywords.is_empty()) {
            return raise(TypeError, format!("{}() takes no arguments", class.name));
        }
        return Ok(Invoked::Value(instance));
    };
    args.positional.insert(0, instance.clone());
    let made = vm.invoke(&init, args)?;
    vm.then_after(
        made,
        Then::new(move |_, returned| match returned {
            Value::None => Ok(Invoked::Value(instance)),
            other => raise(
                TypeError,
                format!("__init__() should return None, not '{}'", other.type_name()),
            ),
        }),
    )
}

static BASE_INIT: Native = native("__init__", |vm, mut args| {
    if let Value::Instance(instance) = &args.receiver {
        if instance.class.derives_from("Thread") || instance.class.derives_from("Process") {
            let receiver = std::mem::take(&mut args.receiver);
            init_native(vm, &receiver, args)?;
            return done(Value::None);
        }
        if instance.class.exception.is_some() {
            store_exception_args(&args.receiver, args.positional);
            return done(Value::None);
        }
        if instance.class.derives_from("BaseManager") {
            let receiver = std::mem::take(&mut args.receiver);
            init_native(vm, &receiver, args)?;
            return done(Value::None);
        }
    }
    args.expect("object.__init__", 0, 0)?;
    done(Value::None)
});

/// The native base's `__init__` (`Thread`'s, `Timer`'s, `Process`'s or a manager's) for an instance
/// of a class deriving from it.
fn init_native(vm: &mut Vm, instance: &Value, args: Args) -> PyResult<()> {
    let Value::Instance(of) = instance else {
        return Ok(());
    };
    let native = match of.class.native_base {
        Some(NativeBase::Timer) => super::timer::for_subclass(vm, instance, args)?,
        // Its address, authkey and context: it serves no other program.
        Some(NativeBase::Manager { .. }) => managed::unstarted(),
        base => super::thread::for_subclass(vm, instance, args, base == Some(NativeBase::Process))?,
    };
    *lock(&of.native) = Some(native);
    Ok(())
}

/// The native base's object of an instance of the program's class (a thread, a manager).
pub fn native_of(value: &Value) -> Option<Value> {
    match value {
        Value::Instance(instance) => lock(&instance.native).clone(),
        _ => None,
    }
}

/// An exception instance's arguments, as `BaseException.__init__` keeps them.
pub fn store_exception_args(instance: &Value, args: Vec<Value>) {
    if let Value::Instance(instance) = instance {
        instance.attributes.store("args", Value::Tuple(args.into()));
    }
}

/// `isinstance(value, class)` for a class of the program.
pub fn is_instance(value: &Value, class: &PyClass) -> bool {
    matches!(value, Value::Instance(instance) if instance.class.is_subclass_of(class))
}
