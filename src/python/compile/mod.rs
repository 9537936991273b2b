//! From the lowered program to bytecode: each function (and the module) becomes a [`Code`]
//! whose instructions carry the place they came from.

use super::code::{Code, Op};
use super::ir::*;
use super::types::set;
use super::types::set_table::SetTable;
use super::value::Value;
use std::sync::Arc;

mod comprehension;

/// Compiles the module and every function inside it; also gives the program's global names,
/// in the order of their slots (see `globals.rs`).
pub fn compile_module(module: &FunctionCode) -> (Arc<Code>, Arc<[Name]>) {
    let mut global_names = Vec::new();
    let code = compile(module, &mut global_names);
    (code, global_names.into())
}

/// Compiles a function (or the module) and every function inside it, giving each global name
/// it uses a slot in `global_names`.
fn compile(function: &FunctionCode, global_names: &mut Vec<Name>) -> Arc<Code> {
    let positional_only = function.params.kwonly == 0
        && function.params.varargs.is_none()
        && function.params.varkw.is_none();
    let mut compiler = Compiler {
        code: Code {
            name: Arc::clone(&function.name),
            qualname: Arc::clone(&function.qualname),
            param_count: function.params.list.len() - function.params.kwonly,
            kwonly_defaulted: function.params.list
                [function.params.list.len() - function.params.kwonly..]
                .iter()
                .map(|param| param.default.is_some())
                .collect(),
            varargs: function.params.varargs.is_some(),
            varkw: function.params.varkw.is_some(),
            quick_call: positional_only && !function.is_async && !function.is_generator,
            quick_await: positional_only && function.is_async && !function.is_generator,
            local_names: function.local_names.clone(),
            free_slots: function.free.iter().map(|(slot, _)| *slot as u32).collect(),
            is_async: function.is_async,
            is_generator: function.is_generator,
            ops: Vec::new(),
            positions: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            codes: Vec::new(),
            keyword_names: Vec::new(),
            doc: docstring(&function.body),
            pos: function.pos,
        },
        pos: function.pos,
        loops: Vec::new(),
        blocks: Vec::new(),
        global_names,
        cells: &function.cells,
    };
    if !function.free.is_empty() {
        compiler.emit(Op::CopyFreeVars);
    }
    for &slot in &function.cells {
        if !function.free.iter().any(|(free, _)| *free == slot) {
            compiler.emit(Op::MakeCell(slot as u32));
        }
    }
    compiler.block(&function.body);
    if function.is_class_body {
        compiler.emit(Op::ReturnLocals);
    } else {
        compiler.emit_const(Value::None);
        compiler.emit(Op::Return);
    }
    Arc::new(compiler.code)
}

/// The string a body begins with, if it does: its function's or class's `__doc__`.
fn docstring(body: &Block) -> Option<Arc<str>> {
    match &body.first()?.kind {
        StmtKind::Expr(Expr {
            kind: ExprKind::Const(Value::Str(text)),
            ..
        }) => Some(Arc::clone(text)),
        _ => None,
    }
}

struct Compiler<'g> {
    code: Code,
    /// The place the next instruction comes from.
    pos: Pos,
    loops: Vec<Loop>,
    /// Blocks open at this point of the function, innermost last.
    blocks: Vec<OpenBlock>,
    /// The program's global names, by slot.
    global_names: &'g mut Vec<Name>,
    /// The local slots that hold cells.
    cells: &'g [usize],
}

/// A loop being compiled: where `continue` goes, the `break` jumps to patch, and what a
/// `break` must clean up.
struct Loop {
    start: u32,
    breaks: Vec<usize>,
    /// A `for` loop has an iterator on the frame's iterator stack.
    has_iterator: bool,
    blocks_outside: usize,
}

/// A block that a `return`, `break` or `continue` leaves on its way out, by code of its own.
#[derive(Clone)]
enum OpenBlock {
    /// Its manager's `__exit__` runs.
    With,
    /// A `try` body: its handler is dropped and its `finally` body runs.
    Try { finally: Block },
    /// An `except` clause: the exception it caught is done with.
    Except,
    /// A `finally` body run for an exception: the exception, below on the stack, is dropped.
    FinallyForException,
}

impl Compiler<'_> {
    /// `expr` as a local read straight from its slot (not through a cell), if it is one.
    fn plain_local(&self, expr: &Expr) -> Option<usize> {
        match expr.kind {
            ExprKind::Load(Var::Local(slot)) if !self.cells.contains(&slot) => Some(slot),
            _ => None,
        }
    }

    /// `return value`. Outside any block, `return a if test else b` returns from each
    /// branch (`return n if n < 2 else …` is how recursion is often written), and a local is
    /// moved out of the ending frame.
    fn return_value(&mut self, value: Option<&Expr>) {
        // The loops' iterators are dropped before the frame is: a generator left paused in
        // one is closed now, as CPython's are (see `closes_when_dropped`).
        let iterators = self.loops.iter().filter(|each| each.has_iterator).count();
        if self.blocks.is_empty() && iterators == 0 {
            if let Some(slot) = value.and_then(|value| self.plain_local(value)) {
                self.emit(Op::ReturnLocal(slot as u32));
                return;
            }
            if let Some(Expr {
                kind: ExprKind::IfElse { test, body, orelse },
                ..
            }) = value
            {
                let to_else = self.jump_if_false(test, 0);
                self.return_value(Some(body));
                self.patch(to_else);
                self.return_value(Some(orelse));
                return;
            }
        }
        match value {
            Some(value) => self.expr(value),
            None => self.emit_const(Value::None),
        }
        for _ in 0..iterators {
            self.emit(Op::PopIter);
        }
        self.leave_blocks(0, true);
        self.emit(Op::Return);
    }

    fn emit(&mut self, op: Op) -> usize {
        self.code.ops.push(op);
        self.code.positions.push(self.pos);
        self.code.ops.len() - 1
    }

    fn here(&self) -> u32 {
        self.code.ops.len() as u32
    }

    /// Points the jump at `at` to the next instruction.
    fn patch(&mut self, at: usize) {
        let target = self.here();
        match &mut self.code.ops[at] {
            Op::Jump(t)
            | Op::PopJumpIfFalse(t)
            | Op::PopJumpIfTrue(t)
            | Op::CompareJumpIfFalse(_, t)
            | Op::CompareConstJumpIfFalse(_, _, t)
            | Op::CompareLocalConstJumpIfFalse { target: t, .. }
            | Op::SetupHandler(t)
            | Op::JumpIfFalseOrPop(t)
            | Op::JumpIfTrueOrPop(t)
            | Op::JumpIfNotBuiltin(t, _)
            | Op::ForIter(t)
            | Op::Send(t) => *t = target,
            other => unreachable!("{other:?} is not a jump"),
        }
    }

    fn emit_const(&mut self, value: Value) {
        let index = self.add_const(value);
        self.emit(Op::LoadConst(index));
    }

    fn add_const(&mut self, value: Value) -> u32 {
        self.code.consts.push(value);
        (self.code.consts.len() - 1) as u32
    }

    /// An attribute name's index in the code's names.
    fn name(&mut self, name: &Name) -> u32 {
        intern(&mut self.code.names, name)
    }

    fn global_slot(&mut self, name: &Name) -> u32 {
        intern(self.global_names, name)
    }

    fn block(&mut self, stmts: &[Stmt]) {
        for stmt in stmts {
            self.pos = stmt.pos;
            self.statement(stmt);
        }
    }

    fn statement(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Expr(expr) => {
                self.expr(expr);
                self.emit(Op::Pop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                for (i, target) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store(target);
                }
            }
            StmtKind::AugAssign { target, op, value } => self.augmented_assign(target, *op, value),
            StmtKind::If { test, body, orelse } => {
                let to_else = self.jump_if_false(test, 0);
                self.block(body);
                if orelse.is_empty() {
                    self.patch(to_else);
                } else {
                    let to_end = self.emit(Op::Jump(0));
                    self.patch(to_else);
                    self.block(orelse);
                    self.patch(to_end);
                }
            }
            StmtKind::While(while_loop) => {
                let start = self.here();
                let to_else = self.jump_if_false(&while_loop.test, 0);
                self.loop_body(start, false, &while_loop.body);
                self.patch(to_else);
                self.end_loop(&while_loop.orelse);
            }
            StmtKind::For(for_loop) => {
                self.expr(&for_loop.iter);
                self.emit(Op::GetIter);
                let start = self.here();
                let to_else = self.emit(Op::ForIter(0));
                self.store(&for_loop.target);
                self.loop_body(start, true, &for_loop.body);
                self.patch(to_else);
                self.end_loop(&for_loop.orelse);
            }
            StmtKind::With {
                manager,
                target,
                body,
            } => {
                self.expr(manager);
                self.emit(Op::EnterWith);
                match target {
                    Some(target) => self.store(target),
                    None => {
                        self.emit(Op::Pop);
                    }
                }
                // An exception in the body goes to the manager's `__exit__`, which may
                // swallow it (by returning a true value), as CPython's `with` does.
                let to_exit = self.emit(Op::SetupHandler(0));
                self.blocks.push(OpenBlock::With);
                self.block(body);
                self.blocks.pop();
                self.pos = stmt.pos;
                self.emit(Op::PopHandler);
                self.emit(Op::ExitWith);
                self.emit(Op::Pop);
                let to_end = self.emit(Op::Jump(0));
                self.patch(to_exit);
                self.emit(Op::ExitWithException);
                let to_swallow = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::Reraise);
                self.patch(to_swallow);
                self.emit(Op::Pop);
                self.emit(Op::EndExcept);
                self.patch(to_end);
            }
            StmtKind::Return(value) => self.return_value(value.as_ref()),
            StmtKind::Delete(targets) => {
                for target in targets {
                    self.delete(target);
                }
            }
            StmtKind::Assert { test, message } => {
                self.expr(test);
                let to_end = self.emit(Op::PopJumpIfTrue(0));
                if let Some(message) = message {
                    self.expr(message);
                }
                self.emit(Op::RaiseAssertion {
                    has_message: message.is_some(),
                });
                self.patch(to_end);
            }
            StmtKind::Try(statement) => self.try_statement(statement),
            StmtKind::Raise { exception, cause } => match exception {
                Some(exception) => {
                    self.expr(exception);
                    if let Some(cause) = cause {
                        self.expr(cause);
                    }
                    self.emit(Op::Raise {
                        has_cause: cause.is_some(),
                    });
                }
                None => {
                    self.emit(Op::RaiseCaught);
                }
            },
            StmtKind::Pass => {}
            StmtKind::Break => {
                let Some(current) = self.loops.last() else {
                    return;
                };
                let (outside, has_iterator) = (current.blocks_outside, current.has_iterator);
                self.leave_blocks(outside, false);
                if has_iterator {
                    self.emit(Op::PopIter);
                }
                let jump = self.emit(Op::Jump(0));
                if let Some(current) = self.loops.last_mut() {
                    current.breaks.push(jump);
                }
            }
            StmtKind::Continue => {
                let Some(current) = self.loops.last() else {
                    return;
                };
                let (outside, start) = (current.blocks_outside, current.start);
                self.leave_blocks(outside, false);
                self.emit(Op::Jump(start));
            }
        }
    }

    /// Leaves the open blocks down to the first `outside` ones, for a `return` (whose value
    /// is on the stack) or a `break` or `continue`.
    fn leave_blocks(&mut self, outside: usize, returning: bool) {
        for index in (outside..self.blocks.len()).rev() {
            match self.blocks[index].clone() {
                OpenBlock::With => {
                    self.emit(Op::PopHandler);
                    self.emit(Op::ExitWith);
                    self.emit(Op::Pop);
                }
                OpenBlock::Try { finally } => {
                    self.emit(Op::PopHandler);
                    // The `finally` body runs inside the blocks around its `try` only.
                    let inner = self.blocks.split_off(index);
                    self.block(&finally);
                    self.blocks.extend(inner);
                }
                OpenBlock::Except => {
                    self.emit(Op::EndExcept);
                }
                OpenBlock::FinallyForException => {
                    self.emit(Op::EndExcept);
                    if !returning {
                        self.emit(Op::Pop);
                    }
                }
            }
        }
    }

    /// `try` with its clauses. A `finally` body is compiled twice: after the rest, and for
    /// an exception, which it raises again at its end.
    fn try_statement(&mut self, statement: &TryStmt) {
        if statement.finally.is_empty() {
            return self.try_except(statement);
        }
        let to_finally = self.emit(Op::SetupHandler(0));
        self.blocks.push(OpenBlock::Try {
            finally: Arc::clone(&statement.finally),
        });
        if statement.handlers.is_empty() {
            self.block(&statement.body);
        } else {
            self.try_except(statement);
        }
        self.blocks.pop();
        self.emit(Op::PopHandler);
        self.block(&statement.finally);
        let to_end = self.emit(Op::Jump(0));
        self.patch(to_finally);
        self.blocks.push(OpenBlock::FinallyForException);
        self.block(&statement.finally);
        self.blocks.pop();
        self.emit(Op::Reraise);
        self.patch(to_end);
    }

    /// `try` with `except` clauses and `else`. An exception jumps to the clauses with the
    /// exception on the stack; each clause tests it in turn, and none matching raises it on.
    fn try_except(&mut self, statement: &TryStmt) {
        if statement.star {
            return self.try_except_star(statement);
        }
        let mut to_end = vec![self.guarded_body(statement)];
        for handler in &statement.handlers {
            self.pos = handler.pos;
            let to_next = handler.classes.as_ref().map(|classes| {
                self.expr(classes);
                self.emit(Op::ExceptMatch);
                self.emit(Op::PopJumpIfFalse(0))
            });
            match &handler.name {
                Some(name) => self.store(name),
                None => {
                    self.emit(Op::Pop);
                }
            }
            self.blocks.push(OpenBlock::Except);
            self.block(&handler.body);
            self.blocks.pop();
            self.emit(Op::EndExcept);
            to_end.push(self.emit(Op::Jump(0)));
            if let Some(to_next) = to_next {
                self.patch(to_next);
            }
        }
        self.emit(Op::Reraise);
        for jump in to_end {
            self.patch(jump);
        }
    }

    /// A `try` body and its `else`, then the jump past the clauses, which it gives; the
    /// clauses come next, where an exception in the body jumps.
    fn guarded_body(&mut self, statement: &TryStmt) -> usize {
        let to_handlers = self.emit(Op::SetupHandler(0));
        self.blocks.push(OpenBlock::Try {
            finally: Arc::new([]),
        });
        self.block(&statement.body);
        self.blocks.pop();
        self.emit(Op::PopHandler);
        self.block(&statement.orelse);
        let to_end = self.emit(Op::Jump(0));
        self.patch(to_handlers);
        to_end
    }

    /// `try` with `except*` clauses: the exception stays on the stack with what is left of it
    /// beside it, and each clause whose classes match some of that runs with that part (an
    /// `ExceptionGroup`); what a clause raises is kept for the end, where it is raised with
    /// what none took. No clause can leave early (lowering refuses `break`, `continue` and
    /// `return` in them, as CPython does).
    fn try_except_star(&mut self, statement: &TryStmt) {
        let to_end = self.guarded_body(statement);
        self.emit(Op::ExceptStarBegin);
        for handler in &statement.handlers {
            self.pos = handler.pos;
            if let Some(classes) = &handler.classes {
                self.expr(classes);
            }
            self.emit(Op::ExceptStarMatch);
            let to_next = self.emit(Op::PopJumpIfFalse(0));
            match &handler.name {
                Some(name) => self.store(name),
                None => {
                    self.emit(Op::Pop);
                }
            }
            let to_raised = self.emit(Op::SetupHandler(0));
            self.blocks.push(OpenBlock::Try {
                finally: Arc::new([]),
            });
            self.block(&handler.body);
            self.blocks.pop();
            self.emit(Op::PopHandler);
            self.emit(Op::EndExcept);
            let past = self.emit(Op::Jump(0));
            self.patch(to_raised);
            self.emit(Op::ExceptStarRaised);
            self.patch(past);
            self.patch(to_next);
        }
        // What it raises comes from the clauses: it points at the first.
        if let Some(first) = statement.handlers.first() {
            self.pos = first.pos;
        }
        self.emit(Op::ExceptStarEnd);
        self.patch(to_end);
    }

    fn loop_body(&mut self, start: u32, has_iterator: bool, body: &[Stmt]) {
        self.loops.push(Loop {
            start,
            breaks: Vec::new(),
            has_iterator,
            blocks_outside: self.blocks.len(),
        });
        self.block(body);
        // The jump back is where a thread may be switched, as in CPython.
        self.emit(Op::Jump(start));
    }

    /// Compiles a loop's `else` and points its `break`s past it.
    fn end_loop(&mut self, orelse: &[Stmt]) {
        let finished = self.loops.pop().map(|l| l.breaks).unwrap_or_default();
        self.block(orelse);
        for jump in finished {
            self.patch(jump);
        }
    }

    fn store_var(&mut self, var: &Var) {
        match var {
            Var::Local(slot) if self.cells.contains(slot) => {
                self.emit(Op::StoreDeref(*slot as u32));
            }
            Var::Local(slot) => {
                self.emit(Op::StoreLocal(*slot as u32));
            }
            Var::Global(name) => {
                let slot = self.global_slot(name);
                self.emit(Op::StoreGlobal(slot));
            }
        }
    }

    fn store(&mut self, target: &Target) {
        match target {
            Target::Var(var) => self.store_var(var),
            Target::Item { object, index } => {
                self.expr(object);
                self.expr(index);
                self.emit(Op::StoreItem);
            }
            Target::Attr { object, name } => {
                self.expr(object);
                let index = self.name(name);
                self.emit(Op::StoreAttr(index));
            }
            Target::Unpack(targets) => {
                match targets
                    .iter()
                    .position(|target| matches!(target, Target::Starred(_)))
                {
                    Some(star) => self.emit(Op::UnpackStarred {
                        before: star as u16,
                        after: (targets.len() - star - 1) as u16,
                    }),
                    None => self.emit(Op::UnpackSequence(targets.len() as u32)),
                };
                for target in targets {
                    self.store(target);
                }
            }
            Target::Starred(target) => self.store(target),
        }
    }

    fn delete(&mut self, target: &Target) {
        match target {
            Target::Var(Var::Local(slot)) if self.cells.contains(slot) => {
                self.emit(Op::DeleteDeref(*slot as u32));
            }
            Target::Var(Var::Local(slot)) => {
                self.emit(Op::DeleteLocal(*slot as u32));
            }
            Target::Var(Var::Global(name)) => {
                let slot = self.global_slot(name);
                self.emit(Op::DeleteGlobal(slot));
            }
            Target::Item { object, index } => {
                self.expr(object);
                self.expr(index);
                self.emit(Op::DeleteItem);
            }
            Target::Attr { object, name } => {
                self.expr(object);
                let index = self.name(name);
                self.emit(Op::DeleteAttr(index));
            }
            Target::Unpack(targets) => {
                for target in targets {
                    self.delete(target);
                }
            }
            Target::Starred(target) => self.delete(target),
        }
    }

    fn load(&mut self, var: &Var) {
        match var {
            Var::Local(slot) if self.cells.contains(slot) => self.emit(Op::LoadDeref(*slot as u32)),
            Var::Local(slot) => self.emit(Op::LoadLocal(*slot as u32)),
            Var::Global(name) => {
                let slot = self.global_slot(name);
                self.emit(Op::LoadGlobal(slot))
            }
        };
    }

    /// `x op= value`: read, compute and write are separate steps, as in CPython, so another
    /// thread can write in between (the race the lessons show).
    fn augmented_assign(&mut self, target: &Target, op: BinOp, value: &Expr) {
        match target {
            Target::Var(var) => {
                self.load(var);
                self.expr(value);
                self.emit(Op::InPlace(op));
                self.store(target);
            }
            Target::Item { object, index } => {
                self.expr(object);
                self.expr(index);
                self.emit(Op::DupTwo);
                self.emit(Op::GetItem);
                self.expr(value);
                self.emit(Op::InPlace(op));
                self.emit(Op::RotThree);
                self.emit(Op::StoreItem);
            }
            Target::Attr { object, name } => {
                self.expr(object);
                self.emit(Op::Dup);
                let index = self.name(name);
                self.emit(Op::LoadAttr(index));
                self.expr(value);
                self.emit(Op::InPlace(op));
                self.emit(Op::RotTwo);
                self.emit(Op::StoreAttr(index));
            }
            // Not an augmented assignment's target (the parser refuses it).
            Target::Unpack(_) | Target::Starred(_) => {}
        }
    }

    fn expr(&mut self, expr: &Expr) {
        let outer = self.pos;
        self.pos = expr.pos;
        self.expr_kind(&expr.kind);
        self.pos = outer;
    }

    fn exprs(&mut self, exprs: &[Expr]) -> u32 {
        for expr in exprs {
            self.expr(expr);
        }
        exprs.len() as u32
    }

    fn expr_kind(&mut self, kind: &ExprKind) {
        match kind {
            ExprKind::Const(value) => self.emit_const(value.clone()),
            ExprKind::Load(var) => self.load(var),
            ExprKind::List(items) => {
                let count = self.exprs(items);
                self.emit(Op::BuildList(count));
            }
            ExprKind::Tuple(items) => {
                let count = self.exprs(items);
                self.emit(Op::BuildTuple(count));
            }
            ExprKind::Spread(display, items) => {
                self.positional_list(items, Some(*display));
                if *display != Display::List {
                    self.emit(Op::ListInto(*display));
                }
            }
            ExprKind::Set(items) => {
                if let Some(table) = constant_set(items) {
                    let index = self.add_const(set::made(true, table));
                    self.emit(Op::CopySet(index));
                    return;
                }
                let count = self.exprs(items);
                self.emit(Op::BuildSet(count));
            }
            ExprKind::Dict(pairs) if pairs.iter().any(|(key, _)| key.is_none()) => {
                self.emit(Op::BuildDict(0));
                for (key, value) in pairs {
                    match key {
                        Some(key) => {
                            self.expr(key);
                            self.expr(value);
                            self.emit(Op::DictAdd);
                        }
                        None => {
                            self.expr(value);
                            self.emit(Op::DictUpdate);
                        }
                    }
                }
            }
            ExprKind::Dict(pairs) => {
                for (key, value) in pairs {
                    if let Some(key) = key {
                        self.expr(key);
                    }
                    self.expr(value);
                }
                self.emit(Op::BuildDict(pairs.len() as u32));
            }
            ExprKind::Binary(left, op, right) => {
                if let (Some(left), Some(right)) = (self.plain_local(left), self.plain_local(right))
                {
                    if let (Ok(left), Ok(right)) = (u16::try_from(left), u16::try_from(right)) {
                        self.emit(Op::LocalsBinary {
                            op: *op,
                            left,
                            right,
                        });
                        return;
                    }
                }
                if let (Some(slot), ExprKind::Const(value)) = (self.plain_local(left), &right.kind)
                {
                    let index = self.add_const(value.clone());
                    self.emit(Op::LocalBinaryConst {
                        op: *op,
                        slot: slot as u32,
                        index,
                    });
                    return;
                }
                self.expr(left);
                match &right.kind {
                    ExprKind::Const(value) => {
                        let index = self.add_const(value.clone());
                        self.emit(Op::BinaryConst(*op, index));
                    }
                    _ => {
                        self.expr(right);
                        self.emit(Op::Binary(*op));
                    }
                }
            }
            ExprKind::Unary(op, operand) => {
                self.expr(operand);
                self.emit(Op::Unary(*op));
            }
            ExprKind::And(left, right) | ExprKind::Or(left, right) => {
                self.expr(left);
                let jump = if matches!(kind, ExprKind::And(..)) {
                    Op::JumpIfFalseOrPop(0)
                } else {
                    Op::JumpIfTrueOrPop(0)
                };
                let to_end = self.emit(jump);
                self.expr(right);
                self.patch(to_end);
            }
            ExprKind::Compare(first, rest) => self.compare(first, rest),
            ExprKind::IfElse { test, body, orelse } => {
                let to_else = self.jump_if_false(test, 0);
                self.expr(body);
                let to_end = self.emit(Op::Jump(0));
                self.patch(to_else);
                self.expr(orelse);
                self.patch(to_end);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords),
            ExprKind::Attribute(object, name) => {
                self.expr(object);
                let index = self.name(name);
                self.emit(Op::LoadAttr(index));
            }
            ExprKind::Subscript(object, index) => {
                self.expr(object);
                self.expr(index);
                self.emit(Op::GetItem);
            }
            ExprKind::Slice(parts) => {
                for part in parts {
                    match part {
                        Some(part) => self.expr(part),
                        None => self.emit_const(Value::None),
                    }
                }
                self.emit(Op::BuildTuple(3));
            }
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Comprehension(comprehension) => self.comprehension(comprehension),
            ExprKind::GeneratorExp { function, iter } => {
                self.make_function(function);
                self.expr(iter);
                self.emit(Op::Call(1));
            }
            ExprKind::Yield(value) => {
                match value {
                    Some(value) => self.expr(value),
                    None => self.emit_const(Value::None),
                }
                self.emit(Op::Yield);
            }
            ExprKind::YieldFrom(iterable) => self.yield_from(iterable),
            ExprKind::Function(code) | ExprKind::Lambda(code) => self.make_function(code),
            ExprKind::Named(var, value) => {
                self.expr(value);
                self.emit(Op::Dup);
                self.store_var(var);
            }
            ExprKind::Class(class) => {
                self.make_function(&class.body);
                let bases = self.exprs(&class.bases);
                self.emit(Op::BuildClass { bases });
            }
            ExprKind::SuperAttr {
                class,
                instance,
                name,
            } => {
                self.expr(class);
                self.expr(instance);
                let index = self.name(name);
                self.emit(Op::LoadSuperAttr(index));
            }
            ExprKind::Await(value) => {
                self.expr(value);
                self.emit(Op::Await);
            }
        }
    }

    /// `[] -> function`: its defaults evaluated here, and the cells of its free variables.
    fn make_function(&mut self, function: &FunctionCode) {
        let mut defaults = 0;
        for param in &function.params.list {
            if let Some(default) = &param.default {
                self.expr(default);
                defaults += 1;
            }
        }
        for (_, outer_slot) in &function.free {
            // The cell itself, not its value.
            self.emit(Op::LoadLocal(*outer_slot as u32));
        }
        self.code.codes.push(compile(function, self.global_names));
        let code = (self.code.codes.len() - 1) as u32;
        self.emit(Op::MakeFunction {
            code,
            defaults,
            closure: function.free.len() as u16,
        });
    }

    /// Evaluates `test` and jumps to `target` if it is false; gives the jump's index.
    fn jump_if_false(&mut self, test: &Expr, target: u32) -> usize {
        if let ExprKind::Compare(left, rest) = &test.kind {
            if let [(op, right)] = &rest[..] {
                if let (Some(slot), ExprKind::Const(value)) = (self.plain_local(left), &right.kind)
                {
                    let index = self.add_const(value.clone());
                    if let (Ok(slot), Ok(index)) = (u16::try_from(slot), u16::try_from(index)) {
                        let outer = std::mem::replace(&mut self.pos, test.pos);
                        let jump = self.emit(Op::CompareLocalConstJumpIfFalse {
                            op: *op,
                            slot,
                            index,
                            target,
                        });
                        self.pos = outer;
                        return jump;
                    }
                }
                self.expr(left);
                let compare = match &right.kind {
                    ExprKind::Const(value) => {
                        Op::CompareConstJumpIfFalse(*op, self.add_const(value.clone()), target)
                    }
                    _ => {
                        self.expr(right);
                        Op::CompareJumpIfFalse(*op, target)
                    }
                };
                let outer = std::mem::replace(&mut self.pos, test.pos);
                let jump = self.emit(compare);
                self.pos = outer;
                return jump;
            }
        }
        self.expr(test);
        self.emit(Op::PopJumpIfFalse(target))
    }

    /// `a < b < c` compares `b` once: each comparison but the last keeps its right operand
    /// for the next, and a false one ends the chain.
    fn compare(&mut self, first: &Expr, rest: &[(CmpOp, Expr)]) {
        self.expr(first);
        let mut to_cleanup = Vec::new();
        for (i, (op, right)) in rest.iter().enumerate() {
            self.expr(right);
            if i + 1 < rest.len() {
                self.emit(Op::Dup);
                self.emit(Op::RotThree);
                self.emit(Op::Compare(*op));
                to_cleanup.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.emit(Op::Compare(*op));
            }
        }
        if !to_cleanup.is_empty() {
            let to_end = self.emit(Op::Jump(0));
            for jump in to_cleanup {
                self.patch(jump);
            }
            // [kept right operand, False] -> [False]
            self.emit(Op::RotTwo);
            self.emit(Op::Pop);
            self.patch(to_end);
        }
    }

    fn call(&mut self, func: &Expr, args: &[Arg], keywords: &[(Option<Name>, Expr)]) {
        if let (ExprKind::Load(Var::Global(name)), []) = (&func.kind, keywords) {
            let plain: Option<Vec<&Expr>> = args
                .iter()
                .map(|arg| match arg {
                    Arg::Plain(expr) if is_simple(expr) => Some(expr),
                    _ => None,
                })
                .collect();
            if let Some(plain) = plain {
                for arg in &plain {
                    self.expr(arg);
                }
                let slot = self.global_slot(name);
                self.emit(Op::CallGlobal {
                    slot,
                    argc: plain.len() as u32,
                });
                return;
            }
        }
        self.expr(func);
        if let ([Arg::Plain(only)], []) = (args, keywords) {
            if let ExprKind::Comprehension(comprehension) = &only.kind {
                if let Collect::Streamed(streamed, element) = &comprehension.collect {
                    return self.maybe_streamed(comprehension, *streamed, element);
                }
            }
        }
        if keywords.iter().any(|(name, _)| name.is_none()) {
            return self.call_with_mappings(args, keywords);
        }
        let names: Vec<Name> = keywords
            .iter()
            .filter_map(|(name, _)| name.clone())
            .collect();
        let has_star = args.iter().any(|arg| matches!(arg, Arg::Star(_)));
        if has_star {
            self.positional_list(args, None);
        } else {
            for arg in args {
                if let Arg::Plain(expr) = arg {
                    self.expr(expr);
                }
            }
        }
        for (_, value) in keywords {
            self.expr(value);
        }
        let names = if names.is_empty() && !has_star {
            None
        } else {
            self.code.keyword_names.push(names);
            Some((self.code.keyword_names.len() - 1) as u32)
        };
        match (has_star, names) {
            (true, Some(names)) => self.emit(Op::CallList { names }),
            (false, Some(names)) => self.emit(Op::CallKw {
                argc: args.len() as u32,
                names,
            }),
            (_, None) => self.emit(Op::Call(args.len() as u32)),
        };
    }

    /// `[] -> [list]`: a call's positional arguments or a display's items, `*iterable` ones
    /// spread.
    fn positional_list(&mut self, args: &[Arg], display: Option<Display>) {
        self.emit(Op::BuildList(0));
        for arg in args {
            match arg {
                Arg::Plain(expr) => {
                    self.expr(expr);
                    self.emit(Op::ListAppend);
                }
                Arg::Star(expr) => {
                    self.expr(expr);
                    self.emit(Op::ListExtend(display));
                }
            }
        }
    }

    /// A call with `**mapping` arguments: the positional ones in a list, the keywords merged
    /// into one dict in the order written. The callee is on the stack.
    fn call_with_mappings(&mut self, args: &[Arg], keywords: &[(Option<Name>, Expr)]) {
        self.positional_list(args, None);
        self.emit(Op::BuildDict(0));
        for (name, value) in keywords {
            if let Some(name) = name {
                self.emit_const(Value::Str(Arc::clone(name)));
                self.expr(value);
                self.emit(Op::BuildDict(1));
            } else {
                self.expr(value);
            }
            self.emit(Op::DictMerge);
        }
        self.emit(Op::CallMapping);
    }

    fn fstring(&mut self, parts: &[FStringPart]) {
        for part in parts {
            match part {
                FStringPart::Literal(text) => self.emit_const(Value::Str(Arc::clone(text))),
                FStringPart::Value {
                    expr,
                    conversion,
                    spec,
                } => {
                    self.expr(expr);
                    if !spec.is_empty() {
                        self.fstring(spec);
                    }
                    self.emit(Op::FormatValue {
                        conversion: *conversion,
                        has_spec: !spec.is_empty(),
                    });
                }
            }
        }
        self.emit(Op::BuildString(parts.len() as u32));
    }
}

/// Whether evaluating `expr` calls nothing and so cannot rebind a global or block: a call's
/// arguments that are all simple may be evaluated before its function is looked up
/// (`CallGlobal`), with no difference a program can see but the order of two errors at once.
fn is_simple(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Const(_) | ExprKind::Load(_) => true,
        ExprKind::Binary(left, BinOp::Add | BinOp::Sub | BinOp::Mul, right) => {
            is_simple(left) && is_simple(right)
        }
        _ => false,
    }
}

/// The table of a set display of three or more constants, laid out as CPython's (see
/// `SetTable::of_constants`).
fn constant_set(items: &[Expr]) -> Option<SetTable> {
    let constants: Option<Vec<Value>> = items
        .iter()
        .map(|item| match &item.kind {
            ExprKind::Const(value) => Some(value.clone()),
            _ => None,
        })
        .collect();
    match constants {
        Some(constants) if constants.len() >= 3 => SetTable::of_constants(&constants).ok(),
        _ => None,
    }
}

/// `name`'s index in `names`, added if new.
fn intern(names: &mut Vec<Name>, name: &Name) -> u32 {
    match names.iter().position(|known| known == name) {
        Some(index) => index as u32,
        None => {
            names.push(Arc::clone(name));
            (names.len() - 1) as u32
        }
    }
}
