//! A Python subset whose threads run for real. A program (like the tutorials') is parsed with
//! ruff's parser, lowered to what the subset supports (refusing the rest with a line, a column
//! and the construct's name), and compiled to bytecode. The VM runs each Python thread as
//! frames on the heap; the scheduler runs those threads on the pool's workers (M:N), parking
//! the ones that sleep or wait, under the GIL or without it. The README lists the subset.
//!
//! Where things live: `lower.rs` (syntax tree to `ir.rs`, names resolved by `scope.rs`), `compile.rs` (to `code.rs`'s
//! bytecode), `vm/` (the instruction loop, calls, frames, output), `sched.rs` (workers, parking,
//! timers, the GIL's policy), `run.rs` (a run's shared state and entry point), `globals.rs`, `registry.rs`
//! (how modules and types publish their functions), `modules/` (one file per module),
//! `types/` (one file per type), `asyncio/` (the event loop and its parts), `regex/` (`re`'s
//! engine), `value.rs` and `items.rs`
//! (values and their operators), `warm_up.rs` (a program a page runs before its first).

mod asyncio;
mod calendar;
mod code;
mod compile;
mod error;
mod exact;
mod files;
mod format;
mod globals;
mod hash;
mod heap;
mod ir;
mod items;
mod lower;
mod modules;
mod ordering;
mod park;
mod regex;
mod registry;
mod run;
mod sched;
mod scope;
mod types;
mod value;
mod vm;
mod warm_up;

pub use error::ProgramError;
#[cfg(not(target_arch = "wasm32"))]
pub use run::run_on_new_pool;
pub use run::{
    run_program, ProgramReport, ProgramSettings, RunState, MAX_LINES, MAX_STEPS, MAX_THREADS,
};
pub use vm::RECURSION_LIMIT;
pub use warm_up::warm_up;

use std::sync::Arc;

pub use crate::program::{pool_size, MAX_SOURCE_BYTES};

/// A program ready to run.
#[derive(Debug, Clone)]
pub struct Program {
    module: Arc<code::Code>,
    /// The global names, by slot.
    global_names: Arc<[ir::Name]>,
}

impl Program {
    /// Parses `source`; a syntax error or a construct outside the subset is an error with its
    /// line and column.
    pub fn compile(source: &str) -> Result<Program, ProgramError> {
        if source.len() > MAX_SOURCE_BYTES {
            return Err(ProgramError::before_run(
                format!("Unsupported: the program is {} bytes; threadplay takes up to {MAX_SOURCE_BYTES}", source.len()),
                ir::Pos { line: 1, column: 1 },
            ));
        }
        let (module, global_names) = compile::compile_module(&*lower::lower(source)?);
        Ok(Program {
            module,
            global_names,
        })
    }
}
