//! The modules a program may import, one file each with its table of functions.

pub mod asyncio;
pub mod builtins;
pub mod concurrent;
pub mod math;
pub mod multiprocessing;
pub mod queue;
pub mod random;
pub mod threading;
pub mod time;

use super::registry::ModuleDef;

pub static ALL: &[&ModuleDef] = &[
    &builtins::MODULE,
    &time::MODULE,
    &threading::MODULE,
    &asyncio::MODULE,
    &concurrent::FUTURES,
    &concurrent::MODULE,
    &multiprocessing::MODULE,
    &math::MODULE,
    &random::MODULE,
    &queue::MODULE,
];
