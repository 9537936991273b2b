//! The event loop, as CPython's `_run_once` runs it: each iteration takes the timers now due
//! and then runs the handles ready at its start (task steps and futures' callbacks), those put
//! in line meanwhile waiting for the next iteration. A step installs the task's frames in the
//! thread, which runs them until the task awaits a future not done (its frames go back to the
//! task) or ends.

use super::async_generator;
use super::callbacks::PythonCall;
use super::future::{Callback, Future, Outcome, Waiter};
use super::inbox::Inbox;
use super::loop_handle;
use super::task::{Resumed, Task};
use super::wait::gather_futures;
use super::{Awaitable, Started};
use crate::event::EventKind;
use crate::python::error::{raise, ExceptionKind::*, PyResult};
use crate::python::registry::{downcast, Args, PyObject};
use crate::python::sched::{Exit, Waker};
use crate::python::types::context::Context;
use crate::python::types::executor::Executor;
use crate::python::types::future::Completion;
use crate::python::types::logger;
use crate::python::value::Value;
use crate::python::vm::{Frame, Invoked, Then, Vm};
use std::collections::VecDeque;
use std::sync::Arc;

/// An event loop, inside the thread that called `asyncio.run`.
pub struct EventLoop {
    /// The frames that called `asyncio.run`, and their lane.
    outer: Vec<Box<Frame>>,
    outer_lane: u32,
    /// Their context, the thread's again when the loop ends (and its callbacks').
    outer_context: Arc<Context>,
    main: Option<Arc<Task>>,
    /// The running task; `None` while the loop runs callbacks or waits.
    current: Option<Arc<Task>>,
    ready: VecDeque<Handle>,
    /// Handles of the running iteration still to run.
    batch: usize,
    timers: Vec<Timer>,
    timers_set: u64,
    /// The program's callback running now, if any (see `callbacks.rs`).
    pub calling_back: Option<Arc<PythonCall>>,
    /// Tasks not done, oldest first (`asyncio.all_tasks()`).
    tasks: Vec<Arc<Task>>,
    /// Tasks that raised, until their exception is retrieved or they are let go of.
    failed: Vec<Arc<Task>>,
    /// `main` is done, or `loop.stop()` was called: the loop stops at the end of this iteration.
    stopping: bool,
    /// What the run gives, fixed when it first stopped (the tasks left are cancelled after).
    stopped_with: Option<PyResult<Value>>,
    /// Whether the tasks left when `main` is done are cancelled before the loop ends, as
    /// `asyncio.run` does (`run_until_complete` leaves them).
    cancels_rest: bool,
    /// `asyncio.run(…, debug=True)`, `loop.set_debug(True)`: what `get_debug()` gives.
    pub(super) debug: bool,
    /// The tasks left when `main` was done are being cancelled.
    cancelling_rest: bool,
    /// Calls running on other threads (`to_thread`), and the futures they finish.
    on_threads: Vec<(Arc<Completion>, Arc<Future>)>,
    /// A worker thread just started for one of them, which runs before the loop goes on, as
    /// CPython's `Thread.start` waits for the thread it starts.
    pub(super) starting: Option<Waker>,
    /// Tasks other threads asked for (`run_coroutine_threadsafe`), and the futures of theirs
    /// they finish.
    pub(super) for_threads: Vec<(Arc<Future>, Arc<Completion>)>,
    /// What other threads post to the loop, once it has a handle they can hold.
    pub(super) inbox: Option<Arc<Inbox>>,
    /// `run_in_executor(None, …)`'s executor, made when first needed.
    pub executor: Option<Arc<Executor>>,
    /// What `get_running_loop()` gives, made when first asked for (see `attach`): the same
    /// object each time, so `is` compares loops as in CPython.
    pub handle: Option<Value>,
}

/// `loop.time()`: seconds on the loop's clock, which is `time.monotonic()`'s, as in CPython
/// (so a loop not running yet has it too).
pub fn loop_time(vm: &Vm) -> f64 {
    crate::python::modules::time::seconds_since_start(vm)
}

/// What the ready queue holds.
pub enum Handle {
    /// A task's next step, with what its `await` gives (`None`: its first step).
    Step(Arc<Task>, Option<PyResult<Value>>),
    /// A task suspended on a future that is done: it goes on with the future's result.
    Wake(Arc<Task>, Arc<Future>),
    Call(Arc<dyn Callback>, Arc<Future>),
    /// A program's callback (`call_soon`, `add_done_callback`).
    Python(Arc<PythonCall>),
}

struct Timer {
    at_ms: f64,
    id: u64,
    handle: Handle,
}

/// `asyncio.run(main(), debug=None)`: the thread becomes an event loop until `main` returns.
/// In debug mode `get_debug()` says so; CPython's debug checks and warnings are not made.
pub fn run(vm: &mut Vm, coroutine: Value, debug: bool) -> PyResult<Invoked> {
    if vm.thread.event_loop.is_some() {
        return raise(
            RuntimeError,
            "asyncio.run() cannot be called from a running event loop",
        );
    }
    if !matches!(coroutine, Value::Coroutine(_)) {
        return raise(
            ValueError,
            format!("a coroutine was expected, got {}", coroutine.repr()),
        );
    }
    loop_handle::announce_selector(vm)?;
    let started = run_main(vm, Some(coroutine), None, true);
    if let Some(event_loop) = vm.thread.event_loop.as_mut() {
        event_loop.debug = debug;
    }
    started
}

/// Runs an event loop in the thread until `main` (a coroutine, or a library one such as
/// `gather(…)`'s) is done, then returns its result to the caller: `asyncio.run`, which
/// cancels the tasks left (`cancels_rest`), or `loop.run_until_complete`, which leaves them.
/// With no `main` it runs until `loop.stop()` (`run_forever`). `handle` is what
/// `get_running_loop()` gives meanwhile, and its inbox (`None`: made when asked for).
pub fn run_main(
    vm: &mut Vm,
    main: Option<Value>,
    handle: Option<(Value, Arc<Inbox>)>,
    cancels_rest: bool,
) -> PyResult<Invoked> {
    // A task made before the loop ran is in its inbox, started with the first iteration.
    let main = match main.map(|main| downcast::<Task>(&main).ok_or(main)) {
        None => None,
        Some(Ok(made)) => Some((made, false)),
        Some(Err(body)) => {
            // Named, so that it takes no number, where CPython runs a future itself.
            let name = match &body {
                Value::Awaitable(awaitable) if awaitable.is_future() => Some(Value::str("future")),
                _ => None,
            };
            Some((EventLoop::new_task(vm, body, name)?, true))
        }
    };
    // A loop run before goes on with the tasks, timers and callbacks it stopped with.
    let parked = handle.as_ref().and_then(|(_, inbox)| inbox.unpark());
    let mut event_loop = parked.unwrap_or_else(|| {
        Box::new(EventLoop {
            outer: Vec::new(),
            outer_lane: 0,
            outer_context: Arc::default(),
            main: None,
            current: None,
            ready: VecDeque::new(),
            batch: 0,
            timers: Vec::new(),
            timers_set: 0,
            calling_back: None,
            tasks: Vec::new(),
            failed: Vec::new(),
            stopping: false,
            stopped_with: None,
            cancels_rest,
            debug: false,
            cancelling_rest: false,
            on_threads: Vec::new(),
            for_threads: Vec::new(),
            inbox: None,
            executor: None,
            handle: None,
            starting: None,
        })
    });
    event_loop.outer = std::mem::take(&mut vm.thread.frames);
    event_loop.outer_lane = vm.thread.lane;
    event_loop.outer_context = Arc::clone(&vm.thread.context);
    if let Some((main, new)) = main {
        if new {
            event_loop.schedule_task(Arc::clone(&main));
        }
        main.future
            .add_waiter(&mut event_loop, Waiter::Call(Arc::new(StopLoop)));
        event_loop.main = Some(main);
    }
    if let Some((handle, inbox)) = handle {
        event_loop.attach(handle, inbox);
    }
    vm.show(EventKind::Wait);
    vm.thread.event_loop = Some(event_loop);
    vm.switch_task()
}

/// Runs `f` with the thread's running loop.
pub fn with_loop<T>(
    vm: &mut Vm,
    f: impl FnOnce(&mut Vm, &mut EventLoop) -> PyResult<T>,
) -> PyResult<T> {
    let Some(mut event_loop) = vm.thread.event_loop.take() else {
        return raise(RuntimeError, "no running event loop");
    };
    let result = f(vm, &mut event_loop);
    vm.thread.event_loop = Some(event_loop);
    result
}

/// Stops the loop once its iteration is over (`main`'s callback, as `run_until_complete`'s).
struct StopLoop;

impl Callback for StopLoop {
    fn call(&self, event_loop: &mut EventLoop, _: &Arc<Future>) {
        event_loop.stopping = true;
    }
}

impl EventLoop {
    /// Gives the loop the handle a program holds it by, whose inbox it then reads.
    pub fn attach(&mut self, handle: Value, inbox: Arc<Inbox>) {
        inbox.set_running(true);
        self.handle = Some(handle);
        self.inbox = Some(inbox);
    }

    /// `loop.stop()` in the loop's thread: it ends once this iteration is over.
    pub fn stop_soon(&mut self) {
        self.stopping = true;
    }

    /// A task for a coroutine (or a library coroutine), started at the loop's next turn.
    pub fn spawn(&mut self, vm: &Vm, body: Value, name: Option<Value>) -> PyResult<Arc<Task>> {
        let task = EventLoop::new_task(vm, body, name)?;
        self.schedule_task(Arc::clone(&task));
        Ok(task)
    }

    /// A task not yet in a loop: `spawn`, or `loop.create_task` on a loop not running yet.
    pub fn new_task(vm: &Vm, body: Value, name: Option<Value>) -> PyResult<Arc<Task>> {
        let name = match name {
            Some(name) if !matches!(name, Value::None) => name.to_str(),
            _ => format!("Task-{}", vm.run.next_task_number()),
        };
        let task = match body {
            Value::Coroutine(coroutine) => {
                let frame = coroutine.take()?;
                Task::new(vm, name, coroutine.name(), vec![frame], None)
            }
            Value::Awaitable(awaitable) => {
                let coroutine = awaitable.name().to_string();
                Task::new(vm, name, &coroutine, Vec::new(), Some(awaitable))
            }
            other => {
                return raise(
                    TypeError,
                    format!("a coroutine was expected, got {}", other.repr()),
                )
            }
        };
        Ok(task)
    }

    /// Starts `task` at the loop's next turn.
    pub fn schedule_task(&mut self, task: Arc<Task>) {
        self.tasks.push(Arc::clone(&task));
        self.ready.push_back(Handle::Step(task, None));
    }

    /// What `gather`, `wait` and `wait_for` take, as a task or future (a coroutine wrapped in
    /// a new task), and its future.
    pub fn ensure_future(&mut self, vm: &Vm, awaitable: Value) -> PyResult<(Value, Arc<Future>)> {
        if let Some(future) = awaited_future(&awaitable) {
            return Ok((awaitable, future));
        }
        match awaitable {
            Value::Coroutine(_) | Value::Awaitable(_) => {
                let task = self.spawn(vm, awaitable, None)?;
                let future = Arc::clone(&task.future);
                Ok((Value::Object(task), future))
            }
            other => raise(
                TypeError,
                format!(
                    "An asyncio.Future, a coroutine or an awaitable is required, not {}",
                    other.type_name()
                ),
            ),
        }
    }

    /// Puts `waiter` in line to run with `future`, which is done.
    pub fn schedule(&mut self, waiter: Waiter, future: &Arc<Future>) {
        self.ready.push_back(match waiter {
            Waiter::Task(task) => Handle::Wake(task, Arc::clone(future)),
            Waiter::Call(callback) => Handle::Call(callback, Arc::clone(future)),
            Waiter::Python(callable, done) => Handle::Python(PythonCall::new(callable, vec![done])),
        });
    }

    /// Runs `callback` with `future` at the loop's next iteration.
    pub fn call_soon(&mut self, callback: Arc<dyn Callback>, future: &Arc<Future>) {
        self.ready
            .push_back(Handle::Call(callback, Arc::clone(future)));
    }

    /// Runs `callback` with `future` once `delay_ms` has passed; the timer's id.
    pub fn call_later(
        &mut self,
        vm: &Vm,
        delay_ms: f64,
        callback: Arc<dyn Callback>,
        future: &Arc<Future>,
    ) -> u64 {
        let at_ms = vm.now_ms() + delay_ms;
        self.set_timer(at_ms, Handle::Call(callback, Arc::clone(future)))
    }

    /// A program's callback at the loop's next iteration.
    pub fn call_python_soon(&mut self, call: Arc<PythonCall>) {
        self.ready.push_back(Handle::Python(call));
    }

    /// A program's callback once the loop's clock reaches `when` seconds; the timer's id.
    pub fn call_python_at(&mut self, when: f64, call: Arc<PythonCall>) -> u64 {
        self.set_timer(when * 1000.0, Handle::Python(call))
    }

    pub(super) fn set_timer(&mut self, at_ms: f64, handle: Handle) -> u64 {
        self.timers_set += 1;
        self.timers.push(Timer {
            at_ms,
            id: self.timers_set,
            handle,
        });
        self.timers_set
    }

    /// The lane of the thread that runs the loop.
    pub fn outer_lane(&self) -> u32 {
        self.outer_lane
    }

    pub fn outer_context(&self) -> Arc<Context> {
        Arc::clone(&self.outer_context)
    }

    pub fn cancel_timer(&mut self, id: u64) {
        self.timers.retain(|timer| timer.id != id);
    }

    pub fn current_task(&self) -> Option<Arc<Task>> {
        self.current.clone()
    }

    pub fn live_tasks(&self) -> &[Arc<Task>] {
        &self.tasks
    }

    /// `future` finishes with the result of a call running on another thread.
    pub fn finish_from_thread(&mut self, completion: Arc<Completion>, future: Arc<Future>) {
        self.on_threads.push((completion, future));
    }

    /// Finishes the futures of calls on other threads that have returned.
    fn collect_from_threads(&mut self) {
        let (returned, running): (Vec<_>, Vec<_>) = std::mem::take(&mut self.on_threads)
            .into_iter()
            .partition(|(completion, _)| completion.is_done());
        self.on_threads = running;
        for (completion, future) in returned {
            let outcome = match completion.result() {
                Some(Ok(value)) => Outcome::Value(value),
                Some(Err(exception)) => Outcome::Raised(exception),
                None => continue,
            };
            future.finish(self, outcome);
        }
    }

    /// Puts the timers now due in line, earliest first.
    fn fire_timers(&mut self, now_ms: f64) {
        let (mut due, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut self.timers)
            .into_iter()
            .partition(|timer| timer.at_ms <= now_ms);
        self.timers = waiting;
        due.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms).then(a.id.cmp(&b.id)));
        self.ready.extend(due.into_iter().map(|timer| timer.handle));
    }

    /// `main`'s result, once it has one (`run_forever`, with none: `None`).
    fn main_result(&self) -> PyResult<Value> {
        let Some(main) = &self.main else {
            return Ok(Value::None);
        };
        match main.future.outcome() {
            Some(outcome) => outcome.result(),
            None => raise(RuntimeError, "Event loop stopped before Future completed."),
        }
    }
}

/// What a task's step did.
/// Where a library coroutine the running task awaits has got to.
enum Suspended {
    /// Done: the `await` gets this.
    Given(PyResult<Value>),
    /// The task waits, and the loop goes on.
    Parked,
    /// It calls the program's function first (see `Started::Call`).
    Calls(Value, super::Then),
}

enum Stepped {
    /// The thread runs the task's frames now.
    Running,
    /// The task is suspended again, or was done: the loop goes on.
    Parked,
}

impl Vm<'_, '_> {
    /// `await value`: a coroutine runs as a call; a library coroutine starts; a task or future
    /// not done suspends the running task.
    pub(in crate::python) fn await_value(&mut self, awaited: Value) -> PyResult<Invoked> {
        if let Some(step) = downcast::<async_generator::Step>(&awaited) {
            return step.resume(self);
        }
        let started = match awaited {
            Value::Coroutine(coroutine) => return Ok(Invoked::Frame(coroutine.take()?)),
            Value::Awaitable(awaitable) => {
                with_loop(self, |vm, event_loop| awaitable.start(vm, event_loop))?
            }
            other => match awaited_future(&other) {
                Some(future) if self.is_running_task(&future) => {
                    return raise(
                        RuntimeError,
                        format!("Task cannot await on itself: {}", other.repr()),
                    )
                }
                Some(future) => Started::wait(future),
                None => {
                    return raise(
                        TypeError,
                        format!(
                            "object {} can't be used in 'await' expression",
                            other.type_name()
                        ),
                    )
                }
            },
        };
        self.go_on_with(started)
    }

    /// Whether `future` is the running task's own, which would wait for itself for ever.
    fn is_running_task(&self, future: &Arc<Future>) -> bool {
        let current = self
            .thread
            .event_loop
            .as_ref()
            .and_then(|event_loop| event_loop.current_task());
        current.is_some_and(|task| Arc::ptr_eq(&task.future, future))
    }

    /// Runs the running task's library coroutine on from `started`: the `await` gets its
    /// result, or the task is suspended and the loop goes on, or the program's function it
    /// calls runs first.
    fn go_on_with(&mut self, started: Started) -> PyResult<Invoked> {
        let Some(mut event_loop) = self.thread.event_loop.take() else {
            return raise(RuntimeError, "await outside a running event loop");
        };
        let suspended = self.suspend_task(&mut event_loop, started);
        self.thread.event_loop = Some(event_loop);
        match suspended {
            Suspended::Given(result) => result.map(Invoked::Value),
            Suspended::Parked => self.switch_task(),
            Suspended::Calls(function, then) => Ok(Self::call_then_go_on(function, then)),
        }
    }

    /// Calls the program's `function` for a library coroutine, which goes on with its result.
    fn call_then_go_on(function: Value, then: super::Then) -> Invoked {
        let go_on = Then::new(move |vm, value| {
            let started = with_loop(vm, |vm, event_loop| then(vm, event_loop, Ok(value)))?;
            vm.go_on_with(started)
        });
        Invoked::CallThen(function, Args::default(), go_on)
    }

    /// Suspends the running task until what it awaits is done, unless that needs no wait.
    fn suspend_task(&mut self, event_loop: &mut EventLoop, mut started: Started) -> Suspended {
        let wait = loop {
            match started {
                Started::Done(value) => return Suspended::Given(Ok(value)),
                Started::Call(function, then) => return Suspended::Calls(function, then),
                Started::Wait(wait) => match wait.future.outcome() {
                    None => break wait,
                    Some(outcome) => match wait.then {
                        None => return Suspended::Given(outcome.result()),
                        Some(then) => match then(self, event_loop, outcome.result()) {
                            Ok(next) => started = next,
                            Err(error) => return Suspended::Given(Err(error)),
                        },
                    },
                },
                Started::Yield(value) => {
                    let Some(task) = event_loop.current.take() else {
                        return Suspended::Given(Ok(value));
                    };
                    self.show(EventKind::Wait);
                    task.suspend(event_loop, std::mem::take(&mut self.thread.frames), None);
                    event_loop
                        .ready
                        .push_back(Handle::Step(task, Some(Ok(value))));
                    return Suspended::Parked;
                }
            }
        };
        let Some(task) = event_loop.current.take() else {
            return Suspended::Given(raise(RuntimeError, "await outside a running task"));
        };
        self.show(wait.shown);
        task.suspend(
            event_loop,
            std::mem::take(&mut self.thread.frames),
            Some(wait),
        );
        Suspended::Parked
    }

    /// The running task has returned or raised (or, with none, the parked loop has woken).
    pub(in crate::python) fn task_done(&mut self, result: PyResult<Value>) -> Option<Exit> {
        if let Some(mut event_loop) = self.thread.event_loop.take() {
            if let Some(task) = event_loop.current.take() {
                self.show(EventKind::End);
                if let Err(error) = &result {
                    if error.kind == Stopped {
                        self.end_loop(event_loop, result);
                        return None;
                    }
                }
                task.future.finish(&mut event_loop, task.outcome_of(result));
                event_loop.tasks.retain(|task| !task.future.is_done());
                if task.future.is_unretrieved() {
                    event_loop.failed.push(task);
                }
                self.log_unretrieved(&mut event_loop, false);
            } else if let Some(call) = event_loop.calling_back.take() {
                self.show(EventKind::Wait);
                if let Err(error) = result {
                    if error.kind == Stopped {
                        self.end_loop(event_loop, Err(error));
                        return None;
                    }
                    call.report(self, &error);
                }
            }
            self.thread.event_loop = Some(event_loop);
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

    /// Runs the ready handles until a task runs; with none, parks the thread until the next
    /// timer, or ends the loop once `main` (and the tasks cancelled after it) are done.
    fn switch_task(&mut self) -> PyResult<Invoked> {
        let Some(mut event_loop) = self.thread.event_loop.take() else {
            return raise(RuntimeError, "no running event loop");
        };
        // Unless it has run already, or the thread has waited for something else since.
        if let Some(started) = event_loop.starting.take() {
            if self.run.scheduler.is_open(started) {
                self.thread.event_loop = Some(event_loop);
                return Ok(self.block(started, None, Ok(Value::None), EventKind::Wait));
            }
        }
        loop {
            if event_loop.batch == 0 {
                if std::mem::take(&mut event_loop.stopping) {
                    let result = match event_loop.stopped_with.take() {
                        Some(result) => result,
                        None => event_loop.main_result(),
                    };
                    if self.stop(&mut event_loop) {
                        self.end_loop(event_loop, result);
                        return Ok(Invoked::Switched);
                    }
                    event_loop.stopped_with = Some(result);
                }
                event_loop.take_posted(self);
                event_loop.collect_from_threads();
                event_loop.settle_for_threads(self);
                event_loop.fire_timers(self.now_ms());
                event_loop.batch = event_loop.ready.len();
                if event_loop.batch == 0 {
                    return self.wait_for_work(event_loop);
                }
            }
            event_loop.batch -= 1;
            let stepped = match event_loop.ready.pop_front() {
                Some(Handle::Step(task, send)) => self.step(&mut event_loop, task, send)?,
                Some(Handle::Wake(task, future)) => {
                    let send = future.outcome().map(|outcome| outcome.result());
                    self.step(&mut event_loop, task, send)?
                }
                Some(Handle::Call(callback, future)) => {
                    callback.call(&mut event_loop, &future);
                    Stepped::Parked
                }
                Some(Handle::Python(call)) if !call.is_cancelled() => {
                    return self.call_back(event_loop, call);
                }
                Some(Handle::Python(_)) | None => Stepped::Parked,
            };
            if let Stepped::Running = stepped {
                self.thread.event_loop = Some(event_loop);
                return Ok(Invoked::Switched);
            }
        }
    }

    /// `main` is done: true once the loop may end, else the tasks left are cancelled first
    /// and the loop stops again when they are done.
    fn stop(&mut self, event_loop: &mut EventLoop) -> bool {
        if event_loop.cancelling_rest || !event_loop.cancels_rest {
            return true;
        }
        let rest: Vec<_> = event_loop
            .tasks
            .iter()
            .filter(|task| !task.future.is_done())
            .cloned()
            .collect();
        if rest.is_empty() {
            return true;
        }
        event_loop.cancelling_rest = true;
        for task in &rest {
            task.cancel(event_loop, None);
        }
        let futures = rest.iter().map(|task| Arc::clone(&task.future)).collect();
        let all_done = gather_futures(event_loop, futures, true);
        all_done.add_waiter(event_loop, Waiter::Call(Arc::new(StopLoop)));
        false
    }

    /// Runs `task` until it suspends: its frames go to the thread, or a library coroutine it
    /// was made of starts.
    fn step(
        &mut self,
        event_loop: &mut EventLoop,
        task: Arc<Task>,
        send: Option<PyResult<Value>>,
    ) -> PyResult<Stepped> {
        if task.future.is_done() {
            return Ok(Stepped::Parked);
        }
        let (frames, resumed, send) = task.resume(send);
        event_loop.current = Some(Arc::clone(&task));
        self.thread.frames = frames;
        self.thread.lane = task.lane;
        self.thread.context = Arc::clone(&task.context);
        self.thread.shown = EventKind::Wait;
        self.show(EventKind::Cpu);
        let started = match (resumed, send) {
            (Resumed::Frames, send) => {
                self.thread.resume = send;
                return Ok(Stepped::Running);
            }
            (Resumed::Then(then), Some(result)) => then(self, event_loop, result),
            (Resumed::Start(_), Some(Err(cancelled))) => Err(cancelled),
            (Resumed::Start(start), _) => start.start(self, event_loop),
            (Resumed::Then(_), None) => raise(RuntimeError, "a task lost what it awaited"),
        };
        let suspended = match started {
            Ok(started) => self.suspend_task(event_loop, started),
            Err(error) => Suspended::Given(Err(error)),
        };
        match suspended {
            Suspended::Given(result) => {
                self.thread.resume = Some(result);
                Ok(Stepped::Running)
            }
            Suspended::Parked => Ok(Stepped::Parked),
            Suspended::Calls(function, then) => {
                // The task's frames wait for what the call leads to.
                self.thread.resume = Some(Ok(Value::None));
                self.thread.resume_then = Some(Then::new(move |_, _| {
                    Ok(Self::call_then_go_on(function, then))
                }));
                Ok(Stepped::Running)
            }
        }
    }

    /// Nothing is ready: parks the thread until the next timer or a call on another thread
    /// returns; with neither to come, every task waits for another and the loop ends.
    fn wait_for_work(&mut self, event_loop: Box<EventLoop>) -> PyResult<Invoked> {
        let next_timer_ms = event_loop
            .timers
            .iter()
            .map(|timer| timer.at_ms)
            .reduce(f64::min);
        // Another thread holding the loop's handle may yet post to it: the loop parks.
        if next_timer_ms.is_none() && event_loop.on_threads.is_empty() && event_loop.inbox.is_none()
        {
            let stuck = raise(
                RuntimeError,
                "every task is waiting for another: the event loop can go no further",
            );
            self.end_loop(event_loop, stuck);
            return Ok(Invoked::Switched);
        }
        let all_running = event_loop
            .on_threads
            .iter()
            .all(|(completion, _)| !completion.is_done());
        if !all_running {
            self.thread.event_loop = Some(event_loop);
            return self.switch_task();
        }
        // One finishing between the look and the wait wakes it at once.
        let wait = self.waker();
        for (completion, _) in &event_loop.on_threads {
            completion.wake_when_done(wait, &self.run.scheduler);
        }
        if let Some(inbox) = &event_loop.inbox {
            if !inbox.wake_on_post(wait) {
                self.run.scheduler.cancel(wait);
                self.thread.event_loop = Some(event_loop);
                return self.switch_task();
            }
        }
        self.thread.event_loop = Some(event_loop);
        // Rounded up to the millisecond, as CPython's `EpollSelector` rounds `epoll_wait`'s
        // timeout: so the loop wakes up to 1 ms after the deadline, and timers set microseconds
        // apart in one iteration (`gather` of several `sleep(0.02)`) are all due then and fire
        // in one iteration, as in CPython. Waking at the deadline itself split them (a
        // semaphore's next holder started between two of them).
        let timeout_ms = next_timer_ms.map(|at_ms| (at_ms - self.now_ms()).max(0.0).ceil());
        Ok(self.block(wait, timeout_ms, Ok(Value::None), EventKind::Wait))
    }

    /// Logs the failed tasks whose exception nothing retrieved and that nothing else holds,
    /// as CPython logs them when it frees them; `ending`, all of them, as a loop's end frees
    /// the program's last references (`main`'s variables).
    fn log_unretrieved(&mut self, event_loop: &mut EventLoop, ending: bool) {
        let (let_go, held): (Vec<_>, Vec<_>) = std::mem::take(&mut event_loop.failed)
            .into_iter()
            .filter(|task| task.future.is_unretrieved())
            .partition(|task| {
                ending || (Arc::strong_count(task) == 1 && Arc::strong_count(&task.future) == 1)
            });
        event_loop.failed = held;
        for task in let_go {
            let Some(Outcome::Raised(error)) = task.future.outcome_shown() else {
                continue;
            };
            let mut message = format!(
                "Task exception was never retrieved\nfuture: {}",
                task.repr()
            );
            for line in error.traceback_lines() {
                message.push('\n');
                message.push_str(&line);
            }
            // A failure to log (a handler that raises) has nowhere else to go.
            let _ = logger::log_from_library(self, "asyncio", logger::ERROR, &message);
        }
    }

    /// `asyncio.run` returns (or raises) in the frames that called it.
    /// A loop of `run_until_complete` or `run_forever` keeps its tasks left, its timers and
    /// its callbacks for its next run, as CPython's does; `asyncio.run`'s closes.
    fn end_loop(&mut self, mut event_loop: Box<EventLoop>, result: PyResult<Value>) {
        self.thread.frames = std::mem::take(&mut event_loop.outer);
        self.thread.lane = event_loop.outer_lane;
        self.thread.context = Arc::clone(&event_loop.outer_context);
        self.thread.shown = EventKind::Wait;
        self.show(EventKind::Cpu);
        self.thread.resume = Some(result);
        event_loop.main = None;
        event_loop.cancelling_rest = false;
        match event_loop.inbox.clone() {
            Some(inbox) if !event_loop.cancels_rest => {
                // Attached again when it next runs: parked, it holds no handle that holds it.
                event_loop.handle = None;
                event_loop.inbox = None;
                inbox.park(event_loop);
            }
            inbox => {
                if event_loop.cancels_rest {
                    self.run.count_runner_shutdown_tasks();
                }
                self.log_unretrieved(&mut event_loop, true);
                for task in &event_loop.tasks {
                    if !task.future.is_done() {
                        self.run.recorder.emit(EventKind::End, task.lane, None);
                    }
                }
                if let Some(inbox) = inbox {
                    inbox.set_running(false);
                }
            }
        }
    }
}

/// The future a task or future stands for.
pub(super) fn awaited_future(value: &Value) -> Option<Arc<Future>> {
    downcast::<Task>(value)
        .map(|task| Arc::clone(&task.future))
        .or_else(|| downcast::<Future>(value))
}

/// `asyncio.isfuture(value)`: whether it is a task or a future.
pub fn is_future(value: &Value) -> bool {
    awaited_future(value).is_some()
}

/// `asyncio.sleep(delay, result=None)`: a timer finishes the future it waits for; `sleep(0)`
/// lets the other tasks run once, as CPython's bare `yield` does.
pub fn sleep(delay_ms: f64, result: Value) -> Value {
    Awaitable::coroutine("sleep", move |vm, event_loop| {
        if delay_ms <= 0.0 {
            return Ok(Started::Yield(result));
        }
        let future = Future::new();
        let timer = event_loop.call_later(
            vm,
            delay_ms,
            Arc::new(super::future::Resolve(result)),
            &future,
        );
        future.finished_by_timer(timer);
        Ok(Started::sleep(future))
    })
}
