//! Python values as the subset has them, with the operators and conversions the interpreter
//! applies to them. Integers are 128-bit (enough for the tutorials' sums of squares, which
//! overflow 64 bits): a result that does not fit raises `OverflowError`.

use super::asyncio::{Awaitable, Coroutine};
use super::code::Code;
use super::error::{raise, Exception, ExceptionKind, ExceptionKind::*, PyResult};
use super::format::float_repr;
use super::ir::{BinOp, CmpOp, UnaryOp};
use super::registry::{ModuleDef, Native, PyObject};
use super::types::class::{Instance, PyClass};
use super::types::exception::{exception_args_repr, exception_message};
use super::types::kinds::{is_builtin_type, module_type_name};
use super::types::set::{self, PySet};
use super::types::set_table::SetTable;
use super::types::{dataclass, dict, enumeration};
use super::vm::{asked, made_text, Text};
use crate::event::lock;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::{Arc, Mutex};

/// The longest string or list a program may build: larger ones raise `MemoryError` instead of
/// exhausting the page's memory (a list of ten million items took the browser tab down).
/// `sum` over a range or a generator expression adds as it goes, so it has no such limit.
pub const MAX_SEQUENCE_LEN: usize = 1_000_000;

#[derive(Debug, Clone, Default)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    Int(Int),
    Float(f64),
    Str(Arc<str>),
    List(Arc<Mutex<Vec<Value>>>),
    Tuple(Arc<[Value]>),
    /// Insertion-ordered pairs; keys are compared with `==`.
    Dict(Arc<Mutex<Vec<(Value, Value)>>>),
    /// A `set` or `frozenset` (see `types/set.rs`).
    Set(Arc<PySet>),
    Range(i64, i64, i64),
    Function(Arc<Function>),
    /// A module's function (see `registry.rs`).
    Builtin(&'static Native),
    Module(&'static ModuleDef),
    /// A built-in exception class: `ValueError`.
    ExceptionClass(ExceptionKind),
    /// A class the program defined, and an instance of one (see `types/class.rs`).
    Class(Arc<PyClass>),
    Instance(Arc<Instance>),
    /// A Python function bound to the instance it was looked up on: `(instance, function)`.
    BoundMethod(Arc<(Value, Value)>),
    /// A native method bound to the object it was looked up on.
    Method(Arc<(Value, &'static Native)>),
    /// An object of a native type: a lock, a thread, a future…
    Object(Arc<dyn PyObject>),
    Coroutine(Arc<Coroutine>),
    Awaitable(Arc<Awaitable>),
    /// A variable functions share: a local of one that an inner one uses (see `scope.rs`).
    /// It lives in a local slot and in closures, never on the stack as a value.
    Cell(Arc<Mutex<Option<Value>>>),
}

/// Drops a value taken off a stack or out of a frame. One that owns nothing is forgotten
/// instead, which is the same without the call a full drop takes (most instructions drop an
/// operand or two, and most finished frames hold only ints).
#[inline(always)]
pub fn discard(value: Value) {
    if matches!(
        value,
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_)
    ) {
        std::mem::forget(value);
    }
}

/// A Python `int`.
pub type Int = i128;

/// A `def` with its default values (for its last parameters), evaluated where it was defined,
/// and its closure: the cells of its free variables.
#[derive(Debug, Clone)]
pub struct Function {
    pub code: Arc<Code>,
    pub defaults: Vec<Value>,
    pub closure: Vec<Value>,
    /// `__name__`: the code's, or the function's it wraps (`functools.wraps`).
    pub name: Arc<str>,
    /// `__qualname__`, likewise.
    pub qualname: Arc<str>,
    /// `__doc__`, likewise.
    pub doc: Option<Arc<str>>,
    /// Marked by `abc.abstractmethod`: a class deriving from `ABC` that does not override it
    /// cannot be instantiated.
    pub is_abstract: bool,
}

impl Function {
    pub fn new(code: Arc<Code>, defaults: Vec<Value>, closure: Vec<Value>) -> Self {
        Self {
            name: Arc::clone(&code.name),
            qualname: Arc::clone(&code.qualname),
            doc: code.doc.clone(),
            code,
            defaults,
            closure,
            is_abstract: false,
        }
    }
}

impl Value {
    pub fn str(text: impl Into<Arc<str>>) -> Value {
        Value::Str(text.into())
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Arc::new(Mutex::new(items)))
    }

    /// `type(value).__name__`.
    pub fn type_name(&self) -> Cow<'static, str> {
        if let Value::Instance(instance) = self {
            return Cow::Owned(instance.class.name.to_string());
        }
        Cow::Borrowed(match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Set(set) if set.frozen => "frozenset",
            Value::Set(_) => "set",
            Value::Range(..) => "range",
            Value::Function(_) => "function",
            Value::Builtin(_) | Value::Method(_) => "builtin_function_or_method",
            Value::Module(_) => "module",
            Value::ExceptionClass(_) | Value::Class(_) => "type",
            Value::Instance(_) => unreachable!("named above"),
            Value::BoundMethod(_) => "method",
            Value::Object(object) => object.type_name(),
            Value::Coroutine(_) => "coroutine",
            Value::Awaitable(_) => "awaitable",
            Value::Cell(_) => "cell",
        })
    }

    /// Where a value that lives on the heap lives (`id()`, identity hashes).
    pub fn address(&self) -> Option<usize> {
        let pointer: *const () = match self {
            Value::List(items) => Arc::as_ptr(items).cast(),
            Value::Dict(pairs) => Arc::as_ptr(pairs).cast(),
            Value::Set(set) => Arc::as_ptr(set).cast(),
            Value::Instance(instance) => Arc::as_ptr(instance).cast(),
            Value::Object(object) => Arc::as_ptr(object).cast(),
            Value::Function(function) => Arc::as_ptr(function).cast(),
            Value::Class(class) => Arc::as_ptr(class).cast(),
            Value::Str(text) => Arc::as_ptr(text).cast(),
            Value::Tuple(items) => Arc::as_ptr(items).cast(),
            Value::Coroutine(coroutine) => Arc::as_ptr(coroutine).cast(),
            _ => return None,
        };
        Some(pointer as usize)
    }

    pub fn is_truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(items) => !lock(items).is_empty(),
            Value::Tuple(items) => !items.is_empty(),
            Value::Dict(pairs) => !lock(pairs).is_empty(),
            Value::Set(set) => !lock(&set.table).is_empty(),
            Value::Range(..) => range_len(self) > 0,
            Value::Object(object) => object.length().is_none_or(|len| len > 0),
            _ => true,
        }
    }

    /// `str(value)`.
    pub fn to_str(&self) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            Value::Object(object) => object.to_str(),
            Value::Instance(instance) => match made_text(Arc::as_ptr(instance).cast(), Text::Str) {
                Some(text) => text,
                None if instance.class.exception.is_some() => exception_message(self),
                None if instance.class.enumeration.is_some() => {
                    enumeration::to_str(&instance.class, self)
                }
                None => self.repr(),
            },
            _ => self.repr(),
        }
    }

    /// `repr(value)`.
    pub fn repr(&self) -> String {
        match self {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::List(items) => unless_recursive(Arc::as_ptr(items).cast(), "[...]", || {
                let items = lock(items).clone();
                format!("[{}]", join_reprs(&items))
            }),
            Value::Tuple(items) if items.len() == 1 => format!("({},)", items[0].repr()),
            Value::Tuple(items) => format!("({})", join_reprs(items)),
            Value::Dict(pairs) => unless_recursive(Arc::as_ptr(pairs).cast(), "{...}", || {
                let pairs = lock(pairs).clone();
                let pairs: Vec<String> = pairs
                    .iter()
                    .map(|(key, value)| format!("{}: {}", key.repr(), value.repr()))
                    .collect();
                format!("{{{}}}", pairs.join(", "))
            }),
            Value::Set(set) => unless_recursive(Arc::as_ptr(set).cast(), "{...}", || {
                let items = lock(&set.table).items();
                super::types::set::repr(set, &join_reprs(&items))
            }),
            Value::Range(start, stop, 1) => format!("range({start}, {stop})"),
            Value::Range(start, stop, step) => format!("range({start}, {stop}, {step})"),
            Value::Function(function) => format!(
                "<function {} at {:#x}>",
                function.qualname,
                Arc::as_ptr(function) as usize
            ),
            Value::Builtin(native) if is_builtin_type(native.name) => {
                format!("<class '{}'>", native.name)
            }
            Value::Builtin(native) => match module_type_name(native) {
                Some(name) => format!("<class '{name}'>"),
                None => format!("<built-in function {}>", native.name),
            },
            Value::Method(method) => format!(
                "<built-in method {} of {} object>",
                method.1.name,
                method.0.type_name()
            ),
            Value::Module(module) => format!("<module '{}'>", module.name),
            Value::ExceptionClass(kind) => format!("<class '{}'>", kind.name()),
            Value::Class(class) if class.enumeration.is_some() => {
                format!("<enum '{}'>", class.name)
            }
            Value::Class(class) => format!("<class '__main__.{}'>", class.name),
            Value::Instance(instance) => {
                match made_text(Arc::as_ptr(instance).cast(), Text::Repr) {
                    Some(text) => text,
                    None if instance.class.exception.is_some() => {
                        format!("{}{}", instance.class.name, exception_args_repr(self))
                    }
                    None if instance.class.enumeration.is_some() => {
                        enumeration::repr(&instance.class, self)
                    }
                    None => instance.repr(),
                }
            }
            Value::BoundMethod(method) => format!(
                "<bound method {} of {}>",
                match &method.1 {
                    Value::Function(function) => function.qualname.to_string(),
                    other => format!("{}.{}", method.0.type_name(), other.repr()),
                },
                method.0.repr()
            ),
            Value::Object(object) => object.repr(),
            Value::Coroutine(coroutine) => format!(
                "<coroutine object {} at {:#x}>",
                coroutine.name(),
                Arc::as_ptr(coroutine) as usize
            ),
            other => format!("<{} object>", other.type_name()),
        }
    }

    /// The items of an iterable, as a snapshot.
    pub fn items(&self) -> PyResult<Vec<Value>> {
        Ok(match self {
            Value::List(items) => lock(items).clone(),
            Value::Tuple(items) => items.to_vec(),
            Value::Dict(pairs) => lock(pairs).iter().map(|(key, _)| key.clone()).collect(),
            Value::Set(set) => lock(&set.table).items(),
            Value::Class(class) if class.enumeration.is_some() => enumeration::members(class),
            Value::Object(object) => match object.items() {
                Some(items) => items?,
                None => return not_iterable(self),
            },
            Value::Str(s) => s.chars().map(|c| Value::str(c.to_string())).collect(),
            Value::Range(start, _, step) => {
                let len = range_len(self);
                if len > MAX_SEQUENCE_LEN as i64 {
                    return raise(MemoryError, "range too long to turn into a list");
                }
                (0..len)
                    .map(|i| Value::Int(Int::from(start + i * step)))
                    .collect()
            }
            other => return not_iterable(other),
        })
    }

    pub fn len(&self) -> PyResult<usize> {
        Ok(match self {
            Value::Str(s) => s.chars().count(),
            Value::List(items) => lock(items).len(),
            Value::Tuple(items) => items.len(),
            Value::Dict(pairs) => lock(pairs).len(),
            Value::Set(set) => lock(&set.table).len(),
            Value::Class(class) if class.enumeration.is_some() => enumeration::members(class).len(),
            Value::Object(object) => match object.length() {
                Some(len) => len,
                // An iterator's items would be taken.
                None if object.as_iterator().is_some() => return no_len(self),
                None => match object.items() {
                    Some(items) => items?.len(),
                    None => return no_len(self),
                },
            },
            Value::Range(..) => range_len(self) as usize,
            other => return no_len(other),
        })
    }

    /// A copy for another process: containers are copied all the way down, so the two never
    /// share memory; locks and the like are fresh.
    pub fn copied_for_process(&self) -> Value {
        match self {
            Value::List(items) => {
                Value::list(lock(items).iter().map(Value::copied_for_process).collect())
            }
            // A tuple's items may be containers.
            Value::Tuple(items) => {
                Value::Tuple(items.iter().map(Value::copied_for_process).collect())
            }
            Value::Dict(pairs) => Value::Dict(Arc::new(Mutex::new(
                lock(pairs)
                    .iter()
                    .map(|(key, value)| (key.copied_for_process(), value.copied_for_process()))
                    .collect(),
            ))),
            Value::Set(set) => {
                let mut table = SetTable::default();
                for item in lock(&set.table).items() {
                    // Items of a set are hashable, so this adds them all.
                    let _ = table.add(item.copied_for_process());
                }
                set::made(set.frozen, table)
            }
            Value::Object(object) => object.for_child_process().unwrap_or_else(|| self.clone()),
            other => other.clone(),
        }
    }
}

fn no_len<T>(value: &Value) -> PyResult<T> {
    raise(
        TypeError,
        format!("object of type '{}' has no len()", value.type_name()),
    )
}

fn not_iterable<T>(value: &Value) -> PyResult<T> {
    raise(
        TypeError,
        format!("'{}' object is not iterable", value.type_name()),
    )
}

thread_local! {
    /// The containers whose `repr` is being made on this thread, innermost last.
    static IN_REPR: std::cell::RefCell<Vec<*const ()>> = const { std::cell::RefCell::new(Vec::new()) };
    /// How deeply comparisons are nested on this thread.
    static COMPARING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `repr` of a container, or `recursive` if it is inside itself (`a.append(a)` prints
/// `[1, [...]]`, as in Python); its lock is never taken twice.
pub fn unless_recursive(
    container: *const (),
    recursive: &str,
    repr: impl FnOnce() -> String,
) -> String {
    let entered = IN_REPR.with(|open| {
        let mut open = open.borrow_mut();
        let fresh = !open.contains(&container);
        if fresh {
            open.push(container);
        }
        fresh
    });
    if !entered {
        return recursive.to_string();
    }
    let text = repr();
    IN_REPR.with(|open| open.borrow_mut().pop());
    text
}

/// Comparisons nested deeper than this are taken to be a container inside itself.
const MAX_COMPARISON_DEPTH: usize = 500;

/// Runs a nested comparison; `None` past [`MAX_COMPARISON_DEPTH`].
fn nested_comparison<T>(compare: impl FnOnce() -> T) -> Option<T> {
    let depth = COMPARING.with(|depth| {
        depth.set(depth.get() + 1);
        depth.get()
    });
    let result = (depth <= MAX_COMPARISON_DEPTH).then(compare);
    COMPARING.with(|depth| depth.set(depth.get() - 1));
    result
}

fn join_reprs(items: &[Value]) -> String {
    items.iter().map(Value::repr).collect::<Vec<_>>().join(", ")
}

/// Python's `repr` of a string: single quotes unless the text has one and no double quote.
fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

pub fn range_len(range: &Value) -> i64 {
    let Value::Range(start, stop, step) = *range else {
        return 0;
    };
    let span = if step > 0 {
        stop.saturating_sub(start)
    } else {
        start.saturating_sub(stop)
    };
    if span <= 0 {
        0
    } else {
        (span - 1) / step.saturating_abs() + 1
    }
}

/// A number as `f64`, for arithmetic that mixes ints and floats.
fn as_float(value: &Value) -> Option<f64> {
    match *value {
        Value::Int(i) => Some(i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(b))),
        Value::Float(f) => Some(f),
        Value::Instance(_) => enumeration::int_of(value).map(|i| i as f64),
        _ => None,
    }
}

/// An int (or bool) as an [`Int`].
pub fn as_int(value: &Value) -> Option<Int> {
    match *value {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(Int::from(b)),
        Value::Instance(_) => enumeration::int_of(value),
        _ => None,
    }
}

/// An int (or bool) where one must be (an index, a count, a size), as CPython's
/// `operator.index` takes it, or its `TypeError`.
pub fn to_index(value: &Value) -> PyResult<Int> {
    as_int(value).map_or_else(
        || {
            raise(
                TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    value.type_name()
                ),
            )
        },
        Ok,
    )
}

/// CPython's ints have no bounds; threadplay's are 128-bit, and say so past them.
pub fn overflow<T>() -> PyResult<T> {
    raise(
        OverflowError,
        "integer too large (threadplay's integers are 128-bit)",
    )
}

fn checked(result: Option<Int>) -> PyResult<Value> {
    result.map(Value::Int).map_or_else(overflow, Ok)
}

/// `left op right` by the operators of a native object among them (`datetime - timedelta`,
/// `Counter + Counter`): the left one's, then the right one's reflected.
fn object_binary(op: BinOp, left: &Value, right: &Value) -> Option<PyResult<Value>> {
    if let Value::Object(object) = left {
        if let Some(result) = object.binary(op, right, false) {
            return Some(result);
        }
    }
    match right {
        Value::Object(object) => object.binary(op, left, true),
        _ => None,
    }
}

pub fn binary(op: BinOp, left: &Value, right: &Value) -> PyResult<Value> {
    let numbers = op != BinOp::MatMul;
    if let (Some(a), Some(b), true) = (as_int(left), as_int(right), numbers) {
        return int_binary(op, a, b);
    }
    // Floats have the arithmetic operators; the rest fail below with the operands' types.
    let arithmetic = !matches!(
        op,
        BinOp::BitAnd
            | BinOp::BitOr
            | BinOp::BitXor
            | BinOp::LShift
            | BinOp::RShift
            | BinOp::MatMul
    );
    if let (Some(a), Some(b), true) = (as_float(left), as_float(right), arithmetic) {
        return float_binary(op, a, b);
    }
    match (op, left, right) {
        (BinOp::Add, Value::Str(a), Value::Str(b)) => {
            check_len(a.len() + b.len())?;
            Ok(Value::str(format!("{a}{b}")))
        }
        (BinOp::Add, Value::List(a), Value::List(b)) => {
            let mut items = lock(a).clone();
            items.extend(lock(b).iter().cloned());
            check_len(items.len())?;
            Ok(Value::list(items))
        }
        (BinOp::Add, Value::Tuple(a), Value::Tuple(b)) => {
            Ok(Value::Tuple(a.iter().chain(b.iter()).cloned().collect()))
        }
        (BinOp::Mul, sequence, count) | (BinOp::Mul, count, sequence)
            if as_int(count).is_some()
                && matches!(sequence, Value::Str(_) | Value::List(_) | Value::Tuple(_)) =>
        {
            repeat(sequence, as_int(count).unwrap_or_default())
        }
        (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_), other)
            if !matches!(other, Value::Object(_)) =>
        {
            raise(
                TypeError,
                format!(
                    "can only concatenate {kind} (not \"{other}\") to {kind}",
                    kind = left.type_name(),
                    other = other.type_name()
                ),
            )
        }
        (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), other)
        | (BinOp::Mul, other, Value::Str(_) | Value::List(_) | Value::Tuple(_))
            if !matches!(other, Value::Object(_)) =>
        {
            raise(
                TypeError,
                format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.type_name()
                ),
            )
        }
        (BinOp::Mod, Value::Str(template), args) => super::format::percent_format(template, args),
        (BinOp::BitOr, Value::Dict(a), Value::Dict(b)) => dict::union(a, b),
        _ => set::binary(op, left, right)
            .or_else(|| object_binary(op, left, right))
            .unwrap_or_else(|| {
                raise(
                    TypeError,
                    format!(
                        "unsupported operand type(s) for {}: '{}' and '{}'",
                        op.symbol(),
                        left.type_name(),
                        right.type_name()
                    ),
                )
            }),
    }
}

/// `x op= y`: lists are extended in place (so every name for the list sees it), the rest as `op`.
pub fn in_place(op: BinOp, current: &Value, operand: &Value) -> PyResult<Value> {
    if let (Value::Set(set), Value::Set(other)) = (current, operand) {
        if !set.frozen && !Arc::ptr_eq(set, other) {
            let other = lock(&other.table).clone();
            set::update(&mut lock(&set.table), &other, op)?;
            return Ok(current.clone());
        }
    }
    if let (BinOp::BitOr, Value::Dict(pairs)) = (op, current) {
        dict::merge(pairs, operand)?;
        return Ok(current.clone());
    }
    if let (BinOp::Add, Value::List(items)) = (op, current) {
        let more = operand.items()?;
        let mut items = lock(items);
        check_len(items.len() + more.len())?;
        items.extend(more);
        return Ok(current.clone());
    }
    binary(op, current, operand).map_err(|error| in_place_error(op, error))
}

pub fn unary(op: UnaryOp, value: &Value) -> PyResult<Value> {
    match (op, value) {
        (UnaryOp::Not, value) => Ok(Value::Bool(!value.is_truthy())),
        (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
        (UnaryOp::Pos, Value::Float(f)) => Ok(Value::Float(*f)),
        (op, value) => match (op, as_int(value)) {
            (UnaryOp::Neg, Some(i)) => i
                .checked_neg()
                .map(Value::Int)
                .map_or_else(|| raise(OverflowError, "integer too large"), Ok),
            (UnaryOp::Pos, Some(i)) => Ok(Value::Int(i)),
            (UnaryOp::Invert, Some(i)) => Ok(Value::Int(!i)),
            _ => raise(
                TypeError,
                format!(
                    "bad operand type for unary operator: '{}'",
                    value.type_name()
                ),
            ),
        },
    }
}

pub fn check_len(len: usize) -> PyResult<()> {
    if len > MAX_SEQUENCE_LEN {
        return raise(
            MemoryError,
            format!("a sequence of {len} items is over threadplay's limit of {MAX_SEQUENCE_LEN}"),
        );
    }
    Ok(())
}

fn repeat(sequence: &Value, count: Int) -> PyResult<Value> {
    let count = usize::try_from(count).unwrap_or(0);
    let len = sequence.len()?.saturating_mul(count);
    check_len(len)?;
    Ok(match sequence {
        Value::Str(s) => Value::str(s.repeat(count)),
        Value::List(items) => {
            let items = lock(items);
            Value::list(items.iter().cycle().take(len).cloned().collect())
        }
        Value::Tuple(items) => Value::Tuple(items.iter().cycle().take(len).cloned().collect()),
        _ => unreachable!("repeat is only called with strings, lists and tuples"),
    })
}

/// `a / b` of two ints, correctly rounded as CPython's: each converted to a float first would
/// round twice past 2**53 (`82030920993190390 / 10**19`).
fn true_divide(a: Int, b: Int) -> f64 {
    const EXACT: u128 = 1 << f64::MANTISSA_DIGITS;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        return a as f64 / b as f64;
    }
    use super::exact::DoubleDouble;
    DoubleDouble::from(a)
        .divided_by(DoubleDouble::from(b))
        .rounded()
}

fn int_binary(op: BinOp, a: Int, b: Int) -> PyResult<Value> {
    match op {
        // Reached only through `binary`, which names the operands' own types.
        BinOp::MatMul => raise(
            TypeError,
            "unsupported operand type(s) for @: 'int' and 'int'",
        ),
        BinOp::Add => checked(a.checked_add(b)),
        BinOp::Sub => checked(a.checked_sub(b)),
        BinOp::Mul => checked(a.checked_mul(b)),
        BinOp::Div if b == 0 => raise(ZeroDivisionError, "division by zero"),
        BinOp::Div => Ok(Value::Float(true_divide(a, b))),
        BinOp::FloorDiv if b == 0 => raise(ZeroDivisionError, "integer division or modulo by zero"),
        BinOp::Mod if b == 0 => raise(ZeroDivisionError, "integer modulo by zero"),
        BinOp::FloorDiv => {
            let quotient = a.checked_div_euclid(b).map_or_else(overflow, Ok)?;
            // Python floors; Euclid's quotient is one above the floor when the divisor is
            // negative and the division is not exact.
            let floored = if b < 0 && a.rem_euclid(b) != 0 {
                quotient - 1
            } else {
                quotient
            };
            Ok(Value::Int(floored))
        }
        BinOp::Mod => {
            let remainder = a.checked_rem_euclid(b).map_or_else(overflow, Ok)?;
            Ok(Value::Int(if b < 0 && remainder != 0 {
                remainder + b
            } else {
                remainder
            }))
        }
        BinOp::Pow if b < 0 => float_binary(op, a as f64, b as f64),
        BinOp::Pow => checked(u32::try_from(b).ok().and_then(|b| a.checked_pow(b))),
        BinOp::BitAnd => Ok(Value::Int(a & b)),
        BinOp::BitOr => Ok(Value::Int(a | b)),
        BinOp::BitXor => Ok(Value::Int(a ^ b)),
        BinOp::LShift | BinOp::RShift if b < 0 => raise(ValueError, "negative shift count"),
        BinOp::LShift => {
            let shifted = u32::try_from(b)
                .ok()
                .and_then(|b| a.checked_shl(b))
                .filter(|r| r >> b == a);
            checked(shifted)
        }
        BinOp::RShift => Ok(Value::Int(a >> b.min(127))),
    }
}

fn float_binary(op: BinOp, a: f64, b: f64) -> PyResult<Value> {
    let result = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div | BinOp::FloorDiv | BinOp::Mod if b == 0.0 => {
            return raise(
                ZeroDivisionError,
                match op {
                    BinOp::Div => "float division by zero",
                    BinOp::FloorDiv => "float floor division by zero",
                    _ => "float modulo",
                },
            );
        }
        BinOp::Div => a / b,
        BinOp::FloorDiv => (a / b).floor(),
        BinOp::Mod => a - b * (a / b).floor(),
        BinOp::Pow if a == 0.0 && b < 0.0 => {
            return raise(
                ZeroDivisionError,
                "0.0 cannot be raised to a negative power",
            );
        }
        BinOp::Pow => a.powf(b),
        _ => {
            return raise(
                TypeError,
                format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                ),
            );
        }
    };
    // Only `**` overflows with an error; `*`, `+` and `/` give `inf`, as IEEE arithmetic does.
    if op == BinOp::Pow && result.is_infinite() && a.is_finite() && b.is_finite() {
        return raise(OverflowError, "(34, 'Numerical result out of range')");
    }
    Ok(Value::Float(result))
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::MatMul => "@",
        }
    }

    /// The augmented assignment's symbol, as CPython's errors name it (`+=`, `**=`).
    pub fn in_place_symbol(self) -> String {
        match self {
            BinOp::Pow => "**=".to_string(),
            op => format!("{}=", op.symbol()),
        }
    }
}

/// `error`, raised by `op` done in place (`x op= y`), as CPython words it: the unsupported
/// operand's message names the augmented operator (`for +=:`).
pub fn in_place_error(op: BinOp, mut error: Exception) -> Exception {
    let plain = format!("unsupported operand type(s) for {}:", op.symbol());
    if let Some(rest) = error.message.strip_prefix(&plain) {
        error.message = format!(
            "unsupported operand type(s) for {}:{rest}",
            op.in_place_symbol()
        );
    }
    error
}

/// `==` as Python has it for the subset's values (identity for objects).
pub fn equals(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::None, Value::None) => true,
        (Value::Str(a), Value::Str(b)) => a == b,
        (Value::List(a), Value::List(b)) => {
            if Arc::ptr_eq(a, b) {
                return true;
            }
            // Copies, no lock held while comparing: a list may contain the other, or itself.
            let a = lock(a).clone();
            let b = lock(b).clone();
            sequences_equal(&a, &b)
        }
        (Value::Tuple(a), Value::Tuple(b)) => sequences_equal(a, b),
        (Value::Object(a), Value::Object(b)) if a.type_name() == b.type_name() => {
            match (a.compare_key(), b.compare_key()) {
                (Some(a), Some(b)) => equals(&a, &b),
                _ => a.equals(right).unwrap_or_else(|| same_object(left, right)),
            }
        }
        (Value::Instance(_), Value::Instance(_)) => match dataclass::compared(left, right, false) {
            Some((a, b)) => equals(&a, &b),
            None => same_object(left, right),
        },
        (Value::Set(a), Value::Set(b)) => {
            let a = lock(&a.table).clone();
            let b = lock(&b.table).clone();
            set::compare(&a, &b, CmpOp::Eq).unwrap_or(false)
        }
        (Value::Dict(a), Value::Dict(b)) => {
            let a = lock(a).clone();
            let b = lock(b).clone();
            a.len() == b.len()
                && nested_comparison(|| {
                    a.iter().all(|(key, value)| {
                        b.iter()
                            .any(|(other, found)| equals(key, other) && equals(value, found))
                    })
                })
                .unwrap_or(false)
        }
        // Methods looked up twice are equal: the same function bound to the same object.
        (Value::BoundMethod(a), Value::BoundMethod(b)) => {
            same_object(&a.0, &b.0) && same_object(&a.1, &b.1)
        }
        (Value::Method(a), Value::Method(b)) => same_object(&a.0, &b.0) && std::ptr::eq(a.1, b.1),
        (Value::Object(object), other) | (other, Value::Object(object)) => object
            .equals(other)
            .unwrap_or_else(|| same_object(left, right)),
        _ => match (as_float(left), as_float(right)) {
            (Some(a), Some(b)) => match (as_int(left), as_int(right)) {
                (Some(a), Some(b)) => a == b,
                _ => a == b,
            },
            _ => same_object(left, right),
        },
    }
}

fn sequences_equal(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len()
        && nested_comparison(|| a.iter().zip(b).all(|(x, y)| equals(x, y))).unwrap_or(false)
}

/// `is`: the same object (values without identity compare equal).
pub fn same_object(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::None, Value::None) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::List(a), Value::List(b)) => Arc::ptr_eq(a, b),
        (Value::Dict(a), Value::Dict(b)) => Arc::ptr_eq(a, b),
        (Value::Set(a), Value::Set(b)) => Arc::ptr_eq(a, b),
        (Value::Object(a), Value::Object(b)) => Arc::ptr_eq(a, b),
        (Value::Function(a), Value::Function(b)) => Arc::ptr_eq(a, b),
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::Str(a), Value::Str(b)) => Arc::ptr_eq(a, b) || a == b,
        (Value::Builtin(a), Value::Builtin(b)) => std::ptr::eq(*a, *b),
        (Value::Module(a), Value::Module(b)) => std::ptr::eq(*a, *b),
        (Value::ExceptionClass(a), Value::ExceptionClass(b)) => a == b,
        (Value::Class(a), Value::Class(b)) => Arc::ptr_eq(a, b),
        (Value::Instance(a), Value::Instance(b)) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

/// `order`, its `TypeError` naming the operator asked (`'>' not supported between …`).
fn order_as(symbol: &str, left: &Value, right: &Value) -> PyResult<Ordering> {
    order(left, right).map_err(|mut error| {
        if error.kind == TypeError {
            error.message = error.message.replacen("'<'", &format!("'{symbol}'"), 1);
        }
        error
    })
}

pub fn order(left: &Value, right: &Value) -> PyResult<Ordering> {
    let ordering = match (left, right) {
        (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
        (Value::List(a), Value::List(b)) => {
            let a = lock(a).clone();
            let b = lock(b).clone();
            return order_sequences(&a, &b);
        }
        (Value::Tuple(a), Value::Tuple(b)) => return order_sequences(a, b),
        (Value::Object(a), Value::Object(b)) if a.type_name() == b.type_name() => {
            match (a.compare_key(), b.compare_key()) {
                (Some(a), Some(b)) => return order(&a, &b),
                _ => a.order(right).transpose()?,
            }
        }
        (Value::Object(object), other) => object.order(other).transpose()?,
        (other, Value::Object(object)) => object.order(other).transpose()?.map(Ordering::reverse),
        (Value::Instance(_), Value::Instance(_)) => match dataclass::compared(left, right, true) {
            Some((a, b)) => return order(&a, &b),
            None if as_int(left).is_some() && as_int(right).is_some() => {
                as_int(left).zip(as_int(right)).map(|(a, b)| a.cmp(&b))
            }
            None => match asked::less(left, right) {
                Some(less) => Some(if less? {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }),
                None => None,
            },
        },
        _ => match (as_int(left), as_int(right)) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => match (as_float(left), as_float(right)) {
                (Some(a), Some(b)) => a.partial_cmp(&b),
                _ => None,
            },
        },
    };
    ordering.map_or_else(
        || {
            raise(
                TypeError,
                format!(
                    "'<' not supported between instances of '{}' and '{}'",
                    left.type_name(),
                    right.type_name()
                ),
            )
        },
        Ok,
    )
}

fn order_sequences(a: &[Value], b: &[Value]) -> PyResult<Ordering> {
    nested_comparison(|| {
        for (x, y) in a.iter().zip(b) {
            if !equals(x, y) {
                return order(x, y);
            }
        }
        Ok(a.len().cmp(&b.len()))
    })
    .unwrap_or_else(|| {
        raise(
            RecursionError,
            "maximum recursion depth exceeded in comparison",
        )
    })
}

pub fn compare(op: CmpOp, left: &Value, right: &Value) -> PyResult<bool> {
    if let (Value::Set(a), Value::Set(b), CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE) =
        (left, right, op)
    {
        let a = lock(&a.table).clone();
        let b = lock(&b.table).clone();
        return set::compare(&a, &b, op);
    }
    Ok(match op {
        CmpOp::Eq => equals(left, right),
        CmpOp::NotEq => !equals(left, right),
        CmpOp::Lt => order(left, right)?.is_lt(),
        CmpOp::LtE => order_as("<=", left, right)?.is_le(),
        CmpOp::Gt => order_as(">", left, right)?.is_gt(),
        CmpOp::GtE => order_as(">=", left, right)?.is_ge(),
        CmpOp::In => contains(right, left)?,
        CmpOp::NotIn => !contains(right, left)?,
        CmpOp::Is => same_object(left, right),
        CmpOp::IsNot => !same_object(left, right),
    })
}

fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    if let Some(found) = match container {
        Value::Object(object) => object.contains(item),
        _ => None,
    } {
        return found;
    }
    match (container, item) {
        (Value::Set(set), item) => lock(&set.table).contains(item),
        (Value::Str(text), Value::Str(part)) => Ok(text.contains(&**part)),
        (Value::Str(_), other) => raise(
            TypeError,
            format!(
                "'in <string>' requires string as left operand, not {}",
                other.type_name()
            ),
        ),
        (Value::Range(start, stop, step), _) => Ok(as_int(item).is_some_and(|i| {
            let Ok(i) = i64::try_from(i) else {
                return false;
            };
            let in_span = if *step > 0 {
                (*start..*stop).contains(&i)
            } else {
                i <= *start && i > *stop
            };
            in_span && (i - start) % step == 0
        })),
        _ => Ok(container
            .items()?
            .iter()
            .any(|candidate| equals(candidate, item))),
    }
}

/// A sequence index, counted from the end when negative.
pub fn resolve_index(index: &Value, len: usize, what: &str) -> PyResult<usize> {
    let Some(i) = as_int(index) else {
        return raise(
            TypeError,
            format!("{what} indices must be integers, not {}", index.type_name()),
        );
    };
    let resolved = if i < 0 { i + len as Int } else { i };
    if resolved < 0 || resolved >= len as Int {
        return raise(IndexError, format!("{what} index out of range"));
    }
    Ok(resolved as usize)
}
