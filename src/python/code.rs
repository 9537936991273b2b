//! Bytecode: what the compiler makes of a function and the VM runs. A code object is a flat
//! list of instructions for a stack machine, each with the place in the source it came from,
//! so any instruction can be where a thread pauses and any error names its line and column.

use super::ir::{BinOp, CmpOp, Conversion, Display, Name, Pos, UnaryOp};
use super::value::Value;
use std::sync::Arc;

/// One instruction. Operands index the code object's `consts`, `names` or `codes`, or the
/// program's global slots, or are counts and jump targets (instruction indices).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    LoadConst(u32),
    LoadLocal(u32),
    StoreLocal(u32),
    /// The value in the cell in a local slot: a variable an inner function shares.
    LoadDeref(u32),
    StoreDeref(u32),
    /// Puts a local (a parameter's value, or nothing yet) into a new cell, at a function's
    /// start.
    MakeCell(u32),
    /// Puts the function's closure, its enclosing functions' cells, into its free variables'
    /// slots, at its start.
    CopyFreeVars,
    /// `del name`, of a local, a shared variable or a global.
    DeleteLocal(u32),
    DeleteDeref(u32),
    DeleteGlobal(u32),
    /// `[object, index] ->`: `del object[index]`.
    DeleteItem,
    /// `[object] ->`: `del object.name`.
    DeleteAttr(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    LoadAttr(u32),
    /// `[value, object] ->`: `object.name = value`.
    StoreAttr(u32),
    /// `[class, instance] -> attribute`: `super().name` in a method of `class`.
    LoadSuperAttr(u32),
    /// `[body, bases…] -> class`: runs the class body (a function giving its namespace) and
    /// makes the class.
    BuildClass {
        bases: u32,
    },
    /// Ends a class body: returns its locals as a dict, the class's namespace.
    ReturnLocals,
    /// `[object, index] -> object[index]`
    GetItem,
    /// `[value, object, index] ->`: `object[index] = value`.
    StoreItem,
    Binary(BinOp),
    /// `[left] -> [left op consts[index]]`: `n - 1`.
    BinaryConst(BinOp, u32),
    /// `[] -> [left op right]` of two locals (`a + b`), for the first 65,536 locals.
    LocalsBinary {
        op: BinOp,
        left: u16,
        right: u16,
    },
    /// `[] -> [local op consts[index]]`: `n - 1` with `n` a local.
    LocalBinaryConst {
        op: BinOp,
        slot: u32,
        index: u32,
    },
    /// `x op= y`: lists grow in place, the rest as `Binary`.
    InPlace(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    /// `[] -> [set]`: a new set with the items of the frozenset `consts[index]`, in its order.
    CopySet(u32),
    /// `[set, item] -> [set]`: a set comprehension's item.
    SetAdd,
    /// `[k1, v1, …, kn, vn] -> dict`
    BuildDict(u32),
    /// `[list, item] -> [list]`: a comprehension's append, or a call's argument.
    ListAppend,
    /// `[dict, key, value] -> [dict]`: a dict comprehension's item.
    DictAdd,
    /// `[dict, mapping] -> [dict]`: `{**mapping}` in a dict display.
    DictUpdate,
    /// `[value] -> [what the generator is sent]`: a generator gives `value` to whoever resumed
    /// it, and waits.
    Yield,
    /// `[list, iterable] -> [list]`: the items of a `*args` argument, or of a display's
    /// `*iterable` (which is in CPython's message for one that is not).
    ListExtend(Option<Display>),
    /// `[list] -> [tuple or set]`: a display with `*iterable` items, built as a list first.
    ListInto(Display),
    /// `[total, item] -> [total + item]`: a streamed `sum`.
    SumAdd,
    FormatValue {
        conversion: Conversion,
        has_spec: bool,
    },
    BuildString(u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    /// `[left, right] ->`: compares, and jumps if that is false (an `if` or `while` on one
    /// comparison, without a bool in between).
    CompareJumpIfFalse(CmpOp, u32),
    /// `[left] ->`: `CompareJumpIfFalse` against `consts[index]` (`if n < 2`).
    CompareConstJumpIfFalse(CmpOp, u32, u32),
    /// `[] ->`: `CompareConstJumpIfFalse` of a local (`if n < 2` with `n` a local), for the
    /// first 65,536 locals and constants.
    CompareLocalConstJumpIfFalse {
        op: CmpOp,
        slot: u16,
        index: u16,
        target: u32,
    },
    /// `and`: keeps a falsy left operand and jumps, else pops it.
    JumpIfFalseOrPop(u32),
    /// `or`: keeps a truthy left operand and jumps, else pops it.
    JumpIfTrueOrPop(u32),
    /// Jumps unless the top of the stack is the builtin `Streamed::ALL[index]` (which is left in
    /// place). A plain index, not the enum: an enum's spare values let the compiler encode
    /// `Op`'s own tag in them, which made every instruction's dispatch slower (fib 5%).
    JumpIfNotBuiltin(u32, u8),
    /// `[iterable] -> []`: its iterator goes onto the frame's iterator stack.
    GetIter,
    /// Pushes the innermost iterator's next item, or drops the iterator and jumps when it is
    /// exhausted.
    ForIter(u32),
    /// Drops the innermost iterator (a `break`).
    PopIter,
    /// `yield from`'s step, `[sent] -> [item]`: sends `sent` into the innermost iterator (a
    /// generator's paused `yield` gives it; other iterators take only `None`) and pushes what
    /// it yields; once it ends, drops it, pushes its return value and jumps.
    Send(u32),
    UnpackSequence(u32),
    /// `[iterable] -> [after…, list, before…]`: unpacking with a `*rest` target between
    /// `before` targets and `after` ones.
    UnpackStarred {
        before: u16,
        after: u16,
    },
    /// `[func, args…] -> result`
    Call(u32),
    /// `[args…] -> result`: calls the global in `slot` with `argc` positional arguments that
    /// were evaluated first (the compiler makes sure that changes nothing a program sees).
    CallGlobal {
        slot: u32,
        argc: u32,
    },
    /// `[func, args…, kwargs…] -> result`; the operand names a tuple of keyword names.
    CallKw {
        argc: u32,
        names: u32,
    },
    /// `[func, list of positional args, kwargs…] -> result`
    CallList {
        names: u32,
    },
    /// `[func, list of positional args, dict of keyword args] -> result`
    CallMapping,
    /// `[func, list, dict, mapping] -> [func, list, dict]`: a `**mapping` argument's items
    /// added to the call's keywords.
    DictMerge,
    /// `[defaults…, cells…] -> function`: the cells are the closure.
    MakeFunction {
        code: u32,
        defaults: u16,
        closure: u16,
    },
    Await,
    /// `[manager] -> [what __enter__ gave]`; the manager goes onto the frame's `with` stack.
    EnterWith,
    /// Leaves the innermost `with`: `[] -> [what __exit__ gave]`.
    ExitWith,
    /// Leaves the innermost `with` for the exception being handled (on the stack, and the
    /// frame's innermost caught one): `[exception] -> [exception, what __exit__ gave]`.
    ExitWithException,
    /// `[message?] ->` raises `AssertionError`.
    RaiseAssertion {
        has_message: bool,
    },
    Return,
    /// `return local`, the local moved out.
    ReturnLocal(u32),
    /// Starts a `try` body: an exception in it jumps to the target, with the stack, loops
    /// and `with` blocks as they were here and the exception pushed.
    SetupHandler(u32),
    /// Ends a `try` body.
    PopHandler,
    /// `[classes] -> [caught?]`: whether an `except classes` clause takes the exception being
    /// handled (the frame's innermost caught one).
    ExceptMatch,
    /// Ends an `except` clause (or a `finally` run for an exception): the exception it
    /// caught is done with.
    EndExcept,
    /// `[exception] -> [exception, raised, reraised, rest]`: before the `except*` clauses,
    /// the lists of what they raise anew and raise again (bare `raise`), and what is left of
    /// the exception for them to take (all of it).
    ExceptStarBegin,
    /// `[…, rest, classes] -> […, rest', matched, true]` or `[…, rest, false]`: an `except*`
    /// clause takes the part of what is left of the exception (group) that its classes match,
    /// and handles it (the exception being handled in its body); `rest'` is `None` once
    /// nothing is left.
    ExceptStarMatch,
    /// `[…, raised, reraised, rest, exception] -> […, raised, reraised, rest]`: an `except*`
    /// clause raised `exception`, which goes in `raised`, or in `reraised` if it is the part
    /// the clause handled, raised again.
    ExceptStarRaised,
    /// `[exception, raised, reraised, rest] ->`: after the `except*` clauses, raises what none
    /// took (the exception itself, traceback and all, if none took any of it) with what they
    /// raised, as CPython gathers them.
    ExceptStarEnd,
    /// `[exception] ->`: raises again the exception being handled (no clause took it, or a
    /// `finally` ran for it).
    Reraise,
    /// A bare `raise` in an `except` clause.
    RaiseCaught,
    /// `[exception, cause?] ->` raises.
    Raise {
        has_cause: bool,
    },
    Pop,
    Dup,
    DupTwo,
    RotTwo,
    /// `[a, b, c] -> [c, a, b]`
    RotThree,
}

/// A compiled function (or the module): its instructions and what they refer to.
#[derive(Debug)]
pub struct Code {
    pub name: Name,
    /// `Worker.run`, `outer.<locals>.inner` (see `FunctionCode`).
    pub qualname: Name,
    /// Its positional parameters: the first locals, then the keyword-only ones, then `*args`
    /// and `**kwargs`.
    pub param_count: usize,
    /// Whether each keyword-only parameter has a default (the function's last defaults).
    pub kwonly_defaulted: Vec<bool>,
    pub varargs: bool,
    pub varkw: bool,
    /// A plain function with positional parameters only (not async, not a generator): a call
    /// binds its arguments as they come and runs it at once (`Frame::quick_call`).
    pub quick_call: bool,
    /// An async function with positional parameters only: `await work(n)` runs it as a plain
    /// call, with no coroutine object made only to be taken again (see `Frame::quick_call`).
    pub quick_await: bool,
    /// Slots for locals, parameters first.
    pub local_names: Vec<Name>,
    /// The slots of its free variables, in the order of its closure.
    pub free_slots: Vec<u32>,
    pub is_async: bool,
    /// It has a `yield`: calling it makes a generator.
    pub is_generator: bool,
    pub ops: Vec<Op>,
    /// Where each instruction came from, by index.
    pub positions: Vec<Pos>,
    pub consts: Vec<Value>,
    /// Attribute names.
    pub names: Vec<Name>,
    pub codes: Vec<Arc<Code>>,
    /// Tuples of keyword names for `CallKw` and `CallList`.
    pub keyword_names: Vec<Vec<Name>>,
    /// Its docstring (`__doc__`).
    pub doc: Option<Arc<str>>,
    pub pos: Pos,
}

impl Code {
    pub fn position(&self, pc: usize) -> Pos {
        self.positions.get(pc).copied().unwrap_or(self.pos)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_instruction_is_twelve_bytes() {
        // The loop reads one per step: a wider enum would cost every program.
        assert_eq!(std::mem::size_of::<super::Op>(), 12);
    }
}
