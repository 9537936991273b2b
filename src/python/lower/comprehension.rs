//! Comprehensions and generators. A list or dict comprehension runs inline, its loop variables
//! the enclosing function's own locals (as in CPython 3.12), so threads running one function
//! never share them. A generator expression is a generator function of its own, called with its
//! outermost iterable; `sum(x for …)` is the exception, added up inline as it goes.

use super::super::ir::*;
use super::super::scope::{qualname, target_names, Scope, ScopeKind};
use super::{error, unsupported, Lowered, Lowerer};
use ruff_python_ast::{self as ast, Expr as AstExpr};
use std::sync::Arc;

impl Lowerer<'_> {
    /// A comprehension run inline, collecting into a list, a dict or a sum.
    /// `collect` lowers what is collected, once the loop variables are locals.
    pub(super) fn comprehension(
        &mut self,
        collect: impl FnOnce(&mut Self) -> Lowered<Collect>,
        generators: &[ast::Comprehension],
        pos: Pos,
    ) -> Lowered<ExprKind> {
        if let Some(scope) = self.scopes.last_mut() {
            for generator in generators {
                target_names(&generator.target, &mut |name| scope.add_local(name));
            }
        }
        let clauses = generators
            .iter()
            .map(|generator| {
                if generator.is_async {
                    return unsupported("async comprehensions", pos);
                }
                Ok(ComprehensionFor {
                    target: self.target(&generator.target)?,
                    iter: self.expr(&generator.iter)?,
                    conditions: self.exprs(&generator.ifs)?,
                })
            })
            .collect::<Lowered<_>>()?;
        Ok(ExprKind::Comprehension(Box::new(Comprehension {
            collect: collect(self)?,
            clauses,
        })))
    }

    /// `(element for target in iter if condition …)`: a generator function whose one
    /// parameter is the outermost iterable, evaluated where the expression stands.
    pub(super) fn generator_expression(
        &mut self,
        element: &AstExpr,
        generators: &[ast::Comprehension],
        pos: Pos,
    ) -> Lowered<ExprKind> {
        let Some(first) = generators.first() else {
            return error("SyntaxError: a generator expression needs a `for`", pos);
        };
        let iter = self.boxed(&first.iter)?;
        let outermost: Name = ".0".into();
        let qualname = qualname(&self.scopes, "<genexpr>");
        let mut scope = Scope::new(
            qualname,
            vec![Arc::clone(&outermost)],
            false,
            ScopeKind::Function,
        );
        scope.is_generator = true;
        for generator in generators {
            target_names(&generator.target, &mut |name| scope.add_local(name));
        }
        self.scopes.push(scope);
        let body = self.generator_loops(element, generators, true, pos);
        let scope = self.pop_scope();
        let function = FunctionCode {
            name: "<genexpr>".into(),
            qualname: Arc::clone(&scope.qualname),
            params: Params {
                list: vec![Param {
                    name: outermost,
                    default: None,
                }],
                ..Params::default()
            },
            local_names: scope.locals,
            cells: scope.cells,
            free: scope.free,
            body: body?,
            is_async: false,
            is_class_body: false,
            is_generator: true,
            pos,
        };
        Ok(ExprKind::GeneratorExp {
            function: Arc::new(function),
            iter,
        })
    }

    /// The nested loops of a generator expression, `yield element` innermost. The outermost
    /// loop goes over the parameter (slot 0), the others over their own iterables.
    fn generator_loops(
        &mut self,
        element: &AstExpr,
        generators: &[ast::Comprehension],
        outermost: bool,
        pos: Pos,
    ) -> Lowered<Block> {
        let Some((generator, rest)) = generators.split_first() else {
            let yielded = Expr {
                pos,
                kind: ExprKind::Yield(Some(self.boxed(element)?)),
            };
            return Ok(Arc::new([Stmt {
                pos,
                kind: StmtKind::Expr(yielded),
            }]));
        };
        if generator.is_async {
            return unsupported("async comprehensions", pos);
        }
        let target = self.target(&generator.target)?;
        let iter = if outermost {
            Expr {
                pos,
                kind: ExprKind::Load(Var::Local(0)),
            }
        } else {
            self.expr(&generator.iter)?
        };
        let mut body = self.generator_loops(element, rest, false, pos)?;
        for condition in generator.ifs.iter().rev() {
            body = Arc::new([Stmt {
                pos,
                kind: StmtKind::If {
                    test: self.expr(condition)?,
                    body,
                    orelse: Arc::new([]),
                },
            }]);
        }
        Ok(Arc::new([Stmt {
            pos,
            kind: StmtKind::For(Arc::new(ForLoop {
                target,
                iter,
                body,
                orelse: Arc::new([]),
            })),
        }]))
    }

    /// Whether a `yield` may stand here: in a function (an `async def` too, which makes an
    /// async generator), not a class body.
    pub(super) fn in_generator(&mut self, pos: Pos) -> Lowered<()> {
        match self.scopes.last_mut() {
            Some(scope) if matches!(scope.kind, ScopeKind::ClassBody(_)) => {
                error("SyntaxError: 'yield' outside function", pos)
            }
            Some(scope) => {
                scope.is_generator = true;
                Ok(())
            }
            None => error("SyntaxError: 'yield' outside function", pos),
        }
    }
}
