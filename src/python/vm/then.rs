//! What a call gives ([`Invoked`]): a value at once, a frame to run, a wait; and what comes
//! after a native's call back into Python ([`Then`]): the continuation that takes the
//! function's result, and what it does if an exception leaves the function instead.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
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
/// what it does if an exception leaves that function instead (`unwound`), and which exceptions
/// leaving it it takes instead of letting them go on (`Rescue`).
pub struct Then(Box<ThenFn>, Vec<Box<UnwoundFn>>, Rescue);

/// Which exceptions leaving the function called back the native takes, and what it gives then.
enum Rescue {
    /// None: each goes on to the native's caller.
    Raise,
    /// The function was an iterator's `__next__`: a `StopIteration` gives the continuation
    /// `exhausted()`.
    Exhausted,
    /// The frame was a generator's, closed (`generator.close()`): its `GeneratorExit`, or a
    /// `StopIteration`, gives the continuation `None`.
    Closed,
    /// What `except Exception` catches goes to this handler, whose result the native's call
    /// gives (a done future's callback: CPython logs its exception and goes on).
    Caught(Box<CaughtFn>),
}

type ThenFn = dyn FnOnce(&mut Vm, Value) -> PyResult<Invoked> + Send;
type UnwoundFn = dyn FnOnce(&mut Vm) + Send;
type CaughtFn = dyn FnOnce(&mut Vm, Exception) -> PyResult<Invoked> + Send;

impl Then {
    pub fn new(then: impl FnOnce(&mut Vm, Value) -> PyResult<Invoked> + Send + 'static) -> Self {
        Then(Box::new(then), Vec::new(), Rescue::Raise)
    }

    /// The same, for a call of an iterator's `__next__` (see [`Rescue::Exhausted`]).
    pub fn or_exhausted(mut self) -> Self {
        self.2 = Rescue::Exhausted;
        self
    }

    /// The same, for a generator being closed (see [`Rescue::Closed`]).
    pub fn or_closed(mut self) -> Self {
        self.2 = Rescue::Closed;
        self
    }

    /// The same, and an `Exception` leaving the function goes to `caught` instead of on.
    pub fn or_caught(
        mut self,
        caught: impl FnOnce(&mut Vm, Exception) -> PyResult<Invoked> + Send + 'static,
    ) -> Self {
        self.2 = Rescue::Caught(Box::new(caught));
        self
    }

    /// What the native's call gives instead of `error` leaving the function called back, if
    /// it takes that error; if not, the continuation and the error back.
    pub fn rescue(
        self,
        vm: &mut Vm,
        error: Exception,
    ) -> Result<PyResult<Invoked>, (Self, Exception)> {
        let instead = match (&self.2, error.kind) {
            (Rescue::Exhausted, StopIteration) => exhausted(),
            (Rescue::Closed, StopIteration | GeneratorExit) => Value::None,
            (Rescue::Caught(_), kind) if kind.is_subclass_of(Exception) => {
                let Rescue::Caught(caught) = self.2 else {
                    unreachable!("matched above")
                };
                return Ok(caught(vm, error));
            }
            _ => return Err((self, error)),
        };
        Ok(self.call(vm, instead))
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
        // The first function's own rescue comes first; else what the native calling the whole
        // chain catches (its handler gives the chain's result, so it replaces `next`).
        let rescue = match std::mem::replace(&mut self.2, Rescue::Raise) {
            Rescue::Raise => std::mem::replace(&mut next.2, Rescue::Raise),
            own => own,
        };
        let mut chained = Then::new(move |vm, value| {
            let invoked = self.call(vm, value)?;
            vm.then_after(invoked, next)
        });
        chained.1 = unwound;
        chained.2 = rescue;
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
