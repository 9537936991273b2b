//! What a call gives ([`Invoked`]): a value at once, a frame to run, a wait; and what comes
//! after a native's call back into Python ([`Then`]): the continuation that takes the
//! function's result, and what it does if an exception leaves the function instead.

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::registry::Args;
use super::super::sched::Block;
use super::super::types::pulled::exhausted;
use super::super::value::Value;
use super::{Frame, Vm};

/// What calling something gave.
pub enum Invoked {
    Value(Value),
    /// A Python function's frame, to run next.
    Frame(Box<Frame>),
    /// The thread waits; the call's result is delivered when it resumes.
    Block(Block),
    /// The call changed the thread's frames itself (`asyncio.run`).
    Switched,
    /// A native calling back into Python (a `key=` function, a callback): call the function,
    /// then give its result to the continuation, which says what the native's call gives in
    /// the end. The callback runs as frames like any call, so it may block or be switched out.
    CallThen(Value, Args, Then),
}

/// What a native does with the result of a function it called back (see `Invoked::CallThen`),
/// what it does if an exception leaves that function instead (`unwound`), and whether a
/// `StopIteration` leaving it is the end of an iterator's items (`at_stop_iteration`).
pub struct Then(Box<ThenFn>, Vec<Box<UnwoundFn>>, AtStopIteration);

/// What a `StopIteration` (or `GeneratorExit`) leaving the function called back does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AtStopIteration {
    /// It goes on to the native's caller, as any exception.
    Raise,
    /// The function was an iterator's `__next__`: the continuation gets `exhausted()`.
    Exhausted,
    /// The frame was a generator's, closed (`generator.close()`): its `GeneratorExit`, or a
    /// `StopIteration`, gives the continuation `None`.
    Closed,
}

impl AtStopIteration {
    /// What the continuation gets instead of `kind` leaving the function, if anything.
    pub fn instead_of(self, kind: ExceptionKind) -> Option<Value> {
        match (self, kind) {
            (AtStopIteration::Exhausted, StopIteration) => Some(exhausted()),
            (AtStopIteration::Closed, StopIteration | GeneratorExit) => Some(Value::None),
            _ => None,
        }
    }
}

type ThenFn = dyn FnOnce(&mut Vm, Value) -> PyResult<Invoked> + Send;
type UnwoundFn = dyn FnOnce(&mut Vm) + Send;

impl Then {
    pub fn new(then: impl FnOnce(&mut Vm, Value) -> PyResult<Invoked> + Send + 'static) -> Self {
        Then(Box::new(then), Vec::new(), AtStopIteration::Raise)
    }

    /// The same, for a call of an iterator's `__next__` (see [`AtStopIteration::Exhausted`]).
    pub fn or_exhausted(mut self) -> Self {
        self.2 = AtStopIteration::Exhausted;
        self
    }

    /// The same, for a generator being closed (see [`AtStopIteration::Closed`]).
    pub fn or_closed(mut self) -> Self {
        self.2 = AtStopIteration::Closed;
        self
    }

    pub fn at_stop_iteration(&self) -> AtStopIteration {
        self.2
    }

    /// The same, and `unwound` run as an exception leaves the function called back (which
    /// then goes on to the native's caller: CPython's `except: …; raise`).
    pub fn or_unwound(mut self, unwound: impl FnOnce(&mut Vm) + Send + 'static) -> Self {
        self.1.push(Box::new(unwound));
        self
    }

    pub fn call(self, vm: &mut Vm, value: Value) -> PyResult<Invoked> {
        (self.0)(vm, value)
    }

    /// An exception left the function called back.
    pub fn unwound(self, vm: &mut Vm) {
        for unwound in self.1 {
            unwound(vm);
        }
    }

    /// `self`, then `next` with what it gives.
    fn and_then(mut self, mut next: Then) -> Then {
        let mut unwound = std::mem::take(&mut self.1);
        unwound.append(&mut next.1);
        let at_stop_iteration = self.2;
        let mut chained = Then::new(move |vm, value| {
            let invoked = self.call(vm, value)?;
            vm.then_after(invoked, next)
        });
        chained.1 = unwound;
        chained.2 = at_stop_iteration;
        chained
    }
}

impl std::fmt::Debug for Then {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Then")
    }
}

impl Vm<'_, '_> {
    /// What `invoked` gives once `then` has had its value.
    pub fn then_after(&mut self, invoked: Invoked, then: Then) -> PyResult<Invoked> {
        Ok(match invoked {
            Invoked::Value(value) => return then.call(self, value),
            Invoked::Frame(mut frame) => {
                frame.then = Some(match frame.then.take() {
                    Some(first) => first.and_then(then),
                    None => then,
                });
                Invoked::Frame(frame)
            }
            Invoked::Block(block) => {
                self.thread.resume_then = Some(match self.thread.resume_then.take() {
                    Some(first) => first.and_then(then),
                    None => then,
                });
                Invoked::Block(block)
            }
            Invoked::CallThen(func, args, first) => {
                Invoked::CallThen(func, args, first.and_then(then))
            }
            Invoked::Switched => {
                return raise(RuntimeError, "a callback cannot start an event loop")
            }
        })
    }
}
