//! `threading.Barrier(parties, action=None, timeout=None)`: `wait()` parks each thread until
//! `parties` of them wait, then all go on; each gets its place in the arrival order (the first
//! 0), as in CPython. The last to come runs `action` before the others are let go. A wait that
//! times out, or `abort()`, breaks the barrier: every waiter, and every later `wait()` until
//! `reset()`, raises `BrokenBarrierError`.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::modules::time::seconds_arg;
use super::super::registry::{address_of, done, downcast, native, Args, PyObject, TypeDef};
use super::super::sched::{OnTimeout, Scheduler, Waker};
use super::super::value::{as_int, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Barrier",
    methods: &[
        native("wait", wait),
        native("abort", |vm, args| {
            args.expect("abort", 0, 0)?;
            let barrier = args.this::<PyBarrier>()?;
            barrier.break_with(&vm.run.scheduler, true);
            done(Value::None)
        }),
        native("reset", |vm, args| {
            args.expect("reset", 0, 0)?;
            let barrier = args.this::<PyBarrier>()?;
            barrier.break_with(&vm.run.scheduler, false);
            done(Value::None)
        }),
    ],
    attribute: |object, name| {
        let barrier = downcast::<PyBarrier>(object)?;
        let state = lock(&barrier.state);
        match name {
            "parties" => Some(Value::Int(barrier.parties.into())),
            "n_waiting" => Some(Value::Int((state.waiting.len() as u32).into())),
            "broken" => Some(Value::Bool(state.broken)),
            _ => None,
        }
    },
};

pub struct PyBarrier {
    parties: u32,
    /// Called by the last thread to come, before the others go on (`None`: nothing).
    action: Value,
    /// The default timeout of `wait()`, in ms.
    timeout: Option<f64>,
    state: Mutex<BarrierState>,
}

#[derive(Default)]
struct BarrierState {
    /// The threads waiting for this round, in the order they came.
    waiting: Vec<Waker>,
    broken: bool,
}

impl PyObject for PyBarrier {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let state = lock(&self.state);
        if state.broken {
            return format!("<threading.Barrier at {:#x}: broken>", address_of(self));
        }
        format!(
            "<threading.Barrier at {:#x}: waiters={}/{}>",
            address_of(self),
            state.waiting.len(),
            self.parties
        )
    }
}

impl PyBarrier {
    /// Raises `BrokenBarrierError` in every waiting thread; the barrier stays broken
    /// (`abort`) or takes new rounds (`reset`).
    fn break_with(&self, scheduler: &Scheduler, broken: bool) {
        let mut state = lock(&self.state);
        state.broken = broken;
        for waiter in state.waiting.drain(..) {
            scheduler.wake(waiter, Err(broken_error()));
        }
    }
}

fn broken_error() -> Exception {
    Exception::new(BrokenBarrierError, "")
}

pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let parties = args.keyword("parties");
    let action = args.keyword("action");
    let timeout = args.keyword("timeout");
    let given = args.expect("Barrier", usize::from(parties.is_none()), 3)?;
    let (parties, given) = match parties {
        Some(parties) => (parties, given),
        None => (given[0].clone(), &given[1..]),
    };
    let parties = as_int(&parties)
        .filter(|&parties| parties >= 1 && parties <= i128::from(u32::MAX))
        .map(|parties| parties as u32);
    let Some(parties) = parties else {
        return raise(ValueError, "parties must be > 0");
    };
    let action = action
        .or_else(|| given.first().cloned())
        .unwrap_or(Value::None);
    let timeout = match timeout.as_ref().or(given.get(1)) {
        None | Some(Value::None) => None,
        Some(value) => Some(seconds_arg(std::slice::from_ref(value))? * 1000.0),
    };
    done(Value::Object(Arc::new(PyBarrier {
        parties,
        action,
        timeout,
        state: Mutex::default(),
    })))
}

/// `wait(timeout=None)`: the barrier's own timeout unless one is given.
fn wait(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "wait")?;
    let barrier = args.this::<PyBarrier>()?;
    let timeout = timeout.or(barrier.timeout);
    let mut state = lock(&barrier.state);
    if state.broken {
        return Err(broken_error());
    }
    let index = state.waiting.len() as u32;
    if index + 1 < barrier.parties {
        let released = vm.waker();
        state.waiting.push(released);
        drop(state);
        let barrier = Arc::clone(&barrier);
        let break_it = OnTimeout::Then(Box::new(move |scheduler, waker| {
            barrier.break_with(scheduler, true);
            scheduler.wake(waker, Err(broken_error()));
        }));
        return Ok(vm.block(released, timeout, break_it, EventKind::Wait));
    }
    // The last to come: the action, then everyone goes on, each with its place. If the action
    // raises, the exception is this thread's and the barrier breaks for the others.
    let waiting = std::mem::take(&mut state.waiting);
    drop(state);
    let stranded = waiting.clone();
    let broken = Arc::clone(&barrier);
    let release = Then::new(move |vm, _| {
        for (place, waiter) in waiting.into_iter().enumerate() {
            vm.run
                .scheduler
                .wake(waiter, Ok(Value::Int((place as u32).into())));
        }
        done(Value::Int(index.into()))
    })
    .or_unwound(move |vm| {
        lock(&broken.state).broken = true;
        for waiter in stranded {
            vm.run.scheduler.wake(waiter, Err(broken_error()));
        }
    });
    match &barrier.action {
        Value::None => release.call(vm, Value::None),
        action => Ok(Invoked::CallThen(action.clone(), Args::default(), release)),
    }
}
