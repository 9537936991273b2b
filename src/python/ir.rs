//! The program as the interpreter runs it: the parser's syntax tree lowered to the subset
//! threadplay supports, with every name resolved to a local slot or a global, and the modules
//! a program imports turned into constants.

use super::value::Value;
use serde::Serialize;
use std::sync::Arc;

pub type Name = Arc<str>;

/// A place in the source: 1-based line and column (in characters), as editors count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

pub type Block = Arc<[Stmt]>;

#[derive(Debug)]
pub struct Stmt {
    pub pos: Pos,
    pub kind: StmtKind,
}

#[derive(Debug)]
pub enum StmtKind {
    Expr(Expr),
    Assign {
        targets: Vec<Target>,
        value: Expr,
    },
    AugAssign {
        target: Target,
        op: BinOp,
        value: Expr,
    },
    If {
        test: Expr,
        body: Block,
        orelse: Block,
    },
    While(Arc<WhileLoop>),
    For(Arc<ForLoop>),
    /// One context manager; `with a, b:` is lowered to nested statements.
    With {
        manager: Expr,
        target: Option<Target>,
        body: Block,
    },
    Return(Option<Expr>),
    Try(Arc<TryStmt>),
    /// `raise`, `raise exception` or `raise exception from cause`.
    Raise {
        exception: Option<Expr>,
        cause: Option<Expr>,
    },
    Assert {
        test: Expr,
        message: Option<Expr>,
    },
    Pass,
    Break,
    Continue,
}

/// `try`, its `except` clauses, `else` and `finally`.
#[derive(Debug)]
pub struct TryStmt {
    pub body: Block,
    pub handlers: Vec<Handler>,
    pub orelse: Block,
    pub finally: Block,
}

/// `except classes as name:`; a bare `except:` has no classes.
#[derive(Debug)]
pub struct Handler {
    pub pos: Pos,
    pub classes: Option<Expr>,
    pub name: Option<Target>,
    pub body: Block,
}

#[derive(Debug)]
pub struct WhileLoop {
    pub test: Expr,
    pub body: Block,
    pub orelse: Block,
}

#[derive(Debug)]
pub struct ForLoop {
    pub target: Target,
    pub iter: Expr,
    pub body: Block,
    pub orelse: Block,
}

#[derive(Debug, Clone)]
pub enum Var {
    /// A function's local, by slot.
    Local(usize),
    Global(Name),
}

#[derive(Debug)]
pub enum Target {
    Var(Var),
    Item { object: Expr, index: Expr },
    Attr { object: Expr, name: Name },
    Unpack(Vec<Target>),
}

/// A `def` or `async def`, or the module itself (`<module>`).
#[derive(Debug)]
pub struct FunctionCode {
    pub name: Name,
    pub params: Vec<Param>,
    /// Slots for locals, parameters first.
    pub local_names: Vec<Name>,
    pub body: Block,
    pub is_async: bool,
    /// A class body: it runs once, when the class is made, and gives its locals.
    pub is_class_body: bool,
    pub pos: Pos,
}

/// A `class` statement evaluated: its bases, and its body, which gives the class's namespace.
#[derive(Debug)]
pub struct ClassDef {
    pub bases: Vec<Expr>,
    pub body: Arc<FunctionCode>,
}

#[derive(Debug)]
pub struct Param {
    pub name: Name,
    pub default: Option<Expr>,
}

#[derive(Debug)]
pub struct Expr {
    pub pos: Pos,
    pub kind: ExprKind,
}

#[derive(Debug)]
pub enum ExprKind {
    Const(Value),
    Load(Var),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    Binary(Box<Expr>, BinOp, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    IfElse {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Arg>,
        keywords: Vec<(Name, Expr)>,
    },
    Attribute(Box<Expr>, Name),
    /// A class made: `class Name(bases): …`.
    Class(Arc<ClassDef>),
    /// `super().name` in a method: the attribute after `class` in the MRO of `instance`'s
    /// class (the method's class, a global, and its first parameter).
    SuperAttr {
        class: Var,
        instance: Var,
        name: Name,
    },
    Subscript(Box<Expr>, Box<Expr>),
    Slice([Option<Box<Expr>>; 3]),
    FString(Vec<FStringPart>),
    /// A list comprehension, or a generator expression (made a list, unless `sum` consumes it).
    Comprehension(Box<Comprehension>),
    /// A `def` evaluated: the function value.
    Function(Arc<FunctionCode>),
    Lambda(Arc<FunctionCode>),
    /// `await x`, inside an `async def`.
    Await(Box<Expr>),
}

#[derive(Debug)]
pub struct Comprehension {
    /// A generator expression, `(x for …)`, rather than a list comprehension.
    pub is_generator: bool,
    pub element: Expr,
    pub target: Target,
    pub iter: Expr,
    pub conditions: Vec<Expr>,
}

#[derive(Debug)]
pub enum Arg {
    Plain(Expr),
    Star(Expr),
}

#[derive(Debug)]
pub enum FStringPart {
    Literal(Arc<str>),
    Value {
        expr: Expr,
        conversion: Conversion,
        spec: Vec<FStringPart>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    None,
    Str,
    Repr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    In,
    NotIn,
    Is,
    IsNot,
}
