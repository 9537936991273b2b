//! `multiprocessing.pool.AsyncResult`, what `apply_async` and `map_async` give. Once its jobs
//! are done, the pool's result handler (a thread of the pool's process, as in CPython) runs its
//! callback there, so the callback sees the parent's memory; then the result is ready.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, Native, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::exception::PyException;
use super::executor::Executor;
use super::future::{await_result_or, Completion};
use super::timeout_arg;
use crate::event::{lock, EventKind};
use std::sync::{Arc, Mutex};

const METHODS: &[Native] = &[
    native("get", get),
    native("wait", wait),
    native("ready", |_, args| {
        args.expect("ready", 0, 0)?;
        done(Value::Bool(args.this::<AsyncResult>()?.settled.is_done()))
    }),
    native("successful", successful),
];

static APPLY_RESULT: TypeDef = TypeDef {
    name: "ApplyResult",
    methods: METHODS,
    attribute: no_attributes,
};

static MAP_RESULT: TypeDef = TypeDef {
    name: "MapResult",
    methods: METHODS,
    attribute: no_attributes,
};

/// Called in the worker that finishes a job: the last one hands the result to the handler.
static JOB_DONE: Native = native("_job_done", |vm, args| {
    args.this::<AsyncResult>()?.one_done(vm)?;
    done(Value::None)
});

/// Run by the result handler: the callback, then the result for `get()`.
static SETTLE: Native = native("_settle", settle);

pub struct AsyncResult {
    jobs: Vec<Arc<Completion>>,
    /// Jobs not done yet.
    left: Mutex<usize>,
    /// `map_async`'s result is the list of its jobs' results; `apply_async`'s, its one job's.
    is_map: bool,
    callback: Value,
    error_callback: Value,
    handler: Arc<Executor>,
    /// Done once the callback has run: what `get()` waits for.
    settled: Arc<Completion>,
}

impl PyObject for AsyncResult {
    fn type_def(&self) -> &'static TypeDef {
        match self.is_map {
            true => &MAP_RESULT,
            false => &APPLY_RESULT,
        }
    }

    fn repr(&self) -> String {
        format!(
            "<multiprocessing.pool.{} object at {:#x}>",
            self.type_def().name,
            self as *const Self as usize
        )
    }
}

/// The result of `jobs` (submitted to a pool), settled by `handler` with the callbacks.
pub fn start(
    vm: &mut Vm,
    jobs: Vec<Arc<Completion>>,
    is_map: bool,
    [callback, error_callback]: [Value; 2],
    handler: Arc<Executor>,
) -> PyResult<Value> {
    let result = Arc::new(AsyncResult {
        left: Mutex::new(jobs.len() + 1),
        jobs,
        is_map,
        callback,
        error_callback,
        handler,
        settled: Arc::default(),
    });
    for job in &result.jobs {
        let job_done = Value::Method(Arc::new((
            Value::Object(Arc::clone(&result) as _),
            &JOB_DONE,
        )));
        if !job.call_when_done(job_done) {
            result.one_done(vm)?;
        }
    }
    // The extra count kept the handler from settling it before every job was looked at.
    result.one_done(vm)?;
    Ok(Value::Object(result))
}

impl AsyncResult {
    fn one_done(self: &Arc<Self>, vm: &mut Vm) -> PyResult<()> {
        let mut left = lock(&self.left);
        *left -= 1;
        // A terminated pool's handler takes nothing more: the result is never ready.
        if *left > 0 || self.handler.is_shut_down() {
            return Ok(());
        }
        drop(left);
        let settle = Value::Method(Arc::new((Value::Object(Arc::clone(self) as _), &SETTLE)));
        self.handler
            .submit_into(vm, settle, Args::default(), Arc::clone(&self.settled), None)
            .map(|_| ())
    }

    /// What its jobs gave: the first exception among them, in order, raised.
    fn outcome(&self) -> PyResult<Value> {
        let mut results = Vec::with_capacity(self.jobs.len());
        for job in &self.jobs {
            match job.result() {
                Some(result) => results.push(result?),
                None => return raise(RuntimeError, "a job has no result"),
            }
        }
        match self.is_map {
            true => Ok(Value::list(results)),
            false => Ok(results.pop().unwrap_or_default()),
        }
    }
}

fn settle(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let result = args.this::<AsyncResult>()?;
    match result.outcome() {
        Ok(value) if !matches!(result.callback, Value::None) => Ok(Invoked::CallThen(
            result.callback.clone(),
            Args::new(vec![value.clone()]),
            Then::new(move |_, _| done(value)),
        )),
        Err(error) if !matches!(result.error_callback, Value::None) => Ok(Invoked::CallThen(
            result.error_callback.clone(),
            Args::new(vec![PyException::caught(&error)]),
            Then::new(move |_, _| Err(error)),
        )),
        outcome => outcome.map(Invoked::Value),
    }
}

/// `get(timeout=None)`: the result, or the job's exception raised, waiting for it.
fn get(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "get")?;
    let settled = &args.this::<AsyncResult>()?.settled;
    await_result_or(vm, settled, timeout, ProcessTimeoutError)
}

/// `wait(timeout=None)`: until it is ready, or the timeout passes; `None` either way.
fn wait(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let timeout = timeout_arg(&mut args, "wait")?;
    let result = args.this::<AsyncResult>()?;
    if result.settled.is_done() {
        return done(Value::None);
    }
    let ready = vm.waker();
    result.settled.wake_when_done(ready, &vm.run.scheduler);
    Ok(vm.block(ready, timeout, Ok(Value::None), EventKind::Wait))
}

/// `successful()`: whether its jobs returned; a `ValueError` until it is ready.
fn successful(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("successful", 0, 0)?;
    let result = args.this::<AsyncResult>()?;
    match result.settled.result() {
        Some(outcome) => done(Value::Bool(outcome.is_ok())),
        None => Err(Exception::new(
            ValueError,
            format!("{} not ready", result.repr()),
        )),
    }
}
