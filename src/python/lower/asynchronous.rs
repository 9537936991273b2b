//! `async with` and `async for`, lowered to what the compiler already has (`try`, `while`,
//! `await`) around the protocol's steps, which natives of `asyncio/protocols.rs` take: an
//! awaited `__aexit__` may suspend the task, which an exit run while unwinding cannot.

use super::super::asyncio::protocols;
use super::super::registry::Native;
use super::{error, Lowered, Lowerer};
use crate::python::error::ExceptionKind;
use crate::python::ir::*;
use crate::python::scope;
use crate::python::value::Value;
use ruff_python_ast as ast;
use std::sync::Arc;

impl Lowerer<'_> {
    /// ```text
    /// async with manager as target:    state = async_with(manager)
    ///     body                          target = await aenter(state)
    ///                                   try:
    ///                                       body
    ///                                   except BaseException as exception:
    ///                                       if not await aexit(state, exception): raise
    ///                                   finally:
    ///                                       await aexit(state, None)   # once only
    /// ```
    pub(super) fn async_with(
        &mut self,
        with: &ast::StmtWith,
        pos: Pos,
        out: &mut Vec<Stmt>,
    ) -> Lowered<()> {
        self.in_async_function("async with", pos)?;
        let mut body = self.block(&with.body)?;
        let Some((first, rest)) = with.items.split_first() else {
            return error("SyntaxError: `async with` needs a context manager", pos);
        };
        for item in rest.iter().rev() {
            let pos = self.pos(item);
            let mut nested = Vec::new();
            self.async_with_item(item, body, pos, &mut nested)?;
            body = nested.into();
        }
        self.async_with_item(first, body, pos, out)
    }

    fn async_with_item(
        &mut self,
        item: &ast::WithItem,
        body: Block,
        pos: Pos,
        out: &mut Vec<Stmt>,
    ) -> Lowered<()> {
        let manager = self.expr(&item.context_expr)?;
        let target = item
            .optional_vars
            .as_deref()
            .map(|target| self.target(target))
            .transpose()?;
        let state = self.hidden_local("async with");
        let exception = self.hidden_local("async with exception");
        let load = |var: &Var| expr(pos, ExprKind::Load(var.clone()));
        let entered = awaited(pos, call(pos, &protocols::AENTER, vec![load(&state)]));
        let reraise = Stmt {
            pos,
            kind: StmtKind::Raise {
                exception: None,
                cause: None,
            },
        };
        let exit_raising = StmtKind::If {
            test: expr(
                pos,
                ExprKind::Unary(
                    UnaryOp::Not,
                    Box::new(awaited(
                        pos,
                        call(pos, &protocols::AEXIT, vec![load(&state), load(&exception)]),
                    )),
                ),
            ),
            body: Arc::new([reraise]),
            orelse: Arc::new([]),
        };
        let exit_quietly = StmtKind::Expr(awaited(
            pos,
            call(
                pos,
                &protocols::AEXIT,
                vec![load(&state), expr(pos, ExprKind::Const(Value::None))],
            ),
        ));
        let guarded = StmtKind::Try(Arc::new(TryStmt {
            body,
            star: false,
            handlers: vec![Handler {
                pos,
                classes: Some(expr(
                    pos,
                    ExprKind::Const(Value::ExceptionClass(ExceptionKind::BaseException)),
                )),
                name: Some(Target::Var(exception)),
                body: Arc::new([stmt(pos, exit_raising)]),
            }],
            orelse: Arc::new([]),
            finally: Arc::new([stmt(pos, exit_quietly)]),
        }));
        let enter = match target {
            Some(target) => StmtKind::Assign {
                targets: vec![target],
                value: entered,
            },
            None => StmtKind::Expr(entered),
        };
        out.push(stmt(
            pos,
            StmtKind::Assign {
                targets: vec![Target::Var(state)],
                value: call(pos, &protocols::ASYNC_WITH, vec![manager]),
            },
        ));
        out.push(stmt(pos, enter));
        out.push(stmt(pos, guarded));
        Ok(())
    }

    /// ```text
    /// async for target in iterable:    iterator = aiter(iterable)
    ///     body                          while True:
    /// else:                                 try:
    ///     orelse                                target = await anext(iterator)
    ///                                       except StopAsyncIteration:
    ///                                           iterator = None
    ///                                           break
    ///                                       body
    ///                                   if iterator is None: orelse
    /// ```
    pub(super) fn async_for(
        &mut self,
        for_loop: &ast::StmtFor,
        pos: Pos,
        out: &mut Vec<Stmt>,
    ) -> Lowered<()> {
        self.in_async_function("async for", pos)?;
        let iterator = self.hidden_local("async for");
        let load = || expr(pos, ExprKind::Load(iterator.clone()));
        let none = || expr(pos, ExprKind::Const(Value::None));
        out.push(stmt(
            pos,
            StmtKind::Assign {
                targets: vec![Target::Var(iterator.clone())],
                value: call(pos, &protocols::AITER, vec![self.expr(&for_loop.iter)?]),
            },
        ));
        let next = StmtKind::Try(Arc::new(TryStmt {
            body: Arc::new([stmt(
                pos,
                StmtKind::Assign {
                    targets: vec![self.target(&for_loop.target)?],
                    value: awaited(pos, call(pos, &protocols::ANEXT, vec![load()])),
                },
            )]),
            star: false,
            handlers: vec![Handler {
                pos,
                classes: Some(expr(
                    pos,
                    ExprKind::Const(Value::ExceptionClass(ExceptionKind::StopAsyncIteration)),
                )),
                name: None,
                body: Arc::new([
                    stmt(
                        pos,
                        StmtKind::Assign {
                            targets: vec![Target::Var(iterator.clone())],
                            value: none(),
                        },
                    ),
                    stmt(pos, StmtKind::Break),
                ]),
            }],
            orelse: Arc::new([]),
            finally: Arc::new([]),
        }));
        let mut body = vec![stmt(pos, next)];
        for statement in &for_loop.body {
            let pos = self.pos(statement);
            self.nested(pos, |this| this.statement(statement, &mut body))?;
        }
        out.push(stmt(
            pos,
            StmtKind::While(Arc::new(WhileLoop {
                test: expr(pos, ExprKind::Const(Value::Bool(true))),
                body: body.into(),
                orelse: Arc::new([]),
            })),
        ));
        if !for_loop.orelse.is_empty() {
            let exhausted = expr(
                pos,
                ExprKind::Compare(Box::new(load()), vec![(CmpOp::Is, none())]),
            );
            out.push(stmt(
                pos,
                StmtKind::If {
                    test: exhausted,
                    body: self.block(&for_loop.orelse)?,
                    orelse: Arc::new([]),
                },
            ));
        }
        Ok(())
    }

    /// An `async for` clause of a comprehension, run inline in its `async def` like the other
    /// clauses: `iterator = aiter(iterable)`, then `target = await anext(iterator)` until it
    /// raises `StopAsyncIteration` (the compiler's `awaited_loop`).
    pub(super) fn async_clause(
        &mut self,
        generator: &ast::Comprehension,
        iterable: Expr,
        pos: Pos,
    ) -> Lowered<ComprehensionFor> {
        if !self.scopes.last().is_some_and(|scope| scope.is_async) {
            return error(
                "SyntaxError: asynchronous comprehension outside of an asynchronous function",
                pos,
            );
        }
        let iterator = self.hidden_local("async comprehension");
        let load = expr(pos, ExprKind::Load(iterator.clone()));
        Ok(ComprehensionFor {
            target: self.target(&generator.target)?,
            iter: call(pos, &protocols::AITER, vec![iterable]),
            conditions: self.exprs(&generator.ifs)?,
            awaited: Some(AwaitedNext {
                iterator,
                next: awaited(pos, call(pos, &protocols::ANEXT, vec![load])),
            }),
        })
    }

    fn in_async_function(&self, what: &str, pos: Pos) -> Lowered<()> {
        if self.scopes.last().is_some_and(|scope| scope.is_async) {
            Ok(())
        } else {
            error(format!("SyntaxError: '{what}' outside async function"), pos)
        }
    }

    /// A local of the innermost function that the program cannot name.
    fn hidden_local(&mut self, what: &str) -> Var {
        let Some(scope) = self.scopes.last_mut() else {
            unreachable!("`async` statements are inside a function");
        };
        let name = format!("({what} {})", scope.locals.len());
        scope.add_local(&name);
        scope::resolve(&mut self.scopes, &name)
    }
}

fn expr(pos: Pos, kind: ExprKind) -> Expr {
    Expr { pos, kind }
}

fn stmt(pos: Pos, kind: StmtKind) -> Stmt {
    Stmt { pos, kind }
}

fn awaited(pos: Pos, value: Expr) -> Expr {
    expr(pos, ExprKind::Await(Box::new(value)))
}

fn call(pos: Pos, native: &'static Native, args: Vec<Expr>) -> Expr {
    expr(
        pos,
        ExprKind::Call {
            func: Box::new(expr(pos, ExprKind::Const(Value::Builtin(native)))),
            args: args.into_iter().map(Arg::Plain).collect(),
            keywords: Vec::new(),
        },
    )
}
