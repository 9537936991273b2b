//! threadplay's core: a scenario of tasks, the execution models that run it (a rayon pool, a
//! GIL, one thread in order, an event loop; processes are scheduled by the platform), and the
//! events they report. The core is platform-free; it builds natively (CLI, tests on OS threads)
//! and to wasm32, where the [`web`] module is the only code that knows about JavaScript.

pub mod clock;
pub mod codegen;
pub mod counter;
pub mod cpu;
pub mod engine;
pub mod event;
pub mod gil;
pub mod preset;
pub mod program;
#[cfg(feature = "python")]
pub mod python;
pub mod query;
pub mod recorder;
pub mod scenario;
pub mod task;

#[cfg(target_arch = "wasm32")]
pub mod web;
