//! `asyncio` on the VM: `asyncio.run` turns the calling thread into an event loop. A task is a
//! stack of suspended frames; `await` on a coroutine runs its frame like a call, and `await` on
//! a sleep, a task or `gather` suspends the task and the loop runs another. With nothing ready,
//! the thread parks until the earliest sleeper's time, so the loop holds no worker either.
//! Each task is its own lane in the timeline.

use super::error::{raise, ExceptionKind::*, PyResult};
use super::sched::Exit;
use super::value::Value;
use super::vm::{Frame, Invoked, Vm};
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// What calling an `async def` gives: its frame, not yet run.
#[derive(Debug)]
pub struct Coroutine {
    name: Arc<str>,
    frame: Mutex<Option<Box<Frame>>>,
}

impl Coroutine {
    pub fn new(frame: Box<Frame>) -> Self {
        Self {
            name: frame.name().into(),
            frame: Mutex::new(Some(frame)),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn take(&self) -> PyResult<Box<Frame>> {
        lock(&self.frame).take().map_or_else(
            || raise(RuntimeError, "cannot reuse already awaited coroutine"),
            Ok,
        )
    }
}

/// What else a coroutine can await.
#[derive(Debug)]
pub enum Awaitable {
    Sleep(f64),
    Gather(Vec<Value>),
    Task(Arc<TaskSlot>),
}

/// Where a task's result goes.
#[derive(Debug, Default)]
pub struct TaskSlot {
    result: Mutex<Option<PyResult<Value>>>,
}

impl TaskSlot {
    fn result(&self) -> Option<PyResult<Value>> {
        lock(&self.result).clone()
    }
}

/// A task not running now: its frames, and what its `await` receives when it goes on.
struct LoopTask {
    lane: u32,
    slot: Arc<TaskSlot>,
    frames: Vec<Box<Frame>>,
    send: Option<PyResult<Value>>,
}

/// An event loop, inside the thread that called `asyncio.run`.
pub struct EventLoop {
    /// The frames that called `asyncio.run`, and their lane.
    outer: Vec<Box<Frame>>,
    outer_lane: u32,
    main: Arc<TaskSlot>,
    /// The running task's lane and slot; `None` while the loop waits.
    current: Option<(u32, Arc<TaskSlot>)>,
    ready: VecDeque<LoopTask>,
    /// Sleeping tasks with their wake time and a sequence number (earlier sleeps wake first).
    sleeping: Vec<(f64, u64, LoopTask)>,
    /// Tasks awaiting others: `gather` (a list of results) or one task (its result).
    blocked: Vec<(LoopTask, Vec<Arc<TaskSlot>>, bool)>,
    sequence: u64,
    tasks_named: u32,
}

/// `asyncio.run(main())`: the thread becomes an event loop until `main` returns.
pub fn run(vm: &mut Vm, coroutine: Value) -> PyResult<Invoked> {
    if vm.thread.event_loop.is_some() {
        return raise(
            RuntimeError,
            "asyncio.run() cannot be called from a running event loop",
        );
    }
    let Value::Coroutine(coroutine) = coroutine else {
        return raise(
            ValueError,
            format!("a coroutine was expected, got {}", coroutine.repr()),
        );
    };
    let frame = coroutine.take()?;
    vm.show(EventKind::Wait);
    let main = Arc::new(TaskSlot::default());
    let mut event_loop = Box::new(EventLoop {
        outer: std::mem::take(&mut vm.thread.frames),
        outer_lane: vm.thread.lane,
        main: Arc::clone(&main),
        current: None,
        ready: VecDeque::new(),
        sleeping: Vec::new(),
        blocked: Vec::new(),
        sequence: 0,
        tasks_named: 0,
    });
    vm.spawn_task(&mut event_loop, main, frame);
    vm.thread.event_loop = Some(event_loop);
    vm.switch_task()
}

/// `asyncio.create_task(coro)`: the loop starts it at its next turn.
pub fn create_task(vm: &mut Vm, coroutine: Value) -> PyResult<Value> {
    let Value::Coroutine(coroutine) = coroutine else {
        return raise(
            TypeError,
            format!("a coroutine was expected, got {}", coroutine.repr()),
        );
    };
    let mut event_loop = vm
        .thread
        .event_loop
        .take()
        .map_or_else(|| raise(RuntimeError, "no running event loop"), Ok)?;
    let slot = Arc::new(TaskSlot::default());
    let spawned = coroutine
        .take()
        .map(|frame| vm.spawn_task(&mut event_loop, Arc::clone(&slot), frame));
    vm.thread.event_loop = Some(event_loop);
    spawned.map(|()| Value::Awaitable(Arc::new(Awaitable::Task(slot))))
}

impl Vm<'_, '_> {
    fn spawn_task(&mut self, event_loop: &mut EventLoop, slot: Arc<TaskSlot>, frame: Box<Frame>) {
        event_loop.tasks_named += 1;
        let name = format!("Task-{} ({})", event_loop.tasks_named, frame.name());
        let (lane, _) = self.run.recorder.start_named(name.into());
        event_loop.ready.push_back(LoopTask {
            lane,
            slot,
            frames: vec![frame],
            send: None,
        });
    }

    /// `await value`: a coroutine runs as a call; a sleep, a task or `gather` suspends the
    /// running task.
    pub(super) fn await_value(&mut self, awaited: Value) -> PyResult<Invoked> {
        let awaitable = match awaited {
            Value::Coroutine(coroutine) => return Ok(Invoked::Frame(coroutine.take()?)),
            Value::Awaitable(awaitable) => awaitable,
            other => {
                return raise(
                    TypeError,
                    format!(
                        "object {} can't be used in 'await' expression",
                        other.type_name()
                    ),
                )
            }
        };
        let Some(mut event_loop) = self.thread.event_loop.take() else {
            return raise(RuntimeError, "await outside a running event loop");
        };
        let suspended = self.suspend_task(&mut event_loop, &awaitable);
        self.thread.event_loop = Some(event_loop);
        match suspended? {
            Some(value) => Ok(Invoked::Value(value)),
            None => self.switch_task(),
        }
    }

    /// Parks the running task on what it awaits; `Some` if that is ready already.
    fn suspend_task(
        &mut self,
        event_loop: &mut EventLoop,
        awaitable: &Awaitable,
    ) -> PyResult<Option<Value>> {
        if let Awaitable::Task(slot) = awaitable {
            if let Some(result) = slot.result() {
                return result.map(Some);
            }
        }
        let mut slots = Vec::new();
        if let Awaitable::Gather(awaitables) = awaitable {
            for awaitable in awaitables {
                slots.push(match awaitable {
                    Value::Coroutine(coroutine) => {
                        let slot = Arc::new(TaskSlot::default());
                        self.spawn_task(event_loop, Arc::clone(&slot), coroutine.take()?);
                        slot
                    }
                    Value::Awaitable(inner) => match &**inner {
                        Awaitable::Task(slot) => Arc::clone(slot),
                        _ => return raise(TypeError, "gather() takes coroutines and tasks"),
                    },
                    other => {
                        return raise(
                            TypeError,
                            format!(
                            "An asyncio.Future, a coroutine or an awaitable is required, not {}",
                            other.type_name()
                        ),
                        )
                    }
                });
            }
        }
        let Some((lane, slot)) = event_loop.current.take() else {
            return raise(RuntimeError, "await outside a running task");
        };
        let task = LoopTask {
            lane,
            slot,
            frames: std::mem::take(&mut self.thread.frames),
            send: None,
        };
        match awaitable {
            Awaitable::Sleep(ms) => {
                self.show(EventKind::Sleep);
                event_loop.sequence += 1;
                let wake_ms = self.now_ms() + ms;
                event_loop
                    .sleeping
                    .push((wake_ms, event_loop.sequence, task));
            }
            Awaitable::Task(slot) => {
                self.show(EventKind::Wait);
                event_loop
                    .blocked
                    .push((task, vec![Arc::clone(slot)], false));
            }
            Awaitable::Gather(_) => {
                self.show(EventKind::Wait);
                event_loop.blocked.push((task, slots, true));
            }
        }
        Ok(None)
    }

    /// The running task has returned or raised (or the loop has woken with no task).
    pub(super) fn task_done(&mut self, result: PyResult<Value>) -> Option<Exit> {
        if let Some(event_loop) = self.thread.event_loop.as_mut() {
            if let Some((_, slot)) = event_loop.current.take() {
                *lock(&slot.result) = Some(result);
                self.show(EventKind::End);
            }
        }
        match self.switch_task() {
            Ok(Invoked::Block(block)) => Some(Exit::Block(block)),
            Ok(_) => None,
            Err(error) => {
                self.thread.resume = Some(Err(error));
                None
            }
        }
    }

    /// Runs the next ready task; with none, parks the thread until the next sleeper's time,
    /// or ends the loop once `main` has its result.
    fn switch_task(&mut self) -> PyResult<Invoked> {
        let Some(mut event_loop) = self.thread.event_loop.take() else {
            return raise(RuntimeError, "no running event loop");
        };
        unblock(&mut event_loop);
        let now_ms = self.now_ms();
        wake_sleepers(&mut event_loop, now_ms);
        if let Some(task) = event_loop.ready.pop_front() {
            event_loop.current = Some((task.lane, Arc::clone(&task.slot)));
            self.thread.event_loop = Some(event_loop);
            self.thread.frames = task.frames;
            self.thread.lane = task.lane;
            self.thread.shown = EventKind::Wait;
            self.show(EventKind::Cpu);
            self.thread.resume = task.send;
            return Ok(Invoked::Switched);
        }
        if let Some(result) = event_loop.main.result() {
            self.end_loop(*event_loop, result);
            return Ok(Invoked::Switched);
        }
        let next_wake_ms = event_loop
            .sleeping
            .iter()
            .map(|(wake_ms, ..)| *wake_ms)
            .reduce(f64::min);
        let Some(next_wake_ms) = next_wake_ms else {
            let stuck = raise(
                RuntimeError,
                "every task is waiting for another: the event loop can go no further",
            );
            self.end_loop(*event_loop, stuck);
            return Ok(Invoked::Switched);
        };
        self.thread.event_loop = Some(event_loop);
        let wait = self.waker();
        Ok(self.block(
            wait,
            Some(next_wake_ms - now_ms),
            Ok(Value::None),
            EventKind::Wait,
        ))
    }

    /// `asyncio.run` returns (or raises) in the frames that called it; tasks still pending
    /// end, as `asyncio.run` cancels them.
    fn end_loop(&mut self, mut event_loop: EventLoop, result: PyResult<Value>) {
        let pending = event_loop
            .ready
            .drain(..)
            .chain(event_loop.sleeping.drain(..).map(|(.., task)| task))
            .chain(event_loop.blocked.drain(..).map(|(task, ..)| task));
        for task in pending {
            self.run.recorder.emit(EventKind::End, task.lane, None);
        }
        self.thread.frames = std::mem::take(&mut event_loop.outer);
        self.thread.lane = event_loop.outer_lane;
        self.thread.shown = EventKind::Wait;
        self.show(EventKind::Cpu);
        self.thread.resume = Some(result);
    }
}

/// Makes ready the tasks whose awaited tasks have all finished.
fn unblock(event_loop: &mut EventLoop) {
    let mut still_blocked = Vec::new();
    for (mut task, slots, is_gather) in std::mem::take(&mut event_loop.blocked) {
        let results: Option<Vec<_>> = slots.iter().map(|slot| slot.result()).collect();
        let Some(results) = results else {
            still_blocked.push((task, slots, is_gather));
            continue;
        };
        let results: PyResult<Vec<_>> = results.into_iter().collect();
        task.send = Some(results.map(|mut values| {
            if is_gather {
                Value::list(values)
            } else {
                values.pop().unwrap_or(Value::None)
            }
        }));
        event_loop.ready.push_back(task);
    }
    event_loop.blocked = still_blocked;
}

/// Makes ready the sleepers whose time has come, earliest first.
fn wake_sleepers(event_loop: &mut EventLoop, now_ms: f64) {
    let (mut due, sleeping): (Vec<_>, Vec<_>) = std::mem::take(&mut event_loop.sleeping)
        .into_iter()
        .partition(|(wake_ms, ..)| *wake_ms <= now_ms);
    event_loop.sleeping = sleeping;
    due.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (.., mut task) in due {
        task.send = Some(Ok(Value::None));
        event_loop.ready.push_back(task);
    }
}
