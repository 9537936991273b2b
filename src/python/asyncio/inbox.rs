//! What a loop is handed from outside its own iterations: by other threads
//! (`loop.call_soon_threadsafe`, `asyncio.run_coroutine_threadsafe`, `loop.stop()`), and by code
//! holding a loop that does not run in its thread (`loop.call_soon` or `call_later` before
//! `run_forever`). The loop takes it all at the start of each iteration, where CPython's
//! `_ready` deque would have it, and a loop parked with nothing to do is woken by the first
//! post, as CPython's self-pipe wakes its selector.

use super::callbacks::PythonCall;
use super::event_loop::{EventLoop, Handle};
use super::task::Task;
use crate::event::lock;
use crate::python::error::PyResult;
use crate::python::sched::{Scheduler, Waker};
use crate::python::types::future::Completion;
use crate::python::value::Value;
use crate::python::vm::Vm;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct Inbox {
    state: Mutex<InboxState>,
}

#[derive(Default)]
struct InboxState {
    posted: Vec<Posted>,
    /// The loop's thread, parked with nothing ready: woken by the next post.
    idle: Option<Waker>,
    /// The loop runs, in some thread (`is_running()` asked from any).
    running: bool,
    /// The loop between two runs, with what it had left.
    parked: Option<Box<EventLoop>>,
}

pub enum Posted {
    /// Called at the loop's next iteration.
    Call(Arc<PythonCall>),
    /// Called once the run's clock reaches the time (in ms).
    Timer(f64, Arc<PythonCall>),
    /// A coroutine to run as a task, whose outcome finishes the `concurrent.futures.Future`.
    Coroutine(Value, Arc<Completion>),
    /// A task made by `loop.create_task` before the loop ran.
    Task(Arc<Task>),
    /// `loop.stop()` from another thread.
    Stop,
}

impl Inbox {
    pub fn post(&self, posted: Posted, scheduler: &Scheduler) {
        let idle = {
            let mut state = lock(&self.state);
            state.posted.push(posted);
            state.idle.take()
        };
        if let Some(waker) = idle {
            scheduler.wake(waker, Ok(Value::None));
        }
    }

    /// Everything posted since the last take, oldest first.
    pub fn take(&self) -> Vec<Posted> {
        let mut state = lock(&self.state);
        state.idle = None;
        std::mem::take(&mut state.posted)
    }

    /// Lets the next post wake `waker`'s thread; false if something is posted already (the
    /// loop then goes on instead of parking).
    pub fn wake_on_post(&self, waker: Waker) -> bool {
        let mut state = lock(&self.state);
        if !state.posted.is_empty() {
            return false;
        }
        state.idle = Some(waker);
        true
    }

    /// Keeps the loop that stopped for its next run.
    pub fn park(&self, event_loop: Box<EventLoop>) {
        let mut state = lock(&self.state);
        state.running = false;
        state.parked = Some(event_loop);
    }

    pub fn unpark(&self) -> Option<Box<EventLoop>> {
        lock(&self.state).parked.take()
    }

    pub fn set_running(&self, running: bool) {
        lock(&self.state).running = running;
    }

    pub fn is_running(&self) -> bool {
        lock(&self.state).running
    }

    /// The tasks of a loop that does not run now: those it kept from its last run and those
    /// made for it since (`asyncio.all_tasks(loop)` asked from outside it).
    pub fn tasks_waiting(&self) -> Vec<Arc<Task>> {
        let state = lock(&self.state);
        let kept = state
            .parked
            .iter()
            .flat_map(|event_loop| event_loop.live_tasks());
        let posted = state.posted.iter().filter_map(|posted| match posted {
            Posted::Task(task) => Some(task),
            _ => None,
        });
        kept.chain(posted).cloned().collect()
    }
}

impl EventLoop {
    /// Puts what was posted since the last iteration in line.
    pub(super) fn take_posted(&mut self, vm: &Vm) {
        let Some(inbox) = self.inbox.clone() else {
            return;
        };
        for posted in inbox.take() {
            match posted {
                Posted::Call(call) => self.call_python_soon(call),
                Posted::Timer(at_ms, call) => {
                    self.set_timer(at_ms, Handle::Python(call));
                }
                Posted::Coroutine(coroutine, completion) => match self.spawn(vm, coroutine, None) {
                    Ok(task) => self
                        .for_threads
                        .push((Arc::clone(&task.future), completion)),
                    // A coroutine already run: the thread's future says so.
                    Err(error) => self.finish_for_thread(vm, &completion, Err(error)),
                },
                Posted::Task(task) => self.schedule_task(task),
                Posted::Stop => self.stop_soon(),
            }
        }
    }

    /// Finishes the futures of other threads whose tasks are done.
    pub(super) fn settle_for_threads(&mut self, vm: &Vm) {
        let (settled, pending): (Vec<_>, Vec<_>) = std::mem::take(&mut self.for_threads)
            .into_iter()
            .partition(|(future, _)| future.is_done());
        self.for_threads = pending;
        for (future, completion) in settled {
            if let Some(outcome) = future.outcome() {
                self.finish_for_thread(vm, &completion, outcome.result());
            }
        }
    }

    /// Its callbacks (`add_done_callback`, added by the waiting thread) run on the loop.
    fn finish_for_thread(
        &mut self,
        vm: &Vm,
        completion: &Arc<Completion>,
        result: PyResult<Value>,
    ) {
        for callback in completion.set(result, &vm.run.scheduler) {
            let future = Value::Object(Arc::clone(completion) as _);
            self.call_python_soon(PythonCall::new(callback, vec![future]));
        }
    }
}
