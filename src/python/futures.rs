//! `concurrent.futures.ThreadPoolExecutor` and `multiprocessing.Pool`: an executor starts
//! worker threads as work arrives, up to `max_workers`, and each worker runs queued jobs one
//! after another. A `Future` parks the threads waiting for its result.

use super::builtins::{Args, Builtin, Method};
use super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::sched::{Scheduler, Waker};
use super::threading::{timeout_arg, ThreadHandle};
use super::value::{as_int, Value};
use super::vm::{Entry, Invoked, PyThread, Vm};
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Most workers an executor may have.
const MAX_WORKERS: usize = 1024;

/// A `Future`: the result of submitted work, once it is done, and who waits for it.
#[derive(Debug, Default)]
pub struct Completion {
    state: Mutex<CompletionState>,
}

#[derive(Debug, Default)]
struct CompletionState {
    result: Option<PyResult<Value>>,
    waiters: Vec<Waker>,
    groups: Vec<Arc<AllOf>>,
}

impl Completion {
    pub fn set(&self, result: PyResult<Value>, scheduler: &Scheduler) {
        let mut state = lock(&self.state);
        for waiter in state.waiters.drain(..) {
            scheduler.wake(waiter, result.clone());
        }
        let groups = std::mem::take(&mut state.groups);
        state.result = Some(result);
        drop(state);
        for group in groups {
            group.one_done(scheduler);
        }
    }

    pub fn is_done(&self) -> bool {
        lock(&self.state).result.is_some()
    }

    fn result(&self) -> Option<PyResult<Value>> {
        lock(&self.state).result.clone()
    }
}

/// A thread waiting for every future of a list (`executor.map`), woken with their results
/// in order once the last is done.
#[derive(Debug)]
struct AllOf {
    futures: Vec<Arc<Completion>>,
    left: Mutex<usize>,
    waker: Waker,
}

impl AllOf {
    fn one_done(&self, scheduler: &Scheduler) {
        let mut left = lock(&self.left);
        *left -= 1;
        if *left == 0 {
            scheduler.wake(self.waker, self.results());
        }
    }

    fn results(&self) -> PyResult<Value> {
        let mut results = Vec::with_capacity(self.futures.len());
        for future in &self.futures {
            match future.result() {
                Some(result) => results.push(result?),
                None => return raise(RuntimeError, "a future has no result"),
            }
        }
        Ok(Value::list(results))
    }
}

/// Work submitted to an executor.
struct Job {
    target: Value,
    args: Args,
    future: Arc<Completion>,
    label: Arc<str>,
}

/// A `ThreadPoolExecutor`, or a `multiprocessing.Pool`, whose workers are processes.
pub struct Executor {
    number: u32,
    max_workers: usize,
    in_processes: bool,
    state: Mutex<ExecutorState>,
}

#[derive(Default)]
struct ExecutorState {
    queue: VecDeque<Job>,
    workers: usize,
    workers_named: usize,
    /// Jobs submitted and not finished.
    unfinished: usize,
    shut_down: bool,
    /// Threads in `shutdown(wait=True)`.
    idle_waiters: Vec<Waker>,
}

impl std::fmt::Debug for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Executor(max_workers={})", self.max_workers)
    }
}

impl Executor {
    /// Takes no more work.
    pub fn refuse_more(&self) {
        lock(&self.state).shut_down = true;
    }
}

impl Vm<'_, '_> {
    pub(super) fn new_executor(&mut self, builtin: Builtin, mut args: Args) -> PyResult<Invoked> {
        let name = builtin.name();
        let keyword = if builtin == Builtin::Pool {
            "processes"
        } else {
            "max_workers"
        };
        let workers = args.keyword(keyword);
        args.keyword("thread_name_prefix");
        let given = args.expect(name, 0, 1)?;
        let workers = match workers.as_ref().or(given.first()) {
            None | Some(Value::None) => self.run.workers as usize,
            Some(value) => match as_int(value) {
                Some(n) if n > 0 => (n as usize).min(MAX_WORKERS),
                _ => return raise(ValueError, format!("{keyword} must be greater than 0")),
            },
        };
        Ok(Invoked::Value(Value::Executor(Arc::new(Executor {
            number: self.run.next_executor_number(),
            max_workers: workers,
            in_processes: builtin == Builtin::Pool,
            state: Mutex::default(),
        }))))
    }

    pub(super) fn futures_method(
        &mut self,
        receiver: &Value,
        method: Method,
        mut args: Args,
    ) -> PyResult<Invoked> {
        let name = method.name();
        match (receiver, method) {
            (Value::Executor(executor), Method::Submit) => {
                // The rest of the arguments, keywords too, are the function's.
                if args.positional.is_empty() {
                    return raise(TypeError, "submit() missing the function to run");
                }
                let target = args.positional.remove(0);
                let future = self.submit(executor, target, args)?;
                Ok(Invoked::Value(Value::Future(future)))
            }
            (Value::Executor(executor), Method::Map) => {
                let given = args.expect(name, 2, 2)?;
                let (target, items) = (given[0].clone(), given[1].items()?);
                let mut futures = Vec::with_capacity(items.len());
                for item in items {
                    let job_args = Args {
                        positional: vec![item],
                        keywords: Vec::new(),
                    };
                    futures.push(self.submit(executor, target.clone(), job_args)?);
                }
                Ok(self.wait_for_all(futures))
            }
            (Value::Executor(executor), Method::Shutdown) => {
                let wait = args.keyword("wait").is_none_or(|value| value.is_truthy());
                args.expect(name, 0, 0)?;
                Ok(self.shutdown(executor, wait))
            }
            (Value::Future(future), Method::Result) => {
                let timeout = timeout_arg(&mut args, name)?;
                let mut state = lock(&future.state);
                if let Some(result) = &state.result {
                    return result.clone().map(Invoked::Value);
                }
                let done = self.waker();
                state.waiters.push(done);
                drop(state);
                let timed_out = Err(Exception::new(
                    RuntimeError,
                    "TimeoutError: the future did not finish in time",
                ));
                Ok(self.block(done, timeout, timed_out, EventKind::Wait))
            }
            (Value::Future(future), Method::Done) => {
                args.expect(name, 0, 0)?;
                Ok(Invoked::Value(Value::Bool(future.is_done())))
            }
            _ => raise(
                AttributeError,
                format!(
                    "'{}' object has no attribute '{}'",
                    receiver.type_name(),
                    name
                ),
            ),
        }
    }

    fn submit(
        &mut self,
        executor: &Arc<Executor>,
        target: Value,
        args: Args,
    ) -> PyResult<Arc<Completion>> {
        let future = Arc::new(Completion::default());
        let label = job_label(&target, &args);
        let worker_number = {
            let mut state = lock(&executor.state);
            if state.shut_down {
                return raise(RuntimeError, "cannot schedule new futures after shutdown");
            }
            state.queue.push_back(Job {
                target,
                args,
                future: Arc::clone(&future),
                label,
            });
            state.unfinished += 1;
            let start = state.workers < executor.max_workers;
            state.workers += usize::from(start);
            state.workers_named += usize::from(start);
            start.then_some(state.workers_named)
        };
        if let Some(number) = worker_number {
            self.run.count_thread()?;
            let name: Arc<str> = if executor.in_processes {
                format!("ForkPoolWorker-{number}").into()
            } else {
                format!("ThreadPoolExecutor-{}_{}", executor.number, number - 1).into()
            };
            let handle = Arc::new(ThreadHandle::running(name, executor.in_processes));
            let process = if executor.in_processes {
                Arc::new(self.thread.process.fork(&self.run.scheduler))
            } else {
                Arc::clone(&self.thread.process)
            };
            // Each job gets a lane of its own when it starts (see `next_job`).
            let worker = PyThread::new(
                self.run.scheduler.new_thread_id(),
                handle,
                process,
                Entry::Worker(Arc::clone(executor)),
                0,
            );
            self.run.spawn(Box::new(worker));
        }
        Ok(future)
    }

    fn wait_for_all(&mut self, futures: Vec<Arc<Completion>>) -> Invoked {
        let waker = self.waker();
        let group = Arc::new(AllOf {
            left: Mutex::new(futures.len() + 1),
            futures,
            waker,
        });
        for future in &group.futures {
            let mut state = lock(&future.state);
            if state.result.is_none() {
                state.groups.push(Arc::clone(&group));
            } else {
                drop(state);
                *lock(&group.left) -= 1;
            }
        }
        // The extra count kept the group from waking before every future was looked at.
        group.one_done(&self.run.scheduler);
        self.block(waker, None, Ok(Value::None), EventKind::Wait)
    }

    /// `shutdown(wait=…)`: takes no more work; with `wait`, waits for what is queued.
    pub(super) fn shutdown(&mut self, executor: &Executor, wait: bool) -> Invoked {
        let mut state = lock(&executor.state);
        state.shut_down = true;
        if !wait || state.unfinished == 0 {
            return Invoked::Value(Value::None);
        }
        let idle = self.waker();
        state.idle_waiters.push(idle);
        drop(state);
        self.block(idle, None, Ok(Value::None), EventKind::Wait)
    }

    /// An executor worker's next job, on a lane of its own; `None` when the queue is empty
    /// (the worker then ends).
    pub(super) fn next_job(&mut self, executor: &Executor) -> Option<(Value, Args)> {
        let job = {
            let mut state = lock(&executor.state);
            let job = state.queue.pop_front();
            if job.is_none() {
                state.workers -= 1;
            }
            job
        }?;
        let (lane, _) = self.run.recorder.start_named(job.label);
        self.thread.lane = lane;
        self.thread.shown = EventKind::Start;
        self.show(EventKind::Cpu);
        self.thread.job = Some(job.future);
        Some((job.target, job.args))
    }

    /// A job has returned or raised: its future gets the result (Python keeps a job's
    /// exception there for `result()` to raise).
    pub(super) fn job_done(&mut self, future: Arc<Completion>, result: PyResult<Value>) {
        let _ = self.flush();
        future.set(result, &self.run.scheduler);
        self.show(EventKind::End);
        if let Entry::Worker(executor) = &self.thread.entry {
            let mut state = lock(&executor.state);
            state.unfinished -= 1;
            if state.unfinished == 0 {
                for waiter in state.idle_waiters.drain(..) {
                    self.run.scheduler.wake(waiter, Ok(Value::None));
                }
            }
        }
    }
}

/// A job's name in the log: the call it makes, `task(1)`.
fn job_label(target: &Value, args: &Args) -> Arc<str> {
    let function = match target {
        Value::Function(function) => function.code.name.to_string(),
        other => other.type_name().to_string(),
    };
    let args: Vec<String> = args.positional.iter().map(Value::repr).collect();
    let mut label = format!("{function}({})", args.join(", "));
    if label.chars().count() > 40 {
        label = label.chars().take(39).collect::<String>() + "…";
    }
    label.into()
}
