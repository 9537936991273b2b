//! Comprehensions, run inline as nested loops, and what generators compile to: `yield`,
//! `yield from`, and `sum(x for …)` added up as it goes.

use super::super::code::Op;
use super::super::ir::*;
use super::super::value::Value;
use super::Compiler;

impl Compiler<'_> {
    /// `[] -> [list or dict]`.
    pub(super) fn comprehension(&mut self, comprehension: &Comprehension) {
        match &comprehension.collect {
            Collect::List(element) | Collect::Sum(element) => {
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
        self.emit(Op::GetIter);
        let start = self.here();
        let to_end = self.emit(Op::ForIter(0));
        self.store(&clause.target);
        for condition in &clause.conditions {
            self.jump_if_false(condition, start);
        }
        self.comprehension_loops(rest, collect);
        self.emit(Op::Jump(start));
        self.patch(to_end);
    }

    /// `sum(x for …)` adds as it goes when `sum` is the builtin, as Python's generator does,
    /// instead of making a list first: `sum(i * i for i in range(10**7))` is how tutorials
    /// make CPU work. Another `sum` gets a list. The callee is on the stack.
    pub(super) fn maybe_streamed_sum(&mut self, comprehension: &Comprehension, element: &Expr) {
        let to_list = self.emit(Op::JumpIfNotSum(0));
        self.emit(Op::Pop);
        self.emit_const(Value::Int(0));
        self.comprehension_loops(&comprehension.clauses, &|this| {
            this.expr(element);
            this.emit(Op::SumAdd);
        });
        let to_end = self.emit(Op::Jump(0));
        self.patch(to_list);
        self.comprehension(comprehension);
        self.emit(Op::Call(1));
        self.patch(to_end);
    }

    /// `yield from iterable`: each of its items yielded in turn; the expression gives `None`
    /// (what is sent in is not passed on).
    pub(super) fn yield_from(&mut self, iterable: &Expr) {
        self.expr(iterable);
        self.emit(Op::GetIter);
        let start = self.here();
        let to_end = self.emit(Op::ForIter(0));
        self.emit(Op::Yield);
        self.emit(Op::Pop);
        self.emit(Op::Jump(start));
        self.patch(to_end);
        self.emit_const(Value::None);
    }
}
