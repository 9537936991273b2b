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
    /// `del target, …`
    Delete(Vec<Target>),
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
    /// `except*` clauses: each takes the part of an exception group its classes match.
    pub star: bool,
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
    Item {
        object: Expr,
        index: Expr,
    },
    Attr {
        object: Expr,
        name: Name,
    },
    Unpack(Vec<Target>),
    /// `*rest` among the targets of an unpacking: the items the others leave, as a list.
    Starred(Box<Target>),
}

/// A `def` or `async def`, or the module itself (`<module>`).
#[derive(Debug)]
pub struct FunctionCode {
    pub name: Name,
    /// `Worker.run`, `outer.<locals>.inner`: what reprs and argument errors name it by.
    pub qualname: Name,
    pub params: Params,
    /// Slots for locals, parameters first.
    pub local_names: Vec<Name>,
    /// Slots holding a cell (see `scope.rs`): locals its inner functions share, and its free
    /// variables.
    pub cells: Vec<usize>,
    /// Its free variables: each one's slot, and the slot of the enclosing function's cell.
    pub free: Vec<(usize, usize)>,
    pub body: Block,
    pub is_async: bool,
    /// A class body: it runs once, when the class is made, and gives its locals.
    pub is_class_body: bool,
    /// It has a `yield`: calling it makes a generator.
    pub is_generator: bool,
    pub pos: Pos,
}

/// A `class` statement evaluated: its bases, and its body, which gives the class's namespace.
#[derive(Debug)]
pub struct ClassDef {
    pub bases: Vec<Expr>,
    pub body: Arc<FunctionCode>,
}

/// A function's parameters: the positional ones, then the keyword-only ones, then `*args` and
/// `**kwargs`; their locals come first, in that order.
#[derive(Debug, Default)]
pub struct Params {
    pub list: Vec<Param>,
    /// How many of `list`'s last are keyword-only.
    pub kwonly: usize,
    pub varargs: Option<Name>,
    pub varkw: Option<Name>,
}

impl Params {
    /// Their names, in the order of their local slots.
    pub fn names(&self) -> Vec<Name> {
        self.list
            .iter()
            .map(|param| Arc::clone(&param.name))
            .chain(self.varargs.iter().cloned())
            .chain(self.varkw.iter().cloned())
            .collect()
    }
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
    Set(Vec<Expr>),
    /// A list, tuple or set display with `*iterable` items, whose length is known only when
    /// it runs.
    Spread(Display, Vec<Arg>),
    /// Its items: `key: value`, or `**mapping` (without a key).
    Dict(Vec<(Option<Expr>, Expr)>),
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
        /// Named arguments, and `**mapping` ones (without a name).
        keywords: Vec<(Option<Name>, Expr)>,
    },
    Attribute(Box<Expr>, Name),
    /// A class made: `class Name(bases): …`.
    Class(Arc<ClassDef>),
    /// `super().name` in a method: the attribute after `class` in the MRO of `instance`'s
    /// class (the method's class, a global, and its first parameter); `super(class,
    /// instance).name` anywhere.
    SuperAttr {
        class: Box<Expr>,
        instance: Box<Expr>,
        name: Name,
    },
    Subscript(Box<Expr>, Box<Expr>),
    Slice([Option<Box<Expr>>; 3]),
    FString(Vec<FStringPart>),
    /// A list or dict comprehension, or `sum` of a generator expression.
    Comprehension(Box<Comprehension>),
    /// A generator expression: its generator function, called with the outermost iterable.
    GeneratorExp {
        function: Arc<FunctionCode>,
        iter: Box<Expr>,
    },
    /// `yield value`, which gives what the generator is sent.
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
    /// A `def` evaluated: the function value.
    Function(Arc<FunctionCode>),
    Lambda(Arc<FunctionCode>),
    /// `await x`, inside an `async def`.
    Await(Box<Expr>),
    /// `name := value`: the value, also stored in `name`.
    Named(Var, Box<Expr>),
}

/// A comprehension run inline: its `for` clauses, outermost first, and what it collects.
#[derive(Debug)]
pub struct Comprehension {
    pub collect: Collect,
    pub clauses: Vec<ComprehensionFor>,
}

#[derive(Debug)]
pub enum Collect {
    List(Box<Expr>),
    Set(Box<Expr>),
    Dict(Box<Expr>, Box<Expr>),
    /// `sum(x for …)`, `any(…)` or `all(…)`: taken as it goes if the callee is that builtin
    /// (`any` stops at the first true item, as CPython's), else a list passed on.
    Streamed(Streamed, Box<Expr>),
}

/// The builtins a generator expression is streamed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streamed {
    Sum,
    Any,
    All,
}

impl Streamed {
    pub const ALL: [Streamed; 3] = [Self::Sum, Self::Any, Self::All];

    /// The builtin `name` is, if a generator given to it is streamed.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "sum" => Some(Self::Sum),
            "any" => Some(Self::Any),
            "all" => Some(Self::All),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sum => "sum",
            Self::Any => "any",
            Self::All => "all",
        }
    }
}

/// `for target in iter if condition…`, or `async for` when `awaited` is set.
#[derive(Debug)]
pub struct ComprehensionFor {
    pub target: Target,
    /// The iterable; for `async for`, `aiter(iterable)`.
    pub iter: Expr,
    pub conditions: Vec<Expr>,
    pub awaited: Option<AwaitedNext>,
}

/// An `async for` clause's steps: its iterator kept in a local the program cannot name, and
/// each item `await anext(iterator)`, until that raises `StopAsyncIteration`.
#[derive(Debug)]
pub struct AwaitedNext {
    pub iterator: Var,
    pub next: Expr,
}

/// What a display with `*iterable` items builds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Display {
    List,
    Tuple,
    Set,
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
    /// `@`, which only classes of the program implement (`__matmul__`).
    MatMul,
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
