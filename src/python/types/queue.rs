//! `queue.Queue`: a FIFO threads hand items through. `get` on an empty queue and `put` on a
//! full one park the thread; an item goes straight to the thread that waited longest for one.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, PyObject, TypeDef};
use super::super::sched::Waker;
use super::super::value::{as_int, Int, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "Queue",
    methods: &[
        native("put", |vm, args| put(vm, args, true)),
        native("put_nowait", |vm, args| put(vm, args, false)),
        native("get", |vm, args| get(vm, args, true)),
        native("get_nowait", |vm, args| get(vm, args, false)),
        native("qsize", |_, args| {
            args.expect("qsize", 0, 0)?;
            done(Value::Int(
                lock(&args.this::<PyQueue>()?.state).items.len() as Int
            ))
        }),
        native("empty", |_, args| {
            args.expect("empty", 0, 0)?;
            done(Value::Bool(
                lock(&args.this::<PyQueue>()?.state).items.is_empty(),
            ))
        }),
        native("full", |_, args| {
            args.expect("full", 0, 0)?;
            let queue = args.this::<PyQueue>()?;
            let is_full = queue.is_full(&lock(&queue.state));
            done(Value::Bool(is_full))
        }),
        native("task_done", task_done),
        native("join", join),
    ],
    attribute: no_attributes,
};

pub struct PyQueue {
    /// 0: no limit.
    maxsize: usize,
    state: Mutex<QueueState>,
}

#[derive(Default)]
struct QueueState {
    items: VecDeque<Value>,
    getters: VecDeque<Waker>,
    /// Threads waiting for room, each with the item it puts.
    putters: VecDeque<(Waker, Value)>,
    /// Items put and not yet marked done.
    unfinished: usize,
    joiners: Vec<Waker>,
}

impl PyObject for PyQueue {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn for_child_process(&self) -> Option<Value> {
        Some(Value::Object(Arc::new(PyQueue {
            maxsize: self.maxsize,
            state: Mutex::default(),
        })))
    }
}

impl PyQueue {
    fn is_full(&self, state: &QueueState) -> bool {
        self.maxsize > 0 && state.items.len() >= self.maxsize
    }
}

/// `Queue(maxsize=0)`.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let keyword = args.keyword("maxsize");
    let given = args.expect("Queue", 0, 1)?;
    let maxsize = match keyword.as_ref().or(given.first()) {
        None => 0,
        Some(value) => {
            as_int(value).map_or_else(|| raise(TypeError, "maxsize must be an integer"), Ok)?
        }
    };
    done(Value::Object(Arc::new(PyQueue {
        maxsize: usize::try_from(maxsize.max(0)).unwrap_or(usize::MAX),
        state: Mutex::default(),
    })))
}

/// `block` and `timeout` as `put` and `get` take them (`*_nowait` never block).
fn blocking_args(args: &mut Args, first: usize, may_block: bool) -> PyResult<(bool, Option<f64>)> {
    let block = args.keyword("block");
    let timeout = args.keyword("timeout");
    let block = block
        .or_else(|| args.positional.get(first).cloned())
        .is_none_or(|value| value.is_truthy());
    let timeout = match timeout.or_else(|| args.positional.get(first + 1).cloned()) {
        None | Some(Value::None) => None,
        Some(value) => {
            let seconds = super::super::modules::time::real(&value)?;
            if seconds < 0.0 {
                return raise(ValueError, "'timeout' must be a non-negative number");
            }
            Some(seconds * 1000.0)
        }
    };
    args.positional.truncate(first);
    Ok((may_block && block, timeout))
}

fn put(vm: &mut Vm, mut args: Args, may_block: bool) -> PyResult<Invoked> {
    let (block, timeout) = blocking_args(&mut args, 1, may_block)?;
    let item = args.expect("put", 1, 1)?[0].clone();
    let queue = args.this::<PyQueue>()?;
    let mut state = lock(&queue.state);
    while let Some(getter) = state.getters.pop_front() {
        if vm.run.scheduler.wake(getter, Ok(item.clone())) {
            state.unfinished += 1;
            return done(Value::None);
        }
    }
    if !queue.is_full(&state) {
        state.items.push_back(item);
        state.unfinished += 1;
        return done(Value::None);
    }
    if !block || timeout.is_some_and(|ms| ms <= 0.0) {
        return Err(Exception::new(QueueFull, ""));
    }
    let room = vm.waker();
    state.putters.push_back((room, item));
    drop(state);
    Ok(vm.block(
        room,
        timeout,
        Err(Exception::new(QueueFull, "")),
        EventKind::Wait,
    ))
}

fn get(vm: &mut Vm, mut args: Args, may_block: bool) -> PyResult<Invoked> {
    let (block, timeout) = blocking_args(&mut args, 0, may_block)?;
    args.expect("get", 0, 0)?;
    let queue = args.this::<PyQueue>()?;
    let mut state = lock(&queue.state);
    if let Some(item) = state.items.pop_front() {
        // Room for the putter that waited longest.
        while let Some((putter, waiting)) = state.putters.pop_front() {
            if vm.run.scheduler.wake(putter, Ok(Value::None)) {
                state.items.push_back(waiting);
                state.unfinished += 1;
                break;
            }
        }
        return done(item);
    }
    if !block || timeout.is_some_and(|ms| ms <= 0.0) {
        return Err(Exception::new(QueueEmpty, ""));
    }
    let item = vm.waker();
    state.getters.push_back(item);
    drop(state);
    Ok(vm.block(
        item,
        timeout,
        Err(Exception::new(QueueEmpty, "")),
        EventKind::Wait,
    ))
}

fn task_done(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("task_done", 0, 0)?;
    let queue = args.this::<PyQueue>()?;
    let mut state = lock(&queue.state);
    if state.unfinished == 0 {
        return raise(ValueError, "task_done() called too many times");
    }
    state.unfinished -= 1;
    if state.unfinished == 0 {
        for joiner in state.joiners.drain(..) {
            vm.run.scheduler.wake(joiner, Ok(Value::None));
        }
    }
    done(Value::None)
}

/// `join()`: waits until every item put has been marked done.
fn join(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("join", 0, 0)?;
    let queue = args.this::<PyQueue>()?;
    let mut state = lock(&queue.state);
    if state.unfinished == 0 {
        return done(Value::None);
    }
    let finished = vm.waker();
    state.joiners.push(finished);
    drop(state);
    Ok(vm.block(finished, None, Ok(Value::None), EventKind::Wait))
}
