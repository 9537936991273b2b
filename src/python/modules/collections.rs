//! `collections`: `deque`, `Counter`, `defaultdict`, `OrderedDict` and `namedtuple`, each a
//! type of its own in `types/`; and `collections.abc`'s names, for type hints.

use super::super::registry::{native, Constant, ModuleDef};
use super::super::types::{counter, default_dict, deque, named_tuple, ordered_dict};
use super::typing::hints;

pub static MODULE: ModuleDef = ModuleDef {
    name: "collections",
    functions: &[
        native("deque", deque::new),
        native("Counter", counter::new),
        native("defaultdict", default_dict::new),
        native("OrderedDict", ordered_dict::new),
        native("namedtuple", named_tuple::new),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[&ABC],
};

/// `collections.abc`: its abstract classes as hints (`Iterable[int]`, `Generator[…]`), which
/// print as CPython's; they are not classes here, so `isinstance` and subclassing refuse them.
pub static ABC: ModuleDef = ModuleDef {
    name: "collections.abc",
    functions: &[],
    exceptions: &[],
    constants: hints![
        "collections.abc":
        "AsyncGenerator",
        "AsyncIterable",
        "AsyncIterator",
        "Awaitable",
        "Buffer",
        "Callable",
        "Collection",
        "Container",
        "Coroutine",
        "Generator",
        "Hashable",
        "ItemsView",
        "Iterable",
        "Iterator",
        "KeysView",
        "Mapping",
        "MappingView",
        "MutableMapping",
        "MutableSequence",
        "MutableSet",
        "Reversible",
        "Sequence",
        "Set",
        "Sized",
        "ValuesView";
    ],
    submodules: &[],
};
