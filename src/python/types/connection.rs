//! `multiprocessing.Pipe()`: two connections, each end sending into a channel the other end
//! receives from (one channel each way unless `duplex=False`). What is sent is copied, as
//! pickling it would. A child process gets its own handle on each end (its copy of the
//! parent's), so either process may close its handles without closing the other's. A
//! process's exit closes the handles it has, as the OS closes a process's files: a reader whose
//! writer ended without closing its end gets `EOFError` rather than waiting forever.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{address_of, done, downcast, native, Args, PyObject, TypeDef};
use super::super::sched::Waker;
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};

static CONNECTION: TypeDef = TypeDef {
    name: "Connection",
    methods: &[
        native("send", send),
        native("recv", recv),
        native("poll", poll),
        native("close", |vm, args| {
            args.expect("close", 0, 0)?;
            args.this::<Connection>()?.close(vm);
            done(Value::None)
        }),
    ],
    attribute,
};

/// One direction of a pipe.
#[derive(Default)]
struct Channel {
    state: Mutex<ChannelState>,
}

#[derive(Default)]
struct ChannelState {
    items: VecDeque<Value>,
    /// Threads in `recv` (`false`) or in `poll` (`true`), in the order they came.
    waiters: VecDeque<(Waker, bool)>,
    /// Handles open on the sending end, in all processes: none left means end of file.
    senders: usize,
}

pub struct Connection {
    incoming: Option<Arc<Channel>>,
    outgoing: Option<Arc<Channel>>,
    closed: AtomicBool,
}

impl PyObject for Connection {
    fn type_def(&self) -> &'static TypeDef {
        &CONNECTION
    }

    fn repr(&self) -> String {
        format!(
            "<multiprocessing.connection.Connection object at {:#x}>",
            address_of(self)
        )
    }

    /// The child's own handle on the same channels: one for each of the parent's, however
    /// many of the child's variables and arguments refer to it, so that closing it closes it.
    fn for_child_process(&self) -> Option<Value> {
        let parent = self as *const Connection as usize;
        FORKED.with(|forked| {
            let mut forked = forked.borrow_mut();
            if let Some((_, made)) = forked.iter().flatten().find(|(of, _)| *of == parent) {
                return Some(Value::Object(Arc::clone(made) as Arc<dyn PyObject>));
            }
            let closed = self.closed.load(Ordering::Relaxed);
            let handle = Arc::new(Connection::open(
                self.incoming.clone(),
                self.outgoing.clone(),
                closed,
            ));
            if let Some(handles) = &mut *forked {
                handles.push((parent, Arc::clone(&handle)));
            }
            Some(Value::Object(handle))
        })
    }
}

impl Connection {
    /// A handle on these channels, counted as a sender unless made `closed`.
    fn open(incoming: Option<Arc<Channel>>, outgoing: Option<Arc<Channel>>, closed: bool) -> Self {
        if let (Some(channel), false) = (&outgoing, closed) {
            lock(&channel.state).senders += 1;
        }
        Self {
            incoming,
            outgoing,
            closed: AtomicBool::new(closed),
        }
    }

    fn check_open(&self) -> PyResult<()> {
        if self.closed.load(Ordering::Relaxed) {
            return raise(OSError, "handle is closed");
        }
        Ok(())
    }

    fn incoming(&self) -> PyResult<&Channel> {
        self.check_open()?;
        match &self.incoming {
            Some(channel) => Ok(channel),
            None => raise(OSError, "connection is write-only"),
        }
    }

    /// The last sending handle closed wakes the receivers, who find the end of file.
    pub fn close(&self, vm: &Vm) {
        if self.closed.swap(true, Ordering::Relaxed) {
            return;
        }
        let Some(channel) = &self.outgoing else {
            return;
        };
        let mut state = lock(&channel.state);
        state.senders -= 1;
        if state.senders == 0 {
            for (waiter, polling) in state.waiters.drain(..) {
                let woken = if polling {
                    Ok(Value::Bool(true))
                } else {
                    Err(Exception::new(EOFError, ""))
                };
                vm.run.scheduler.wake(waiter, woken);
            }
        }
    }
}

/// The handles made for a child process, each with the address of the parent's it copies.
type ForkedHandles = Vec<(usize, Arc<Connection>)>;

thread_local! {
    /// The handles made for a child process being forked on this thread (see `forking`).
    static FORKED: RefCell<Option<ForkedHandles>> = const { RefCell::new(None) };
}

/// Runs `copy`, which makes a child process's copy of memory, and gives the pipe handles it
/// made for the child: the child's exit closes those still open.
pub fn forking<R>(copy: impl FnOnce() -> R) -> (R, Vec<Weak<Connection>>) {
    FORKED.with(|forked| *forked.borrow_mut() = Some(Vec::new()));
    let copied = copy();
    let handles = FORKED.with(|forked| forked.borrow_mut().take().unwrap_or_default());
    let handles = handles
        .iter()
        .map(|(_, handle)| Arc::downgrade(handle))
        .collect();
    (copied, handles)
}

fn attribute(object: &Value, name: &str) -> Option<Value> {
    let connection = super::super::registry::downcast::<Connection>(object)?;
    match name {
        "closed" => Some(Value::Bool(connection.closed.load(Ordering::Relaxed))),
        "readable" => Some(Value::Bool(connection.incoming.is_some())),
        "writable" => Some(Value::Bool(connection.outgoing.is_some())),
        _ => None,
    }
}

/// `Pipe(duplex=True)`: `(a, b)`; with `duplex=False`, `a` only receives and `b` only sends.
pub fn pipe(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let keyword = args.keyword("duplex");
    let given = args.expect("Pipe", 0, 1)?;
    let duplex = keyword
        .as_ref()
        .or(given.first())
        .is_none_or(Value::is_truthy);
    let to_a = Arc::new(Channel::default());
    let to_b = Arc::new(Channel::default());
    let (a, b) = if duplex {
        (
            Connection::open(Some(Arc::clone(&to_a)), Some(Arc::clone(&to_b)), false),
            Connection::open(Some(to_b), Some(to_a), false),
        )
    } else {
        (
            Connection::open(Some(Arc::clone(&to_a)), None, false),
            Connection::open(None, Some(to_a), false),
        )
    };
    done(Value::Tuple(
        [Value::Object(Arc::new(a)), Value::Object(Arc::new(b))].into(),
    ))
}

fn send(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let item = args.expect("send", 1, 1)?[0].copied_for_process();
    let connection = args.this::<Connection>()?;
    connection.check_open()?;
    let Some(channel) = &connection.outgoing else {
        return raise(OSError, "connection is read-only");
    };
    let mut state = lock(&channel.state);
    // Pollers learn there is an item; the first receiver takes it.
    while let Some((waiter, polling)) = state.waiters.pop_front() {
        if polling {
            vm.run.scheduler.wake(waiter, Ok(Value::Bool(true)));
        } else if vm.run.scheduler.wake(waiter, Ok(item.clone())) {
            return done(Value::None);
        }
    }
    state.items.push_back(item);
    done(Value::None)
}

fn recv(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("recv", 0, 0)?;
    let connection = args.this::<Connection>()?;
    let channel = connection.incoming()?;
    let mut state = lock(&channel.state);
    if let Some(item) = state.items.pop_front() {
        return done(item);
    }
    if state.senders == 0 {
        return Err(Exception::new(EOFError, ""));
    }
    let received = vm.waker();
    state.waiters.push_back((received, false));
    drop(state);
    Ok(vm.block(received, None, Ok(Value::None), EventKind::Wait))
}

/// `poll(timeout=0)`: whether there is something to receive, waiting up to `timeout` seconds
/// (`None`: for as long as it takes).
fn poll(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let waits = !args.positional.is_empty() || !args.keywords.is_empty();
    let timeout_ms = timeout_arg(&mut args, "poll")?;
    let connection = args.this::<Connection>()?;
    let channel = connection.incoming()?;
    let mut state = lock(&channel.state);
    if !state.items.is_empty() || state.senders == 0 {
        return done(Value::Bool(true));
    }
    // No argument is no wait; `poll(None)` waits without end.
    let timeout_ms = if waits { timeout_ms } else { Some(0.0) };
    if timeout_ms.is_some_and(|ms| ms <= 0.0) {
        return done(Value::Bool(false));
    }
    let ready = vm.waker();
    state.waiters.push_back((ready, true));
    drop(state);
    Ok(vm.block(ready, timeout_ms, Ok(Value::Bool(false)), EventKind::Wait))
}

/// `multiprocessing.connection.wait(object_list, timeout=None)`: the connections that have
/// something to receive or have reached the end of file, waiting until one has (or up to
/// `timeout` seconds; then none).
pub fn wait(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [object_list, timeout] = args.bind("wait", ["object_list", "timeout"], 1)?;
    let timeout_ms = timeout_arg(&mut Args::new(timeout.into_iter().collect()), "wait")?;
    let connections = object_list
        .unwrap_or_default()
        .items()?
        .into_iter()
        .map(|item| match downcast::<Connection>(&item) {
            Some(connection) => Ok((item, connection)),
            None => raise(
                TypeError,
                format!(
                    "threadplay's wait() takes a pipe's connections, not {}",
                    item.type_name()
                ),
            ),
        })
        .collect::<PyResult<Vec<_>>>()?;
    let now = ready(&connections)?;
    let nothing_yet = matches!(&now, Value::List(items) if lock(items).is_empty());
    if !nothing_yet || timeout_ms.is_some_and(|ms| ms <= 0.0) {
        return done(now);
    }
    // One waker polls every channel: the first item or end of file wakes it.
    let woken = vm.waker();
    for (_, connection) in &connections {
        lock(&connection.incoming()?.state)
            .waiters
            .push_back((woken, true));
    }
    let waited = vm.block(woken, timeout_ms, Ok(Value::Bool(false)), EventKind::Wait);
    vm.then_after(waited, Then::new(move |_, _| done(ready(&connections)?)))
}

/// Those of `connections` that have something to receive or have reached the end of file.
fn ready(connections: &[(Value, Arc<Connection>)]) -> PyResult<Value> {
    let mut ready = Vec::new();
    for (item, connection) in connections {
        let state = lock(&connection.incoming()?.state);
        if !state.items.is_empty() || state.senders == 0 {
            ready.push(item.clone());
        }
    }
    Ok(Value::list(ready))
}
