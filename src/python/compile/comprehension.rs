//! Comprehensions, run inline as nested loops, and what generators compile to: `yield`,
//! `yield from`, and `sum(x for …)`, `any(…)` and `all(…)` taken as they go.

use super::super::code::Op;
use super::super::error::ExceptionKind;
use super::super::ir::*;
use super::super::value::Value;
use super::Compiler;

impl Compiler<'_> {
    /// `[] -> [list or dict]`.
    pub(super) fn comprehension(&mut self, comprehension: &Comprehension) {
        match &comprehension.collect {
            Collect::List(element) | Collect::Streamed(_, element) => {
                self.emit(Op::BuildList(0));
                self.comprehension_loops(&comprehension.clauses, &|this| {
                    this.expr(element);
                    this.emit(Op::ListAppend);
                });
            }
            Collect::Set(element) => {
                self.emit(Op::BuildSet(0));
                self.comprehension_loops(&comprehension.clauses, &|this| {
                    this.expr(element);
                    this.emit(Op::SetAdd);
                });
            }
            Collect::Dict(key, value) => {
                self.emit(Op::BuildDict(0));
                self.comprehension_loops(&comprehension.clauses, &|this| {
                    this.expr(key);
                    this.expr(value);
                    this.emit(Op::DictAdd);
                });
            }
        }
    }

    /// The `for` clauses, outermost first, with `collect` innermost: it takes each element
    /// into what is below it on the stack.
    fn comprehension_loops(&mut self, clauses: &[ComprehensionFor], collect: &dyn Fn(&mut Self)) {
        let Some((clause, rest)) = clauses.split_first() else {
            return collect(self);
        };
        self.expr(&clause.iter);
        if let Some(awaited) = &clause.awaited {
            return self.awaited_loop(clause, awaited, rest, collect);
        }
        self.emit(Op::GetIter);
        let start = self.here();
        let to_end = self.emit(Op::ForIter(0));
        self.clause_body(clause, start, rest, collect);
        self.patch(to_end);
    }

    /// With the clause's item on the stack: binds it, skips it unless the conditions hold,
    /// runs the inner clauses, and goes back to `start` for the next.
    fn clause_body(
        &mut self,
        clause: &ComprehensionFor,
        start: u32,
        rest: &[ComprehensionFor],
        collect: &dyn Fn(&mut Self),
    ) {
        self.store(&clause.target);
        for condition in &clause.conditions {
            self.jump_if_false(condition, start);
        }
        self.comprehension_loops(rest, collect);
        self.emit(Op::Jump(start));
    }

    /// An `async for` clause, its `aiter(iterable)` on the stack: the iterator is kept in its
    /// local and each item awaited under a handler; `StopAsyncIteration` ends the loop, and
    /// any other exception goes on.
    fn awaited_loop(
        &mut self,
        clause: &ComprehensionFor,
        awaited: &AwaitedNext,
        rest: &[ComprehensionFor],
        collect: &dyn Fn(&mut Self),
    ) {
        self.store_var(&awaited.iterator);
        let start = self.here();
        let to_stop = self.emit(Op::SetupHandler(0));
        self.expr(&awaited.next);
        self.emit(Op::PopHandler);
        self.clause_body(clause, start, rest, collect);
        self.patch(to_stop);
        self.emit_const(Value::ExceptionClass(ExceptionKind::StopAsyncIteration));
        self.emit(Op::ExceptMatch);
        let to_reraise = self.emit(Op::PopJumpIfFalse(0));
        self.emit(Op::Pop);
        self.emit(Op::EndExcept);
        let to_end = self.emit(Op::Jump(0));
        self.patch(to_reraise);
        self.emit(Op::Reraise);
        self.patch(to_end);
    }

    /// `sum(x for …)` adds as it goes when `sum` is the builtin, as Python's generator does,
    /// instead of making a list first: `sum(i * i for i in range(10**7))` is how tutorials
    /// make CPU work. `any` and `all` stop at the first item that decides, leaving the rest
    /// of the generator untaken, as CPython's do (an `x := …` in it shows where they
    /// stopped). Another callee gets a list. The callee is on the stack.
    pub(super) fn maybe_streamed(
        &mut self,
        comprehension: &Comprehension,
        streamed: Streamed,
        element: &Expr,
    ) {
        let index = Streamed::ALL.iter().position(|&each| each == streamed);
        let to_list = self.emit(Op::JumpIfNotBuiltin(0, index.unwrap_or_default() as u8));
        self.emit(Op::Pop);
        let mut to_end = Vec::new();
        match streamed {
            Streamed::Sum => {
                self.emit_const(Value::Int(0));
                self.comprehension_loops(&comprehension.clauses, &|this| {
                    this.expr(element);
                    this.emit(Op::SumAdd);
                });
            }
            Streamed::Any | Streamed::All => {
                let any = streamed == Streamed::Any;
                let decided = std::cell::RefCell::new(Vec::new());
                self.comprehension_loops(&comprehension.clauses, &|this| {
                    this.expr(element);
                    let jump = this.emit(if any {
                        Op::PopJumpIfTrue(0)
                    } else {
                        Op::PopJumpIfFalse(0)
                    });
                    decided.borrow_mut().push(jump);
                });
                // Every item taken without deciding.
                self.emit_const(Value::Bool(!any));
                to_end.push(self.emit(Op::Jump(0)));
                for jump in decided.into_inner() {
                    self.patch(jump);
                }
                // Decided inside the loops: their iterators are still open.
                for _ in &comprehension.clauses {
                    self.emit(Op::PopIter);
                }
                self.emit_const(Value::Bool(any));
            }
        }
        to_end.push(self.emit(Op::Jump(0)));
        self.patch(to_list);
        self.comprehension(comprehension);
        self.emit(Op::Call(1));
        for jump in to_end {
            self.patch(jump);
        }
    }

    /// `yield from iterable`: each of its items yielded in turn, what is sent in passed on
    /// to it; the expression gives its return value.
    pub(super) fn yield_from(&mut self, iterable: &Expr) {
        self.expr(iterable);
        self.emit(Op::GetIter);
        self.emit_const(Value::None);
        let start = self.here();
        let to_end = self.emit(Op::Send(0));
        // What the generator is resumed with is the next value sent.
        self.emit(Op::Yield);
        self.emit(Op::Jump(start));
        self.patch(to_end);
    }
}
