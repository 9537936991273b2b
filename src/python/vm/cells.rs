//! Cells: how a function and the functions inside it share a variable. The cell sits in a
//! local slot of each (see `scope.rs`), so an assignment in one is seen by the others.

use super::super::code::Code;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::value::Value;
use crate::event::lock;
use std::sync::{Arc, Mutex};

/// The value of the variable whose cell is in `slot`.
pub fn load(code: &Code, locals: &[Option<Value>], slot: u32) -> PyResult<Value> {
    if let Some(Value::Cell(cell)) = &locals[slot as usize] {
        if let Some(value) = &*lock(cell) {
            return Ok(value.clone());
        }
    }
    let name = &code.local_names[slot as usize];
    if code.free_slots.contains(&slot) {
        raise(
            NameError,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    } else {
        raise(
            UnboundLocalError,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }
}

pub fn store(locals: &mut [Option<Value>], slot: u32, value: Value) -> PyResult<()> {
    match &locals[slot as usize] {
        Some(Value::Cell(cell)) => {
            *lock(cell) = Some(value);
            Ok(())
        }
        _ => raise(RuntimeError, "a shared variable lost its cell"),
    }
}

/// `del name` of a shared variable: its cell is emptied.
pub fn clear(locals: &mut [Option<Value>], slot: u32) -> PyResult<()> {
    if let Some(Value::Cell(cell)) = &locals[slot as usize] {
        *lock(cell) = None;
    }
    Ok(())
}

/// Puts what `slot` holds (a parameter, or nothing yet) into a new cell there.
pub fn make(locals: &mut [Option<Value>], slot: u32) {
    let value = locals[slot as usize].take();
    locals[slot as usize] = Some(Value::Cell(Arc::new(Mutex::new(value))));
}
