//! Which names are whose: Python decides at compile time, by assignment, `global` and
//! `nonlocal`, whether a name in a function is its local, a variable of an enclosing function
//! (a free variable, read and written through a cell the two share) or a global.

use super::ir::{Name, Var};
use super::modules;
use super::registry::ModuleDef;
use super::value::Value;
use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{self as ast, Expr as AstExpr, Stmt as AstStmt};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A function (or class body) being lowered.
pub struct Scope {
    /// The qualified name of its function or class: `Worker.run`, `outer.<locals>.inner`.
    pub qualname: Name,
    /// Slots for locals, parameters first, then the free variables as they are found.
    pub locals: Vec<Name>,
    pub is_async: bool,
    pub kind: ScopeKind,
    /// It has a `yield`.
    pub is_generator: bool,
    /// Names it declares `global`.
    pub globals: HashSet<String>,
    /// Slots that hold a cell: its locals that inner functions use, and its free variables.
    pub cells: Vec<usize>,
    /// Its free variables: each one's slot here and the slot in the enclosing scope whose
    /// cell it shares.
    pub free: Vec<(usize, usize)>,
}

#[derive(Clone, PartialEq)]
pub enum ScopeKind {
    Function,
    /// The body of the class of this name.
    ClassBody(Name),
    /// A `def` right in a class body: a method of that class, for `super()`.
    Method(Name),
}

impl Scope {
    pub fn new(qualname: Name, locals: Vec<Name>, is_async: bool, kind: ScopeKind) -> Self {
        Self {
            qualname,
            locals,
            is_async,
            kind,
            is_generator: false,
            globals: HashSet::new(),
            cells: Vec::new(),
            free: Vec::new(),
        }
    }

    /// A function's scope: its parameters, then the names its body assigns, which Python makes
    /// its locals, unless declared `global` or `nonlocal`.
    pub fn function(
        qualname: Name,
        params: Vec<Name>,
        body: &[AstStmt],
        is_async: bool,
        kind: ScopeKind,
    ) -> Self {
        let mut scope = Scope::new(qualname, params, is_async, kind);
        let mut declared = HashSet::new();
        collect_declared(body, &mut scope.globals, &mut declared);
        let mut locals = std::mem::take(&mut scope.locals);
        let mut found = |name: &str| {
            if !scope.globals.contains(name)
                && !declared.contains(name)
                && !locals.iter().any(|local| &**local == name)
            {
                locals.push(name.into());
            }
        };
        collect_assigned(body, &mut found);
        let mut finder = NamedTargets(&mut found);
        body.iter()
            .for_each(|statement| finder.visit_stmt(statement));
        scope.locals = locals;
        scope
    }

    /// A lambda's scope: its parameters, and the names its body binds with `:=`.
    pub fn lambda(qualname: Name, params: Vec<Name>, body: &AstExpr) -> Self {
        let mut locals = params;
        NamedTargets(&mut |name: &str| {
            if !locals.iter().any(|local| &**local == name) {
                locals.push(name.into());
            }
        })
        .visit_expr(body);
        Scope::new(qualname, locals, false, ScopeKind::Function)
    }

    pub fn slot(&self, name: &str) -> Option<usize> {
        self.locals.iter().position(|local| &**local == name)
    }

    /// Adds `name` as a local if it is not one, for a comprehension's loop variable.
    pub fn add_local(&mut self, name: &str) {
        if self.slot(name).is_none() {
            self.locals.push(name.into());
        }
    }
}

/// The qualified name of a function or class called `name` defined in the innermost of
/// `scopes`.
pub fn qualname(scopes: &[Scope], name: &str) -> Name {
    match scopes.last() {
        None => name.into(),
        Some(scope) if matches!(scope.kind, ScopeKind::ClassBody(_)) => {
            format!("{}.{name}", scope.qualname).into()
        }
        Some(scope) => format!("{}.<locals>.{name}", scope.qualname).into(),
    }
}

/// `name` as the innermost of `scopes` sees it: its local, a free variable (given a slot in
/// each scope between it and the function that binds it, whose slot becomes a cell), or a
/// global.
pub fn resolve(scopes: &mut [Scope], name: &str) -> Var {
    let Some(innermost) = scopes.len().checked_sub(1) else {
        return Var::Global(name.into());
    };
    if let Some(slot) = scopes[innermost].slot(name) {
        return Var::Local(slot);
    }
    if scopes[innermost].globals.contains(name) {
        return Var::Global(name.into());
    }
    match free_slot(scopes, innermost, name) {
        Some(slot) => Var::Local(slot),
        None => Var::Global(name.into()),
    }
}

/// The slot of `name` in `scopes[index]` as a free variable of an enclosing function, made if
/// need be; `None` if no enclosing function binds it. A class body's own names are not
/// visible to the functions inside it, but it passes its enclosing function's on.
pub fn free_slot(scopes: &mut [Scope], index: usize, name: &str) -> Option<usize> {
    let outer = index.checked_sub(1)?;
    let enclosing = &scopes[outer];
    let outer_slot = match enclosing.slot(name) {
        Some(slot)
            if matches!(enclosing.kind, ScopeKind::ClassBody(_))
                && !enclosing.free.iter().any(|(free, _)| *free == slot) =>
        {
            return None
        }
        Some(slot) => slot,
        None if enclosing.globals.contains(name) => return None,
        None => free_slot(scopes, outer, name)?,
    };
    if !scopes[outer].cells.contains(&outer_slot) {
        scopes[outer].cells.push(outer_slot);
    }
    let scope = &mut scopes[index];
    let slot = scope.locals.len();
    scope.locals.push(Arc::from(name));
    scope.cells.push(slot);
    scope.free.push((slot, outer_slot));
    Some(slot)
}

/// Names a function body declares `global` and `nonlocal` (nested functions aside).
fn collect_declared(
    body: &[AstStmt],
    globals: &mut HashSet<String>,
    nonlocals: &mut HashSet<String>,
) {
    for statement in body {
        match statement {
            AstStmt::Global(global) => {
                globals.extend(global.names.iter().map(|name| name.id.to_string()));
            }
            AstStmt::Nonlocal(nonlocal) => {
                nonlocals.extend(nonlocal.names.iter().map(|name| name.id.to_string()));
            }
            _ => {}
        }
        for_each_block(statement, |block| {
            collect_declared(block, globals, nonlocals)
        });
    }
}

/// Names a function body assigns, which Python makes its locals (nested functions aside).
fn collect_assigned(body: &[AstStmt], found: &mut impl FnMut(&str)) {
    for statement in body {
        bound_by(statement, found);
        for_each_block(statement, |block| collect_assigned(block, found));
    }
}

/// The module-level names bound only by `import` (or `from package import module`), to
/// the module each stands for: their attributes can be checked before the run. A name also
/// bound another way (assigned, a `def`, a loop variable) is left out.
pub fn module_aliases(body: &[AstStmt]) -> HashMap<String, &'static ModuleDef> {
    fn walk(body: &[AstStmt], aliases: &mut HashMap<String, Option<&'static ModuleDef>>) {
        for statement in body {
            let mut bind = |name: &str, module: Option<&'static ModuleDef>| {
                let entry = aliases.entry(name.to_string()).or_insert(module);
                if !matches!((*entry, module), (Some(a), Some(b)) if std::ptr::eq(a, b)) {
                    *entry = None;
                }
            };
            match statement {
                AstStmt::Import(import) => {
                    for alias in &import.names {
                        let (bound, module) = match &alias.asname {
                            Some(asname) => (asname.id.as_str(), modules::module(&alias.name.id)),
                            None => {
                                let top = alias.name.id.split('.').next().unwrap_or_default();
                                (top, modules::module(top))
                            }
                        };
                        bind(bound, module);
                    }
                }
                AstStmt::ImportFrom(import) => {
                    let package = import.module.as_ref().and_then(|m| modules::module(&m.id));
                    for alias in &import.names {
                        let submodule = package
                            .and_then(|package| package.member(&alias.name.id))
                            .and_then(|member| match member {
                                Value::Module(module) => Some(module),
                                _ => None,
                            });
                        bind(&alias.asname.as_ref().unwrap_or(&alias.name).id, submodule);
                    }
                }
                other => bound_by(other, &mut |name| bind(name, None)),
            }
            for_each_block(statement, |block| walk(block, aliases));
        }
    }
    let mut aliases = HashMap::new();
    walk(body, &mut aliases);
    aliases
        .into_iter()
        .filter_map(|(name, module)| Some((name, module?)))
        .collect()
}

/// Finds the names `:=` binds: in a comprehension or a generator expression too, where PEP 572
/// makes them the enclosing function's; not in nested functions, classes or lambdas, whose
/// names are their own.
struct NamedTargets<'f, F>(&'f mut F);

impl<'a, F: FnMut(&str)> Visitor<'a> for NamedTargets<'_, F> {
    fn visit_stmt(&mut self, statement: &'a AstStmt) {
        if !matches!(statement, AstStmt::FunctionDef(_) | AstStmt::ClassDef(_)) {
            walk_stmt(self, statement);
        }
    }

    fn visit_expr(&mut self, expr: &'a AstExpr) {
        match expr {
            AstExpr::Lambda(_) => {}
            AstExpr::Named(named) => {
                target_names(&named.target, self.0);
                walk_expr(self, expr);
            }
            _ => walk_expr(self, expr),
        }
    }
}

/// The names one statement binds itself (not in the blocks inside it).
fn bound_by(statement: &AstStmt, found: &mut impl FnMut(&str)) {
    {
        match statement {
            AstStmt::Assign(assign) => assign
                .targets
                .iter()
                .for_each(|target| target_names(target, found)),
            AstStmt::AnnAssign(assign) => target_names(&assign.target, found),
            AstStmt::AugAssign(assign) => target_names(&assign.target, found),
            AstStmt::Delete(delete) => delete
                .targets
                .iter()
                .for_each(|target| target_names(target, found)),
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
    }
}

pub fn target_names(target: &AstExpr, found: &mut impl FnMut(&str)) {
    match target {
        AstExpr::Name(name) => found(&name.id),
        AstExpr::Tuple(tuple) => tuple.elts.iter().for_each(|elt| target_names(elt, found)),
        AstExpr::List(list) => list.elts.iter().for_each(|elt| target_names(elt, found)),
        AstExpr::Starred(starred) => target_names(&starred.value, found),
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
