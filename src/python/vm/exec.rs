//! The instruction loop: runs the innermost frame's instructions that only compute, and stops
//! for the ones that call, await or leave the frame.

use super::super::asyncio::never_awaited;
use super::super::code::{Code, Op};
use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::format::format_value;
use super::super::ir::{BinOp, CmpOp, Conversion, Display, Streamed};
use super::super::items::{delete_item, get_item, set_item};
use super::super::types::attribute;
use super::super::types::class;
use super::super::types::except_hook;
use super::super::types::exception;
use super::super::types::{dict, set};
use super::super::value::{
    binary, compare, discard, in_place, in_place_error, unary, Function, Value, MAX_SEQUENCE_LEN,
};
use super::except_star;
use super::keys;
use super::operators::has_operators;
use super::{
    cells, generator, has_methods, operators, Catch, Frame, ItemIter, PyThread, Step, Vm,
    CHECK_EVERY_STEPS, RECURSION_LIMIT,
};
use crate::event::lock;
use std::sync::Arc;

impl Vm<'_, '_> {
    /// Runs the innermost frame until an instruction needs more than the frame.
    pub(super) fn execute(&mut self) -> Step {
        let PyThread {
            frames,
            spare_frames,
            process,
            global_cache,
            ..
        } = &mut *self.thread;
        let globals = &process.globals;
        // In locals while the loop runs, in the frame and the VM when it stops.
        let mut ticks = self.ticks;
        // A Python function calling another, and returning, stays in this loop: it only
        // changes the frame the instructions come from.
        let step = loop {
            let depth = frames.len();
            // The caller's too: a return pushes its value onto the caller's stack at once.
            let Some((frame, callers)) = frames.split_last_mut() else {
                break Step::Return(Value::None);
            };
            // Borrowed field by field: the code is read while the rest changes, with no
            // reference count touched per entry (threads running one function would contend
            // for it).
            let Frame {
                function,
                pc: frame_pc,
                locals,
                stack,
                iters,
                withs,
                catches,
                caught,
                then,
                resumed,
                ..
            } = &mut **frame;
            let code = &*function.code;
            let mut pc = *frame_pc;
            // A jump, which checks for a stop and a switch now and then if it goes back.
            macro_rules! jump {
                ($target:expr) => {{
                    let target: u32 = $target;
                    if target as usize <= pc && ticks >= CHECK_EVERY_STEPS {
                        break Flow::Step(Step::JumpBack(target));
                    }
                    pc = target as usize;
                }};
            }
            // Jumps to `target` unless the comparison's outcome is true.
            macro_rules! jump_unless {
                ($outcome:expr, $target:expr) => {
                    match $outcome {
                        Ok(true) => Ok(()),
                        Ok(false) => {
                            jump!($target);
                            Ok(())
                        }
                        Err(error) => Err(error),
                    }
                };
            }
            let flow = loop {
                let at = pc;
                let op = code.ops[at];
                pc += 1;
                ticks += 1;
                let result: PyResult<()> = match op {
                    Op::LoadConst(index) => {
                        stack.push(quick_clone(&code.consts[index as usize]));
                        Ok(())
                    }
                    Op::LoadLocal(slot) => match &locals[slot as usize] {
                        Some(value) => {
                            stack.push(quick_clone(value));
                            Ok(())
                        }
                        None => Err(unbound(code, slot)),
                    },
                    Op::StoreLocal(slot) => {
                        match stack.last() {
                            Some(&Value::Int(n)) => {
                                stack.truncate(stack.len() - 1);
                                store_int(&mut locals[slot as usize], n);
                            }
                            _ => locals[slot as usize] = stack.pop(),
                        }
                        Ok(())
                    }
                    Op::LoadGlobal(slot) => match global_cache.load(globals, slot) {
                        Some(value) => {
                            stack.push(value);
                            Ok(())
                        }
                        None => raise(
                            NameError,
                            format!("name '{}' is not defined", globals.name(slot)),
                        ),
                    },
                    Op::StoreGlobal(slot) => {
                        globals.store(slot, pop(stack));
                        Ok(())
                    }
                    Op::LoadAttr(index) | Op::StoreAttr(index)
                        if has_properties(stack)
                            || stack.last().is_some_and(|object| {
                                except_hook::is_hook(object, &code.names[index as usize])
                            }) =>
                    {
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::LoadAttr(index) => {
                        let object = pop(stack);
                        attribute(&object, &code.names[index as usize])
                            .map(|value| stack.push(value))
                    }
                    Op::StoreAttr(index) => {
                        let object = pop(stack);
                        let value = pop(stack);
                        class::set_attribute(&object, &code.names[index as usize], value)
                    }
                    Op::LoadSuperAttr(index) => {
                        let instance = pop(stack);
                        let class = pop(stack);
                        class::super_attribute(&class, &instance, &code.names[index as usize])
                            .map(|value| stack.push(value))
                    }
                    Op::ReturnLocals => {
                        let namespace = code
                            .local_names
                            .iter()
                            .zip(locals.iter())
                            .filter_map(|(name, value)| match value {
                                // A variable of an enclosing function, passed on to methods.
                                Some(Value::Cell(_)) | None => None,
                                Some(value) => Some((Value::str(&**name), value.clone())),
                            })
                            .collect();
                        let namespace = Value::Dict(Arc::new(std::sync::Mutex::new(namespace)));
                        match callers.last_mut() {
                            Some(caller) if then.is_none() => {
                                caller.stack.push(namespace);
                                break Flow::Return;
                            }
                            _ => break Flow::Step(Step::Return(namespace)),
                        }
                    }
                    // An instance with special methods among the operands: they run as calls
                    // (see `operators.rs`), with the operands on the stack.
                    Op::InPlace(_) | Op::Compare(_) | Op::CompareJumpIfFalse(..) | Op::GetItem
                        if operators::among_top_two(stack) =>
                    {
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::Compare(CmpOp::In | CmpOp::NotIn)
                    | Op::CompareJumpIfFalse(CmpOp::In | CmpOp::NotIn, _)
                        if operators::searched_among_instances(stack) =>
                    {
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::StoreItem
                    | Op::PopJumpIfFalse(_)
                    | Op::PopJumpIfTrue(_)
                    | Op::GetIter
                    | Op::Unary(_)
                        if operators::special_at(stack, op) =>
                    {
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::BinaryConst(op, index) if stack.last().is_some_and(has_operators) => {
                        stack.push(code.consts[index as usize].clone());
                        break Flow::Step(Step::Slow(Op::Binary(op)));
                    }
                    Op::CompareConstJumpIfFalse(op, index, target)
                        if stack.last().is_some_and(has_operators) =>
                    {
                        stack.push(code.consts[index as usize].clone());
                        break Flow::Step(Step::Slow(Op::CompareJumpIfFalse(op, target)));
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
                    Op::Binary(op) => match &stack[..] {
                        [.., left, right]
                            if has_operators(left)
                                || has_operators(right)
                                || operators::formats_instances(op, left, right) =>
                        {
                            break Flow::Step(Step::Slow(Op::Binary(op)));
                        }
                        _ => binary_on_stack(stack, op),
                    },
                    Op::InPlace(op) => {
                        if let [.., Value::List(_) | Value::Dict(_), _] = &stack[..] {
                            let right = pop(stack);
                            let left = pop(stack);
                            in_place(op, &left, &right).map(|value| stack.push(value))
                        } else {
                            binary_on_stack(stack, op).map_err(|error| in_place_error(op, error))
                        }
                    }
                    Op::Unary(op) => {
                        let operand = pop(stack);
                        unary(op, &operand).map(|value| stack.push(value))
                    }
                    Op::Compare(op) => {
                        let right = pop(stack);
                        let left = pop(stack);
                        let outcome = fast_compare(op, &left, &right);
                        discard(left);
                        discard(right);
                        outcome.map(|b| stack.push(Value::Bool(b)))
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
                    Op::BuildSet(_)
                    | Op::BuildDict(_)
                    | Op::SetAdd
                    | Op::DictAdd
                    | Op::DeleteItem
                        if keys::keyed(stack, op) =>
                    {
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::BuildSet(count) => {
                        let items = take(stack, count);
                        set::built(items).map(|set| stack.push(set))
                    }
                    Op::CopySet(index) => match &code.consts[index as usize] {
                        Value::Set(constant) => {
                            let table = lock(&constant.table).clone();
                            stack.push(set::made(false, table));
                            Ok(())
                        }
                        _ => raise(RuntimeError, "a set display lost its items"),
                    },
                    Op::SetAdd => {
                        let item = pop(stack);
                        match stack.last() {
                            Some(Value::Set(set)) => lock(&set.table).add(item).map(drop),
                            _ => raise(RuntimeError, "a comprehension lost its set"),
                        }
                    }
                    Op::BuildDict(count) => {
                        let mut flat = take(stack, count * 2).into_iter();
                        let pairs = std::iter::from_fn(|| Some((flat.next()?, flat.next()?)));
                        dict::built(pairs).map(|dict| stack.push(dict))
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
                    Op::DictMerge => super::call::merge_keywords(stack),
                    Op::ListExtend(_) | Op::UnpackSequence(_) | Op::UnpackStarred { .. }
                        if generator::on_top(stack) =>
                    {
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::ListExtend(display) => {
                        let more = pop(stack);
                        match (stack.last(), more.items()) {
                            (Some(Value::List(items)), Ok(more)) => {
                                lock(items).extend(more);
                                Ok(())
                            }
                            (_, Err(_)) => raise(TypeError, not_spreadable(display, &more)),
                            _ => raise(RuntimeError, "a call lost its argument list"),
                        }
                    }
                    Op::ListInto(display) => match pop(stack) {
                        Value::List(items) if display == Display::Set => {
                            // As `BuildSet` with as many items: their keys may be the program's.
                            let count = lock(&items).len() as u32;
                            stack.extend(lock(&items).iter().cloned());
                            if keys::keyed(stack, Op::BuildSet(count)) {
                                break Flow::Step(Step::Slow(Op::BuildSet(count)));
                            }
                            set::built(take(stack, count)).map(|set| stack.push(set))
                        }
                        Value::List(items) => {
                            stack.push(Value::Tuple(lock(&items).as_slice().into()));
                            Ok(())
                        }
                        _ => raise(RuntimeError, "a display lost its list"),
                    },
                    Op::SumAdd => binary_on_stack(stack, BinOp::Add),
                    Op::DictUpdate => {
                        let mapping = pop(stack);
                        match (stack.last(), &mapping) {
                            (Some(dict), Value::Dict(pairs)) => {
                                let pairs = lock(pairs).clone();
                                pairs
                                    .into_iter()
                                    .try_for_each(|(key, value)| set_item(dict, &key, value))
                            }
                            (_, other) => raise(
                                TypeError,
                                format!("'{}' object is not a mapping", other.type_name()),
                            ),
                        }
                    }
                    Op::DictAdd => {
                        let value = pop(stack);
                        let key = pop(stack);
                        match stack.last() {
                            Some(dict) => set_item(dict, &key, value),
                            None => raise(RuntimeError, "a comprehension lost its dict"),
                        }
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
                        if has_methods(&value) || matches!(value, Value::Instance(_)) {
                            // The program's `__str__`/`__repr__` runs first (see `call.rs`).
                            stack.push(value);
                            if has_spec {
                                stack.push(Value::str(spec));
                            }
                            break Flow::Step(Step::Slow(op));
                        }
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
                        jump!(target);
                        Ok(())
                    }
                    Op::PopJumpIfFalse(target) => {
                        if !pop_truth(stack) {
                            jump!(target);
                        }
                        Ok(())
                    }
                    Op::BinaryConst(op, index) => {
                        binary_with(stack, op, &code.consts[index as usize])
                    }
                    // Each operand is read once: an instance with special methods among them
                    // sends the instruction, its operands on the stack, the slow way.
                    Op::LocalsBinary { op, left, right } => {
                        match (&locals[left as usize], &locals[right as usize]) {
                            (Some(value), Some(right))
                                if !has_operators(value)
                                    && !has_operators(right)
                                    && !operators::formats_instances(op, value, right) =>
                            {
                                stack.push(quick_clone(value));
                                binary_with(stack, op, right)
                            }
                            (Some(value), Some(right)) => {
                                stack.extend([value.clone(), right.clone()]);
                                break Flow::Step(Step::Slow(Op::Binary(op)));
                            }
                            (None, _) => Err(unbound(code, u32::from(left))),
                            (_, None) => Err(unbound(code, u32::from(right))),
                        }
                    }
                    Op::LocalBinaryConst { op, slot, index } => match &locals[slot as usize] {
                        Some(value) if !has_operators(value) => {
                            stack.push(quick_clone(value));
                            binary_with(stack, op, &code.consts[index as usize])
                        }
                        Some(value) => {
                            stack.extend([value.clone(), code.consts[index as usize].clone()]);
                            break Flow::Step(Step::Slow(Op::Binary(op)));
                        }
                        None => Err(unbound(code, slot)),
                    },
                    Op::CompareLocalConstJumpIfFalse {
                        op,
                        slot,
                        index,
                        target,
                    } => match &locals[slot as usize] {
                        Some(value) if !has_operators(value) => {
                            jump_unless!(
                                fast_compare(op, value, &code.consts[index as usize]),
                                target
                            )
                        }
                        Some(value) => {
                            stack.extend([value.clone(), code.consts[index as usize].clone()]);
                            break Flow::Step(Step::Slow(Op::CompareJumpIfFalse(op, target)));
                        }
                        None => Err(unbound(code, u32::from(slot))),
                    },
                    Op::CompareConstJumpIfFalse(op, index, target) => {
                        let left = pop(stack);
                        let outcome = fast_compare(op, &left, &code.consts[index as usize]);
                        discard(left);
                        jump_unless!(outcome, target)
                    }
                    Op::CompareJumpIfFalse(op, target) => {
                        let right = pop(stack);
                        let left = pop(stack);
                        let outcome = fast_compare(op, &left, &right);
                        discard(left);
                        discard(right);
                        jump_unless!(outcome, target)
                    }
                    Op::PopJumpIfTrue(target) => {
                        if pop_truth(stack) {
                            pc = target as usize;
                        }
                        Ok(())
                    }
                    Op::JumpIfFalseOrPop(target) => {
                        if stack.last().is_some_and(|v| !v.is_truthy()) {
                            pc = target as usize;
                        } else {
                            stack.pop();
                        }
                        Ok(())
                    }
                    Op::JumpIfTrueOrPop(target) => {
                        if stack.last().is_some_and(Value::is_truthy) {
                            pc = target as usize;
                        } else {
                            stack.pop();
                        }
                        Ok(())
                    }
                    Op::JumpIfNotBuiltin(target, index) => {
                        let name = Streamed::ALL[index as usize].name();
                        if !matches!(stack.last(), Some(Value::Builtin(native)) if native.name == name)
                        {
                            pc = target as usize;
                        }
                        Ok(())
                    }
                    Op::GetIter => {
                        let iterable = pop(stack);
                        ItemIter::over(&iterable).map(|iter| iters.push(iter))
                    }
                    Op::ForIter(end) => {
                        match iters.last_mut() {
                            Some(ItemIter::Generator(_) | ItemIter::Native(_)) => {
                                break Flow::Step(Step::Slow(op));
                            }
                            // Most loops' target is a local: stored at once, the store's
                            // instruction done here (a dispatch and a push and pop fewer).
                            Some(ItemIter::Range { next, left, step }) if *left > 0 => {
                                let item = *next;
                                *left -= 1;
                                *next = next.wrapping_add(*step);
                                match code.ops.get(pc) {
                                    Some(&Op::StoreLocal(slot)) => {
                                        store_int(&mut locals[slot as usize], item.into());
                                        pc += 1;
                                        ticks += 1;
                                    }
                                    _ => stack.push(Value::Int(item.into())),
                                }
                            }
                            Some(iter) => match iter.next_item() {
                                Some(item) => match code.ops.get(pc) {
                                    Some(&Op::StoreLocal(slot)) => {
                                        locals[slot as usize] = Some(item);
                                        pc += 1;
                                        ticks += 1;
                                    }
                                    _ => stack.push(item),
                                },
                                None => {
                                    iters.pop();
                                    pc = end as usize;
                                }
                            },
                            None => pc = end as usize,
                        }
                        Ok(())
                    }
                    Op::Send(end) => match iters.last_mut() {
                        Some(ItemIter::Generator(_) | ItemIter::Native(_)) => {
                            break Flow::Step(Step::Slow(op));
                        }
                        Some(iter) => match pop(stack) {
                            Value::None => {
                                match iter.next_item() {
                                    Some(item) => stack.push(item),
                                    None => {
                                        iters.pop();
                                        stack.push(Value::None);
                                        pc = end as usize;
                                    }
                                }
                                Ok(())
                            }
                            _ => raise(AttributeError, "'iterator' object has no attribute 'send'"),
                        },
                        None => raise(RuntimeError, "a yield from lost its iterator"),
                    },
                    Op::PopIter => {
                        if matches!(iters.last(), Some(ItemIter::Generator(generator)) if generator::closes_when_dropped(generator))
                        {
                            break Flow::Step(Step::Slow(op));
                        }
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
                    Op::UnpackStarred { before, after } => {
                        let value = pop(stack);
                        value.items().and_then(|mut items| {
                            let (before, after) = (before as usize, after as usize);
                            if items.len() < before + after {
                                return raise(
                                    ValueError,
                                    format!(
                                        "not enough values to unpack (expected at least {}, got {})",
                                        before + after,
                                        items.len()
                                    ),
                                );
                            }
                            let tail = items.split_off(items.len() - after);
                            let middle = items.split_off(before);
                            stack.extend(tail.into_iter().rev());
                            stack.push(Value::list(middle));
                            stack.extend(items.into_iter().rev());
                            Ok(())
                        })
                    }
                    Op::MakeFunction {
                        code: index,
                        defaults,
                        closure,
                    } => {
                        let closure = take(stack, u32::from(closure));
                        let defaults = take(stack, u32::from(defaults));
                        stack.push(Value::Function(Arc::new(Function::new(
                            Arc::clone(&code.codes[index as usize]),
                            defaults,
                            closure,
                        ))));
                        Ok(())
                    }
                    Op::DeleteLocal(slot) => match locals[slot as usize].take() {
                        Some(_) => Ok(()),
                        None => Err(unbound(code, slot)),
                    },
                    Op::DeleteDeref(slot) => {
                        cells::load(code, locals, slot).and_then(|_| cells::clear(locals, slot))
                    }
                    Op::DeleteGlobal(slot) => {
                        if globals.delete(slot) {
                            Ok(())
                        } else {
                            raise(
                                NameError,
                                format!("name '{}' is not defined", globals.name(slot)),
                            )
                        }
                    }
                    Op::DeleteItem => {
                        let index = pop(stack);
                        let object = pop(stack);
                        delete_item(&object, &index)
                    }
                    Op::DeleteAttr(index) => {
                        let object = pop(stack);
                        class::delete_attribute(&object, &code.names[index as usize])
                    }
                    Op::LoadDeref(slot) => {
                        cells::load(code, locals, slot).map(|value| stack.push(value))
                    }
                    Op::StoreDeref(slot) => cells::store(locals, slot, pop(stack)),
                    Op::MakeCell(slot) => {
                        cells::make(locals, slot);
                        Ok(())
                    }
                    Op::CopyFreeVars => {
                        for (&slot, cell) in code.free_slots.iter().zip(&function.closure) {
                            locals[slot as usize] = Some(cell.clone());
                        }
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
                    // `await f(…)` of an async function: its frame runs as a call's, and the
                    // `await` is done with it (the coroutine it would take is never made).
                    Op::Call(argc) => {
                        // Past the check interval the call goes the slow way, which checks.
                        if depth < RECURSION_LIMIT && ticks < CHECK_EVERY_STEPS {
                            let awaited = matches!(code.ops.get(pc), Some(Op::Await));
                            if let Some(callee) =
                                Frame::quick_call(stack, argc, awaited, spare_frames)
                            {
                                pc += usize::from(awaited);
                                break Flow::Call(callee);
                            }
                        }
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::CallGlobal { slot, argc } => {
                        let quick = depth < RECURSION_LIMIT && ticks < CHECK_EVERY_STEPS;
                        match global_cache.get(globals, slot) {
                            Some(Value::Function(function)) if quick => {
                                let awaited = matches!(code.ops.get(pc), Some(Op::Await));
                                if let Some(callee) = Frame::quick_call_lent(
                                    function,
                                    stack,
                                    argc,
                                    awaited,
                                    spare_frames,
                                ) {
                                    pc += usize::from(awaited);
                                    break Flow::Call(callee);
                                }
                                let function = Value::Function(Arc::clone(function));
                                stack.insert(stack.len() - argc as usize, function);
                                break Flow::Step(Step::Slow(Op::Call(argc)));
                            }
                            Some(callee) => {
                                let callee = callee.clone();
                                stack.insert(stack.len() - argc as usize, callee);
                                break Flow::Step(Step::Slow(Op::Call(argc)));
                            }
                            None => raise(
                                NameError,
                                format!("name '{}' is not defined", globals.name(slot)),
                            ),
                        }
                    }
                    Op::Return | Op::ReturnLocal(_) => {
                        let value = match op {
                            // Moved out, not cloned: the frame ends.
                            Op::ReturnLocal(slot) => match locals[slot as usize].take() {
                                Some(value) => value,
                                None => {
                                    break Flow::Step(Step::Raise(
                                        unbound(code, slot).at(code.position(at)),
                                    ))
                                }
                            },
                            _ => pop(stack),
                        };
                        match callers.last_mut() {
                            Some(caller) if then.is_none() && resumed.is_none() => {
                                caller.stack.push(value);
                                break Flow::Return;
                            }
                            _ => break Flow::Step(Step::Return(value)),
                        }
                    }
                    Op::Yield => match generator::collect(resumed, pop(stack)) {
                        Ok(None) => {
                            stack.push(Value::None);
                            Ok(())
                        }
                        Ok(Some(value)) => break Flow::Step(Step::Yield(value)),
                        Err(error) => Err(error),
                    },
                    Op::SetupHandler(target) => {
                        catches.push(Catch {
                            target,
                            stack_len: stack.len() as u32,
                            iters_len: iters.len() as u32,
                            withs_len: withs.len() as u32,
                            caught_len: caught.len() as u32,
                        });
                        Ok(())
                    }
                    Op::PopHandler => {
                        catches.pop();
                        Ok(())
                    }
                    Op::ExceptMatch => {
                        let classes = pop(stack);
                        // The exception being handled is the frame's innermost caught one.
                        match caught.last() {
                            Some(exception) => exception::matches(exception, &classes)
                                .map(|matched| stack.push(Value::Bool(matched))),
                            None => raise(RuntimeError, "an except clause lost its exception"),
                        }
                    }
                    Op::EndExcept => {
                        caught.pop();
                        Ok(())
                    }
                    Op::ExceptStarBegin => {
                        let exception = pop(stack);
                        stack.push(exception.clone());
                        stack.push(Value::list(Vec::new()));
                        stack.push(Value::list(Vec::new()));
                        stack.push(exception);
                        Ok(())
                    }
                    Op::ExceptStarMatch => {
                        let classes = pop(stack);
                        match stack.last() {
                            Some(Value::None) | None => {
                                stack.push(Value::Bool(false));
                                Ok(())
                            }
                            Some(rest) => exception::split_group(rest, &classes).map(|split| {
                                if let (Some(matched), rest) = split {
                                    let len = stack.len();
                                    stack[len - 1] = rest.unwrap_or_default();
                                    caught.push(except_star::handled_part(&matched, caught));
                                    stack.push(matched);
                                    stack.push(Value::Bool(true));
                                } else {
                                    stack.push(Value::Bool(false));
                                }
                            }),
                        }
                    }
                    Op::ExceptStarRaised => {
                        let raised = pop(stack);
                        let landed = caught.pop();
                        let handled = caught.pop();
                        discard(raised);
                        let again = except_star::is_raised_again(landed.as_ref(), handled.as_ref());
                        let len = stack.len();
                        let into = if again { len - 2 } else { len - 3 };
                        if let Some(landed) = landed {
                            except_star::keep(&stack[into], landed);
                        }
                        Ok(())
                    }
                    Op::ExceptStarEnd => {
                        let rest = pop(stack);
                        let reraised = pop(stack);
                        let raised = pop(stack);
                        let exception = pop(stack);
                        let handled = caught.pop();
                        except_star::raise_what_is_left(
                            exception, raised, reraised, rest, handled, depth,
                        )
                    }
                    Op::Reraise => {
                        stack.pop();
                        match caught.pop() {
                            Some(exception) => Err(exception),
                            None => raise(RuntimeError, "No active exception to reraise"),
                        }
                    }
                    Op::RaiseCaught => match caught.last() {
                        Some(exception) => Err(exception.clone()),
                        None => raise(RuntimeError, "No active exception to reraise"),
                    },
                    Op::Raise { has_cause } => {
                        let cause = if has_cause { stack.pop() } else { None };
                        exception::to_raise(&pop(stack))
                            .and_then(|raised| exception::caused_by(raised, cause))
                            .and_then(Err)
                    }
                    Op::Pop if stack.last().is_some_and(|top| never_awaited(top).is_some()) => {
                        break Flow::Step(Step::Slow(op));
                    }
                    Op::Pop => {
                        discard(pop(stack));
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
                    Op::CallKw { .. }
                    | Op::CallList { .. }
                    | Op::CallMapping
                    | Op::Await
                    | Op::BuildClass { .. }
                    | Op::EnterWith
                    | Op::ExitWith
                    | Op::ExitWithException => break Flow::Step(Step::Slow(op)),
                };
                if let Err(error) = result {
                    break Flow::Step(Step::Raise(error.at(code.position(at))));
                }
            };
            *frame_pc = pc;
            match flow {
                Flow::Step(step) => break step,
                Flow::Call(callee) => frames.push(callee),
                Flow::Return => {
                    if let Some(done) = frames.pop() {
                        done.retire(spare_frames);
                    }
                }
            }
        };
        self.ticks = ticks;
        step
    }
}

/// How a frame's run of instructions ended.
enum Flow {
    /// For the VM outside the loop.
    Step(Step),
    /// A quick call: the callee's frame goes on top.
    Call(Box<Frame>),
    /// A return to a Python caller, whose stack has the value.
    Return,
}

/// Whether the object on top of the stack is an instance of a class with properties.
#[inline]
fn has_properties(stack: &[Value]) -> bool {
    matches!(stack.last(), Some(Value::Instance(instance)) if instance.class.has_properties)
}

/// Reading a local not yet assigned.
fn unbound(code: &Code, slot: u32) -> Exception {
    Exception::new(
        UnboundLocalError,
        format!(
            "cannot access local variable '{}' where it is not associated with a value",
            code.local_names[slot as usize]
        ),
    )
}

/// The top of a frame's stack. The compiler balances every push with a pop, so an empty
/// stack would be a compiler bug; `None` keeps it from being a crash.
#[inline(always)]
/// CPython's message for a `*value` that is not iterable: in a call's arguments (`None`) or in
/// a display.
fn not_spreadable(display: Option<Display>, value: &Value) -> String {
    match display {
        None => format!(
            "argument after * must be an iterable, not {}",
            value.type_name()
        ),
        Some(Display::Set) => format!("'{}' object is not iterable", value.type_name()),
        Some(_) => format!(
            "Value after * must be an iterable, not {}",
            value.type_name()
        ),
    }
}

fn pop(stack: &mut Vec<Value>) -> Value {
    // Not `unwrap_or(Value::None)`: the unused `None` would be dropped, a call each time.
    stack.pop().unwrap_or_default()
}

/// A clone, inlined for what the loop copies most: ints, bools and functions (the full clone
/// is a call).
#[inline(always)]
fn quick_clone(value: &Value) -> Value {
    match value {
        Value::Int(n) => Value::Int(*n),
        Value::Bool(b) => Value::Bool(*b),
        Value::Function(function) => Value::Function(Arc::clone(function)),
        other => other.clone(),
    }
}

/// Stores an int in a local. Over an int, only the number is written: a whole value moved in,
/// just made by narrower writes, is read back in halves the processor cannot forward from
/// them (a stall of a dozen cycles, on every turn of a counting loop).
#[inline(always)]
fn store_int(local: &mut Option<Value>, n: super::super::value::Int) {
    match local {
        Some(Value::Int(old)) => *old = n,
        other => *other = Some(Value::Int(n)),
    }
}

/// Takes the top of the stack for an `if`: is it true?
#[inline(always)]
fn pop_truth(stack: &mut Vec<Value>) -> bool {
    match pop(stack) {
        Value::Bool(b) => b,
        other => other.is_truthy(),
    }
}

/// The top `count` values, in the order they were pushed.
fn take(stack: &mut Vec<Value>, count: u32) -> Vec<Value> {
    let at = stack.len().saturating_sub(count as usize);
    stack.split_off(at)
}

/// `[left, right] -> [left op right]`. Two ints that fit 64 bits are added, subtracted,
/// multiplied or masked in 64-bit arithmetic (128-bit multiplication is a library call in
/// wasm, and the tutorials' loops, `x = (x * 1103515245 + 12345) & 0x7FFFFFFF`, are all small
/// ints), with the result written over the left operand.
#[inline(always)]
fn binary_on_stack(stack: &mut Vec<Value>, op: BinOp) -> PyResult<()> {
    let right = pop(stack);
    let result = binary_with(stack, op, &right);
    discard(right);
    result
}

/// `[left] -> [left op right]`, as `binary_on_stack` computes it.
#[inline(always)]
fn binary_with(stack: &mut Vec<Value>, op: BinOp, right: &Value) -> PyResult<()> {
    if let (Some(Value::Int(left)), Value::Int(b)) = (stack.last_mut(), right) {
        if let (Ok(a), Ok(b)) = (i64::try_from(*left), i64::try_from(*b)) {
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
                *left = result.into();
                return Ok(());
            }
        }
    }
    let left = pop(stack);
    binary(op, &left, right).map(|value| stack.push(value))
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
