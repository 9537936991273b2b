//! threadplay's core: a scenario of tasks, an engine that runs it on a rayon pool, and the
//! events it reports. The core is platform-free; it builds natively (CLI, tests on OS threads)
//! and to wasm32, where the [`web`] module is the only code that knows about JavaScript.

pub mod clock;
pub mod engine;
pub mod event;
pub mod scenario;

#[cfg(target_arch = "wasm32")]
pub mod web;
