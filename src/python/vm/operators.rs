//! Operators on instances of the program's classes: `a + b`, `a == b`, `a < b`, `x in a`,
//! `len(a)`, `a[i]`, `bool(a)` call the class's special methods (`__add__`, `__radd__`,
//! `__eq__`, `__lt__`, `__contains__`, `__len__`, `__getitem__`, `__bool__`…) as Python does:
//! the left operand's, then the right one's reflected, each of which may give
//! `NotImplemented`. They are Python code, so they run as calls, outside the instruction loop.

use super::super::code::Op;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::{BinOp, CmpOp, UnaryOp};
use super::super::registry::{done, Args};
use super::super::types::default_dict;
use super::super::types::instance_iterator::InstanceIterator;
use super::super::value::{self, Value};
use super::search::{self, Wanted};
use super::text::percent_texts;
use super::{has_methods, keys, Invoked, ItemIter, Then, Vm};
use crate::event::lock;
use std::sync::Arc;

/// The special methods of the binary operators: each operator's, its reflected one's and its
/// in-place one's.
const BINARY_SPECIAL_METHODS: &[(BinOp, [&str; 3])] = &[
    (BinOp::Add, ["__add__", "__radd__", "__iadd__"]),
    (BinOp::Sub, ["__sub__", "__rsub__", "__isub__"]),
    (BinOp::Mul, ["__mul__", "__rmul__", "__imul__"]),
    (BinOp::Div, ["__truediv__", "__rtruediv__", "__itruediv__"]),
    (
        BinOp::FloorDiv,
        ["__floordiv__", "__rfloordiv__", "__ifloordiv__"],
    ),
    (BinOp::Mod, ["__mod__", "__rmod__", "__imod__"]),
    (BinOp::Pow, ["__pow__", "__rpow__", "__ipow__"]),
    (BinOp::BitAnd, ["__and__", "__rand__", "__iand__"]),
    (BinOp::BitOr, ["__or__", "__ror__", "__ior__"]),
    (BinOp::BitXor, ["__xor__", "__rxor__", "__ixor__"]),
    (BinOp::LShift, ["__lshift__", "__rlshift__", "__ilshift__"]),
    (BinOp::RShift, ["__rshift__", "__rrshift__", "__irshift__"]),
    (BinOp::MatMul, ["__matmul__", "__rmatmul__", "__imatmul__"]),
];

/// The other special methods the VM looks for on a class.
const OTHER_SPECIAL_METHODS: &[&str] = &[
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__invert__",
    "__contains__",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__bool__",
    "__iter__",
    "__hash__",
];

/// Whether `name` is a special method the VM calls: a class with any has `has_operators`.
pub fn is_special_method(name: &str) -> bool {
    OTHER_SPECIAL_METHODS.contains(&name)
        || BINARY_SPECIAL_METHODS
            .iter()
            .any(|(_, names)| names.contains(&name))
}

/// `NotImplemented` (a builtin), what a special method gives for an operand it does not
/// handle.
pub fn is_not_implemented(value: &Value) -> bool {
    matches!(value, Value::Builtin(native) if native.name == "NotImplemented")
}

/// Whether `value` is an instance whose class has special methods for operators, or a
/// defaultdict, whose `d[key]` may call its factory.
#[inline]
pub fn has_operators(value: &Value) -> bool {
    match value {
        Value::Instance(instance) => instance.class.has_operators,
        Value::Object(_) => default_dict::has_factory(value),
        _ => false,
    }
}

/// Whether `left op right` is `template % args` with an instance among the args whose text
/// the program's `__str__` or `__repr__` makes: it goes the slow way, to call them.
#[inline]
pub fn formats_instances(op: BinOp, left: &Value, right: &Value) -> bool {
    op == BinOp::Mod && matches!(left, Value::Str(_)) && has_methods(right)
}

/// Whether either of the top two values on the stack is such an instance.
#[inline]
pub fn among_top_two(stack: &[Value]) -> bool {
    matches!(stack, [.., left, right] if has_operators(left) || has_operators(right))
}

/// Whether the top of the stack is a list or a tuple holding such an instance, for `in`: its
/// `__eq__` may decide.
#[inline]
pub fn searched_among_instances(stack: &[Value]) -> bool {
    match stack.last() {
        Some(Value::List(items)) => lock(items).iter().any(has_operators),
        Some(Value::Tuple(items)) => items.iter().any(has_operators),
        _ => false,
    }
}

/// Whether the operand of `op` that may have special methods (`__setitem__`, `__bool__`,
/// `__iter__`) is such an instance.
#[inline]
pub fn special_at(stack: &[Value], op: Op) -> bool {
    let operand = match op {
        // `[value, object, index]`: the index may be a key hashed by its `__hash__`.
        Op::StoreItem => {
            return stack[stack.len().saturating_sub(2)..]
                .iter()
                .any(has_operators)
        }
        Op::GetIter => {
            return matches!(stack.last(), Some(value) if special(value, "__iter__").is_some())
        }
        Op::Unary(operator) => {
            return match (stack.last(), unary_name(operator)) {
                (Some(value), Some(name)) => special(value, name).is_some(),
                (value, None) => value.is_some_and(has_operators),
                _ => false,
            }
        }
        _ => stack.last(),
    };
    operand.is_some_and(has_operators)
}

/// The special method `name` of `value`'s class, if it defines one.
pub fn special(value: &Value, name: &str) -> Option<Value> {
    match value {
        Value::Instance(instance) => instance
            .class
            .lookup(name)
            .filter(|found| matches!(found, Value::Function(_) | Value::Builtin(_))),
        _ => None,
    }
}

type Fallback = Box<dyn FnOnce(&mut Vm) -> PyResult<Invoked> + Send>;

/// Calls each special method in turn until one gives something other than `NotImplemented`;
/// with none left, `fallback`.
fn first_implemented(
    vm: &mut Vm,
    mut attempts: std::vec::IntoIter<(Value, Vec<Value>)>,
    fallback: Fallback,
) -> PyResult<Invoked> {
    let Some((method, args)) = attempts.next() else {
        return fallback(vm);
    };
    let called = vm.invoke(&method, Args::new(args))?;
    vm.then_after(
        called,
        Then::new(move |vm, result| {
            if is_not_implemented(&result) {
                first_implemented(vm, attempts, fallback)
            } else {
                done(result)
            }
        }),
    )
}

fn binary_names(op: BinOp) -> (&'static str, &'static str, &'static str) {
    let [name, reflected, augmented] = BINARY_SPECIAL_METHODS
        .iter()
        .find(|(listed, _)| *listed == op)
        .map_or(["", "", ""], |(_, names)| *names);
    (name, reflected, augmented)
}

/// `left op right` (or `left op= right`) with an instance among them.
pub fn binary(
    vm: &mut Vm,
    op: BinOp,
    left: Value,
    right: Value,
    in_place: bool,
) -> PyResult<Invoked> {
    let (name, reflected, augmented) = binary_names(op);
    let mut attempts = Vec::new();
    if in_place {
        if let Some(method) = special(&left, augmented) {
            attempts.push((method, vec![left.clone(), right.clone()]));
        }
    }
    if let Some(method) = special(&left, name) {
        attempts.push((method, vec![left.clone(), right.clone()]));
    }
    if let Some(method) = special(&right, reflected) {
        attempts.push((method, vec![right.clone(), left.clone()]));
    }
    if let (BinOp::Mod, Value::Str(template), true) = (op, &left, attempts.is_empty()) {
        // `template % args`, where the program's `__str__`/`__repr__` make the text.
        let texts = percent_texts(template, &right);
        return vm.with_texts(&texts, move |_| {
            value::binary(op, &left, &right).map(Invoked::Value)
        });
    }
    let fallback: Fallback = Box::new(move |_| {
        let outcome = if in_place {
            value::in_place(op, &left, &right)
        } else {
            value::binary(op, &left, &right)
        };
        outcome.map(Invoked::Value)
    });
    first_implemented(vm, attempts.into_iter(), fallback)
}

/// `left op right` with an instance among them: the comparison's special method, then the
/// reflected one (`__lt__` against `__gt__`); `==` falls back to identity.
pub fn compare(vm: &mut Vm, op: CmpOp, left: Value, right: Value) -> PyResult<Invoked> {
    let (name, reflected) = match op {
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::NotEq => ("__ne__", "__ne__"),
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::GtE => ("__ge__", "__le__"),
        CmpOp::In | CmpOp::NotIn => return contains(vm, op, left, right),
        CmpOp::Is | CmpOp::IsNot => {
            return value::compare(op, &left, &right).map(|b| Invoked::Value(Value::Bool(b)))
        }
    };
    // A class with `__eq__` but no `__ne__` has `!=` as `__eq__`'s opposite.
    if op == CmpOp::NotEq
        && special(&left, "__ne__").is_none()
        && special(&right, "__ne__").is_none()
    {
        let equal = compare(vm, CmpOp::Eq, left, right)?;
        return vm.then_after(
            equal,
            Then::new(|_, equal| done(Value::Bool(!equal.is_truthy()))),
        );
    }
    let mut attempts = Vec::new();
    if let Some(method) = special(&left, name) {
        attempts.push((method, vec![left.clone(), right.clone()]));
    }
    if let Some(method) = special(&right, reflected) {
        let attempt = (method, vec![right.clone(), left.clone()]);
        // A subclass's reflected method goes first, as CPython's.
        if is_proper_subclass(&right, &left) {
            attempts.insert(0, attempt);
        } else {
            attempts.push(attempt);
        }
    }
    let fallback: Fallback = Box::new(move |_| {
        value::compare(op, &left, &right).map(|b| Invoked::Value(Value::Bool(b)))
    });
    first_implemented(vm, attempts.into_iter(), fallback)
}

/// Whether `value`'s class derives from `other`'s, and is not it.
fn is_proper_subclass(value: &Value, other: &Value) -> bool {
    match (value, other) {
        (Value::Instance(value), Value::Instance(other)) => {
            !Arc::ptr_eq(&value.class, &other.class) && value.class.is_subclass_of(&other.class)
        }
        _ => false,
    }
}

/// `item in container` with `container.__contains__`, or the items' `__eq__`.
fn contains(vm: &mut Vm, op: CmpOp, item: Value, container: Value) -> PyResult<Invoked> {
    if let Value::List(_) | Value::Tuple(_) = container {
        let found = move |_: &mut Vm, found: Vec<usize>| {
            done(Value::Bool(found.is_empty() == (op == CmpOp::NotIn)))
        };
        return search::positions(vm, container.items()?, item, Wanted::First, found);
    }
    let Some(method) = special(&container, "__contains__") else {
        if special(&container, "__iter__").is_some() {
            // Without `__contains__`, CPython looks through what `__iter__` gives.
            let search = Then::new(move |vm, items| contains(vm, op, item, items));
            return vm.collect_items(container, search);
        }
        return keys::with_key(vm, &container.clone(), item, move |_, item| {
            value::compare(op, &item, &container).map(|b| Invoked::Value(Value::Bool(b)))
        });
    };
    let found = vm.invoke(&method, Args::new(vec![container, item]))?;
    vm.then_after(
        found,
        Then::new(move |_, found| done(Value::Bool(found.is_truthy() == (op == CmpOp::In)))),
    )
}

/// The special method of a unary operator; `not` has none (it asks `__bool__`).
fn unary_name(op: UnaryOp) -> Option<&'static str> {
    match op {
        UnaryOp::Neg => Some("__neg__"),
        UnaryOp::Pos => Some("__pos__"),
        UnaryOp::Invert => Some("__invert__"),
        UnaryOp::Not => None,
    }
}

/// `len(value)`, with `__len__`.
pub fn len(vm: &mut Vm, value: Value) -> PyResult<Invoked> {
    let Some(method) = special(&value, "__len__") else {
        return value
            .len()
            .map(|n| Invoked::Value(Value::Int(n as value::Int)));
    };
    vm.invoke(&method, Args::new(vec![value]))
}

/// Whether `value` is true, with `__bool__` (or else `__len__`).
pub fn truth(vm: &mut Vm, value: Value) -> PyResult<Invoked> {
    let method = special(&value, "__bool__").or_else(|| special(&value, "__len__"));
    let Some(method) = method else {
        return done(Value::Bool(value.is_truthy()));
    };
    let result = vm.invoke(&method, Args::new(vec![value]))?;
    vm.then_after(
        result,
        Then::new(|_, result| done(Value::Bool(result.is_truthy()))),
    )
}

/// `object[index]`, with `__getitem__` (or a defaultdict's factory).
pub fn get_item(vm: &mut Vm, object: Value, index: Value) -> PyResult<Invoked> {
    if let Some(method) = special(&object, "__getitem__") {
        return vm.invoke(&method, Args::new(vec![object, index]));
    }
    keys::with_key(
        vm,
        &object.clone(),
        index,
        move |_, index| match default_dict::missing(&object, &index) {
            Some(made) => Ok(made),
            None => super::super::items::get_item(&object, &index).map(Invoked::Value),
        },
    )
}

/// `object[index] = value`, with `__setitem__` (what it gives is dropped).
pub fn set_item(vm: &mut Vm, object: Value, index: Value, item: Value) -> PyResult<Invoked> {
    let Some(method) = special(&object, "__setitem__") else {
        return keys::with_key(vm, &object.clone(), index, move |_, index| {
            super::super::items::set_item(&object, &index, item)?;
            Ok(Invoked::Switched)
        });
    };
    let called = vm.invoke(&method, Args::new(vec![object, index, item]))?;
    vm.then_after(called, Then::new(|_, _| Ok(Invoked::Switched)))
}

/// Runs an instruction whose operands include an instance with special methods (the loop sent
/// it here with its operands on the stack, see `exec.rs`).
pub fn slow_op(vm: &mut Vm, op: Op) -> PyResult<Invoked> {
    let Some(frame) = vm.thread.frames.last_mut() else {
        return raise(RuntimeError, "an operator lost its frame");
    };
    let mut pop = || frame.stack.pop().unwrap_or_default();
    match op {
        Op::Binary(operator) | Op::InPlace(operator) => {
            let right = pop();
            let left = pop();
            binary(vm, operator, left, right, matches!(op, Op::InPlace(_)))
        }
        Op::Compare(op) => {
            let right = pop();
            let left = pop();
            compare(vm, op, left, right)
        }
        Op::CompareJumpIfFalse(op, target) => {
            let right = pop();
            let left = pop();
            let compared = compare(vm, op, left, right)?;
            vm.then_after(compared, jump_unless(true, target))
        }
        Op::PopJumpIfFalse(target) | Op::PopJumpIfTrue(target) => {
            let value = pop();
            let truth = truth(vm, value)?;
            vm.then_after(
                truth,
                jump_unless(matches!(op, Op::PopJumpIfFalse(_)), target),
            )
        }
        Op::Unary(operator) => {
            let value = pop();
            if let Some(method) = unary_name(operator).and_then(|name| special(&value, name)) {
                return vm.invoke(&method, Args::new(vec![value]));
            }
            let truth = truth(vm, value)?;
            vm.then_after(
                truth,
                Then::new(|_, truth| done(Value::Bool(!truth.is_truthy()))),
            )
        }
        Op::GetItem => {
            let index = pop();
            let object = pop();
            get_item(vm, object, index)
        }
        Op::StoreItem => {
            let index = pop();
            let object = pop();
            let item = pop();
            set_item(vm, object, index, item)
        }
        Op::GetIter => {
            let iterable = pop();
            let Some(method) = special(&iterable, "__iter__") else {
                return raise(RuntimeError, "a loop lost its iterable");
            };
            let iterator = vm.invoke(&method, Args::new(vec![iterable]))?;
            vm.then_after(
                iterator,
                Then::new(|vm, iterator| {
                    let iter = ItemIter::over(&InstanceIterator::from_iter_method(iterator)?)?;
                    if let Some(frame) = vm.thread.frames.last_mut() {
                        frame.iters.push(iter);
                    }
                    Ok(Invoked::Switched)
                }),
            )
        }
        other => raise(RuntimeError, format!("{other:?} has no special method")),
    }
}

/// Jumps to `target` in the calling frame unless the value given is `expected`'s truth.
fn jump_unless(expected: bool, target: u32) -> Then {
    Then::new(move |vm, value| {
        if value.is_truthy() != expected {
            if let Some(frame) = vm.thread.frames.last_mut() {
                frame.pc = target as usize;
            }
        }
        Ok(Invoked::Switched)
    })
}
