//! `asyncio.Queue`, `LifoQueue` and `PriorityQueue`, as CPython's: `get` on an empty queue (or
//! `put` on a full one) waits in a FIFO line of futures; each item put (or taken) wakes the
//! first in line, which looks again when it runs. `join` waits for an event that `task_done`
//! sets once every item is done. Which item `get` takes is `queue`'s `Order`.

use super::event_loop::with_loop;
use super::future::Future;
use super::sync::AsyncEvent;
use super::{Awaitable, EventLoop, Started};
use crate::event::lock;
use crate::python::error::{raise, Exception, ExceptionKind::*, PyResult};
use crate::python::registry::{done, native, Args, Native, PyObject, TypeDef};
use crate::python::types::queue::Order;
use crate::python::value::{as_int, Value};
use crate::python::vm::Invoked;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

const METHODS: &[Native] = &[
    native("put", |_, args| {
        let item = args.expect("put", 1, 1)?[0].clone();
        let this = args.this::<AsyncQueue>()?;
        done(Awaitable::coroutine("put", move |_, event_loop| {
            this.put(event_loop, item)
        }))
    }),
    native("get", |_, args| {
        args.expect("get", 0, 0)?;
        let this = args.this::<AsyncQueue>()?;
        done(Awaitable::coroutine("get", move |_, event_loop| {
            this.get(event_loop)
        }))
    }),
    native("put_nowait", |vm, args| {
        let item = args.expect("put_nowait", 1, 1)?[0].clone();
        let this = args.this::<AsyncQueue>()?;
        with_loop(vm, |_, event_loop| this.put_nowait(event_loop, item))?;
        done(Value::None)
    }),
    native("get_nowait", |vm, args| {
        args.expect("get_nowait", 0, 0)?;
        let this = args.this::<AsyncQueue>()?;
        with_loop(vm, |_, event_loop| this.get_nowait(event_loop)).map(Invoked::Value)
    }),
    native("task_done", |vm, args| {
        args.expect("task_done", 0, 0)?;
        let this = args.this::<AsyncQueue>()?;
        with_loop(vm, |_, event_loop| this.task_done(event_loop))?;
        done(Value::None)
    }),
    native("join", |_, args| {
        args.expect("join", 0, 0)?;
        let this = args.this::<AsyncQueue>()?;
        done(Awaitable::coroutine("join", move |_, _| {
            let unfinished = lock(&this.state).unfinished;
            Ok(if unfinished > 0 {
                this.finished.wait()
            } else {
                Started::Done(Value::None)
            })
        }))
    }),
    native("qsize", |_, args| {
        args.expect("qsize", 0, 0)?;
        done(Value::Int(
            lock(&args.this::<AsyncQueue>()?.state).items.len() as _,
        ))
    }),
    native("empty", |_, args| {
        args.expect("empty", 0, 0)?;
        done(Value::Bool(
            lock(&args.this::<AsyncQueue>()?.state).items.is_empty(),
        ))
    }),
    native("full", |_, args| {
        args.expect("full", 0, 0)?;
        done(Value::Bool(args.this::<AsyncQueue>()?.is_full()))
    }),
];

/// `Queue`, `LifoQueue` and `PriorityQueue`, by `Order`.
static TYPES: [TypeDef; 3] = Order::types(METHODS, queue_attribute);

fn queue_attribute(object: &Value, name: &str) -> Option<Value> {
    match (
        crate::python::registry::downcast::<AsyncQueue>(object),
        name,
    ) {
        (Some(queue), "maxsize") => Some(Value::Int(queue.maxsize.into())),
        _ => None,
    }
}

pub struct AsyncQueue {
    /// 0 or less: no bound.
    maxsize: i64,
    order: Order,
    state: Mutex<QueueState>,
    /// Set while no item is unfinished (`join`).
    finished: Arc<AsyncEvent>,
}

#[derive(Default)]
struct QueueState {
    items: VecDeque<Value>,
    getters: VecDeque<Arc<Future>>,
    putters: VecDeque<Arc<Future>>,
    /// Items put and not yet marked done by `task_done`.
    unfinished: u64,
}

impl PyObject for AsyncQueue {
    fn type_def(&self) -> &'static TypeDef {
        &TYPES[self.order as usize]
    }

    /// As CPython's `str()` of a queue: each part only when there is something to say.
    fn repr(&self) -> String {
        let state = lock(&self.state);
        let mut text = format!("<{} maxsize={}", self.type_def().name, self.maxsize);
        if !state.items.is_empty() {
            let items: Vec<_> = state.items.iter().map(Value::repr).collect();
            text += &format!(" _queue=[{}]", items.join(", "));
        }
        for (line, waiting) in [("_getters", &state.getters), ("_putters", &state.putters)] {
            if !waiting.is_empty() {
                text += &format!(" {line}[{}]", waiting.len());
            }
        }
        if state.unfinished > 0 {
            text += &format!(" tasks={}", state.unfinished);
        }
        text + ">"
    }
}

/// Which line of waiters.
#[derive(Clone, Copy)]
enum Side {
    Getters,
    Putters,
}

impl QueueState {
    fn line(&mut self, side: Side) -> &mut VecDeque<Arc<Future>> {
        match side {
            Side::Getters => &mut self.getters,
            Side::Putters => &mut self.putters,
        }
    }
}

impl AsyncQueue {
    pub fn new(maxsize: i64, order: Order) -> Arc<Self> {
        Arc::new(Self {
            maxsize,
            order,
            state: Mutex::default(),
            finished: AsyncEvent::already_set(),
        })
    }

    fn is_full(&self) -> bool {
        self.maxsize > 0 && lock(&self.state).items.len() as i64 >= self.maxsize
    }

    /// `await put(item)`: waits while the queue is full.
    fn put(self: &Arc<Self>, event_loop: &mut EventLoop, item: Value) -> PyResult<Started> {
        if !self.is_full() {
            self.put_nowait(event_loop, item)?;
            return Ok(Started::Done(Value::None));
        }
        let this = Arc::clone(self);
        Ok(self.wait_in_line(Side::Putters, move |event_loop| this.put(event_loop, item)))
    }

    /// `await get()`: waits while the queue is empty.
    pub fn get(self: &Arc<Self>, event_loop: &mut EventLoop) -> PyResult<Started> {
        if !lock(&self.state).items.is_empty() {
            return self.get_nowait(event_loop).map(Started::Done);
        }
        let this = Arc::clone(self);
        Ok(self.wait_in_line(Side::Getters, move |event_loop| this.get(event_loop)))
    }

    /// Waits in `side`'s line, then tries again with `again`. Cancelled, it hands its turn
    /// on if what it waited for is there.
    fn wait_in_line(
        self: &Arc<Self>,
        side: Side,
        again: impl FnOnce(&mut EventLoop) -> PyResult<Started> + Send + 'static,
    ) -> Started {
        let waiter = Future::new();
        lock(&self.state).line(side).push_back(Arc::clone(&waiter));
        let this = Arc::clone(self);
        Started::wait_then(
            Arc::clone(&waiter),
            move |_, event_loop, result| match result {
                Ok(_) => again(event_loop),
                Err(error) => {
                    waiter.cancel(event_loop, None);
                    let mut state = lock(&this.state);
                    state
                        .line(side)
                        .retain(|waiting| !Arc::ptr_eq(waiting, &waiter));
                    let ready = match side {
                        Side::Getters => !state.items.is_empty(),
                        Side::Putters => !this.is_full_locked(&state),
                    };
                    drop(state);
                    if ready && !waiter.is_cancelled() {
                        this.wake_next(event_loop, side);
                    }
                    Err(error)
                }
            },
        )
    }

    fn is_full_locked(&self, state: &QueueState) -> bool {
        self.maxsize > 0 && state.items.len() as i64 >= self.maxsize
    }

    pub fn put_nowait(&self, event_loop: &mut EventLoop, item: Value) -> PyResult<()> {
        let mut state = lock(&self.state);
        if self.is_full_locked(&state) {
            return Err(Exception::new(AsyncQueueFull, ""));
        }
        self.order.push(&mut state.items, item)?;
        state.unfinished += 1;
        drop(state);
        self.finished.clear();
        self.wake_next(event_loop, Side::Getters);
        Ok(())
    }

    fn get_nowait(&self, event_loop: &mut EventLoop) -> PyResult<Value> {
        let Some(item) = self.order.pop(&mut lock(&self.state).items)? else {
            return Err(Exception::new(AsyncQueueEmpty, ""));
        };
        self.wake_next(event_loop, Side::Putters);
        Ok(item)
    }

    fn task_done(&self, event_loop: &mut EventLoop) -> PyResult<()> {
        let mut state = lock(&self.state);
        if state.unfinished == 0 {
            return raise(ValueError, "task_done() called too many times");
        }
        state.unfinished -= 1;
        let all_done = state.unfinished == 0;
        drop(state);
        if all_done {
            self.finished.set(event_loop);
        }
        Ok(())
    }

    /// Wakes the first waiter of `side`'s line still waiting.
    fn wake_next(&self, event_loop: &mut EventLoop, side: Side) {
        loop {
            let Some(waiter) = lock(&self.state).line(side).pop_front() else {
                return;
            };
            if !waiter.is_done() {
                waiter.set_result(event_loop, Value::None);
                return;
            }
        }
    }
}

/// `asyncio.Queue(maxsize=0)`, `LifoQueue(maxsize=0)` or `PriorityQueue(maxsize=0)`.
pub fn new(args: Args, order: Order) -> PyResult<Invoked> {
    let [maxsize] = args.bind(TYPES[order as usize].name, ["maxsize"], 0)?;
    let maxsize = match maxsize {
        None => 0,
        Some(value) => {
            as_int(&value).map_or_else(|| raise(TypeError, "maxsize must be an int"), Ok)? as i64
        }
    };
    done(Value::Object(AsyncQueue::new(maxsize, order)))
}
