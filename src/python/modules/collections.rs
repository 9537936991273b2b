//! `collections`: `deque`, `Counter`, `defaultdict`, `OrderedDict` and `namedtuple`, each a
//! type of its own in `types/`.

use super::super::registry::{native, ModuleDef};
use super::super::types::{counter, default_dict, deque, named_tuple, ordered_dict};

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
    submodules: &[],
};
