//! The instruction loop: runs the innermost frame's instructions that only compute, and stops
//! for the ones that call, await or leave the frame.

use super::super::code::Op;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::format::format_value;
use super::super::ir::{BinOp, CmpOp, Conversion};
use super::super::items::{get_item, set_item};
use super::super::modules::builtin;
use super::super::types::attribute;
use super::super::value::{binary, compare, in_place, unary, Value, MAX_SEQUENCE_LEN};
use super::{Frame, ItemIter, Step, Vm, CHECK_EVERY_STEPS};
use crate::event::lock;
use std::sync::Arc;

impl Vm<'_, '_> {
    /// Runs the innermost frame until an instruction needs more than the frame.
    pub(super) fn execute(&mut self) -> Step {
        let thread = &mut *self.thread;
        let Some(frame) = thread.frames.last_mut() else {
            return Step::Return(Value::None);
        };
        // Borrowed field by field: the code is read while the rest changes, with no reference
        // count touched per entry (threads running one function would contend for it).
        let Frame {
            code,
            pc: next,
            locals,
            stack,
            iters,
            ..
        } = frame;
        let globals = &thread.process.globals;
        loop {
            let pc = *next;
            let op = code.ops[pc];
            *next += 1;
            self.ticks += 1;
            let result: PyResult<()> = match op {
                Op::LoadConst(index) => {
                    stack.push(code.consts[index as usize].clone());
                    Ok(())
                }
                Op::LoadLocal(slot) => match &locals[slot as usize] {
                    Some(value) => {
                        stack.push(value.clone());
                        Ok(())
                    }
                    None => raise(
                        UnboundLocalError,
                        format!(
                            "cannot access local variable '{}' where it is not associated with a value",
                            code.local_names[slot as usize]
                        ),
                    ),
                },
                Op::StoreLocal(slot) => {
                    locals[slot as usize] = stack.pop();
                    Ok(())
                }
                Op::LoadGlobal(index) => {
                    let name = &code.names[index as usize];
                    let found = lock(globals).get(name).cloned();
                    match found.or_else(|| builtin(name)) {
                        Some(value) => {
                            stack.push(value);
                            Ok(())
                        }
                        None => raise(NameError, format!("name '{name}' is not defined")),
                    }
                }
                Op::StoreGlobal(index) => {
                    let value = pop(stack);
                    lock(globals).insert(Arc::clone(&code.names[index as usize]), value);
                    Ok(())
                }
                Op::LoadAttr(index) => {
                    let object = pop(stack);
                    attribute(&object, &code.names[index as usize])
                        .map(|value| stack.push(value))
                }
                Op::GetItem => {
                    let index = pop(stack);
                    let object = pop(stack);
                    get_item(&object, &index).map(|value| stack.push(value))
                }
                Op::StoreItem => {
                    let index = pop(stack);
                    let object = pop(stack);
                    let value = pop(stack);
                    set_item(&object, &index, value)
                }
                Op::Binary(op) => {
                    let right = pop(stack);
                    let left = pop(stack);
                    fast_binary(op, &left, &right).map(|value| stack.push(value))
                }
                Op::InPlace(op) => {
                    let right = pop(stack);
                    let left = pop(stack);
                    let result = match left {
                        Value::List(_) => in_place(op, &left, &right),
                        _ => fast_binary(op, &left, &right),
                    };
                    result.map(|value| stack.push(value))
                }
                Op::Unary(op) => {
                    let operand = pop(stack);
                    unary(op, &operand).map(|value| stack.push(value))
                }
                Op::Compare(op) => {
                    let right = pop(stack);
                    let left = pop(stack);
                    fast_compare(op, &left, &right).map(|b| stack.push(Value::Bool(b)))
                }
                Op::BuildList(count) => {
                    let items = take(stack, count);
                    stack.push(Value::list(items));
                    Ok(())
                }
                Op::BuildTuple(count) => {
                    let items = take(stack, count);
                    stack.push(Value::Tuple(items.into()));
                    Ok(())
                }
                Op::BuildDict(count) => {
                    let flat = take(stack, count * 2);
                    let dict = Value::Dict(Arc::default());
                    let mut pairs = flat.into_iter();
                    let mut built = Ok(());
                    while let (Some(key), Some(value)) = (pairs.next(), pairs.next()) {
                        built = built.and_then(|()| set_item(&dict, &key, value));
                    }
                    built.map(|()| stack.push(dict))
                }
                Op::ListAppend => {
                    let item = pop(stack);
                    match stack.last() {
                        Some(Value::List(items)) => {
                            let mut items = lock(items);
                            if items.len() >= MAX_SEQUENCE_LEN {
                                raise(MemoryError, "list too long")
                            } else {
                                items.push(item);
                                Ok(())
                            }
                        }
                        _ => raise(RuntimeError, "a comprehension lost its list"),
                    }
                }
                Op::ListExtend => {
                    let more = pop(stack);
                    match (stack.last(), more.items()) {
                        (Some(Value::List(items)), Ok(more)) => {
                            lock(items).extend(more);
                            Ok(())
                        }
                        (_, Err(_)) => raise(
                            TypeError,
                            format!(
                                "argument after * must be an iterable, not {}",
                                more.type_name()
                            ),
                        ),
                        _ => raise(RuntimeError, "a call lost its argument list"),
                    }
                }
                Op::SumAdd => {
                    let item = pop(stack);
                    let total = pop(stack);
                    fast_binary(BinOp::Add, &total, &item).map(|sum| stack.push(sum))
                }
                Op::FormatValue {
                    conversion,
                    has_spec,
                } => {
                    let spec = if has_spec {
                        pop(stack).to_str()
                    } else {
                        String::new()
                    };
                    let value = pop(stack);
                    let value = match conversion {
                        Conversion::None => value,
                        Conversion::Str => Value::str(value.to_str()),
                        Conversion::Repr => Value::str(value.repr()),
                    };
                    format_value(&value, &spec).map(|text| stack.push(Value::str(text)))
                }
                Op::BuildString(count) => {
                    let parts = take(stack, count);
                    let text: String = parts.iter().map(Value::to_str).collect();
                    if text.len() > MAX_SEQUENCE_LEN {
                        raise(MemoryError, "string too long")
                    } else {
                        stack.push(Value::str(text));
                        Ok(())
                    }
                }
                Op::Jump(target) => {
                    if target as usize <= pc && self.ticks >= CHECK_EVERY_STEPS {
                        return Step::JumpBack(target);
                    }
                    *next = target as usize;
                    Ok(())
                }
                Op::PopJumpIfFalse(target) => {
                    if !pop(stack).is_truthy() {
                        if target as usize <= pc && self.ticks >= CHECK_EVERY_STEPS {
                            return Step::JumpBack(target);
                        }
                        *next = target as usize;
                    }
                    Ok(())
                }
                Op::PopJumpIfTrue(target) => {
                    if pop(stack).is_truthy() {
                        *next = target as usize;
                    }
                    Ok(())
                }
                Op::JumpIfFalseOrPop(target) => {
                    if stack.last().is_some_and(|v| !v.is_truthy()) {
                        *next = target as usize;
                    } else {
                        stack.pop();
                    }
                    Ok(())
                }
                Op::JumpIfTrueOrPop(target) => {
                    if stack.last().is_some_and(Value::is_truthy) {
                        *next = target as usize;
                    } else {
                        stack.pop();
                    }
                    Ok(())
                }
                Op::JumpIfNotSum(target) => {
                    if !matches!(stack.last(), Some(Value::Builtin(native)) if native.name == "sum") {
                        *next = target as usize;
                    }
                    Ok(())
                }
                Op::GetIter => {
                    let iterable = pop(stack);
                    ItemIter::over(&iterable).map(|iter| iters.push(iter))
                }
                Op::ForIter(end) => {
                    match iters.last_mut().and_then(ItemIter::next_item) {
                        Some(item) => stack.push(item),
                        None => {
                            iters.pop();
                            *next = end as usize;
                        }
                    }
                    Ok(())
                }
                Op::PopIter => {
                    iters.pop();
                    Ok(())
                }
                Op::UnpackSequence(count) => {
                    let value = pop(stack);
                    value.items().and_then(|items| {
                        if items.len() != count as usize {
                            let problem = if items.len() > count as usize {
                                format!("too many values to unpack (expected {count})")
                            } else {
                                format!(
                                    "not enough values to unpack (expected {count}, got {})",
                                    items.len()
                                )
                            };
                            return raise(ValueError, problem);
                        }
                        stack.extend(items.into_iter().rev());
                        Ok(())
                    })
                }
                Op::MakeFunction { code: index, defaults } => {
                    let defaults = take(stack, defaults);
                    stack.push(Value::Function(Arc::new(super::super::value::Function {
                            code: Arc::clone(&code.codes[index as usize]),
                            defaults,
                        })));
                    Ok(())
                }
                Op::RaiseAssertion { has_message } => {
                    let message = if has_message {
                        pop(stack).to_str()
                    } else {
                        String::new()
                    };
                    raise(AssertionError, message)
                }
                Op::Return => return Step::Return(pop(stack)),
                Op::Pop => {
                    stack.pop();
                    Ok(())
                }
                Op::Dup => {
                    let top = stack.last().cloned().unwrap_or(Value::None);
                    stack.push(top);
                    Ok(())
                }
                Op::DupTwo => {
                    let len = stack.len();
                    let pair = stack[len.saturating_sub(2)..].to_vec();
                    stack.extend(pair);
                    Ok(())
                }
                Op::RotTwo => {
                    let len = stack.len();
                    stack.swap(len - 1, len - 2);
                    Ok(())
                }
                Op::RotThree => {
                    let top = pop(stack);
                    let at = stack.len() - 2;
                    stack.insert(at, top);
                    Ok(())
                }
                Op::Call(_)
                | Op::CallKw { .. }
                | Op::CallList { .. }
                | Op::Await
                | Op::EnterWith
                | Op::ExitWith => return Step::Slow(op),
            };
            if let Err(error) = result {
                return Step::Raise(error.at(code.position(pc)));
            }
        }
    }
}

/// The top of a frame's stack. The compiler balances every push with a pop, so an empty
/// stack would be a compiler bug; `None` keeps it from being a crash.
#[inline]
fn pop(stack: &mut Vec<Value>) -> Value {
    stack.pop().unwrap_or(Value::None)
}

/// The top `count` values, in the order they were pushed.
fn take(stack: &mut Vec<Value>, count: u32) -> Vec<Value> {
    let at = stack.len().saturating_sub(count as usize);
    stack.split_off(at)
}

/// `binary`, with ints that fit 64 bits added, subtracted, multiplied and masked in 64-bit
/// arithmetic: 128-bit multiplication is a library call in wasm, and the tutorials' loops
/// (`x = (x * 1103515245 + 12345) & 0x7FFFFFFF`) are all small ints.
#[inline]
fn fast_binary(op: BinOp, left: &Value, right: &Value) -> PyResult<Value> {
    if let (Value::Int(a), Value::Int(b)) = (left, right) {
        if let (Ok(a), Ok(b)) = (i64::try_from(*a), i64::try_from(*b)) {
            let quick = match op {
                BinOp::Add => a.checked_add(b),
                BinOp::Sub => a.checked_sub(b),
                BinOp::Mul => a.checked_mul(b),
                BinOp::BitAnd => Some(a & b),
                BinOp::BitOr => Some(a | b),
                BinOp::BitXor => Some(a ^ b),
                _ => None,
            };
            if let Some(result) = quick {
                return Ok(Value::Int(result.into()));
            }
        }
    }
    binary(op, left, right)
}

#[inline]
fn fast_compare(op: CmpOp, left: &Value, right: &Value) -> PyResult<bool> {
    if let (Value::Int(a), Value::Int(b)) = (left, right) {
        return Ok(match op {
            CmpOp::Lt => a < b,
            CmpOp::LtE => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::GtE => a >= b,
            CmpOp::Eq | CmpOp::Is => a == b,
            CmpOp::NotEq | CmpOp::IsNot => a != b,
            CmpOp::In | CmpOp::NotIn => return compare(op, left, right),
        });
    }
    compare(op, left, right)
}
