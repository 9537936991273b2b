//! What the core knows of a Python program without its interpreter (which the page's first
//! wasm module leaves out): how long one may be, and the pool it runs on.

/// The longest program accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024;

/// The pool a program with `workers` workers for its threads runs on: one more, for the job
/// that starts the run (`rayon::spawn` in the browser; natively, the same, so that both
/// behave alike).
pub fn pool_size(workers: u32) -> u32 {
    workers + 1
}
