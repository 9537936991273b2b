//! From the parser's syntax tree to the interpreter's program: names resolved to local slots
//! or globals (as Python decides, by assignment and `global`), imports turned into the modules
//! the subset provides, and anything outside the subset refused with its place and its name.

use super::error::ProgramError;
use super::ir::*;
use super::modules;
use super::registry::ModuleDef;
use super::scope::{self, Scope, ScopeKind};
use super::types::bytes;
use super::value::{Int, Value};
use ruff_python_ast::{self as ast, Expr as AstExpr, Stmt as AstStmt};
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextSize};
use std::sync::Arc;

/// How deeply expressions and blocks may nest: the interpreter recurses on them, and a
/// program's own recursion must stay within the workers' stacks.
const MAX_NESTING: usize = 64;

mod asynchronous;
mod comprehension;

/// A class body's annotations, by name.
const ANNOTATIONS: &str = "__annotations__";

type Lowered<T> = Result<T, ProgramError>;

/// Parses and lowers `source`; the error names the first problem's line and column.
pub fn lower(source: &str) -> Lowered<Arc<FunctionCode>> {
    let index = LineIndex::from_source_text(source);
    let lowerer = Lowerer {
        source,
        index: &index,
        scopes: Vec::new(),
        depth: 0,
        module_aliases: Default::default(),
        comprehension_names: Vec::new(),
        comprehensions: 0,
    };
    let parsed = ruff_python_parser::parse_module(source).map_err(|error| {
        let start = error.location.start();
        match character_name_escape(source, &error) {
            Some(escape) => unsupported_error(
                "`\\N{…}` character names in strings",
                lowerer.pos_at(escape),
            ),
            None => ProgramError::before_run(
                format!("SyntaxError: {}", error.error),
                lowerer.pos_at(start),
            ),
        }
    })?;
    let mut lowerer = lowerer;
    lowerer.module_aliases = scope::module_aliases(&parsed.syntax().body);
    let body = lowerer.block(&parsed.syntax().body)?;
    Ok(Arc::new(FunctionCode {
        name: "<module>".into(),
        qualname: "<module>".into(),
        params: Params::default(),
        local_names: Vec::new(),
        cells: Vec::new(),
        free: Vec::new(),
        body,
        is_async: false,
        is_class_body: false,
        is_generator: false,
        pos: Pos { line: 1, column: 1 },
    }))
}

struct Lowerer<'a> {
    source: &'a str,
    index: &'a LineIndex,
    /// The functions being lowered, innermost last; empty at module level.
    scopes: Vec<Scope>,
    depth: usize,
    /// The module-level names that stand for a module (see `scope::module_aliases`).
    module_aliases: std::collections::HashMap<String, &'static ModuleDef>,
    /// The loop variables of the comprehensions being lowered, innermost last.
    comprehension_names: Vec<comprehension::LoopVariable>,
    /// The comprehensions lowered so far, which numbers their loop variables' hidden names.
    comprehensions: usize,
}

/// Where the `\N{name}` escape starts if the parser stopped at one: it is built without the
/// table of Unicode names (see `shims/unicode_names2`), so it knows none. The error's place is
/// at the brace or at the name, depending on the parser's version.
fn character_name_escape(
    source: &str,
    error: &ruff_python_parser::ParseError,
) -> Option<ruff_text_size::TextSize> {
    use ruff_python_parser::{LexicalErrorType, ParseErrorType};
    if !matches!(
        error.error,
        ParseErrorType::Lexical(LexicalErrorType::UnicodeError)
    ) {
        return None;
    }
    let start = error.location.start().to_usize();
    let window = start.saturating_sub(3);
    let found = source.get(window..start + 1)?.find("\\N{")?;
    ruff_text_size::TextSize::try_from(window + found).ok()
}

/// Whether a display has `*iterable` items.
fn spreads(items: &[AstExpr]) -> bool {
    items.iter().any(|item| matches!(item, AstExpr::Starred(_)))
}

fn unsupported<T>(what: &str, pos: Pos) -> Lowered<T> {
    Err(unsupported_error(what, pos))
}

fn unsupported_error(what: &str, pos: Pos) -> ProgramError {
    ProgramError::before_run(
        format!(
            "Unsupported: {what} {} not part of threadplay's Python subset",
            if what.ends_with('s') { "are" } else { "is" }
        ),
        pos,
    )
}

fn error<T>(message: impl Into<String>, pos: Pos) -> Lowered<T> {
    Err(ProgramError::before_run(message, pos))
}

impl Lowerer<'_> {
    fn pos_at(&self, offset: TextSize) -> Pos {
        let place = self.index.line_column(offset, self.source);
        Pos {
            line: place.line.get() as u32,
            column: place.column.get() as u32,
        }
    }

    fn pos(&self, node: &impl Ranged) -> Pos {
        self.pos_at(node.start())
    }

    /// Counts one level of nesting for the duration of `lower`.
    fn nested<T>(&mut self, pos: Pos, lower: impl FnOnce(&mut Self) -> Lowered<T>) -> Lowered<T> {
        if self.depth >= MAX_NESTING {
            return error(
                format!(
                    "SyntaxError: nested more than {MAX_NESTING} levels deep (threadplay's limit)"
                ),
                pos,
            );
        }
        self.depth += 1;
        let lowered = lower(self);
        self.depth -= 1;
        lowered
    }

    fn block(&mut self, statements: &[AstStmt]) -> Lowered<Block> {
        self.block_after(Vec::new(), statements)
    }

    /// `statements` lowered after the ones in `lowered`.
    fn block_after(&mut self, mut lowered: Vec<Stmt>, statements: &[AstStmt]) -> Lowered<Block> {
        for statement in statements {
            let pos = self.pos(statement);
            self.nested(pos, |this| this.statement(statement, &mut lowered))?;
        }
        Ok(lowered.into())
    }

    fn statement(&mut self, statement: &AstStmt, out: &mut Vec<Stmt>) -> Lowered<()> {
        let pos = self.pos(statement);
        let kind = match statement {
            AstStmt::Expr(ast::StmtExpr { value, .. }) => StmtKind::Expr(self.expr(value)?),
            AstStmt::Assign(ast::StmtAssign { targets, value, .. }) => StmtKind::Assign {
                targets: targets
                    .iter()
                    .map(|target| self.target(target))
                    .collect::<Lowered<_>>()?,
                value: self.expr(value)?,
            },
            AstStmt::AnnAssign(ast::StmtAnnAssign {
                target,
                annotation,
                value,
                ..
            }) => {
                if let (AstExpr::Name(name), Some(ScopeKind::ClassBody(_))) =
                    (&**target, self.scopes.last().map(|scope| &scope.kind))
                {
                    out.push(self.annotation(&name.id, annotation, pos));
                }
                match value {
                    Some(value) => StmtKind::Assign {
                        targets: vec![self.target(target)?],
                        value: self.expr(value)?,
                    },
                    None => return Ok(()),
                }
            }
            AstStmt::AugAssign(ast::StmtAugAssign {
                target, op, value, ..
            }) => StmtKind::AugAssign {
                target: self.target(target)?,
                op: binary_op(*op),
                value: self.expr(value)?,
            },
            AstStmt::If(ast::StmtIf {
                test,
                body,
                elif_else_clauses,
                ..
            }) => {
                let mut orelse: Block = Arc::new([]);
                for clause in elif_else_clauses.iter().rev() {
                    let body = self.block(&clause.body)?;
                    orelse = match &clause.test {
                        Some(test) => Arc::new([Stmt {
                            pos: self.pos(clause),
                            kind: StmtKind::If {
                                test: self.expr(test)?,
                                body,
                                orelse,
                            },
                        }]),
                        None => body,
                    };
                }
                StmtKind::If {
                    test: self.expr(test)?,
                    body: self.block(body)?,
                    orelse,
                }
            }
            AstStmt::While(ast::StmtWhile {
                test, body, orelse, ..
            }) => StmtKind::While(Arc::new(WhileLoop {
                test: self.expr(test)?,
                body: self.block(body)?,
                orelse: self.block(orelse)?,
            })),
            AstStmt::For(for_loop @ ast::StmtFor { is_async: true, .. }) => {
                return self.async_for(for_loop, pos, out)
            }
            AstStmt::For(ast::StmtFor {
                target,
                iter,
                body,
                orelse,
                ..
            }) => StmtKind::For(Arc::new(ForLoop {
                target: self.target(target)?,
                iter: self.expr(iter)?,
                body: self.block(body)?,
                orelse: self.block(orelse)?,
            })),
            AstStmt::With(with @ ast::StmtWith { is_async: true, .. }) => {
                return self.async_with(with, pos, out)
            }
            AstStmt::With(ast::StmtWith { items, body, .. }) => {
                let mut body = self.block(body)?;
                let Some((first, rest)) = items.split_first() else {
                    return error("SyntaxError: `with` needs a context manager", pos);
                };
                for item in rest.iter().rev() {
                    body = Arc::new([Stmt {
                        pos: self.pos(item),
                        kind: self.with_item(item, body)?,
                    }]);
                }
                self.with_item(first, body)?
            }
            AstStmt::FunctionDef(def) => {
                let function = Expr {
                    pos,
                    kind: ExprKind::Function(self.function(def)?),
                };
                StmtKind::Assign {
                    value: self.decorated(&def.decorator_list, function)?,
                    targets: vec![Target::Var(self.var(&def.name.id))],
                }
            }
            AstStmt::Return(ast::StmtReturn { value, .. }) => match value.as_deref() {
                _ if self
                    .scopes
                    .last()
                    .is_none_or(|scope| matches!(scope.kind, ScopeKind::ClassBody(_))) =>
                {
                    return error("SyntaxError: 'return' outside function", pos)
                }
                value => StmtKind::Return(value.map(|value| self.expr(value)).transpose()?),
            },
            AstStmt::Import(ast::StmtImport { names, .. }) => {
                for alias in names {
                    let Some(module) = modules::module(&alias.name.id) else {
                        return self.no_module(&alias.name.id, self.pos(alias));
                    };
                    // `import concurrent.futures` binds `concurrent`; `import a.b as c` binds the module.
                    let (bound, value) = match &alias.asname {
                        Some(asname) => (asname.id.as_str(), module),
                        None => {
                            let top = alias.name.id.split('.').next().unwrap_or_default();
                            (top, modules::module(top).unwrap_or(module))
                        }
                    };
                    out.push(self.bind(bound, Value::Module(value), self.pos(alias)));
                }
                return Ok(());
            }
            AstStmt::ImportFrom(ast::StmtImportFrom {
                module,
                names,
                level,
                ..
            }) => {
                let name = module
                    .as_ref()
                    .map(|module| module.id.as_str())
                    .unwrap_or_default();
                if *level > 0 {
                    return unsupported("relative imports", pos);
                }
                let Some(module) = modules::module(name) else {
                    return self.no_module(name, pos);
                };
                for alias in names {
                    if &alias.name.id == "*" {
                        return unsupported("`import *`", self.pos(alias));
                    }
                    let Some(value) = module.member(&alias.name.id) else {
                        return error(format!("ImportError: cannot import name '{}' from '{name}' (threadplay's {name} has only what the README lists)", alias.name.id), self.pos(alias));
                    };
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    out.push(self.bind(&bound.id, value, self.pos(alias)));
                }
                return Ok(());
            }
            AstStmt::Global(_) => return Ok(()),
            AstStmt::Pass(_) => StmtKind::Pass,
            AstStmt::Break(_) => StmtKind::Break,
            AstStmt::Continue(_) => StmtKind::Continue,
            AstStmt::Assert(ast::StmtAssert { test, msg, .. }) => StmtKind::Assert {
                test: self.expr(test)?,
                message: msg.as_deref().map(|msg| self.expr(msg)).transpose()?,
            },
            AstStmt::ClassDef(def) => {
                let class = Expr {
                    pos,
                    kind: ExprKind::Class(Arc::new(self.class(def)?)),
                };
                StmtKind::Assign {
                    value: self.decorated(&def.decorator_list, class)?,
                    targets: vec![Target::Var(self.var(&def.name.id))],
                }
            }
            AstStmt::Try(ast::StmtTry {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
                ..
            }) => StmtKind::Try(Arc::new(TryStmt {
                body: self.block(body)?,
                star: *is_star && {
                    for ast::ExceptHandler::ExceptHandler(handler) in handlers {
                        self.leaves_except_star(&handler.body, false)?;
                    }
                    true
                },
                handlers: handlers
                    .iter()
                    .map(|handler| self.handler(handler))
                    .collect::<Lowered<_>>()?,
                orelse: self.block(orelse)?,
                finally: self.block(finalbody)?,
            })),
            AstStmt::Raise(ast::StmtRaise { exc, cause, .. }) => StmtKind::Raise {
                exception: exc.as_deref().map(|exc| self.expr(exc)).transpose()?,
                cause: cause.as_deref().map(|cause| self.expr(cause)).transpose()?,
            },
            AstStmt::Delete(ast::StmtDelete { targets, .. }) => StmtKind::Delete(
                targets
                    .iter()
                    .map(|target| self.target(target))
                    .collect::<Lowered<_>>()?,
            ),
            AstStmt::Match(_) => return unsupported("`match` statements", pos),
            AstStmt::Nonlocal(ast::StmtNonlocal { names, .. }) => {
                let innermost = self.scopes.len().saturating_sub(1);
                for name in names {
                    let bound = self
                        .scopes
                        .get(innermost)
                        .is_some_and(|scope| scope.slot(&name.id).is_some())
                        || scope::free_slot(&mut self.scopes, innermost, &name.id).is_some();
                    if !bound {
                        return error(
                            format!("SyntaxError: no binding for nonlocal '{}' found", name.id),
                            self.pos(name),
                        );
                    }
                }
                return Ok(());
            }
            AstStmt::TypeAlias(_) => return unsupported("type aliases", pos),
            AstStmt::IpyEscapeCommand(_) => return unsupported("IPython commands", pos),
        };
        out.push(Stmt { pos, kind });
        Ok(())
    }

    fn handler(&mut self, handler: &ast::ExceptHandler) -> Lowered<Handler> {
        let ast::ExceptHandler::ExceptHandler(handler) = handler;
        Ok(Handler {
            pos: self.pos(handler),
            classes: handler
                .type_
                .as_deref()
                .map(|classes| self.expr(classes))
                .transpose()?,
            name: handler
                .name
                .as_ref()
                .map(|name| Target::Var(self.var(&name.id))),
            body: self.block(&handler.body)?,
        })
    }

    fn with_item(&mut self, item: &ast::WithItem, body: Block) -> Lowered<StmtKind> {
        let target = item
            .optional_vars
            .as_deref()
            .map(|target| self.target(target))
            .transpose()?;
        Ok(StmtKind::With {
            manager: self.expr(&item.context_expr)?,
            target,
            body,
        })
    }

    fn no_module<T>(&self, name: &str, pos: Pos) -> Lowered<T> {
        error(
            format!(
                "ModuleNotFoundError: threadplay has no module named '{name}' (it has {})",
                modules::module_names()
            ),
            pos,
        )
    }

    fn bind(&mut self, name: &str, value: Value, pos: Pos) -> Stmt {
        Stmt {
            pos,
            kind: StmtKind::Assign {
                targets: vec![Target::Var(self.var(name))],
                value: Expr {
                    pos,
                    kind: ExprKind::Const(value),
                },
            },
        }
    }

    /// A name in the current scope (see `scope.rs`), or the hidden name a comprehension's loop
    /// variable stands for inside it.
    fn var(&mut self, name: &str) -> Var {
        match self.comprehension_name(name) {
            Some(hidden) => scope::resolve(&mut self.scopes, &hidden),
            None => scope::resolve(&mut self.scopes, name),
        }
    }

    fn function(&mut self, def: &ast::StmtFunctionDef) -> Lowered<Arc<FunctionCode>> {
        let pos = self.pos(def);
        if def.type_params.is_some() {
            return unsupported("type parameters", pos);
        }
        let params = self.parameters(&def.parameters)?;
        let kind = match self.scopes.last().map(|scope| &scope.kind) {
            Some(ScopeKind::ClassBody(class)) => ScopeKind::Method(Arc::clone(class)),
            _ => ScopeKind::Function,
        };
        let names = params.names();
        let qualname = scope::qualname(&self.scopes, &def.name.id);
        self.scopes.push(Scope::function(
            qualname,
            names,
            &def.body,
            def.is_async,
            kind,
        ));
        let body = self.block(&def.body);
        let scope = self.pop_scope();
        Ok(Arc::new(FunctionCode {
            name: def.name.id.as_str().into(),
            qualname: Arc::clone(&scope.qualname),
            params,
            body: body?,
            is_async: def.is_async,
            is_class_body: false,
            is_generator: scope.is_generator,
            pos,
            local_names: scope.locals,
            cells: scope.cells,
            free: scope.free,
        }))
    }

    fn pop_scope(&mut self) -> Scope {
        self.scopes
            .pop()
            .unwrap_or_else(|| unreachable!("pushed by the caller"))
    }

    /// `@first @second def f` is `f = first(second(f))`, applied bottom up.
    fn decorated(&mut self, decorators: &[ast::Decorator], mut value: Expr) -> Lowered<Expr> {
        for decorator in decorators.iter().rev() {
            let pos = self.pos(decorator);
            value = Expr {
                pos,
                kind: ExprKind::Call {
                    func: self.boxed(&decorator.expression)?,
                    args: vec![Arg::Plain(value)],
                    keywords: Vec::new(),
                },
            };
        }
        Ok(value)
    }

    /// `class Name(bases): body`: the body becomes a function that runs once and gives its
    /// locals, the class's namespace.
    fn class(&mut self, def: &ast::StmtClassDef) -> Lowered<ClassDef> {
        let pos = self.pos(def);
        if def.type_params.is_some() {
            return unsupported("type parameters", pos);
        }
        let mut bases = Vec::new();
        if let Some(arguments) = &def.arguments {
            if let Some(keyword) = arguments.keywords.first() {
                return unsupported("class keywords (metaclasses)", self.pos(keyword));
            }
            bases = self.exprs(&arguments.args)?;
        }
        let name: Name = def.name.id.as_str().into();
        let annotated = def
            .body
            .iter()
            .any(|statement| matches!(statement, AstStmt::AnnAssign(_)));
        let mut scope = Scope::function(
            scope::qualname(&self.scopes, &name),
            Vec::new(),
            &def.body,
            false,
            ScopeKind::ClassBody(Arc::clone(&name)),
        );
        if annotated {
            scope.add_local(ANNOTATIONS);
        }
        self.scopes.push(scope);
        let mut start = Vec::new();
        if annotated {
            // `__annotations__ = {}` first: the names a dataclass's fields come from.
            start.push(Stmt {
                pos,
                kind: StmtKind::Assign {
                    targets: vec![Target::Var(self.var(ANNOTATIONS))],
                    value: Expr {
                        pos,
                        kind: ExprKind::Dict(Vec::new()),
                    },
                },
            });
        }
        let body = self.block_after(start, &def.body);
        let scope = self.pop_scope();
        Ok(ClassDef {
            bases,
            body: Arc::new(FunctionCode {
                name,
                qualname: Arc::clone(&scope.qualname),
                params: Params::default(),
                local_names: scope.locals,
                cells: scope.cells,
                free: scope.free,
                body: body?,
                is_async: false,
                is_class_body: true,
                is_generator: false,
                pos,
            }),
        })
    }

    /// The module `expr` stands for, if it is a name bound only by an import (or a module's
    /// submodule): `threading`, `concurrent.futures`.
    fn static_module(&mut self, expr: &AstExpr) -> Option<&'static ModuleDef> {
        match expr {
            AstExpr::Name(name) => {
                let module = *self.module_aliases.get(name.id.as_str())?;
                matches!(self.var(&name.id), Var::Global(_)).then_some(module)
            }
            AstExpr::Attribute(ast::ExprAttribute { value, attr, .. }) => {
                match self.static_module(value)?.member(&attr.id)? {
                    Value::Module(module) => Some(module),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `__annotations__['name'] = 'annotation'` in a class body: the annotation kept as its
    /// text (as with `from __future__ import annotations`), which is all `dataclass` reads.
    fn annotation(&mut self, name: &str, annotation: &AstExpr, pos: Pos) -> Stmt {
        let text = &self.source[annotation.range()];
        let constant = |value: Value| Expr {
            pos,
            kind: ExprKind::Const(value),
        };
        Stmt {
            pos,
            kind: StmtKind::Assign {
                targets: vec![Target::Item {
                    object: Expr {
                        pos,
                        kind: ExprKind::Load(self.var(ANNOTATIONS)),
                    },
                    index: constant(Value::str(name)),
                }],
                value: constant(Value::str(text)),
            },
        }
    }

    /// `super().name`, in a method of a class defined at module level (whose name is then a
    /// global when the method runs).
    fn super_attr(&mut self, name: &str, pos: Pos) -> Lowered<ExprKind> {
        let in_module_class = self.scopes.len() == 2 && self.scopes[0].kind != ScopeKind::Function;
        match self.scopes.last() {
            Some(Scope {
                kind: ScopeKind::Method(class),
                locals,
                ..
            }) if in_module_class && !locals.is_empty() => Ok(ExprKind::SuperAttr {
                class: Box::new(Expr {
                    pos,
                    kind: ExprKind::Load(Var::Global(Arc::clone(class))),
                }),
                instance: Box::new(Expr {
                    pos,
                    kind: ExprKind::Load(Var::Local(0)),
                }),
                name: name.into(),
            }),
            _ => unsupported(
                "`super()` outside a method of a class defined at module level",
                pos,
            ),
        }
    }

    /// Parameters with their defaults, which are evaluated where the function is defined.
    fn parameters(&mut self, parameters: &ast::Parameters) -> Lowered<Params> {
        let list = parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
            .map(|param| {
                Ok(Param {
                    name: param.parameter.name.id.as_str().into(),
                    default: param
                        .default
                        .as_deref()
                        .map(|default| self.expr(default))
                        .transpose()?,
                })
            })
            .collect::<Lowered<_>>()?;
        let name = |param: &Option<Box<ast::Parameter>>| {
            param
                .as_ref()
                .map(|param| Name::from(param.name.id.as_str()))
        };
        Ok(Params {
            list,
            kwonly: parameters.kwonlyargs.len(),
            varargs: name(&parameters.vararg),
            varkw: name(&parameters.kwarg),
        })
    }

    fn target(&mut self, target: &AstExpr) -> Lowered<Target> {
        let pos = self.pos(target);
        Ok(match target {
            AstExpr::Name(name) => Target::Var(self.var(&name.id)),
            AstExpr::Subscript(ast::ExprSubscript { value, slice, .. }) => Target::Item {
                object: self.expr(value)?,
                index: self.expr(slice)?,
            },
            AstExpr::Tuple(ast::ExprTuple { elts, .. })
            | AstExpr::List(ast::ExprList { elts, .. }) => {
                let targets = elts
                    .iter()
                    .map(|elt| match elt {
                        AstExpr::Starred(ast::ExprStarred { value, .. }) => {
                            Ok(Target::Starred(Box::new(self.target(value)?)))
                        }
                        elt => self.target(elt),
                    })
                    .collect::<Lowered<Vec<_>>>()?;
                if targets
                    .iter()
                    .filter(|target| matches!(target, Target::Starred(_)))
                    .count()
                    > 1
                {
                    return error(
                        "SyntaxError: multiple starred expressions in assignment",
                        pos,
                    );
                }
                Target::Unpack(targets)
            }
            AstExpr::Attribute(ast::ExprAttribute { value, attr, .. }) => Target::Attr {
                object: self.expr(value)?,
                name: attr.id.as_str().into(),
            },
            AstExpr::Starred(_) => {
                return error(
                    "SyntaxError: starred assignment target must be in a list or tuple",
                    pos,
                )
            }
            _ => return error("SyntaxError: cannot assign to this expression", pos),
        })
    }

    fn expr(&mut self, expr: &AstExpr) -> Lowered<Expr> {
        let pos = self.pos(expr);
        self.nested(pos, |this| {
            Ok(Expr {
                pos,
                kind: this.expr_kind(expr, pos)?,
            })
        })
    }

    fn boxed(&mut self, expr: &AstExpr) -> Lowered<Box<Expr>> {
        self.expr(expr).map(Box::new)
    }

    fn exprs(&mut self, exprs: &[AstExpr]) -> Lowered<Vec<Expr>> {
        exprs.iter().map(|expr| self.expr(expr)).collect()
    }

    /// A call's positional arguments, or a display's items: `*iterable` ones spread.
    fn args(&mut self, exprs: &[AstExpr]) -> Lowered<Vec<Arg>> {
        exprs
            .iter()
            .map(|expr| match expr {
                AstExpr::Starred(ast::ExprStarred { value, .. }) => {
                    Ok(Arg::Star(self.expr(value)?))
                }
                expr => Ok(Arg::Plain(self.expr(expr)?)),
            })
            .collect()
    }

    fn expr_kind(&mut self, expr: &AstExpr, pos: Pos) -> Lowered<ExprKind> {
        Ok(match expr {
            AstExpr::NumberLiteral(ast::ExprNumberLiteral { value, .. }) => ExprKind::Const(match value {
                // Decimal, hex, octal or binary: ruff keeps what does not fit 64 bits as text.
                ast::Number::Int(int) => match int.as_i64().map(Int::from).or_else(|| parse_int(&int.to_string())) {
                    Some(i) => Value::Int(i),
                    None => return error("OverflowError: integer literal too large (threadplay's integers are 128-bit)", pos),
                },
                ast::Number::Float(f) => Value::Float(*f),
                ast::Number::Complex { .. } => return unsupported("complex numbers", pos),
            }),
            AstExpr::StringLiteral(ast::ExprStringLiteral { value, .. }) => ExprKind::Const(Value::str(value.to_str())),
            AstExpr::BooleanLiteral(ast::ExprBooleanLiteral { value, .. }) => ExprKind::Const(Value::Bool(*value)),
            AstExpr::NoneLiteral(_) | AstExpr::EllipsisLiteral(_) => ExprKind::Const(Value::None),
            AstExpr::Name(name) => ExprKind::Load(self.var(&name.id)),
            AstExpr::List(ast::ExprList { elts, .. }) if spreads(elts) => ExprKind::Spread(Display::List, self.args(elts)?),
            AstExpr::Tuple(ast::ExprTuple { elts, .. }) if spreads(elts) => ExprKind::Spread(Display::Tuple, self.args(elts)?),
            AstExpr::Set(ast::ExprSet { elts, .. }) if spreads(elts) => ExprKind::Spread(Display::Set, self.args(elts)?),
            AstExpr::List(ast::ExprList { elts, .. }) => ExprKind::List(self.exprs(elts)?),
            AstExpr::Tuple(ast::ExprTuple { elts, .. }) => ExprKind::Tuple(self.exprs(elts)?),
            AstExpr::Dict(ast::ExprDict { items, .. }) => ExprKind::Dict(
                items
                    .iter()
                    .map(|item| {
                        let key = item.key.as_ref().map(|key| self.expr(key)).transpose()?;
                        Ok((key, self.expr(&item.value)?))
                    })
                    .collect::<Lowered<_>>()?,
            ),
            AstExpr::BinOp(ast::ExprBinOp { left, op, right, .. }) => {
                ExprKind::Binary(self.boxed(left)?, binary_op(*op), self.boxed(right)?)
            }
            AstExpr::UnaryOp(ast::ExprUnaryOp { op, operand, .. }) => {
                let op = match op {
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                };
                let operand = self.boxed(operand)?;
                // `-1` is a constant, as CPython's compiler folds it (a set display of
                // constants is laid out differently from one built item by item).
                match (op, &operand.kind) {
                    (UnaryOp::Neg, ExprKind::Const(Value::Int(i))) if *i != Int::MIN => ExprKind::Const(Value::Int(-i)),
                    (UnaryOp::Neg, ExprKind::Const(Value::Float(f))) => ExprKind::Const(Value::Float(-f)),
                    _ => ExprKind::Unary(op, operand),
                }
            }
            AstExpr::BoolOp(ast::ExprBoolOp { op, values, .. }) => {
                let mut values = values.iter().rev();
                let last = values.next().map(|last| self.expr(last)).transpose()?;
                let mut folded = last.unwrap_or(Expr { pos, kind: ExprKind::Const(Value::None) });
                for value in values {
                    let value = Box::new(self.expr(value)?);
                    let rest = Box::new(folded);
                    folded = Expr {
                        pos,
                        kind: match op {
                            ast::BoolOp::And => ExprKind::And(value, rest),
                            ast::BoolOp::Or => ExprKind::Or(value, rest),
                        },
                    };
                }
                folded.kind
            }
            AstExpr::Compare(ast::ExprCompare { left, ops, comparators, .. }) => ExprKind::Compare(
                self.boxed(left)?,
                ops.iter()
                    .zip(comparators.iter())
                    .map(|(op, right)| Ok((compare_op(*op), self.expr(right)?)))
                    .collect::<Lowered<_>>()?,
            ),
            AstExpr::If(ast::ExprIf { test, body, orelse, .. }) => ExprKind::IfElse {
                test: self.boxed(test)?,
                body: self.boxed(body)?,
                orelse: self.boxed(orelse)?,
            },
            AstExpr::Call(ast::ExprCall { func, arguments, .. }) if streamed_generator(func, arguments).is_some() => {
                let Some((streamed, AstExpr::Generator(ast::ExprGenerator { elt, generators, .. }))) =
                    streamed_generator(func, arguments)
                else {
                    unreachable!("matched by streamed_generator");
                };
                let collect = |this: &mut Self| Ok(Collect::Streamed(streamed, this.boxed(elt)?));
                let taken = Expr { pos, kind: self.comprehension(collect, generators, pos)? };
                ExprKind::Call { func: self.boxed(func)?, args: vec![Arg::Plain(taken)], keywords: Vec::new() }
            }
            AstExpr::Call(ast::ExprCall { func, arguments, .. }) => ExprKind::Call {
                func: self.boxed(func)?,
                args: self.args(&arguments.args)?,
                keywords: arguments
                    .keywords
                    .iter()
                    .map(|keyword| Ok((keyword.arg.as_ref().map(|name| name.id.as_str().into()), self.expr(&keyword.value)?)))
                    .collect::<Lowered<_>>()?,
            },
            AstExpr::Attribute(ast::ExprAttribute { value, attr, .. })
                if self.static_module(value).is_some_and(|module| module.member(&attr.id).is_none()) =>
            {
                let module = self.static_module(value).map_or("", |module| module.name);
                return error(
                    format!("AttributeError: module '{module}' has no attribute '{}' (threadplay's {module} has only what the README lists)", attr.id),
                    self.pos(attr),
                );
            }
            AstExpr::Attribute(ast::ExprAttribute { value, attr, .. }) => match &**value {
                AstExpr::Call(ast::ExprCall { func, arguments, .. })
                    if matches!(&**func, AstExpr::Name(name) if &name.id == "super")
                        && arguments.is_empty() =>
                {
                    self.super_attr(&attr.id, pos)?
                }
                // `super(Class, self).name`, as code older than Python 3 writes it.
                AstExpr::Call(ast::ExprCall { func, arguments, .. })
                    if matches!(&**func, AstExpr::Name(name) if &name.id == "super")
                        && arguments.keywords.is_empty()
                        && arguments.args.len() == 2 =>
                {
                    ExprKind::SuperAttr {
                        class: self.boxed(&arguments.args[0])?,
                        instance: self.boxed(&arguments.args[1])?,
                        name: attr.id.as_str().into(),
                    }
                }
                _ => ExprKind::Attribute(self.boxed(value)?, attr.id.as_str().into()),
            },
            AstExpr::Subscript(ast::ExprSubscript { value, slice, .. }) => {
                ExprKind::Subscript(self.boxed(value)?, self.boxed(slice)?)
            }
            AstExpr::Slice(ast::ExprSlice { lower, upper, step, .. }) => {
                let mut part = |part: &Option<Box<AstExpr>>| part.as_deref().map(|part| self.boxed(part)).transpose();
                ExprKind::Slice([part(lower)?, part(upper)?, part(step)?])
            }
            AstExpr::FString(ast::ExprFString { value, .. }) => {
                let mut parts = Vec::new();
                for part in value.iter() {
                    match part {
                        ast::FStringPart::Literal(literal) => parts.push(FStringPart::Literal(literal.value.as_ref().into())),
                        ast::FStringPart::FString(fstring) => parts.extend(self.fstring_elements(&fstring.elements)?),
                    }
                }
                ExprKind::FString(parts)
            }
            AstExpr::ListComp(ast::ExprListComp { elt, generators, .. }) => {
                self.comprehension(|this| Ok(Collect::List(this.boxed(elt)?)), generators, pos)?
            }
            AstExpr::DictComp(ast::ExprDictComp { key: None, .. }) => return unsupported("`**` in dict comprehensions", pos),
            AstExpr::DictComp(ast::ExprDictComp { key: Some(key), value, generators, .. }) => self.comprehension(
                |this| Ok(Collect::Dict(this.boxed(key)?, this.boxed(value)?)),
                generators,
                pos,
            )?,
            AstExpr::Generator(ast::ExprGenerator { elt, generators, .. }) => {
                self.generator_expression(elt, generators, pos)?
            }
            AstExpr::Yield(ast::ExprYield { value, .. }) => {
                self.in_generator(pos)?;
                ExprKind::Yield(value.as_deref().map(|value| self.boxed(value)).transpose()?)
            }
            AstExpr::YieldFrom(ast::ExprYieldFrom { value, .. }) => {
                if self.scopes.last().is_some_and(|scope| scope.is_async) {
                    return error("SyntaxError: 'yield from' inside async function", pos);
                }
                self.in_generator(pos)?;
                ExprKind::YieldFrom(self.boxed(value)?)
            }
            AstExpr::Lambda(ast::ExprLambda { parameters, body, .. }) => {
                let params = match parameters {
                    Some(parameters) => self.parameters(parameters)?,
                    None => Params::default(),
                };
                let qualname = scope::qualname(&self.scopes, "<lambda>");
                self.scopes
                    .push(Scope::lambda(qualname, params.names(), body));
                let body = self.expr(body);
                let scope = self.pop_scope();
                ExprKind::Lambda(Arc::new(FunctionCode {
                    name: "<lambda>".into(),
                    qualname: Arc::clone(&scope.qualname),
                    params,
                    local_names: scope.locals,
                    cells: scope.cells,
                    free: scope.free,
                    body: Arc::new([Stmt { pos, kind: StmtKind::Return(Some(body?)) }]),
                    is_async: false,
                    is_class_body: false,
                    is_generator: scope.is_generator,
                    pos,
                }))
            }
            AstExpr::Await(ast::ExprAwait { value, .. }) => {
                if !self.scopes.last().is_some_and(|scope| scope.is_async) {
                    return error("SyntaxError: 'await' outside async function", pos);
                }
                ExprKind::Await(self.boxed(value)?)
            }
            AstExpr::Starred(_) => return error("SyntaxError: can't use starred expression here", pos),
            AstExpr::Named(ast::ExprNamed { target, value, .. }) => {
                let AstExpr::Name(name) = &**target else {
                    return error("SyntaxError: cannot use assignment expressions with this target", pos);
                };
                ExprKind::Named(self.var(&name.id), self.boxed(value)?)
            }
            AstExpr::Set(ast::ExprSet { elts, .. }) => ExprKind::Set(self.exprs(elts)?),
            AstExpr::SetComp(ast::ExprSetComp { elt, generators, .. }) => {
                self.comprehension(|this| Ok(Collect::Set(this.boxed(elt)?)), generators, pos)?
            }
            AstExpr::BytesLiteral(ast::ExprBytesLiteral { value, .. }) => {
                ExprKind::Const(bytes::value(value.bytes().collect::<Vec<u8>>()))
            }
            AstExpr::TString(_) => return unsupported("template strings", pos),
            AstExpr::IpyEscapeCommand(_) => return unsupported("IPython commands", pos),
        })
    }

    fn fstring_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
    ) -> Lowered<Vec<FStringPart>> {
        let mut parts = Vec::new();
        for element in elements.iter() {
            match element {
                ast::InterpolatedStringElement::Literal(literal) => {
                    parts.push(FStringPart::Literal(literal.value.as_ref().into()));
                }
                ast::InterpolatedStringElement::Interpolation(interpolation) => {
                    let mut conversion = match interpolation.conversion {
                        ast::ConversionFlag::Repr => Conversion::Repr,
                        ast::ConversionFlag::Str => Conversion::Str,
                        ast::ConversionFlag::Ascii => {
                            return unsupported("`!a` conversions", self.pos(interpolation))
                        }
                        ast::ConversionFlag::None => Conversion::None,
                    };
                    if let Some(debug) = &interpolation.debug_text {
                        parts.push(FStringPart::Literal(debug.as_str().into()));
                        if conversion == Conversion::None && interpolation.format_spec.is_none() {
                            conversion = Conversion::Repr;
                        }
                    }
                    let spec = match &interpolation.format_spec {
                        Some(spec) => self.fstring_elements(&spec.elements)?,
                        None => Vec::new(),
                    };
                    parts.push(FStringPart::Value {
                        expr: self.expr(&interpolation.expression)?,
                        conversion,
                        spec,
                    });
                }
            }
        }
        Ok(parts)
    }
}

/// `sum(x for …)`, which is added up as it goes (see `comprehension.rs`).
/// `sum(x for …)`, `any(…)` or `all(…)`: the builtin it may be, and the generator expression.
fn streamed_generator<'a>(
    func: &AstExpr,
    arguments: &'a ast::Arguments,
) -> Option<(Streamed, &'a AstExpr)> {
    let AstExpr::Name(name) = func else {
        return None;
    };
    match (&arguments.args[..], arguments.keywords.is_empty()) {
        ([generator @ AstExpr::Generator(_)], true) => {
            Some((Streamed::named(&name.id)?, generator))
        }
        _ => None,
    }
}

/// A literal too big for 64 bits, in any of Python's bases, if it fits an [`Int`].
fn parse_int(literal: &str) -> Option<Int> {
    let digits = literal.replace('_', "").to_lowercase();
    let (radix, digits) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => (10, &digits[..]),
    };
    Int::from_str_radix(digits, radix).ok()
}

fn binary_op(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::Div => BinOp::Div,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::BitAnd => BinOp::BitAnd,
        ast::Operator::BitOr => BinOp::BitOr,
        ast::Operator::BitXor => BinOp::BitXor,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::MatMult => BinOp::MatMul,
    }
}

fn compare_op(op: ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::NotEq,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::LtE,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::GtE,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
    }
}

impl Lowerer<'_> {
    /// CPython's refusal of a `break`, `continue` or `return` that would leave an `except*` clause
    /// (the loops inside it may break and continue).
    fn leaves_except_star(&self, body: &[AstStmt], in_loop: bool) -> Lowered<()> {
        for statement in body {
            let leaves = match statement {
                AstStmt::Return(_) => true,
                AstStmt::Break(_) | AstStmt::Continue(_) => !in_loop,
                _ => false,
            };
            if leaves {
                return error(
                    "SyntaxError: 'break', 'continue' and 'return' cannot appear in an except* block",
                    self.pos(statement),
                );
            }
            match statement {
                AstStmt::For(ast::StmtFor { body, orelse, .. })
                | AstStmt::While(ast::StmtWhile { body, orelse, .. }) => {
                    self.leaves_except_star(body, true)?;
                    self.leaves_except_star(orelse, in_loop)?;
                }
                AstStmt::If(ast::StmtIf {
                    body,
                    elif_else_clauses,
                    ..
                }) => {
                    self.leaves_except_star(body, in_loop)?;
                    for clause in elif_else_clauses {
                        self.leaves_except_star(&clause.body, in_loop)?;
                    }
                }
                AstStmt::With(ast::StmtWith { body, .. }) => {
                    self.leaves_except_star(body, in_loop)?
                }
                AstStmt::Try(ast::StmtTry {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                    ..
                }) => {
                    self.leaves_except_star(body, in_loop)?;
                    for ast::ExceptHandler::ExceptHandler(handler) in handlers {
                        self.leaves_except_star(&handler.body, in_loop)?;
                    }
                    self.leaves_except_star(orelse, in_loop)?;
                    self.leaves_except_star(finalbody, in_loop)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}
