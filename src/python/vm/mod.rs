//! The virtual machine: runs a Python thread's frames, instruction by instruction, for one turn
//! on a worker. A turn ends when the thread blocks (it is parked by the scheduler, its frames
//! kept as they are), when it has used its time slice and another thread wants the worker or
//! the GIL, or when the thread ends.

pub mod asked;
mod bind;
mod call;
mod callbacks;
mod cells;
mod chain;
mod except_star;
mod exec;
mod frame;
mod generator;
mod keys;
pub mod operators;
mod output;
pub mod search;
mod text;
mod then;

pub use bind::missing_arguments;
pub use call::RECURSION_LIMIT;
pub use callbacks::{Callback, CallbackKind};
pub use frame::{Catch, Frame, ItemIter};
pub use generator::{as_generator, close_then, iter_method, resume, throw, Finish, Generator};
pub use operators::is_special_method;
pub use output::PartialLine;
pub use text::{has_methods, made_text, Text};
pub use then::{Invoked, Then};

use super::asyncio::{self, EventLoop};
use super::error::{Exception, ExceptionKind::*, PyResult, TraceEntry};
use super::files::InProcess;
use super::globals::GlobalCache;
use super::registry::Args;
use super::run::{ProcessState, RunState};
use super::sched::{Block, Exit, OnTimeout, ThreadId, Waker};
use super::types::context::Context;
use super::types::except_hook::{self, Hook};
use super::types::exception::PyException;
use super::types::executor::Executor;
use super::types::future::Completion;
use super::types::thread::ThreadHandle;
use super::value::{Function, Value};
use crate::event::{lock, EventKind, Stream};
use std::collections::VecDeque;
use std::sync::Arc;

/// Instructions between checks for a stop, the step limit and a switch; checked, as CPython
/// checks its eval breaker, at jumps back and calls.
const CHECK_EVERY_STEPS: u64 = 1024;

/// Instructions a thread runs between adding them to the run's total (for the step limit).
const COUNT_EVERY_STEPS: u64 = 64 * 1024;

/// How often a computing thread reports its line for the editor's marks: about twice per frame
/// of the page, and rare enough to cost nothing (see [`Vm::note_position`]).
const POSITION_SAMPLE_MS: f64 = 8.0;

/// What a thread does when its frames run out.
pub enum Entry {
    /// A `Thread` or `Process`: its target, called once.
    Target(Value, Args),
    /// An executor's worker: it runs the executor's queued jobs, one after another.
    Worker(Arc<Executor>),
    /// Nothing more: the thread ends.
    Done,
}

/// A Python thread: its frames and what the scheduler needs to know of it.
pub struct PyThread {
    pub id: ThreadId,
    pub handle: Arc<ThreadHandle>,
    pub process: Arc<ProcessState>,
    pub frames: Vec<Box<Frame>>,
    /// What the call it blocked in returned (or raised), delivered when it runs again.
    pub resume: Option<PyResult<Value>>,
    /// Where that goes, if a native called back into Python and the callback blocked.
    pub resume_then: Option<Then>,
    pub entry: Entry,
    /// The future of the executor job running now, if this is an executor's worker.
    pub job: Option<Arc<Completion>>,
    /// The timeline lane its events go to (an asyncio task's, while one runs).
    pub lane: u32,
    /// The state last recorded on the lane.
    pub shown: EventKind,
    pub last_worker: Option<usize>,
    /// `Thread.start()` waits until the thread runs: it wakes at the thread's first check
    /// (1,024 instructions) or when its first turn ends, whichever comes first. The head
    /// start is CPython's too (its starter wakes through the OS): ten threads started one
    /// after another reach a lock in the order they were started.
    pub starter: Option<Waker>,
    pub event_loop: Option<Box<EventLoop>>,
    /// Its `contextvars` context (an asyncio task's, while one runs).
    pub context: Arc<Context>,
    /// `asyncio.get_event_loop()`'s loop outside a running one (`set_event_loop`).
    pub current_loop: Option<Value>,
    /// Finished frames whose buffers the next calls reuse.
    pub spare_frames: Vec<Box<Frame>>,
    /// The globals it read.
    pub global_cache: GlobalCache,
    /// Calls to make before the thread goes on with its entry (a done future's callbacks,
    /// which run in the thread that finished it), and whether one is running.
    pub callbacks: VecDeque<Callback>,
    /// The callback running, and what a message about its exception names.
    in_callback: Option<(CallbackKind, Value)>,
    /// An executor job has its result, and ends once its callbacks have run.
    pub job_settling: bool,
    /// The lane and line last reported as the thread's place, and when it was sampled.
    position: (u32, u32),
    position_sampled_ms: f64,
}

impl PyThread {
    /// The first thread of a process started afresh (`spawn`) runs the program's module
    /// before anything else.
    fn run_module_first(&mut self, run: &RunState) {
        let module = Value::Function(Arc::new(Function::new(
            Arc::clone(&run.module),
            Vec::new(),
            Vec::new(),
        )));
        self.callbacks.push_front(Callback::new(
            module,
            Args::default(),
            CallbackKind::SpawnedModule,
        ));
    }

    pub fn new(
        id: ThreadId,
        handle: Arc<ThreadHandle>,
        process: Arc<ProcessState>,
        entry: Entry,
        lane: u32,
    ) -> Self {
        handle.set_ident(id);
        Self {
            id,
            handle,
            process,
            frames: Vec::new(),
            resume: None,
            resume_then: None,
            entry,
            job: None,
            lane,
            shown: EventKind::Start,
            last_worker: None,
            starter: None,
            event_loop: None,
            context: Arc::default(),
            current_loop: None,
            spare_frames: Vec::new(),
            global_cache: GlobalCache::default(),
            callbacks: VecDeque::new(),
            in_callback: None,
            job_settling: false,
            position: (0, 0),
            position_sampled_ms: f64::NEG_INFINITY,
        }
    }

    pub fn domain(&self) -> usize {
        self.process.domain
    }

    pub fn is_daemon(&self) -> bool {
        self.handle.is_daemon()
    }
}

/// A thread's turn on a worker.
pub struct Vm<'a, 'r> {
    pub run: &'a RunState<'r>,
    pub thread: &'a mut PyThread,
    /// Instructions since the last check.
    ticks: u64,
    /// Instructions not yet added to the run's total.
    uncounted: u64,
    turn_started_ms: f64,
}

/// What the instruction loop stopped for.
pub(super) enum Step {
    /// An instruction that calls, awaits, or enters or leaves a `with`: it may block or change
    /// frames, so it runs outside the loop.
    Slow(super::code::Op),
    Return(Value),
    /// A generator's frame yielded.
    Yield(Value),
    Raise(Exception),
    /// A jump back, to take once the checks for a stop, the step limit and a switch are
    /// done (an error they raise is the jump's).
    JumpBack(u32),
}

thread_local! {
    /// The Python thread whose turn this worker runs.
    static RUNNING: std::cell::Cell<ThreadId> = const { std::cell::Cell::new(0) };
}

/// The Python thread running on this worker now (for `threading.local`).
pub fn running_thread() -> ThreadId {
    RUNNING.with(std::cell::Cell::get)
}

/// Runs `thread` on `worker` until it blocks, yields or ends.
pub fn run_turn(run: &RunState, thread: &mut PyThread, worker: usize) -> Exit {
    RUNNING.with(|running| running.set(thread.id));
    thread.last_worker = Some(worker);
    if thread.process.is_terminated() {
        // Made ready before its process was ended: it ends before it runs again.
        thread.resume = Some(Err(Exception::terminated()));
    }
    let mut vm = Vm {
        run,
        turn_started_ms: run.recorder.elapsed_ms(),
        thread,
        ticks: 0,
        uncounted: 0,
    };
    vm.show(EventKind::Cpu);
    let exit = vm.run();
    if !matches!(exit, Exit::Finished) {
        // Where it blocked or was switched out: where it stays until its next turn.
        let now_ms = vm.now_ms();
        vm.note_position(now_ms);
    }
    vm.wake_starter();
    vm.run.count_steps_quietly(vm.ticks + vm.uncounted);
    Frame::trim_spares(&mut vm.thread.spare_frames);
    exit
}

impl Vm<'_, '_> {
    /// Records the thread's state on its lane, if it changed.
    pub fn show(&mut self, kind: EventKind) {
        // Lane 0: an executor worker between jobs, which has no lane of its own.
        if self.thread.shown != kind && self.thread.lane != 0 {
            self.thread.shown = kind;
            let line = self.thread.frames.last().map(|frame| frame.line());
            self.run.recorder.emit_at(kind, self.thread.lane, line);
        }
    }

    /// The run's files, locked, as this thread's process sees them.
    pub fn files(&self) -> InProcess<'_> {
        InProcess::new(&self.run.files, &self.thread.process.cwd)
    }

    pub fn now_ms(&self) -> f64 {
        self.run.recorder.elapsed_ms()
    }

    /// Opens a wait for this thread (see [`Waker`]).
    pub fn waker(&self) -> Waker {
        self.run.scheduler.new_waker(self.thread.id)
    }

    /// Blocks the thread until woken through `wait` or until `timeout_ms` passes (then it
    /// resumes with `on_timeout`), showing `state` meanwhile.
    pub fn block(
        &mut self,
        wait: Waker,
        timeout_ms: Option<f64>,
        on_timeout: impl Into<OnTimeout>,
        state: EventKind,
    ) -> Invoked {
        self.show(state);
        Invoked::Block(Block {
            wait,
            until_ms: timeout_ms.map(|ms| self.now_ms() + ms.max(0.0)),
            on_timeout: on_timeout.into(),
        })
    }

    fn run(&mut self) -> Exit {
        loop {
            if let Some(result) = self.thread.resume.take() {
                if let Some(then) = self.thread.resume_then.take() {
                    let taken = result
                        .and_then(|value| then.call(self, value))
                        .and_then(|invoked| self.take(invoked));
                    match taken {
                        Ok(Some(exit)) => return exit,
                        Ok(None) => {}
                        Err(error) => {
                            if let Some(exit) = self.unwind(error) {
                                return exit;
                            }
                        }
                    }
                    continue;
                }
                match (self.thread.frames.last_mut(), result) {
                    (Some(frame), Ok(value)) => frame.stack.push(value),
                    (Some(_), Err(error)) => {
                        if let Some(exit) = self.unwind(error) {
                            return exit;
                        }
                    }
                    (None, result) => {
                        if let Some(exit) = self.entry_done(result) {
                            return exit;
                        }
                    }
                }
                continue;
            }
            if self.thread.frames.is_empty() {
                if let Some(exit) = self.next_entry() {
                    return exit;
                }
                continue;
            }
            let step = self.execute();
            let outcome = match step {
                Step::Slow(op) => self.slow_op(op),
                Step::Yield(value) => self
                    .generator_yielded(value)
                    .and_then(|invoked| self.take(invoked)),
                Step::Return(value) if self.in_generator() => self
                    .generator_returned(value)
                    .and_then(|invoked| self.take(invoked)),
                Step::Return(value) => match self.pop_frame() {
                    Some(then) => then.call(self, value).and_then(|next| self.take(next)),
                    None => {
                        self.deliver(Ok(value));
                        if self.ticks >= CHECK_EVERY_STEPS {
                            self.check()
                        } else {
                            Ok(None)
                        }
                    }
                },
                Step::Raise(error) => Err(error),
                Step::JumpBack(target) => {
                    let checked = self.check();
                    if checked.is_ok() {
                        if let Some(frame) = self.thread.frames.last_mut() {
                            frame.pc = target as usize;
                        }
                    }
                    checked
                }
            };
            match outcome {
                Ok(Some(exit)) => return exit,
                Ok(None) => {}
                Err(error) => {
                    if let Some(exit) = self.unwind(error) {
                        return exit;
                    }
                }
            }
        }
    }

    /// Hands a finished call's result to its caller's frame, or to the thread's entry.
    pub(super) fn deliver(&mut self, result: PyResult<Value>) {
        match (self.thread.frames.last_mut(), result) {
            (Some(frame), Ok(value)) => frame.stack.push(value),
            (_, result) => self.thread.resume = Some(result),
        }
    }

    /// Counts the steps taken, looks for a stop, and ends the turn if its time slice is
    /// over and another thread is waiting for the worker or the GIL.
    fn check(&mut self) -> PyResult<Option<Exit>> {
        self.wake_starter();
        // Counted into the run's shared total in batches: threads adding to one counter every
        // 1,024 instructions fought over its cache line (1.5x on two cores in the browser).
        self.uncounted += std::mem::take(&mut self.ticks);
        if self.uncounted >= COUNT_EVERY_STEPS {
            self.run.count_steps(std::mem::take(&mut self.uncounted))?;
        }
        if self.run.stop.is_stopped() {
            return Ok(Some(Exit::Finished));
        }
        if self.thread.process.is_terminated() {
            return Err(Exception::terminated());
        }
        let now_ms = self.now_ms();
        if now_ms - self.thread.position_sampled_ms >= POSITION_SAMPLE_MS {
            self.note_position(now_ms);
        }
        // A page without shared memory takes its events between turns: they stay short there.
        let interval_ms = match self.run.driven {
            true => crate::gil::SWITCH_INTERVAL_MS,
            false => self.thread.process.switch_interval_ms(),
        };
        if now_ms - self.turn_started_ms >= interval_ms {
            if self.run.driven
                || self
                    .run
                    .scheduler
                    .should_yield(self.thread.domain(), now_ms)
            {
                self.show(EventKind::Wait);
                return Ok(Some(Exit::Yield));
            }
            self.turn_started_ms = now_ms;
        }
        Ok(None)
    }

    /// Reports the line the thread is at, if it moved, for the editor's marks of each thread's
    /// place (see [`crate::event::EventSink::position`]). Sampled at checks and at the end of
    /// turns, never per instruction. Lane 0 is an executor's worker between jobs: no place.
    fn note_position(&mut self, now_ms: f64) {
        self.thread.position_sampled_ms = now_ms;
        let lane = self.thread.lane;
        let Some(frame) = self.thread.frames.last() else {
            return;
        };
        let position = (lane, frame.line());
        if lane != 0 && position != self.thread.position {
            self.thread.position = position;
            self.run.recorder.position(lane, position.1);
        }
    }

    fn wake_starter(&mut self) {
        if let Some(starter) = self.thread.starter.take() {
            self.run.scheduler.wake(starter, Ok(Value::None));
        }
    }

    fn in_generator(&self) -> bool {
        self.thread
            .frames
            .last()
            .is_some_and(|frame| frame.resumed.is_some())
    }

    /// Leaves the innermost frame, keeping its buffers for the next call; returns where its
    /// value goes if a native called it.
    fn pop_frame(&mut self) -> Option<Then> {
        let mut frame = self.thread.frames.pop()?;
        let then = frame.then.take();
        frame.retire(&mut self.thread.spare_frames);
        then
    }

    /// Unwinds an exception to the innermost open `try` (leaving the `with` blocks and frames
    /// in between, each frame added to the traceback); with none, the thread's entry (or its
    /// running asyncio task) receives it. A stop is caught by no `try`.
    fn unwind(&mut self, mut error: Exception) -> Option<Exit> {
        // One that has left no frame and been caught by none was just raised.
        if error.traceback.is_empty() && error.handled_at.is_none() && error.kind != Stopped {
            self.chain(&mut error);
        }
        while let Some(frame) = self.thread.frames.last_mut() {
            if error.pos.is_none() {
                error.pos = Some(frame.code().position(frame.pc.saturating_sub(1)));
            }
            if error.kind != Stopped {
                if let Some(catch) = frame.catches.pop() {
                    let managers = frame.withs.split_off(catch.withs_len as usize);
                    frame.stack.truncate(catch.stack_len as usize);
                    frame.iters.truncate(catch.iters_len as usize);
                    frame.caught.truncate(catch.caught_len as usize);
                    // Raised again in this frame (a bare `raise`, or on from a `finally` or a
                    // `with`), it keeps the line it first passed through here at, as CPython's
                    // traceback does.
                    if error.handled_at.is_none() {
                        error.handled_at = Some(TraceEntry {
                            function: frame.name().to_string(),
                            line: frame.line(),
                        });
                    }
                    frame.stack.push(PyException::caught(&error));
                    frame.caught.push(error);
                    frame.pc = catch.target as usize;
                    for manager in managers.iter().rev() {
                        self.exit_quietly(manager);
                    }
                    return None;
                }
            }
            let Some(mut frame) = self.thread.frames.pop() else {
                break;
            };
            generator::unwound(&mut frame);
            for manager in frame.withs.drain(..).rev() {
                self.exit_quietly(&manager);
            }
            let gathered_here = error.gathered_at == Some(self.thread.frames.len() + 1);
            if error.kind != Stopped && !gathered_here {
                // Re-raised from a handler, it names the line it was caught at, as CPython's.
                let entry = error.handled_at.take().unwrap_or_else(|| TraceEntry {
                    function: frame.name().to_string(),
                    line: frame.line(),
                });
                error.traceback.push(entry);
            }
            if let Some(then) = frame.then.take() {
                // An iterator's `__next__` ended its items, a closed generator its run, or
                // the native takes the error: the caller goes on.
                match then.rescue(self, error) {
                    Ok(rescued) => match rescued.and_then(|next| self.take(next)) {
                        Ok(exit) => return exit,
                        Err(raised) => {
                            error = raised;
                            continue;
                        }
                    },
                    Err((then, unrescued)) => {
                        error = unrescued;
                        then.unwound(self);
                    }
                }
            }
        }
        self.thread.resume = Some(Err(error));
        None
    }

    /// The thread's entry (or the running asyncio task) has returned or raised.
    fn entry_done(&mut self, result: PyResult<Value>) -> Option<Exit> {
        if let Some((kind, subject)) = self.thread.in_callback.take() {
            if let Err(error) = &result {
                if !self.callback_failed(kind, &subject, error) {
                    // Not given to the hook: the hook itself may be what raised.
                    self.report_as(error, false);
                }
                if kind == CallbackKind::SpawnedModule {
                    self.thread.callbacks.clear();
                    self.thread.entry = Entry::Done;
                }
            }
            return None;
        }
        if self.thread.event_loop.is_some() {
            return self.task_done(result);
        }
        if let Some(future) = self.thread.job.take() {
            if let Entry::Worker(executor) = &self.thread.entry {
                Arc::clone(executor).job_done(self, future, result);
            }
            return None;
        }
        if let Err(error) = &result {
            self.report(error);
        }
        self.thread.entry = Entry::Done;
        None
    }

    /// Starts the thread's next call, or ends the thread.
    fn next_entry(&mut self) -> Option<Exit> {
        if self.thread.process.takes_module_run() {
            self.thread.run_module_first(self.run);
        }
        if let Some(callback) = self.thread.callbacks.pop_front() {
            self.thread.in_callback = Some((callback.kind, callback.subject()));
            return self.start_call(&callback.function, callback.args);
        }
        match std::mem::replace(&mut self.thread.entry, Entry::Done) {
            Entry::Target(target, args) => self.start_call(&target, args),
            Entry::Worker(executor) => {
                self.thread.entry = Entry::Worker(Arc::clone(&executor));
                match executor.next_job(self) {
                    Some((target, args)) => self.start_call(&target, args),
                    None => self.finish(),
                }
            }
            Entry::Done => self.finish(),
        }
    }

    /// Ends the thread, and its joiners wake. The program's last thread (daemons apart) makes
    /// `atexit`'s calls and prints what is left of the line, as its exit does.
    fn finish(&mut self) -> Option<Exit> {
        let daemon = self.thread.is_daemon();
        let process = Arc::clone(&self.thread.process);
        if process.thread_ended(daemon) && process.handle.is_main() {
            // The main process exits: its daemonic children are terminated, as
            // `multiprocessing`'s exit function does; the others run on.
            for child in self.run.alive_threads() {
                if child.is_process() && !child.is_main() && child.is_daemon() {
                    child.terminate(&self.run.scheduler);
                }
            }
        }
        if self.run.thread_ended(daemon) {
            // `atexit`'s calls, once every process has ended (CPython's main process waits
            // for its children first), in the main thread, which ends again after them.
            let exit_calls = self.run.take_exit_calls();
            if exit_calls.is_empty() {
                asyncio::log_destroyed_pending(self);
                if let Err(error) = self.flush() {
                    self.report(&error);
                }
            } else if self.run.is_main_thread(self.thread) {
                self.run.thread_goes_on(self.thread);
                self.thread.callbacks.extend(exit_calls);
                return self.next_entry();
            } else if let Some(main) = self.run.main_thread_for(exit_calls) {
                // It prints what is left of the line as it ends.
                self.run.spawn(main);
            }
        }
        self.show(EventKind::End);
        if Arc::ptr_eq(&self.thread.handle, &self.thread.process.handle) {
            // The process exits: its pipe handles close, and readers at their other ends
            // that nothing else writes to find the end of file.
            let pipe_handles = std::mem::take(&mut *lock(&self.thread.process.pipe_handles));
            for handle in pipe_handles.iter().filter_map(std::sync::Weak::upgrade) {
                handle.close(self);
            }
        }
        // Gone from `threading.enumerate()` before its joiners wake, as in CPython.
        self.run.thread_finished(self.thread.id);
        self.thread.handle.finish(&self.run.scheduler);
        Some(Exit::Finished)
    }

    /// Prints an uncaught exception as Python does and records the run's first error.
    pub fn report(&mut self, error: &Exception) {
        self.report_as(error, true);
    }

    /// Reports an uncaught exception, giving it to the program's `threading.excepthook` if
    /// `to_hook` and it has one.
    fn report_as(&mut self, error: &Exception, to_hook: bool) {
        if error.kind == Stopped {
            return;
        }
        // A process's exit code and the message it prints, as `multiprocessing`'s bootstrap
        // gives them: it catches what the target raised, so no thread hook sees it.
        let runs_process = self.thread.handle.is_process() && !self.thread.handle.is_main();
        // `sys.exit()`: the thread ends quietly; in the main thread or a process a message (not
        // a status number) is printed, as CPython's exit prints it.
        if error.kind == SystemExit {
            if !self.thread.handle.is_main() && !runs_process {
                return;
            }
            let _ = self.flush();
            let code = match error.args.as_deref() {
                None | Some([Value::None]) => 0,
                Some([Value::Int(code)]) => *code,
                Some(_) => 1,
            };
            let is_status = matches!(error.args.as_deref(), Some([Value::Int(_) | Value::None]));
            if !error.message.is_empty() && !is_status {
                let _ = self.write(&format!("{}\n", error.message), Stream::Stderr);
            }
            self.thread.handle.set_exit_code(code);
            return;
        }
        let _ = self.flush();
        self.thread.handle.set_exit_code(1);
        if self.thread.handle.is_main() {
            // The program's hook prints it, if it set one; the program failed all the same.
            if !to_hook || !except_hook::give_to_hook(self, Hook::Sys, error) {
                self.print_uncaught(error, None);
            }
        } else if let Some(function) = self.thread.handle.started_bare().map(Value::repr) {
            // CPython hands it to `sys.unraisablehook`, which names the thread's function.
            let heading = format!("Exception ignored in thread started by: {function}\n");
            let _ = self.write(&heading, Stream::Stderr);
            self.print_uncaught(error, None);
        } else if runs_process {
            let name = self.thread.handle.name();
            let _ = self.write(&format!("Process {name}:\n"), Stream::Stderr);
            self.print_uncaught(error, None);
        } else if !to_hook || !except_hook::give_to_hook(self, Hook::Threading, error) {
            let name = self.thread.handle.name();
            self.print_uncaught(error, Some(&name));
        } else {
            // The program's hook handles it, as it would in CPython.
            return;
        }
        self.run.record_error(error, &self.thread.handle.name());
    }

    /// Prints an uncaught exception's traceback, after `Exception in thread NAME:` for a
    /// thread other than the main one.
    pub fn print_uncaught(&mut self, error: &Exception, thread: Option<&str>) {
        if let Some(name) = thread {
            let _ = self.write(&format!("Exception in thread {name}:\n"), Stream::Stderr);
        }
        for line in error.traceback_lines() {
            let _ = self.write(&format!("{line}\n"), Stream::Stderr);
        }
    }
}
