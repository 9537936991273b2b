//! `asyncio.Barrier(parties)` (3.11), as CPython's state machine: it fills until `parties`
//! tasks wait, then drains, letting them go (the last to come first, then the others in the
//! order they came), and only when all have left does it fill again. `reset()` sends those
//! waiting away with `BrokenBarrierError`; `abort()` breaks it until a `reset()`.

use super::future::Future;
use super::sync::{leave, Line};
use super::{Awaitable, EventLoop, Started};
use crate::event::lock;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{address_of, done, downcast, native, Args, PyObject, TypeDef};
use crate::python::value::{as_int, Value};
use crate::python::vm::{Invoked, Vm};
use std::sync::{Arc, Mutex};

pub static BARRIER: TypeDef = TypeDef {
    name: "Barrier",
    methods: &[
        native("wait", |_, args| {
            args.expect("wait", 0, 0)?;
            let this = args.this::<AsyncBarrier>()?;
            done(Awaitable::coroutine("wait", move |vm, event_loop| {
                this.wait(vm, event_loop)
            }))
        }),
        native("reset", |_, args| {
            args.expect("reset", 0, 0)?;
            let this = args.this::<AsyncBarrier>()?;
            done(Awaitable::coroutine("reset", move |_, event_loop| {
                this.reset(event_loop);
                Ok(Started::Done(Value::None))
            }))
        }),
        native("abort", |_, args| {
            args.expect("abort", 0, 0)?;
            let this = args.this::<AsyncBarrier>()?;
            done(Awaitable::coroutine("abort", move |_, event_loop| {
                this.shift(event_loop, Phase::Broken);
                Ok(Started::Done(Value::None))
            }))
        }),
        native("__aenter__", |_, args| {
            let this = args.this::<AsyncBarrier>()?;
            done(Awaitable::coroutine("__aenter__", move |vm, event_loop| {
                this.wait(vm, event_loop)
            }))
        }),
        native("__aexit__", |_, _| {
            done(Awaitable::ready("__aexit__", Value::None))
        }),
    ],
    attribute: |object, name| {
        let barrier = downcast::<AsyncBarrier>(object)?;
        let state = lock(&barrier.state);
        match name {
            "parties" => Some(Value::Int(barrier.parties.into())),
            "n_waiting" => Some(Value::Int(match state.phase {
                Phase::Filling => state.count.into(),
                _ => 0.into(),
            })),
            "broken" => Some(Value::Bool(state.phase == Phase::Broken)),
            _ => None,
        }
    },
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Filling,
    Draining,
    Resetting,
    Broken,
}

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Phase::Filling => "filling",
            Phase::Draining => "draining",
            Phase::Resetting => "resetting",
            Phase::Broken => "broken",
        }
    }
}

pub struct AsyncBarrier {
    parties: u32,
    state: Mutex<BarrierState>,
}

struct BarrierState {
    phase: Phase,
    /// The tasks inside `wait()`: waiting, or let go and not yet out.
    count: u32,
    /// Whoever waits for the phase to change, woken all at once when it does (CPython's
    /// condition variable and its `notify_all`).
    waiters: Line,
}

impl PyObject for AsyncBarrier {
    fn type_def(&self) -> &'static TypeDef {
        &BARRIER
    }

    fn repr(&self) -> String {
        let state = lock(&self.state);
        let mut extra = state.phase.name().to_string();
        if state.phase != Phase::Broken {
            let waiting = if state.phase == Phase::Filling {
                state.count
            } else {
                0
            };
            extra += &format!(", waiters:{waiting}/{}", self.parties);
        }
        super::sync::primitive_repr("Barrier", address_of(self), &extra)
    }
}

impl AsyncBarrier {
    /// `await barrier.wait()`: the task's place in the arrival order.
    fn wait(self: &Arc<Self>, vm: &mut Vm, event_loop: &mut EventLoop) -> PyResult<Started> {
        let this = Arc::clone(self);
        // A barrier still letting the last round go (or resetting) is waited out first.
        self.until(|phase| !matches!(phase, Phase::Draining | Phase::Resetting))
            .and_then(
                vm,
                event_loop,
                Box::new(move |vm, event_loop, outcome| {
                    outcome?;
                    let mut state = lock(&this.state);
                    if state.phase == Phase::Broken {
                        return raise(AsyncBrokenBarrierError, "Barrier aborted");
                    }
                    let index = state.count;
                    state.count += 1;
                    drop(state);
                    if index + 1 == this.parties {
                        this.shift(event_loop, Phase::Draining);
                        this.leave(event_loop);
                        return Ok(Started::Done(Value::Int(index.into())));
                    }
                    let left = Arc::clone(&this);
                    this.until(|phase| phase != Phase::Filling).and_then(
                        vm,
                        event_loop,
                        Box::new(move |_, event_loop, outcome| {
                            let phase = lock(&left.state).phase;
                            left.leave(event_loop);
                            outcome?;
                            match phase {
                                Phase::Broken | Phase::Resetting => {
                                    raise(AsyncBrokenBarrierError, "Abort or reset of barrier")
                                }
                                _ => Ok(Started::Done(Value::Int(index.into()))),
                            }
                        }),
                    )
                }),
            )
    }

    /// Waits, woken at each change of phase, until `ready` holds for the phase.
    fn until(self: &Arc<Self>, ready: fn(Phase) -> bool) -> Started {
        let mut state = lock(&self.state);
        if ready(state.phase) {
            return Started::Done(Value::None);
        }
        let waiter = Future::new();
        state.waiters.push_back(Arc::clone(&waiter));
        drop(state);
        let this = Arc::clone(self);
        Started::wait_then(Arc::clone(&waiter), move |_, _, woken| {
            leave(&mut lock(&this.state).waiters, &waiter);
            woken?;
            Ok(this.until(ready))
        })
    }

    /// A task leaves `wait()`; the last one out of a round opens the barrier for the next.
    fn leave(&self, event_loop: &mut EventLoop) {
        let mut state = lock(&self.state);
        state.count -= 1;
        if state.count > 0 {
            return;
        }
        let phase = match state.phase {
            Phase::Draining | Phase::Resetting => Phase::Filling,
            phase => phase,
        };
        drop(state);
        self.shift(event_loop, phase);
    }

    fn reset(&self, event_loop: &mut EventLoop) {
        let phase = if lock(&self.state).count > 0 {
            Phase::Resetting
        } else {
            Phase::Filling
        };
        self.shift(event_loop, phase);
    }

    /// Enters `phase` and wakes every waiter to look at it, in the order they came.
    fn shift(&self, event_loop: &mut EventLoop, phase: Phase) {
        let mut state = lock(&self.state);
        state.phase = phase;
        let waiters: Vec<_> = state.waiters.iter().cloned().collect();
        drop(state);
        for waiter in waiters.iter().filter(|waiter| !waiter.is_done()) {
            waiter.set_result(event_loop, Value::None);
        }
    }
}

pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [parties] = args.bind("Barrier", ["parties"], 1)?;
    let parties = parties
        .as_ref()
        .and_then(as_int)
        .map_or_else(|| raise(TypeError, "Barrier() parties must be an int"), Ok)?;
    if parties < 1 {
        return raise(ValueError, "parties must be > 0");
    }
    let barrier = AsyncBarrier {
        parties: u32::try_from(parties).unwrap_or(u32::MAX),
        state: Mutex::new(BarrierState {
            phase: Phase::Filling,
            count: 0,
            waiters: Line::new(),
        }),
    };
    done(Value::Object(Arc::new(barrier)))
}
