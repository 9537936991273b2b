//! From the parser's syntax tree to the interpreter's program: names resolved to local slots
//! or globals (as Python decides, by assignment and `global`), imports turned into the modules
//! the subset provides, and anything outside the subset refused with its place and its name.

use super::error::ProgramError;
use super::ir::*;
use super::modules;
use super::value::{Int, Value};
use ruff_python_ast::{self as ast, Expr as AstExpr, Stmt as AstStmt};
use ruff_source_file::LineIndex;
use ruff_text_size::{Ranged, TextSize};
use std::collections::HashSet;
use std::sync::Arc;

/// How deeply expressions and blocks may nest: the interpreter recurses on them, and a
/// program's own recursion must stay within the workers' stacks.
const MAX_NESTING: usize = 64;

type Lowered<T> = Result<T, ProgramError>;

/// Parses and lowers `source`; the error names the first problem's line and column.
pub fn lower(source: &str) -> Lowered<Arc<FunctionCode>> {
    let index = LineIndex::from_source_text(source);
    let lowerer = Lowerer {
        source,
        index: &index,
        scopes: Vec::new(),
        depth: 0,
    };
    let parsed = ruff_python_parser::parse_module(source).map_err(|error| {
        ProgramError::before_run(
            format!("SyntaxError: {}", error.error),
            lowerer.pos_at(error.location.start()),
        )
    })?;
    let mut lowerer = lowerer;
    let body = lowerer.block(&parsed.syntax().body)?;
    Ok(Arc::new(FunctionCode {
        name: "<module>".into(),
        params: Vec::new(),
        local_names: Vec::new(),
        body,
        is_async: false,
        is_class_body: false,
        pos: Pos { line: 1, column: 1 },
    }))
}

struct Lowerer<'a> {
    source: &'a str,
    index: &'a LineIndex,
    /// The functions being lowered, innermost last; empty at module level.
    scopes: Vec<Scope>,
    depth: usize,
}

struct Scope {
    locals: Vec<Name>,
    is_async: bool,
    kind: ScopeKind,
}

#[derive(Clone, PartialEq)]
enum ScopeKind {
    Function,
    /// The body of the class of this name.
    ClassBody(Name),
    /// A `def` right in a class body: a method of that class, for `super()`.
    Method(Name),
}

fn unsupported<T>(what: &str, pos: Pos) -> Lowered<T> {
    Err(ProgramError::before_run(
        format!(
            "Unsupported: {what} {} not part of threadplay's Python subset",
            if what.ends_with('s') { "are" } else { "is" }
        ),
        pos,
    ))
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
        let mut lowered = Vec::with_capacity(statements.len());
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
            AstStmt::AnnAssign(ast::StmtAnnAssign { target, value, .. }) => match value {
                Some(value) => StmtKind::Assign {
                    targets: vec![self.target(target)?],
                    value: self.expr(value)?,
                },
                None => StmtKind::Pass,
            },
            AstStmt::AugAssign(ast::StmtAugAssign {
                target, op, value, ..
            }) => StmtKind::AugAssign {
                target: self.target(target)?,
                op: binary_op(*op, pos)?,
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
            AstStmt::For(ast::StmtFor { is_async: true, .. }) => {
                return unsupported("`async for` loops", pos)
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
            AstStmt::With(ast::StmtWith { is_async: true, .. }) => {
                return unsupported("`async with` blocks", pos)
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
                let code = self.function(def)?;
                StmtKind::Assign {
                    targets: vec![Target::Var(self.var(&def.name.id))],
                    value: Expr {
                        pos,
                        kind: ExprKind::Function(code),
                    },
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
            AstStmt::ClassDef(def) => StmtKind::Assign {
                targets: vec![Target::Var(self.var(&def.name.id))],
                value: Expr {
                    pos,
                    kind: ExprKind::Class(Arc::new(self.class(def)?)),
                },
            },
            AstStmt::Try(ast::StmtTry { is_star: true, .. }) => {
                return unsupported("`except*` clauses", pos)
            }
            AstStmt::Try(ast::StmtTry {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            }) => StmtKind::Try(Arc::new(TryStmt {
                body: self.block(body)?,
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
            AstStmt::Delete(_) => return unsupported("`del` statements", pos),
            AstStmt::Match(_) => return unsupported("`match` statements", pos),
            AstStmt::Nonlocal(_) => return unsupported("`nonlocal` declarations", pos),
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

    fn bind(&self, name: &str, value: Value, pos: Pos) -> Stmt {
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

    /// A name in the current scope: a local slot inside a function that assigns it (and does
    /// not declare it `global`), else a global.
    fn var(&self, name: &str) -> Var {
        let name: Name = name.into();
        match self
            .scopes
            .last()
            .and_then(|scope| scope.locals.iter().position(|local| *local == name))
        {
            Some(slot) => Var::Local(slot),
            None => Var::Global(name),
        }
    }

    fn function(&mut self, def: &ast::StmtFunctionDef) -> Lowered<Arc<FunctionCode>> {
        let pos = self.pos(def);
        if !def.decorator_list.is_empty() {
            return unsupported("decorators", self.pos(&def.decorator_list[0]));
        }
        if def.type_params.is_some() {
            return unsupported("type parameters", pos);
        }
        let params = self.parameters(&def.parameters)?;
        let mut locals: Vec<Name> = params.iter().map(|param| param.name.clone()).collect();
        let mut globals = HashSet::new();
        collect_globals(&def.body, &mut globals);
        collect_assigned(&def.body, &mut |name| {
            if !globals.contains(name) && !locals.iter().any(|local| &**local == name) {
                locals.push(name.into());
            }
        });
        let kind = match self.scopes.last().map(|scope| &scope.kind) {
            Some(ScopeKind::ClassBody(class)) => ScopeKind::Method(Arc::clone(class)),
            _ => ScopeKind::Function,
        };
        self.scopes.push(Scope {
            locals,
            is_async: def.is_async,
            kind,
        });
        let body = self.block(&def.body);
        let scope = self
            .scopes
            .pop()
            .unwrap_or_else(|| unreachable!("pushed above"));
        Ok(Arc::new(FunctionCode {
            name: def.name.id.as_str().into(),
            params,
            local_names: scope.locals,
            body: body?,
            is_async: def.is_async,
            is_class_body: false,
            pos,
        }))
    }

    /// `class Name(bases): body`: the body becomes a function that runs once and gives its
    /// locals, the class's namespace.
    fn class(&mut self, def: &ast::StmtClassDef) -> Lowered<ClassDef> {
        let pos = self.pos(def);
        if let Some(decorator) = def.decorator_list.first() {
            return unsupported("class decorators", self.pos(decorator));
        }
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
        let mut locals: Vec<Name> = Vec::new();
        collect_assigned(&def.body, &mut |name| {
            if !locals.iter().any(|local| &**local == name) {
                locals.push(name.into());
            }
        });
        let name: Name = def.name.id.as_str().into();
        self.scopes.push(Scope {
            locals,
            is_async: false,
            kind: ScopeKind::ClassBody(Arc::clone(&name)),
        });
        let body = self.block(&def.body);
        let scope = self
            .scopes
            .pop()
            .unwrap_or_else(|| unreachable!("pushed above"));
        Ok(ClassDef {
            bases,
            body: Arc::new(FunctionCode {
                name,
                params: Vec::new(),
                local_names: scope.locals,
                body: body?,
                is_async: false,
                is_class_body: true,
                pos,
            }),
        })
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
                class: Var::Global(Arc::clone(class)),
                instance: Var::Local(0),
                name: name.into(),
            }),
            _ => unsupported(
                "`super()` outside a method of a class defined at module level",
                pos,
            ),
        }
    }

    /// Parameters with their defaults, which are evaluated where the function is defined.
    fn parameters(&mut self, parameters: &ast::Parameters) -> Lowered<Vec<Param>> {
        if let Some(vararg) = &parameters.vararg {
            return unsupported("`*args` parameters", self.pos(&**vararg));
        }
        if let Some(kwarg) = &parameters.kwarg {
            return unsupported("`**kwargs` parameters", self.pos(&**kwarg));
        }
        if let Some(first) = parameters.kwonlyargs.first() {
            return unsupported("keyword-only parameters", self.pos(first));
        }
        parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
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
            .collect()
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
            | AstExpr::List(ast::ExprList { elts, .. }) => Target::Unpack(
                elts.iter()
                    .map(|elt| self.target(elt))
                    .collect::<Lowered<_>>()?,
            ),
            AstExpr::Attribute(ast::ExprAttribute { value, attr, .. }) => Target::Attr {
                object: self.expr(value)?,
                name: attr.id.as_str().into(),
            },
            AstExpr::Starred(_) => return unsupported("starred assignments", pos),
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
            AstExpr::List(ast::ExprList { elts, .. }) => ExprKind::List(self.exprs(elts)?),
            AstExpr::Tuple(ast::ExprTuple { elts, .. }) => ExprKind::Tuple(self.exprs(elts)?),
            AstExpr::Dict(ast::ExprDict { items, .. }) => ExprKind::Dict(
                items
                    .iter()
                    .map(|item| match &item.key {
                        Some(key) => Ok((self.expr(key)?, self.expr(&item.value)?)),
                        None => unsupported("`**` in dict literals", self.pos(&item.value)),
                    })
                    .collect::<Lowered<_>>()?,
            ),
            AstExpr::BinOp(ast::ExprBinOp { left, op, right, .. }) => {
                ExprKind::Binary(self.boxed(left)?, binary_op(*op, pos)?, self.boxed(right)?)
            }
            AstExpr::UnaryOp(ast::ExprUnaryOp { op, operand, .. }) => {
                let op = match op {
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                };
                ExprKind::Unary(op, self.boxed(operand)?)
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
            AstExpr::Call(ast::ExprCall { func, arguments, .. }) => ExprKind::Call {
                func: self.boxed(func)?,
                args: arguments
                    .args
                    .iter()
                    .map(|arg| match arg {
                        AstExpr::Starred(ast::ExprStarred { value, .. }) => Ok(Arg::Star(self.expr(value)?)),
                        arg => Ok(Arg::Plain(self.expr(arg)?)),
                    })
                    .collect::<Lowered<_>>()?,
                keywords: arguments
                    .keywords
                    .iter()
                    .map(|keyword| match &keyword.arg {
                        Some(name) => Ok((name.id.as_str().into(), self.expr(&keyword.value)?)),
                        None => unsupported("`**` arguments", self.pos(keyword)),
                    })
                    .collect::<Lowered<_>>()?,
            },
            AstExpr::Attribute(ast::ExprAttribute { value, attr, .. }) => match &**value {
                AstExpr::Call(ast::ExprCall { func, arguments, .. })
                    if matches!(&**func, AstExpr::Name(name) if &name.id == "super")
                        && arguments.is_empty() =>
                {
                    self.super_attr(&attr.id, pos)?
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
            AstExpr::ListComp(ast::ExprListComp { elt, generators, .. })
            | AstExpr::Generator(ast::ExprGenerator { elt, generators, .. }) => {
                let [generator] = generators.as_slice() else {
                    return unsupported("comprehensions with more than one `for`", pos);
                };
                if generator.is_async {
                    return unsupported("async comprehensions", pos);
                }
                // The loop variable is the function's own local, so threads running the same
                // function never share it.
                if let Some(scope) = self.scopes.last_mut() {
                    target_names(&generator.target, &mut |name| {
                        if !scope.locals.iter().any(|local| &**local == name) {
                            scope.locals.push(name.into());
                        }
                    });
                }
                let target = self.target(&generator.target)?;
                ExprKind::Comprehension(Box::new(Comprehension {
                    is_generator: matches!(expr, AstExpr::Generator(_)),
                    element: self.expr(elt)?,
                    target,
                    iter: self.expr(&generator.iter)?,
                    conditions: self.exprs(&generator.ifs)?,
                }))
            }
            AstExpr::Lambda(ast::ExprLambda { parameters, body, .. }) => {
                let params = match parameters {
                    Some(parameters) => self.parameters(parameters)?,
                    None => Vec::new(),
                };
                let locals = params.iter().map(|param| param.name.clone()).collect();
                self.scopes.push(Scope {
                    locals,
                    is_async: false,
                    kind: ScopeKind::Function,
                });
                let body = self.expr(body);
                let scope = self.scopes.pop().unwrap_or_else(|| unreachable!("pushed above"));
                ExprKind::Lambda(Arc::new(FunctionCode {
                    name: "<lambda>".into(),
                    params,
                    local_names: scope.locals,
                    body: Arc::new([Stmt { pos, kind: StmtKind::Return(Some(body?)) }]),
                    is_async: false,
                    is_class_body: false,
                    pos,
                }))
            }
            AstExpr::Await(ast::ExprAwait { value, .. }) => {
                if !self.scopes.last().is_some_and(|scope| scope.is_async) {
                    return error("SyntaxError: 'await' outside async function", pos);
                }
                ExprKind::Await(self.boxed(value)?)
            }
            AstExpr::Starred(_) => return unsupported("starred expressions outside calls", pos),
            AstExpr::Named(_) => return unsupported("assignment expressions (`:=`)", pos),
            AstExpr::Set(_) | AstExpr::SetComp(_) => return unsupported("sets", pos),
            AstExpr::DictComp(_) => return unsupported("dict comprehensions", pos),
            AstExpr::Yield(_) | AstExpr::YieldFrom(_) => return unsupported("generators (`yield`)", pos),
            AstExpr::BytesLiteral(_) => return unsupported("bytes literals", pos),
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

fn binary_op(op: ast::Operator, pos: Pos) -> Lowered<BinOp> {
    Ok(match op {
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
        ast::Operator::MatMult => return unsupported("the `@` operator", pos),
    })
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

/// Names a function body declares `global` (nested functions aside).
fn collect_globals(body: &[AstStmt], globals: &mut HashSet<String>) {
    for statement in body {
        if let AstStmt::Global(global) = statement {
            globals.extend(global.names.iter().map(|name| name.id.to_string()));
        }
        for_each_block(statement, |block| collect_globals(block, globals));
    }
}

/// Names a function body assigns, which Python makes its locals (nested functions aside).
fn collect_assigned(body: &[AstStmt], found: &mut impl FnMut(&str)) {
    for statement in body {
        match statement {
            AstStmt::Assign(assign) => assign
                .targets
                .iter()
                .for_each(|target| target_names(target, found)),
            AstStmt::AnnAssign(assign) => target_names(&assign.target, found),
            AstStmt::AugAssign(assign) => target_names(&assign.target, found),
            AstStmt::For(for_loop) => target_names(&for_loop.target, found),
            AstStmt::With(with) => with
                .items
                .iter()
                .filter_map(|item| item.optional_vars.as_deref())
                .for_each(|target| target_names(target, found)),
            AstStmt::FunctionDef(def) => found(&def.name.id),
            AstStmt::ClassDef(def) => found(&def.name.id),
            AstStmt::Try(try_stmt) => try_stmt.handlers.iter().for_each(|handler| {
                let ast::ExceptHandler::ExceptHandler(handler) = handler;
                if let Some(name) = &handler.name {
                    found(&name.id);
                }
            }),
            AstStmt::Import(import) => import.names.iter().for_each(|alias| {
                let bound = alias.asname.as_ref().map_or_else(
                    || alias.name.id.split('.').next().unwrap_or_default(),
                    |name| name.id.as_str(),
                );
                found(bound);
            }),
            AstStmt::ImportFrom(import) => import
                .names
                .iter()
                .for_each(|alias| found(&alias.asname.as_ref().unwrap_or(&alias.name).id)),
            _ => {}
        }
        for_each_block(statement, |block| collect_assigned(block, found));
    }
}

fn target_names(target: &AstExpr, found: &mut impl FnMut(&str)) {
    match target {
        AstExpr::Name(name) => found(&name.id),
        AstExpr::Tuple(tuple) => tuple.elts.iter().for_each(|elt| target_names(elt, found)),
        AstExpr::List(list) => list.elts.iter().for_each(|elt| target_names(elt, found)),
        _ => {}
    }
}

/// Calls `visit` with each block nested directly in `statement` (not function bodies).
fn for_each_block(statement: &AstStmt, mut visit: impl FnMut(&[AstStmt])) {
    match statement {
        AstStmt::If(stmt) => {
            visit(&stmt.body);
            stmt.elif_else_clauses
                .iter()
                .for_each(|clause| visit(&clause.body));
        }
        AstStmt::While(stmt) => {
            visit(&stmt.body);
            visit(&stmt.orelse);
        }
        AstStmt::For(stmt) => {
            visit(&stmt.body);
            visit(&stmt.orelse);
        }
        AstStmt::With(stmt) => visit(&stmt.body),
        AstStmt::Try(stmt) => {
            visit(&stmt.body);
            for handler in &stmt.handlers {
                let ast::ExceptHandler::ExceptHandler(handler) = handler;
                visit(&handler.body);
            }
            visit(&stmt.orelse);
            visit(&stmt.finalbody);
        }
        _ => {}
    }
}
