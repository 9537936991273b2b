//! `typing`: the names type hints use. Hints are not checked (CPython does not check them
//! either) and a function's hints are not evaluated here, so a name only has to exist, take
//! subscripts where a program builds an alias (`Vector = List[float]`) and print as CPython's.

use super::super::error::PyResult;
use super::super::registry::{
    done, native, no_attributes, Args, Constant, ModuleDef, PyObject, TypeDef,
};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

/// The hint names of `module`, each a constant that makes its stand-in, and its other
/// constants.
macro_rules! hints {
    ($module:literal: $($name:literal),* $(,)?; $($other:expr),* $(,)?) => {
        &[
            $(($name, Constant::Object(|| {
                let hint = $crate::python::modules::typing::Hint::new($module, $name);
                $crate::python::value::Value::Object(std::sync::Arc::new(hint))
            }))),*,
            $($other),*
        ]
    };
}
pub(crate) use hints;

pub static MODULE: ModuleDef = ModuleDef {
    name: "typing",
    functions: &[
        native("TypeVar", type_var),
        // `cast(type, value)` and `NewType(name, type)(value)`: the value as it is, as at run
        // time in CPython.
        native("cast", |_, args| {
            done(args.expect("cast", 2, 2)?[1].clone())
        }),
        native("NewType", |_, args| {
            done(args.expect("NewType", 2, 2)?[1].clone())
        }),
        // Decorators for type checkers: the function or class as it is, as at run time.
        native("overload", |_, args| {
            done(args.expect("overload", 1, 1)?[0].clone())
        }),
        native("final", |_, args| {
            done(args.expect("final", 1, 1)?[0].clone())
        }),
        native("runtime_checkable", |_, args| {
            done(args.expect("runtime_checkable", 1, 1)?[0].clone())
        }),
    ],
    exceptions: &[],
    constants: hints![
        "typing":
        "Any",
        "AsyncGenerator",
        "AsyncIterator",
        "Awaitable",
        "Callable",
        "ClassVar",
        "Coroutine",
        "Counter",
        "DefaultDict",
        "Deque",
        "Dict",
        "Final",
        "FrozenSet",
        "Generator",
        "Hashable",
        "Iterable",
        "Iterator",
        "List",
        "Literal",
        "Mapping",
        "MutableMapping",
        "MutableSequence",
        "Never",
        "NoReturn",
        "Optional",
        "OrderedDict",
        "Sequence",
        "Set",
        "Tuple",
        "Type",
        "Union",
        "AbstractSet",
        "Annotated",
        "AnyStr",
        "AsyncContextManager",
        "AsyncIterable",
        "BinaryIO",
        "ChainMap",
        "Collection",
        "Concatenate",
        "Container",
        "ContextManager",
        "IO",
        "LiteralString",
        "Match",
        "MutableSet",
        "NotRequired",
        "Pattern",
        "Required",
        "Reversible",
        "Self",
        "Sized",
        "SupportsFloat",
        "SupportsIndex",
        "SupportsInt",
        "TextIO",
        "TypeAlias";
        // `if TYPE_CHECKING:` guards imports only a type checker needs.
        ("TYPE_CHECKING", Constant::Object(|| Value::Bool(false))),
    ],
    submodules: &[],
};

static HINT: TypeDef = TypeDef {
    name: "_GenericAlias",
    methods: &[],
    attribute: no_attributes,
};

/// A hint: `typing.List`, `typing.Dict[str, int]`, `collections.abc.Iterable`, a type
/// variable `~T`.
pub struct Hint {
    module: &'static str,
    name: Arc<str>,
}

impl Hint {
    pub fn new(module: &'static str, name: &str) -> Hint {
        Hint {
            module,
            name: name.into(),
        }
    }
}

impl PyObject for Hint {
    fn type_def(&self) -> &'static TypeDef {
        &HINT
    }

    fn repr(&self) -> String {
        if self.name.starts_with('~') {
            self.name.to_string()
        } else if self.module != "typing" && !self.name.contains('[') {
            // `collections.abc`'s are classes; subscripted, they print as `typing`'s do.
            format!("<class '{}.{}'>", self.module, self.name)
        } else {
            format!("{}.{}", self.module, self.name)
        }
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        let arguments = match index {
            Value::Tuple(items) => items.iter().map(argument).collect::<Vec<_>>(),
            single => vec![argument(single)],
        };
        let name = format!("{}[{}]", self.name, arguments.join(", "));
        Some(Ok(Value::Object(Arc::new(Hint::new(self.module, &name)))))
    }
}

/// How a hint's argument prints inside it: `int`, `typing.List[int]`, `None`, `...`.
fn argument(value: &Value) -> String {
    match value {
        Value::Builtin(native) => native.name.to_string(),
        Value::Class(class) => class.name.to_string(),
        Value::None => "None".into(),
        other => other.repr(),
    }
}

/// `TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False)`.
fn type_var(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    for ignored in ["bound", "covariant", "contravariant"] {
        args.keyword(ignored);
    }
    args.no_more_keywords("TypeVar")?;
    let name = args.expect("TypeVar", 1, usize::MAX)?[0].to_str();
    done(Value::Object(Arc::new(Hint::new(
        "typing",
        &format!("~{name}"),
    ))))
}
