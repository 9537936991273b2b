//! `queue.Queue`, `LifoQueue`, `PriorityQueue` and `SimpleQueue`: what threads hand items
//! through. `get` on an empty queue and `put` on a full one park the thread; an item goes
//! straight to the thread that waited longest for one. `multiprocessing.Queue` and
//! `JoinableQueue` are the same queue, one for all processes, which copies what is put in it
//! (as pickling it would).

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::heap;
use super::super::registry::{
    address_of, done, downcast, native, no_attributes, object_arg, Args, Native, PyObject, TypeDef,
};
use super::super::sched::Waker;
use super::super::value::{as_int, Int, Value};
use super::super::vm::{asked, Invoked, Vm};
use crate::event::{lock, EventKind};
use std::collections::{BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};

const TASK_DONE: Native = native("task_done", task_done);
const JOIN: Native = native("join", join);
const PUT: Native = native("put", |vm, args| put(vm, args, true));
const PUT_NOWAIT: Native = native("put_nowait", |vm, args| put(vm, args, false));
const GET: Native = native("get", |vm, args| get(vm, args, true));
const GET_NOWAIT: Native = native("get_nowait", |vm, args| get(vm, args, false));
/// A process queue closed by the calling process takes and gives no more items there, as
/// CPython's closed pipe ends: `put` and `get` raise, `empty` finds no handle.
fn refuse_if_closed(vm: &Vm, queue: &PyQueue) -> PyResult<()> {
    if queue.is_closed_in(vm) {
        return raise(ValueError, format!("Queue {} is closed", queue.repr()));
    }
    Ok(())
}

const QSIZE: Native = native("qsize", |_, args| {
    args.expect("qsize", 0, 0)?;
    done(Value::Int(
        lock(&args.this::<PyQueue>()?.state).items.len() as Int
    ))
});
const EMPTY: Native = native("empty", |vm, args| {
    args.expect("empty", 0, 0)?;
    let queue = args.this::<PyQueue>()?;
    if queue.is_closed_in(vm) {
        return raise(OSError, "handle is closed");
    }
    let is_empty = lock(&queue.state).items.is_empty();
    done(Value::Bool(is_empty))
});
const FULL: Native = native("full", |_, args| {
    args.expect("full", 0, 0)?;
    let queue = args.this::<PyQueue>()?;
    let is_full = queue.is_full(&lock(&queue.state));
    done(Value::Bool(is_full))
});
/// `close()`: this process puts and gets no more (see `refuse_if_closed`); the items put stay
/// for the other processes.
const CLOSE: Native = native("close", |vm, args| {
    args.expect("close", 0, 0)?;
    lock(&args.this::<PyQueue>()?.closed_in).insert(vm.thread.domain());
    done(Value::None)
});
// A process's queue hands items over itself, with no feeder thread to wait for: these calls
// are accepted and change nothing.
const JOIN_THREAD: Native = native("join_thread", |_, args| {
    args.expect("join_thread", 0, 0)?;
    done(Value::None)
});
const CANCEL_JOIN_THREAD: Native = native("cancel_join_thread", |_, args| {
    args.expect("cancel_join_thread", 0, 0)?;
    done(Value::None)
});

const METHODS: &[Native] = &[
    TASK_DONE, JOIN, PUT, PUT_NOWAIT, GET, GET_NOWAIT, QSIZE, EMPTY, FULL,
];

/// A process queue's methods, after `first` ones.
macro_rules! process_queue_methods {
    ($($first:expr),*) => {
        &[
            $($first,)*
            PUT,
            PUT_NOWAIT,
            GET,
            GET_NOWAIT,
            QSIZE,
            EMPTY,
            FULL,
            CLOSE,
            JOIN_THREAD,
            CANCEL_JOIN_THREAD,
        ]
    };
}

/// A `multiprocessing.Queue`'s: no `task_done` or `join`.
const PROCESS_METHODS: &[Native] = process_queue_methods!();

/// `multiprocessing.JoinableQueue`'s.
const JOINABLE_METHODS: &[Native] = process_queue_methods!(TASK_DONE, JOIN);

/// `Queue`, `LifoQueue` and `PriorityQueue`, by `Order`.
static ORDERED: [TypeDef; 3] = Order::types(METHODS, queue_attribute);

static SIMPLE: TypeDef = TypeDef {
    name: "SimpleQueue",
    methods: METHODS,
    attribute: no_attributes,
};

static PROCESS_QUEUE: TypeDef = TypeDef {
    name: "Queue",
    methods: PROCESS_METHODS,
    attribute: no_attributes,
};

static JOINABLE: TypeDef = TypeDef {
    name: "JoinableQueue",
    methods: JOINABLE_METHODS,
    attribute: no_attributes,
};

/// `maxsize` and `unfinished_tasks`, which `Queue`s have and `SimpleQueue` has not.
fn queue_attribute(object: &Value, name: &str) -> Option<Value> {
    let queue = downcast::<PyQueue>(object)?;
    match name {
        "maxsize" => Some(Value::Int(queue.maxsize as Int)),
        "unfinished_tasks" => Some(Value::Int(lock(&queue.state).unfinished as Int)),
        _ => None,
    }
}

/// Which item `get` takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The first put (`Queue`, `SimpleQueue`).
    Fifo,
    /// The last put (`LifoQueue`).
    Lifo,
    /// The smallest (`PriorityQueue`, a heap as `heapq` keeps it).
    Priority,
}

pub struct PyQueue {
    /// 0: no limit.
    maxsize: usize,
    order: Order,
    type_def: &'static TypeDef,
    /// A `multiprocessing` queue: every process puts in and gets from this one.
    for_processes: bool,
    state: Mutex<QueueState>,
    /// The processes (by domain) that closed it.
    closed_in: Mutex<BTreeSet<usize>>,
}

#[derive(Default)]
struct QueueState {
    /// In the order `order` keeps them (a heap for `Priority`).
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
        self.type_def
    }

    /// Named by the module CPython's class lives in: `<queue.Queue object at 0x…>`.
    fn repr(&self) -> String {
        let module = match (self.for_processes, self.type_def.name) {
            (true, _) => "multiprocessing.queues",
            (false, "SimpleQueue") => "_queue",
            (false, _) => "queue",
        };
        let name = self.type_def.name;
        format!("<{module}.{name} object at {:#x}>", address_of(self))
    }

    fn for_child_process(&self) -> Option<Value> {
        (!self.for_processes).then(|| {
            Value::Object(Arc::new(PyQueue {
                maxsize: self.maxsize,
                order: self.order,
                type_def: self.type_def,
                for_processes: false,
                state: Mutex::default(),
                closed_in: Mutex::default(),
            }))
        })
    }
}

impl PyQueue {
    /// Whether the process running `vm` closed it.
    fn is_closed_in(&self, vm: &Vm) -> bool {
        lock(&self.closed_in).contains(&vm.thread.domain())
    }

    fn is_full(&self, state: &QueueState) -> bool {
        self.maxsize > 0 && state.items.len() >= self.maxsize
    }

    fn push(&self, state: &mut QueueState, item: Value) -> PyResult<()> {
        self.order.push(&mut state.items, item)
    }

    fn pop(&self, state: &mut QueueState) -> PyResult<Option<Value>> {
        self.order.pop(&mut state.items)
    }
}

impl Order {
    /// The queue types of each order, as `queue` and `asyncio` name them, indexed by the order.
    pub const fn types(
        methods: &'static [Native],
        attribute: fn(&Value, &str) -> Option<Value>,
    ) -> [TypeDef; 3] {
        [
            TypeDef {
                name: "Queue",
                methods,
                attribute,
            },
            TypeDef {
                name: "LifoQueue",
                methods,
                attribute,
            },
            TypeDef {
                name: "PriorityQueue",
                methods,
                attribute,
            },
        ]
    }

    /// Puts `item` among `items`, kept in this order (`asyncio`'s queues keep theirs so too).
    pub fn push(self, items: &mut VecDeque<Value>, item: Value) -> PyResult<()> {
        if self != Order::Priority {
            items.push_back(item);
            return Ok(());
        }
        let mut heap: Vec<Value> = std::mem::take(items).into();
        let pushed = heap::push(&mut heap, item);
        *items = heap.into();
        pushed
    }

    /// The item `get` takes from `items`, if any.
    pub fn pop(self, items: &mut VecDeque<Value>) -> PyResult<Option<Value>> {
        match self {
            Order::Fifo => Ok(items.pop_front()),
            Order::Lifo => Ok(items.pop_back()),
            Order::Priority => {
                let mut heap: Vec<Value> = std::mem::take(items).into();
                let popped = heap::pop(&mut heap);
                *items = heap.into();
                popped
            }
        }
    }
}

/// `Queue(maxsize=0)`, `LifoQueue(maxsize=0)`, `PriorityQueue(maxsize=0)` or `SimpleQueue()`.
pub fn new(args: Args, order: Order, simple: bool) -> PyResult<Invoked> {
    let type_def = match (order, simple) {
        (_, true) => &SIMPLE,
        (order, _) => &ORDERED[order as usize],
    };
    made(args, order, type_def, !simple, false)
}

/// `multiprocessing.Queue(maxsize=0)` or `JoinableQueue(maxsize=0)`.
pub fn for_processes(args: Args, joinable: bool) -> PyResult<Invoked> {
    let type_def = if joinable { &JOINABLE } else { &PROCESS_QUEUE };
    made(args, Order::Fifo, type_def, true, true)
}

fn made(
    mut args: Args,
    order: Order,
    type_def: &'static TypeDef,
    has_maxsize: bool,
    for_processes: bool,
) -> PyResult<Invoked> {
    let keyword = args.keyword("maxsize");
    let given = args.expect(type_def.name, 0, usize::from(has_maxsize))?;
    let maxsize = match keyword.as_ref().or(given.first()) {
        None => 0,
        Some(value) => {
            as_int(value).map_or_else(|| raise(TypeError, "maxsize must be an integer"), Ok)?
        }
    };
    done(Value::Object(Arc::new(PyQueue {
        maxsize: usize::try_from(maxsize.max(0)).unwrap_or(usize::MAX),
        order,
        type_def,
        for_processes,
        state: Mutex::default(),
        closed_in: Mutex::default(),
    })))
}

/// `block` and `timeout` as `put` and `get` take them (`*_nowait` never block). A negative
/// timeout is an error for a `queue` queue, and no wait for a `multiprocessing` one.
fn blocking_args(
    args: &mut Args,
    first: usize,
    may_block: bool,
    for_processes: bool,
) -> PyResult<(bool, Option<f64>)> {
    let block = args.keyword("block");
    let timeout = args.keyword("timeout");
    let block = block
        .or_else(|| args.positional.get(first).cloned())
        .is_none_or(|value| value.is_truthy());
    let timeout = match timeout.or_else(|| args.positional.get(first + 1).cloned()) {
        None | Some(Value::None) => None,
        Some(value) => {
            let seconds = super::super::modules::time::real(&value)?;
            if seconds < 0.0 && !for_processes {
                return raise(ValueError, "'timeout' must be a non-negative number");
            }
            Some(seconds * 1000.0)
        }
    };
    args.positional.truncate(first);
    Ok((may_block && block, timeout))
}

/// `queue.put_nowait(item)`, for a native given a queue of `queue` or `multiprocessing`
/// (`logging.handlers`' `QueueHandler` and `QueueListener`).
pub fn put_nowait(vm: &mut Vm, queue: &Value, item: Value) -> PyResult<Invoked> {
    put(vm, Args::for_method(queue, vec![item]), false)
}

/// `queue.get()`, for a native given a queue (see [`put_nowait`]).
pub fn get_waiting(vm: &mut Vm, queue: &Value) -> PyResult<Invoked> {
    get(vm, Args::for_method(queue, Vec::new()), true)
}

/// `queue.task_done()`, if the queue has it (`SimpleQueue` and `multiprocessing.Queue` have
/// not), as `QueueListener` calls it after each record.
pub fn task_done_if_any(vm: &mut Vm, queue: &Value) -> PyResult<()> {
    let has_it = downcast::<PyQueue>(queue).is_some_and(|known| {
        known
            .type_def
            .methods
            .iter()
            .any(|m| m.name == TASK_DONE.name)
    });
    if has_it {
        task_done(vm, Args::for_method(queue, Vec::new()))?;
    }
    Ok(())
}

/// `value`, a queue of `queue` or `multiprocessing` (not a manager's proxy) that `callee`
/// takes, or the `TypeError` for another.
pub fn queue_arg(value: Value, callee: &str) -> PyResult<Value> {
    object_arg::<PyQueue>(
        &value,
        &format!("{callee} takes a queue of queue or multiprocessing"),
    )?;
    Ok(value)
}

fn put(vm: &mut Vm, mut args: Args, may_block: bool) -> PyResult<Invoked> {
    let queue = args.this::<PyQueue>()?;
    refuse_if_closed(vm, &queue)?;
    let (block, timeout) = blocking_args(&mut args, 1, may_block, queue.for_processes)?;
    let item = &args.expect("put", 1, 1)?[0];
    // What another process gets is a copy, as unpickled from what was put.
    let item = if queue.for_processes {
        item.copied_for_process()
    } else {
        item.clone()
    };
    asked::rerun(
        vm,
        move |vm| put_item(vm, &queue, item.clone(), block, timeout),
        |_, invoked| Ok(invoked),
    )
}

/// `put` with its arguments taken (run again for each `__lt__` a priority queue's heap asks).
fn put_item(
    vm: &mut Vm,
    queue: &PyQueue,
    item: Value,
    block: bool,
    timeout: Option<f64>,
) -> PyResult<Invoked> {
    let mut state = lock(&queue.state);
    while let Some(getter) = state.getters.pop_front() {
        if vm.run.scheduler.wake(getter, Ok(item.clone())) {
            state.unfinished += 1;
            return done(Value::None);
        }
    }
    if !queue.is_full(&state) {
        queue.push(&mut state, item)?;
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
    let queue = args.this::<PyQueue>()?;
    refuse_if_closed(vm, &queue)?;
    let (block, timeout) = blocking_args(&mut args, 0, may_block, queue.for_processes)?;
    args.expect("get", 0, 0)?;
    asked::rerun(
        vm,
        move |vm| get_item(vm, &queue, block, timeout),
        |_, invoked| Ok(invoked),
    )
}

/// `get` with its arguments taken (run again for each `__lt__` a priority queue's heap asks).
fn get_item(vm: &mut Vm, queue: &PyQueue, block: bool, timeout: Option<f64>) -> PyResult<Invoked> {
    let mut state = lock(&queue.state);
    if let Some(item) = queue.pop(&mut state)? {
        // Room for the putter that waited longest.
        while let Some((putter, waiting)) = state.putters.pop_front() {
            if vm.run.scheduler.wake(putter, Ok(Value::None)) {
                queue.push(&mut state, waiting)?;
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
