//! Exception chaining, as CPython prints it: an exception raised while another is being handled
//! (in an `except` or `finally` body, in this frame or a caller's) has that one as its context,
//! and `raise … from cause` names its cause (`from None`: neither is printed). The uncaught
//! exception's traceback then shows the earlier ones first. An exception raised again while it
//! is handled keeps its traceback, as CPython's.

use super::super::error::{Exception, Link};
use super::super::registry::downcast;
use super::super::types::exception::{to_raise, PyException};
use super::super::value::{same_object, Value};
use super::Vm;
use std::sync::Arc;

impl Vm<'_, '_> {
    /// Links `error`, just raised, to its cause or to the exception being handled.
    pub(super) fn chain(&self, error: &mut Exception) {
        let handled: Vec<&Exception> = self
            .thread
            .frames
            .iter()
            .rev()
            .flat_map(|frame| frame.caught.iter().rev())
            .collect();
        if let Some(same) = handled.iter().find(|handled| is_same(handled, error)) {
            // Raised again (`raise error`): its traceback goes on from where it was caught.
            error.traceback = same.traceback.clone();
            error.traceback.extend(same.handled_at.clone());
            error.chained.clone_from(&same.chained);
            return;
        }
        error.chained = match error.cause.clone() {
            Some(Value::None) => None,
            Some(cause) => raised_from(&cause, &handled).map(|cause| (Link::Cause, cause)),
            None => handled
                .first()
                .map(|handled| (Link::Context, Arc::new((*handled).clone()))),
        };
    }
}

/// The exception `cause` is: one being handled, or else what raising it would make (never
/// raised, it prints without a traceback).
fn raised_from(cause: &Value, handled: &[&Exception]) -> Option<Arc<Exception>> {
    if let Some(exception) = downcast::<PyException>(cause) {
        return Some(Arc::new(exception.exception.clone()));
    }
    let found = handled.iter().find(|exception| {
        exception
            .instance
            .as_ref()
            .is_some_and(|it| same_object(it, cause))
    });
    match found {
        Some(exception) => Some(Arc::new((*exception).clone())),
        None => to_raise(cause).ok().map(Arc::new),
    }
}

/// Whether two exceptions are one (`except E as e: raise e` raises the one handled).
fn is_same(a: &Exception, b: &Exception) -> bool {
    a.id == b.id || matches!((&a.instance, &b.instance), (Some(a), Some(b)) if same_object(a, b))
}
