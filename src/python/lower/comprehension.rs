//! Comprehensions and generators. A list or dict comprehension runs inline, its loop variables
//! the enclosing function's own locals under hidden names (as in CPython 3.12): threads running
//! one function never share them, and a name outside the comprehension is not touched by one
//! inside (`x = 10; [x for x in range(3)]` leaves `x` 10). A generator expression is a generator function of its own, called with its
//! outermost iterable; `sum(x for …)` is the exception, added up inline as it goes. An
//! `async for` clause, in an `async def`, awaits each item inline (`async_clause`).

use super::super::ir::*;
use super::super::scope::{qualname, target_names, Scope, ScopeKind};
use super::{error, unsupported, Lowered, Lowerer};
use ruff_python_ast::{self as ast, Expr as AstExpr};
use std::sync::Arc;

/// A comprehension's loop variable: `name` in the program, `hidden` in the scope that was the
/// innermost (of `scopes` open) where the comprehension stands.
pub(super) struct LoopVariable {
    name: Name,
    scopes: usize,
    hidden: Name,
}

impl Lowerer<'_> {
    /// A comprehension run inline, collecting into a list, a dict or a sum.
    /// `collect` lowers what is collected, once the loop variables are locals.
    pub(super) fn comprehension(
        &mut self,
        collect: impl FnOnce(&mut Self) -> Lowered<Collect>,
        generators: &[ast::Comprehension],
        pos: Pos,
    ) -> Lowered<ExprKind> {
        let Some(first) = generators.first() else {
            return error("SyntaxError: a comprehension needs a `for`", pos);
        };
        // The outermost iterable is evaluated where the comprehension stands, where its loop
        // variables are not yet bound: `[x for x in x]` goes over the `x` outside.
        let outermost = self.expr(&first.iter)?;
        let outside = self.comprehension_names.len();
        self.hide_loop_variables(generators);
        let lowered = self.comprehension_clauses(outermost, collect, generators, pos);
        self.comprehension_names.truncate(outside);
        lowered
    }

    fn comprehension_clauses(
        &mut self,
        outermost: Expr,
        collect: impl FnOnce(&mut Self) -> Lowered<Collect>,
        generators: &[ast::Comprehension],
        pos: Pos,
    ) -> Lowered<ExprKind> {
        let mut outermost = Some(outermost);
        let clauses = generators
            .iter()
            .map(|generator| {
                let iter = match outermost.take() {
                    Some(iter) => iter,
                    None => self.expr(&generator.iter)?,
                };
                if generator.is_async {
                    return self.async_clause(generator, iter, pos);
                }
                Ok(ComprehensionFor {
                    target: self.target(&generator.target)?,
                    iter,
                    conditions: self.exprs(&generator.ifs)?,
                    awaited: None,
                })
            })
            .collect::<Lowered<_>>()?;
        Ok(ExprKind::Comprehension(Box::new(Comprehension {
            collect: collect(self)?,
            clauses,
        })))
    }

    /// Gives each loop variable of a comprehension a local (a global at module level) of its
    /// own, under a name the program cannot write, for as long as the comprehension is lowered.
    fn hide_loop_variables(&mut self, generators: &[ast::Comprehension]) {
        self.comprehensions += 1;
        let mut names = Vec::new();
        for generator in generators {
            target_names(&generator.target, &mut |name| names.push(Name::from(name)));
        }
        for name in names {
            let hidden: Name = format!("{name} (comprehension {})", self.comprehensions).into();
            if let Some(scope) = self.scopes.last_mut() {
                scope.add_local(&hidden);
            }
            self.comprehension_names.push(LoopVariable {
                name,
                scopes: self.scopes.len(),
                hidden,
            });
        }
    }

    /// The hidden name `name` stands for inside the comprehensions being lowered: the innermost
    /// one's that binds it, unless a function inside that comprehension binds `name` itself.
    pub(super) fn comprehension_name(&self, name: &str) -> Option<Name> {
        let bound = self
            .comprehension_names
            .iter()
            .rev()
            .find(|bound| &*bound.name == name)?;
        let rebound = self.scopes[bound.scopes..]
            .iter()
            .any(|scope| scope.slot(name).is_some() || scope.globals.contains(name));
        (!rebound).then(|| Arc::clone(&bound.hidden))
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
            return unsupported("asynchronous generator expressions", pos);
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
