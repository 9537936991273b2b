//! A Python subset whose threads run for real: a program (like the tutorials') is parsed with
//! ruff's parser, lowered to what the subset supports (refusing the rest with a line, a column
//! and the construct's name), and interpreted with each `threading.Thread` as a job on the rayon
//! pool, under the GIL or without it. The README lists the subset.

mod asyncio;
mod builtins;
mod concurrency;
mod error;
mod format;
mod interpreter;
mod ir;
mod lower;
mod run;
mod value;

pub use error::ProgramError;
#[cfg(not(target_arch = "wasm32"))]
pub use run::run_on_new_pool;
pub use run::{run_program, ProgramReport, ProgramSettings, MAX_LINES, MAX_STEPS};

use std::sync::Arc;

/// The longest program accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024;

/// A program ready to run.
#[derive(Debug, Clone)]
pub struct Program {
    module: Arc<ir::FunctionCode>,
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
        Ok(Program {
            module: lower::lower(source)?,
        })
    }
}
