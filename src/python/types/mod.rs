//! The native types, one file each with its table of methods.

pub mod condition;
pub mod dict;
pub mod event;
pub mod executor;
pub mod future;
pub mod list;
pub mod lock;
pub mod queue;
pub mod semaphore;
pub mod str;
pub mod thread;

use super::error::PyResult;
use super::modules::time::seconds_arg;
use super::registry::{no_attributes, Args, TypeDef};
use super::value::{as_int, Value};

/// Values without methods of their own (numbers, tuples, functions…).
pub static OTHER: TypeDef = TypeDef {
    name: "object",
    methods: &[],
    attribute: no_attributes,
};

/// `acquire(blocking=True, timeout=-1)`'s arguments: whether to wait, and for how many
/// milliseconds at most (`None`: no limit).
pub fn acquire_args(args: &mut Args, name: &str) -> PyResult<(bool, Option<f64>)> {
    let blocking = args.keyword("blocking");
    let timeout = args.keyword("timeout");
    let given = args.expect(name, 0, 2)?;
    let blocking = blocking
        .as_ref()
        .or(given.first())
        .is_none_or(Value::is_truthy);
    let timeout = match timeout.as_ref().or(given.get(1)) {
        None | Some(Value::None) => None,
        Some(value) if as_int(value).is_some_and(|i| i < 0) => None,
        Some(Value::Float(f)) if *f < 0.0 => None,
        Some(value) => Some(seconds_arg(std::slice::from_ref(value))? * 1000.0),
    };
    Ok((blocking, timeout))
}

/// A `timeout=` in seconds (keyword or first argument), as milliseconds; negative is none.
pub fn timeout_arg(args: &mut Args, name: &str) -> PyResult<Option<f64>> {
    let keyword = args.keyword("timeout");
    let given = args.expect(name, 0, 1)?;
    match keyword.as_ref().or(given.first()) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Float(f)) if *f < 0.0 => Ok(Some(-1.0)),
        Some(value) if as_int(value).is_some_and(|i| i < 0) => Ok(Some(-1.0)),
        Some(value) => Ok(Some(seconds_arg(std::slice::from_ref(value))? * 1000.0)),
    }
}
