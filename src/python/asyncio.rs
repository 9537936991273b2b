//! `asyncio` as Python runs it: one thread, one event loop, coroutines that switch only where
//! they `await`. A coroutine is a stack of frames the loop resumes; `asyncio.sleep` parks it
//! until its time, `gather` and `create_task` make more tasks, each its own lane in the log.

use super::error::{raise, Exception, ExceptionKind::*, PyResult, TraceEntry};
use super::interpreter::{Frame, Interpreter, Outcome, MAX_CALL_DEPTH};
use super::value::Value;
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// What calling an `async def` gives: its frame, not yet run.
#[derive(Debug)]
pub struct Coroutine {
    name: Arc<str>,
    frame: Mutex<Option<Frame>>,
}

impl Coroutine {
    pub fn new(frame: Frame) -> Self {
        Self {
            name: frame.name().into(),
            frame: Mutex::new(Some(frame)),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn take(&self) -> PyResult<Frame> {
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

impl Awaitable {
    pub fn sleep(ms: f64) -> Value {
        Value::Awaitable(Arc::new(Awaitable::Sleep(ms)))
    }

    pub fn gather(awaitables: Vec<Value>) -> Value {
        Value::Awaitable(Arc::new(Awaitable::Gather(awaitables)))
    }
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

/// A coroutine the loop runs: its frames (the awaited innermost last) and the value to resume
/// it with.
struct LoopTask {
    lane: u32,
    slot: Arc<TaskSlot>,
    stack: Vec<Frame>,
    send: Value,
}

#[derive(Default)]
struct EventLoop {
    ready: VecDeque<LoopTask>,
    /// Sleeping tasks with their wake time and a sequence number (earlier sleeps wake first).
    sleeping: Vec<(f64, u64, LoopTask)>,
    /// Tasks awaiting others: `gather` (a list of results) or one task (its result).
    blocked: Vec<(LoopTask, Vec<Arc<TaskSlot>>, bool)>,
    sequence: u64,
    tasks_named: u32,
}

impl Interpreter<'_, '_> {
    /// `asyncio.run(main())`: runs the loop on this thread until `main` returns.
    pub(super) fn asyncio_run(&mut self, coroutine: Value) -> PyResult<Value> {
        if self.in_event_loop {
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
        let thread_lane = self.task;
        self.emit(EventKind::Wait);
        self.in_event_loop = true;
        let mut event_loop = EventLoop::default();
        let main = Arc::new(TaskSlot::default());
        self.spawn_task(&mut event_loop, Arc::clone(&main), frame);
        let outcome = self.drive(&mut event_loop, &main);
        self.abandon(&mut event_loop);
        self.in_event_loop = false;
        self.task = thread_lane;
        self.emit(EventKind::Cpu);
        outcome
    }

    /// `asyncio.create_task(coro)`: the loop starts it at its next turn.
    pub(super) fn create_task(&mut self, coroutine: Value) -> PyResult<Value> {
        if !self.in_event_loop {
            return raise(RuntimeError, "no running event loop");
        }
        let Value::Coroutine(coroutine) = coroutine else {
            return raise(
                TypeError,
                format!("a coroutine was expected, got {}", coroutine.repr()),
            );
        };
        let slot = Arc::new(TaskSlot::default());
        self.new_async_tasks.push((Arc::clone(&slot), coroutine));
        Ok(Value::Awaitable(Arc::new(Awaitable::Task(slot))))
    }

    fn spawn_task(&mut self, event_loop: &mut EventLoop, slot: Arc<TaskSlot>, frame: Frame) {
        event_loop.tasks_named += 1;
        let name = format!("Task-{} ({})", event_loop.tasks_named, frame.name());
        let (lane, _) = self.run.recorder.start_named(name.into());
        event_loop.ready.push_back(LoopTask {
            lane,
            slot,
            stack: vec![frame],
            send: Value::None,
        });
    }

    fn drive(&mut self, event_loop: &mut EventLoop, main: &TaskSlot) -> PyResult<Value> {
        loop {
            for (slot, coroutine) in std::mem::take(&mut self.new_async_tasks) {
                let frame = coroutine.take()?;
                self.spawn_task(event_loop, slot, frame);
            }
            self.unblock(event_loop);
            self.wake(event_loop);
            if let Some(task) = event_loop.ready.pop_front() {
                self.step(event_loop, task);
                continue;
            }
            if let Some(result) = main.result() {
                return result;
            }
            let Some(next_wake_ms) = event_loop
                .sleeping
                .iter()
                .map(|(wake_ms, ..)| *wake_ms)
                .reduce(f64::min)
            else {
                return raise(
                    RuntimeError,
                    "every task is waiting for another: the event loop can go no further",
                );
            };
            self.release_gil();
            self.run
                .sleep(next_wake_ms - self.run.recorder.elapsed_ms());
            self.acquire_gil();
            if self.run.stop.is_stopped() {
                return Err(Exception::stopped());
            }
        }
    }

    /// Makes ready the tasks whose awaited tasks have all finished.
    fn unblock(&mut self, event_loop: &mut EventLoop) {
        let mut still_blocked = Vec::new();
        for (mut task, slots, is_gather) in std::mem::take(&mut event_loop.blocked) {
            let results: Option<Vec<_>> = slots.iter().map(|slot| slot.result()).collect();
            let Some(results) = results else {
                still_blocked.push((task, slots, is_gather));
                continue;
            };
            match results.into_iter().collect::<PyResult<Vec<_>>>() {
                Ok(mut values) => {
                    task.send = if is_gather {
                        Value::list(values)
                    } else {
                        values.pop().unwrap_or(Value::None)
                    };
                    event_loop.ready.push_back(task);
                }
                Err(error) => self.fail(task, error),
            }
        }
        event_loop.blocked = still_blocked;
    }

    /// Makes ready the sleepers whose time has come, earliest first.
    fn wake(&mut self, event_loop: &mut EventLoop) {
        let now_ms = self.run.recorder.elapsed_ms();
        let (mut due, sleeping): (Vec<_>, Vec<_>) = std::mem::take(&mut event_loop.sleeping)
            .into_iter()
            .partition(|(wake_ms, ..)| *wake_ms <= now_ms);
        event_loop.sleeping = sleeping;
        due.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        event_loop
            .ready
            .extend(due.into_iter().map(|(.., task)| task));
    }

    /// Runs a task until it awaits something that is not ready, or ends.
    fn step(&mut self, event_loop: &mut EventLoop, mut task: LoopTask) {
        self.task = task.lane;
        self.emit(EventKind::Cpu);
        let mut send = std::mem::replace(&mut task.send, Value::None);
        loop {
            let Some(frame) = task.stack.last_mut() else {
                return self.finish(task, Ok(send));
            };
            let awaited = match self.run_frame(frame, send) {
                Ok(Outcome::Returned(value)) => {
                    task.stack.pop();
                    send = value;
                    continue;
                }
                Ok(Outcome::Awaits(awaited)) => awaited,
                Err(error) => {
                    task.stack.pop();
                    return self.fail(task, error);
                }
            };
            send = Value::None;
            match awaited {
                Value::Coroutine(coroutine) if task.stack.len() < MAX_CALL_DEPTH => {
                    match coroutine.take() {
                        Ok(frame) => task.stack.push(frame),
                        Err(error) => return self.fail(task, error),
                    }
                }
                Value::Coroutine(_) => {
                    let error = Exception::new(RecursionError, "maximum recursion depth exceeded");
                    return self.fail(task, error);
                }
                Value::Awaitable(awaitable) => return self.park(event_loop, task, &awaitable),
                other => {
                    let error = Exception::new(
                        TypeError,
                        format!(
                            "object {} can't be used in 'await' expression",
                            other.type_name()
                        ),
                    );
                    return self.fail(task, error);
                }
            }
        }
    }

    /// Parks a task on what it awaits.
    fn park(&mut self, event_loop: &mut EventLoop, task: LoopTask, awaitable: &Awaitable) {
        match awaitable {
            Awaitable::Sleep(ms) => {
                self.emit(EventKind::Sleep);
                event_loop.sequence += 1;
                let wake_ms = self.run.recorder.elapsed_ms() + ms;
                event_loop
                    .sleeping
                    .push((wake_ms, event_loop.sequence, task));
            }
            Awaitable::Task(slot) => {
                self.emit(EventKind::Wait);
                event_loop
                    .blocked
                    .push((task, vec![Arc::clone(slot)], false));
            }
            Awaitable::Gather(awaitables) => {
                let mut slots = Vec::with_capacity(awaitables.len());
                for awaitable in awaitables {
                    let slot = match awaitable {
                        Value::Coroutine(coroutine) => {
                            let slot = Arc::new(TaskSlot::default());
                            match coroutine.take() {
                                Ok(frame) => self.spawn_task(event_loop, Arc::clone(&slot), frame),
                                Err(error) => return self.fail(task, error),
                            }
                            slot
                        }
                        Value::Awaitable(inner) => match &**inner {
                            Awaitable::Task(slot) => Arc::clone(slot),
                            _ => {
                                let error = Exception::new(
                                    TypeError,
                                    "gather() takes coroutines and tasks",
                                );
                                return self.fail(task, error);
                            }
                        },
                        other => {
                            let error = Exception::new(TypeError, format!("An asyncio.Future, a coroutine or an awaitable is required, not {}", other.type_name()));
                            return self.fail(task, error);
                        }
                    };
                    slots.push(slot);
                }
                self.task = task.lane;
                self.emit(EventKind::Wait);
                event_loop.blocked.push((task, slots, true));
            }
        }
    }

    /// Ends a task with an exception raised in (or delivered to) its innermost frame.
    fn fail(&mut self, mut task: LoopTask, mut error: Exception) {
        while let Some(mut frame) = task.stack.pop() {
            self.unwind(&mut frame);
            if error.kind != Stopped {
                error.traceback.push(TraceEntry {
                    function: frame.name().to_string(),
                    line: frame.line(),
                });
            }
        }
        self.finish(task, Err(error));
    }

    fn finish(&mut self, task: LoopTask, result: PyResult<Value>) {
        self.run.recorder.emit(EventKind::End, task.lane, None);
        *lock(&task.slot.result) = Some(result);
    }

    /// Ends the tasks still pending when `main` returned, as `asyncio.run` cancels them.
    fn abandon(&mut self, event_loop: &mut EventLoop) {
        let pending = event_loop
            .ready
            .drain(..)
            .chain(event_loop.sleeping.drain(..).map(|(.., task)| task))
            .chain(event_loop.blocked.drain(..).map(|(task, ..)| task))
            .collect::<Vec<_>>();
        for task in pending {
            self.fail(task, Exception::stopped());
        }
    }
}
