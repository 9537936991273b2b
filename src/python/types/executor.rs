//! `concurrent.futures.ThreadPoolExecutor` and `multiprocessing.Pool`: an executor starts
//! worker threads as work arrives, up to `max_workers`, and each worker runs queued jobs one
//! after another, each job on a timeline lane of its own.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, Native, PyObject, TypeDef};
use super::super::sched::Waker;
use super::super::value::{as_int, Value};
use super::super::vm::{Entry, Invoked, PyThread, Vm};
use super::future::{wait_for_all, Completion};
use super::thread::ThreadHandle;
use crate::event::{lock, EventKind};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Most workers an executor may have.
const MAX_WORKERS: usize = 1024;

const METHODS: &[Native] = &[
    native("submit", submit),
    native("map", map),
    native("shutdown", shutdown),
    native("__enter__", |_, args| done(args.receiver)),
    native("__exit__", |vm, args| {
        Ok(args.this::<Executor>()?.shutdown(vm, true))
    }),
];

pub static THREAD_POOL: TypeDef = TypeDef {
    name: "ThreadPoolExecutor",
    methods: METHODS,
    attribute: no_attributes,
};

pub static PROCESS_POOL: TypeDef = TypeDef {
    name: "Pool",
    methods: METHODS,
    attribute: no_attributes,
};

/// Work submitted to an executor.
struct Job {
    target: Value,
    args: Args,
    future: Arc<Completion>,
    label: Arc<str>,
}

pub struct Executor {
    /// Its workers' names before their number: `thread_name_prefix`, or
    /// `ThreadPoolExecutor-0`.
    name_prefix: Arc<str>,
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

impl PyObject for Executor {
    fn type_def(&self) -> &'static TypeDef {
        if self.in_processes {
            &PROCESS_POOL
        } else {
            &THREAD_POOL
        }
    }
}

/// `ThreadPoolExecutor(max_workers=None)`, or `Pool(processes=None)` when `in_processes`.
pub fn new(vm: &mut Vm, mut args: Args, in_processes: bool) -> PyResult<Invoked> {
    let (name, keyword) = if in_processes {
        ("Pool", "processes")
    } else {
        ("ThreadPoolExecutor", "max_workers")
    };
    let workers = args.keyword(keyword);
    let name_prefix = args
        .keyword("thread_name_prefix")
        .filter(Value::is_truthy)
        .map(|prefix| prefix.to_str());
    let given = args.expect(name, 0, 1)?;
    let workers = match workers.as_ref().or(given.first()) {
        None | Some(Value::None) => vm.run.workers as usize,
        Some(value) => match as_int(value) {
            Some(n) if n > 0 => (n as usize).min(MAX_WORKERS),
            _ => return raise(ValueError, format!("{keyword} must be greater than 0")),
        },
    };
    done(Value::Object(Arc::new(Executor {
        name_prefix: name_prefix
            .unwrap_or_else(|| format!("ThreadPoolExecutor-{}", vm.run.next_executor_number()))
            .into(),
        max_workers: workers,
        in_processes,
        state: Mutex::default(),
    })))
}

impl Executor {
    /// Takes no more work.
    pub fn refuse_more(&self) {
        lock(&self.state).shut_down = true;
    }

    pub fn submit(
        self: &Arc<Self>,
        vm: &mut Vm,
        target: Value,
        args: Args,
    ) -> PyResult<Arc<Completion>> {
        let future = Arc::new(Completion::default());
        let label = job_label(&target, &args);
        let worker_number = {
            let mut state = lock(&self.state);
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
            let start = state.workers < self.max_workers;
            state.workers += usize::from(start);
            state.workers_named += usize::from(start);
            start.then_some(state.workers_named)
        };
        if let Some(number) = worker_number {
            vm.run.count_thread()?;
            let name: Arc<str> = if self.in_processes {
                format!("ForkPoolWorker-{number}").into()
            } else {
                format!("{}_{}", self.name_prefix, number - 1).into()
            };
            let handle = Arc::new(ThreadHandle::running(name, self.in_processes));
            let process = if self.in_processes {
                Arc::new(vm.thread.process.fork(&vm.run.scheduler))
            } else {
                Arc::clone(&vm.thread.process)
            };
            // Each job gets a lane of its own when it starts (see `next_job`).
            let worker = PyThread::new(
                vm.run.scheduler.new_thread_id(),
                handle,
                process,
                Entry::Worker(Arc::clone(self)),
                0,
            );
            vm.run.spawn(Box::new(worker));
        }
        Ok(future)
    }

    /// `shutdown(wait=…)`: takes no more work; with `wait`, waits for what is queued.
    pub fn shutdown(&self, vm: &mut Vm, wait: bool) -> Invoked {
        let mut state = lock(&self.state);
        state.shut_down = true;
        if !wait || state.unfinished == 0 {
            return Invoked::Value(Value::None);
        }
        let idle = vm.waker();
        state.idle_waiters.push(idle);
        drop(state);
        vm.block(idle, None, Ok(Value::None), EventKind::Wait)
    }

    /// A worker's next job, on a lane of its own, its future kept by the worker thread;
    /// `None` when the queue is empty (the worker then ends).
    pub fn next_job(&self, vm: &mut Vm) -> Option<(Value, Args)> {
        if std::mem::take(&mut vm.thread.job_settling) {
            self.job_settled(vm);
        }
        let job = {
            let mut state = lock(&self.state);
            let job = state.queue.pop_front();
            if job.is_none() {
                state.workers -= 1;
            }
            job
        }?;
        let (lane, _) = vm.run.recorder.start_named(job.label);
        vm.thread.lane = lane;
        vm.thread.shown = EventKind::Start;
        vm.show(EventKind::Cpu);
        vm.thread.job = Some(job.future);
        Some((job.target, job.args))
    }

    /// A job has returned or raised: its future gets the result (Python keeps a job's
    /// exception there for `result()` to raise), and its callbacks run next in this thread.
    pub fn job_done(&self, vm: &mut Vm, future: Arc<Completion>, result: PyResult<Value>) {
        let _ = vm.flush();
        for callback in future.set(result, &vm.run.scheduler) {
            let call = Args::new(vec![Value::Object(Arc::clone(&future) as _)]);
            vm.thread.callbacks.push_back((callback, call));
        }
        vm.thread.job_settling = true;
    }

    /// A job and its callbacks are done: `shutdown(wait=True)` may return once all are.
    fn job_settled(&self, vm: &mut Vm) {
        vm.show(EventKind::End);
        let mut state = lock(&self.state);
        state.unfinished -= 1;
        if state.unfinished == 0 {
            for waiter in state.idle_waiters.drain(..) {
                vm.run.scheduler.wake(waiter, Ok(Value::None));
            }
        }
    }
}

fn submit(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    // The rest of the arguments, keywords too, are the function's.
    if args.positional.is_empty() {
        return raise(TypeError, "submit() missing the function to run");
    }
    let executor = args.this::<Executor>()?;
    let target = args.positional.remove(0);
    let call = Args {
        positional: args.positional,
        keywords: args.keywords,
        ..Args::default()
    };
    let future = executor.submit(vm, target, call)?;
    done(Value::Object(future))
}

fn map(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("map", 2, 2)?;
    let (target, items) = (given[0].clone(), given[1].items()?);
    let executor = args.this::<Executor>()?;
    let mut futures = Vec::with_capacity(items.len());
    for item in items {
        futures.push(executor.submit(vm, target.clone(), Args::new(vec![item]))?);
    }
    Ok(wait_for_all(vm, futures))
}

fn shutdown(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let wait = args.keyword("wait").is_none_or(|value| value.is_truthy());
    args.expect("shutdown", 0, 0)?;
    Ok(args.this::<Executor>()?.shutdown(vm, wait))
}

/// A job's name in the log: the call it makes, `task(1)`.
fn job_label(target: &Value, args: &Args) -> Arc<str> {
    let function = match target {
        Value::Function(function) => function.name.to_string(),
        other => other.type_name().to_string(),
    };
    let args: Vec<String> = args.positional.iter().map(Value::repr).collect();
    let mut label = format!("{function}({})", args.join(", "));
    if label.chars().count() > 40 {
        label = label.chars().take(39).collect::<String>() + "…";
    }
    label.into()
}
