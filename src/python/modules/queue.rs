//! `queue`.

use super::super::registry::{ModuleDef, Native};
use super::super::types::queue;

pub static MODULE: ModuleDef = ModuleDef {
    name: "queue",
    functions: &[Native {
        name: "Queue",
        call: queue::new,
    }],
    submodules: &[],
};
