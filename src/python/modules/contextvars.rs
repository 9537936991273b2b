//! `contextvars`: `ContextVar`, `copy_context` and `Context` (see `types/context.rs`).

use super::super::registry::{done, native, ModuleDef};
use super::super::types::context;
use super::super::value::Value;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "contextvars",
    functions: &[
        native("ContextVar", context::new_var),
        native("copy_context", context::copy_context),
        native("Context", |_, args| {
            args.expect("Context", 0, 0)?;
            done(Value::Object(Arc::new(context::Context::default())))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};
