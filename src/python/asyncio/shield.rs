//! `asyncio.shield(aw)`: a future that follows `aw`'s, except that cancelling it leaves `aw`
//! running, as CPython's: the awaiting task is cancelled, the work it shielded goes on.

use super::event_loop::with_loop;
use super::future::{Callback, Future, Outcome, Waiter};
use super::EventLoop;
use crate::python::error::PyResult;
use crate::python::registry::{done, Args};
use crate::python::value::Value;
use crate::python::vm::{Invoked, Vm};
use std::sync::Arc;

pub fn shield(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let awaitable = args.expect("shield", 1, 1)?[0].clone();
    with_loop(vm, |vm, event_loop| {
        let (value, inner) = event_loop.ensure_future(vm, awaitable)?;
        if inner.is_done() {
            return done(value);
        }
        let outer = Future::new();
        let follow = Arc::new(Follow(Arc::clone(&outer)));
        inner.add_waiter(event_loop, Waiter::Call(follow));
        done(Value::Object(outer))
    })
}

/// Gives the outer future the shielded one's outcome, unless the outer was cancelled first.
struct Follow(Arc<Future>);

impl Callback for Follow {
    fn call(&self, event_loop: &mut EventLoop, inner: &Arc<Future>) {
        match inner.outcome() {
            Some(Outcome::Cancelled(_)) => {
                self.0.cancel(event_loop, None);
            }
            Some(outcome) => {
                self.0.finish(event_loop, outcome);
            }
            None => {}
        }
    }
}
