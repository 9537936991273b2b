//! The registry's shapes: a module and a type are tables of native functions (`modules/` and
//! `types/` hold one file each, and the lookups by name). A native function gets the thread's
//! VM, through which it prints, blocks the thread, starts threads or calls back into Python,
//! and its arguments. Adding a sync primitive is one file in `types/` and a line in its
//! module's table.

use super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::ir::BinOp;
use super::value::Value;
use super::vm::{Invoked, Vm};
use std::any::Any;
use std::cmp::Ordering;
use std::sync::Arc;

/// What a native function does with a call.
pub type NativeFn = fn(&mut Vm, Args) -> PyResult<Invoked>;

/// A function a module provides, or a method a type has.
pub struct Native {
    /// As Python names it: `sleep`, `acquire`.
    pub name: &'static str,
    pub call: NativeFn,
    /// Whether, bound to a function and found on a class through an instance, it takes the
    /// instance as its first argument, as the function would (see `wraps_function`).
    pub binds: bool,
}

/// A table entry: `native("sleep", sleep)`.
pub const fn native(name: &'static str, call: NativeFn) -> Native {
    Native {
        name,
        call,
        binds: false,
    }
}

/// What a decorator makes of a function (`@contextmanager`, `@lru_cache`): on a method, it
/// binds the instance as the method would, as CPython's wrappers do.
pub const fn wraps_function(name: &'static str, call: NativeFn) -> Native {
    Native {
        name,
        call,
        binds: true,
    }
}

impl std::fmt::Debug for Native {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Native({})", self.name)
    }
}

/// A module: its functions and classes, and the modules inside it (`concurrent.futures`).
pub struct ModuleDef {
    pub name: &'static str,
    pub functions: &'static [Native],
    /// Its exception classes (`queue.Empty`).
    pub exceptions: &'static [ExceptionKind],
    /// Its constants (`logging.INFO`, `math.pi`).
    pub constants: &'static [(&'static str, Constant)],
    pub submodules: &'static [&'static ModuleDef],
}

impl std::fmt::Debug for ModuleDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ModuleDef({})", self.name)
    }
}

impl ModuleDef {
    /// `module.name`, if the subset has it.
    pub fn member(&'static self, name: &str) -> Option<Value> {
        if let Some(function) = self.functions.iter().find(|f| f.name == name) {
            return Some(Value::Builtin(function));
        }
        if let Some(&kind) = self.exceptions.iter().find(|k| k.attribute_name() == name) {
            return Some(Value::ExceptionClass(kind));
        }
        if let Some((_, constant)) = self.constants.iter().find(|(key, _)| *key == name) {
            return Some(match *constant {
                Constant::Int(i) => Value::Int(i.into()),
                Constant::Float(f) => Value::Float(f),
                Constant::Str(text) => Value::str(text),
                Constant::StrList(texts) => {
                    Value::list(texts.iter().map(|text| Value::str(*text)).collect())
                }
                Constant::Object(make) => make(),
            });
        }
        self.submodules
            .iter()
            .find(|module| module.name.rsplit('.').next() == Some(name))
            .map(|&module| Value::Module(module))
    }
}

/// A module's constant.
#[derive(Debug, Clone, Copy)]
pub enum Constant {
    Int(i64),
    Float(f64),
    Str(&'static str),
    /// A list of strings, made anew for each program that reads it (`sys.argv`).
    StrList(&'static [&'static str]),
    /// An object, made anew for each read (`typing.List`).
    Object(fn() -> Value),
}

/// A type's name and methods, and its data attributes (`thread.name`).
pub struct TypeDef {
    pub name: &'static str,
    pub methods: &'static [Native],
    pub attribute: fn(&Value, &str) -> Option<Value>,
}

/// No data attributes.
pub fn no_attributes(_: &Value, _: &str) -> Option<Value> {
    None
}

/// Where a native object lives: the address its `repr()` shows, as `id()` gives it.
pub fn address_of<T: ?Sized>(object: &T) -> usize {
    object as *const T as *const () as usize
}

/// An object of a native type: a lock, an event, a thread, a queue.
pub trait PyObject: Any + Send + Sync {
    fn type_def(&self) -> &'static TypeDef;
    /// `type(x).__name__`.
    fn type_name(&self) -> &'static str {
        self.type_def().name
    }

    fn repr(&self) -> String {
        format!(
            "<{} object at {:#x}>",
            self.type_def().name,
            address_of(self)
        )
    }
    /// `str(x)`.
    fn to_str(&self) -> String {
        self.repr()
    }
    /// `x.name = value`, for the attributes it lets a program set; `false` for the others.
    fn set_attribute(&self, _name: &str, _value: &Value) -> PyResult<bool> {
        Ok(false)
    }

    /// What a child process gets in its copy of memory; `None` shares this object (a
    /// `multiprocessing` primitive), else a fresh one (a `threading.Lock`).
    fn for_child_process(&self) -> Option<Value> {
        None
    }

    /// Its items one at a time, if it is an iterator (`iter(list)`, `as_completed(…)`).
    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        None
    }

    /// Its items, if it is a sequence that unpacks (`done, not_done = wait(…)`), a container
    /// (a `deque`) or an iterator that gives them without running Python (which may fail).
    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        None
    }

    /// `self op other` (or `other op self` when `reflected`), if its type has the operator
    /// for `other` (a `datetime` minus a `timedelta`).
    fn binary(&self, _op: BinOp, _other: &Value, _reflected: bool) -> Option<PyResult<Value>> {
        None
    }

    /// What it compares by (`==`, `<`) with another object of its type: `datetime`s by time.
    fn compare_key(&self) -> Option<Value> {
        None
    }

    // Python's protocols, for the native types that are containers or values (`deque`,
    // `Counter`, a named tuple): the core's operators and builtins ask them of a native
    // object.

    /// `len(x)`, if it has one (its truth is then whether it is nonzero).
    fn length(&self) -> Option<usize> {
        None
    }
    /// `x[index]`; `None`: not subscriptable.
    fn get_item(&self, _index: &Value) -> Option<PyResult<Value>> {
        None
    }
    /// `x[index] = value`; `None`: no item assignment.
    fn set_item(&self, _index: &Value, _value: Value) -> Option<PyResult<()>> {
        None
    }
    /// `del x[index]`; `None`: no item deletion.
    fn delete_item(&self, _index: &Value) -> Option<PyResult<()>> {
        None
    }
    /// `item in x`, if it answers without its items (`b'ab' in data`); `None`: by its items.
    fn contains(&self, _item: &Value) -> Option<PyResult<bool>> {
        None
    }
    /// `x == other`, with a value of another type too (a named tuple and a tuple); `None`:
    /// by `compare_key`, or identity.
    fn equals(&self, _other: &Value) -> Option<bool> {
        None
    }
    /// `x < other` and the like, with a value of another type too; `None`: by
    /// `compare_key`, or unordered.
    fn order(&self, _other: &Value) -> Option<PyResult<Ordering>> {
        None
    }
    /// `hash(x)`; `None`: by identity.
    fn hash(&self) -> Option<PyResult<i64>> {
        None
    }
    /// What its `repr` shows, as a built-in container (a deque's items as a list): the
    /// program's `__repr__` methods of the instances in it are called for it.
    fn contents(&self) -> Option<Value> {
        None
    }
    /// The built-in type it derives from (`dict` for a `Counter`), for `isinstance`.
    fn base_type(&self) -> Option<&'static str> {
        None
    }
    /// `x(…)`, for an object that is a class (a named tuple's).
    fn call(self: Arc<Self>, _vm: &mut Vm, _args: Args) -> PyResult<Invoked> {
        raise(
            TypeError,
            format!("'{}' object is not callable", self.type_name()),
        )
    }
}

/// A native object a `for` loop, `next()` or `list()` takes items from one at a time; getting
/// one may block the thread (a future's result) or call back into Python.
pub trait NativeIterator {
    /// The next item (a value, or a call or a wait that gives it); `None` at the end.
    fn next_item(&self, vm: &mut Vm) -> PyResult<Option<Invoked>>;
}

impl std::fmt::Debug for dyn PyObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.repr())
    }
}

/// Positional and keyword arguments, as a call passes them, and the object a method was
/// called on (`None` for a function).
#[derive(Default)]
pub struct Args {
    pub receiver: Value,
    pub positional: Vec<Value>,
    pub keywords: Vec<(Arc<str>, Value)>,
}

impl Args {
    pub fn new(positional: Vec<Value>) -> Self {
        Self {
            positional,
            ..Self::default()
        }
    }

    /// A method's arguments: `receiver.method(*positional)`.
    pub fn for_method(receiver: &Value, positional: Vec<Value>) -> Self {
        Self {
            receiver: receiver.clone(),
            positional,
            ..Self::default()
        }
    }

    /// `function(*args, **kwargs)`'s arguments, from the sequence and the dict (either may be
    /// left out), as `Pool.apply` and a `sched` event take them.
    pub fn unpacked(args: Option<Value>, kwargs: Option<Value>) -> PyResult<Self> {
        let mut call = Self::new(match args {
            Some(args) => args.items()?,
            None => Vec::new(),
        });
        if let Some(Value::Dict(pairs)) = &kwargs {
            for (key, value) in crate::event::lock(pairs).iter() {
                call.keywords.push((key.to_str().into(), value.clone()));
            }
        }
        Ok(call)
    }

    /// Replaces each argument with the copy a child process would get of it
    /// (`Value::copied_for_process`), as if pickled on its way there.
    pub fn copy_for_process(&mut self) {
        for value in self
            .positional
            .iter_mut()
            .chain(self.keywords.iter_mut().map(|(_, value)| value))
        {
            *value = value.copied_for_process();
        }
    }

    /// Takes keyword `name`, if passed.
    pub fn keyword(&mut self, name: &str) -> Option<Value> {
        let index = self.keywords.iter().position(|(key, _)| &**key == name)?;
        Some(self.keywords.remove(index).1)
    }

    /// Fails on keywords the callee does not take.
    pub fn no_more_keywords(&self, callee: &str) -> PyResult<()> {
        match self.keywords.first() {
            Some((key, _)) => raise(
                TypeError,
                format!("{callee}() got an unexpected keyword argument '{key}'"),
            ),
            None => Ok(()),
        }
    }

    /// Exactly `min..=max` positional arguments and no keywords.
    pub fn expect(&self, callee: &str, min: usize, max: usize) -> PyResult<&[Value]> {
        self.no_more_keywords(callee)?;
        let count = self.positional.len();
        if count < min || count > max {
            // CPython's words for its builtins.
            let wanted = match (min, max) {
                (0, 0) => "no arguments".to_string(),
                (1, 1) => "exactly one argument".to_string(),
                (min, max) if min == max => format!("{min} arguments"),
                (min, max) => format!("{min} to {max} arguments"),
            };
            return raise(
                TypeError,
                format!("{callee}() takes {wanted} ({count} given)"),
            );
        }
        Ok(&self.positional)
    }

    /// Binds the arguments to `names` as a Python signature `f(a, b=None, …)` does: by
    /// position, then by keyword; the first `required` must be given. `None` is a parameter
    /// not passed, which a callee may tell from a `None` passed.
    pub fn bind<const K: usize>(
        mut self,
        callee: &str,
        names: [&str; K],
        required: usize,
    ) -> PyResult<[Option<Value>; K]> {
        let count = self.positional.len();
        if count > K {
            return raise(
                TypeError,
                format!("{callee}() takes at most {K} arguments ({count} given)"),
            );
        }
        let mut bound: [Option<Value>; K] = std::array::from_fn(|_| None);
        for (slot, value) in bound.iter_mut().zip(self.positional.drain(..)) {
            *slot = Some(value);
        }
        for (slot, name) in bound.iter_mut().zip(names) {
            if let Some(value) = self.keyword(name) {
                if slot.is_some() {
                    return raise(
                        TypeError,
                        format!("{callee}() got multiple values for argument '{name}'"),
                    );
                }
                *slot = Some(value);
            }
        }
        self.no_more_keywords(callee)?;
        if let Some((name, _)) = names
            .iter()
            .zip(&bound)
            .take(required)
            .find(|(_, value)| value.is_none())
        {
            return raise(
                TypeError,
                format!("{callee}() missing 1 required positional argument: '{name}'"),
            );
        }
        Ok(bound)
    }

    /// The object a method of native type `T` was called on.
    pub fn this<T: PyObject>(&self) -> PyResult<Arc<T>> {
        downcast(&self.receiver).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "descriptor needs a '{}' object",
                        std::any::type_name::<T>().rsplit("::").next().unwrap_or("")
                    ),
                )
            },
            Ok,
        )
    }
}

/// `value` as a native object of type `T`, borrowed (no reference count touched: the
/// operators ask this of every native object they meet).
pub fn downcast_ref<T: PyObject>(value: &Value) -> Option<&T> {
    match value {
        Value::Object(object) => {
            let any: &dyn Any = &**object;
            any.downcast_ref::<T>()
        }
        _ => None,
    }
}

/// `value` as a native object of type `T`, if it is one.
pub fn downcast<T: PyObject>(value: &Value) -> Option<Arc<T>> {
    match value {
        Value::Object(object) => {
            let any: Arc<dyn Any + Send + Sync> = object.clone();
            any.downcast::<T>().ok()
        }
        _ => None,
    }
}

/// `value` as the native object a function takes, or its `TypeError`: `threadplay's {takes},
/// not {type}` (`"QueueHandler takes a queue of queue or multiprocessing"`).
pub fn object_arg<T: PyObject>(value: &Value, takes: &str) -> PyResult<Arc<T>> {
    match downcast::<T>(value) {
        Some(object) => Ok(object),
        None => raise(
            TypeError,
            format!("threadplay's {takes}, not {}", value.type_name()),
        ),
    }
}

/// Wraps a value a native function computed.
pub fn done(value: Value) -> PyResult<Invoked> {
    Ok(Invoked::Value(value))
}
