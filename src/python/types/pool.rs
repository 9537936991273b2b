//! `multiprocessing.Pool` and `multiprocessing.pool.ThreadPool`: workers (processes, or
//! threads) that run the calls given them, and a result handler, a thread of the pool's
//! process that runs the callbacks of `apply_async` and `map_async` as each result arrives.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, Native, PyObject, TypeDef};
use super::super::value::{as_int, to_index, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::async_result;
use super::executor::{self, Executor, Kind};
use super::future::{await_result, wait_for_all, Completion};
use super::futures_wait::{results_as_completed, results_in_order};
use super::start_method::StartMethod;
use std::sync::Arc;

const METHODS: &[Native] = &[
    native("apply", apply),
    native("apply_async", apply_async),
    native("map", |vm, args| map(vm, args, "map", false)),
    native("starmap", |vm, args| map(vm, args, "starmap", true)),
    native("map_async", |vm, args| {
        map_async(vm, args, "map_async", false)
    }),
    native("starmap_async", |vm, args| {
        map_async(vm, args, "starmap_async", true)
    }),
    native("imap", |vm, args| imap(vm, args, "imap", true)),
    native("imap_unordered", |vm, args| {
        imap(vm, args, "imap_unordered", false)
    }),
    native("close", |_, args| {
        args.expect("close", 0, 0)?;
        args.this::<Pool>()?.workers.refuse_more();
        done(Value::None)
    }),
    native("join", join),
    native("terminate", |vm, args| {
        args.expect("terminate", 0, 0)?;
        args.this::<Pool>()?.terminate(vm);
        done(Value::None)
    }),
    native("__enter__", |_, args| done(args.receiver)),
    // As CPython's: leaving the `with` terminates the pool, and waits for nothing.
    native("__exit__", |vm, args| {
        args.this::<Pool>()?.terminate(vm);
        done(Value::None)
    }),
];

static POOL: TypeDef = TypeDef {
    name: "Pool",
    methods: METHODS,
    attribute: no_attributes,
};

static THREAD_POOL: TypeDef = TypeDef {
    name: "ThreadPool",
    methods: METHODS,
    attribute: no_attributes,
};

pub struct Pool {
    workers: Arc<Executor>,
    /// Runs the callbacks, in the pool's process.
    handler: Arc<Executor>,
}

impl PyObject for Pool {
    fn type_def(&self) -> &'static TypeDef {
        match self.workers.kind() {
            Kind::ThreadPool => &THREAD_POOL,
            _ => &POOL,
        }
    }
}

/// `Pool(processes=None)` (`kind` `Pool`) or `ThreadPool(processes=None)` (`ThreadPool`):
/// `os.cpu_count()` workers unless told. CPython makes them all at once, and its three
/// handler threads after them; their names take their numbers now.
pub fn new(vm: &mut Vm, args: Args, kind: Kind) -> PyResult<Invoked> {
    let method = StartMethod::current(vm);
    new_started_by(vm, args, kind, method)
}

/// A pool whose processes start by `method` (a context's `Pool`).
pub fn new_started_by(
    vm: &mut Vm,
    args: Args,
    kind: Kind,
    method: StartMethod,
) -> PyResult<Invoked> {
    let callee = match kind {
        Kind::ThreadPool => "ThreadPool",
        _ => "Pool",
    };
    let [processes, initializer, initargs, max_tasks] = match kind {
        Kind::ThreadPool => {
            let [processes, initializer, initargs] =
                args.bind(callee, ["processes", "initializer", "initargs"], 0)?;
            [processes, initializer, initargs, None]
        }
        _ => args.bind(
            callee,
            ["processes", "initializer", "initargs", "maxtasksperchild"],
            0,
        )?,
    };
    let initializer = executor::initializer_args(initializer, initargs)?;
    let processes = match processes {
        None | Some(Value::None) => vm.run.cores as usize,
        Some(value) => match to_index(&value)? {
            n if n >= 1 => n as usize,
            _ => return raise(ValueError, "Number of processes must be at least 1"),
        },
    };
    let max_tasks = match max_tasks.filter(|value| !matches!(value, Value::None)) {
        None => None,
        Some(value) => match as_int(&value) {
            Some(n) if n > 0 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => {
                return raise(
                    ValueError,
                    "maxtasksperchild must be a positive int or None",
                )
            }
        },
    };
    let in_processes = kind == Kind::Pool;
    let first_worker = vm.run.next_thread_number(in_processes);
    for _ in 1..processes {
        vm.run.next_thread_number(in_processes);
    }
    // The worker handler's and the task handler's, then the result handler's.
    vm.run.next_thread_number(false);
    vm.run.next_thread_number(false);
    let result_handler = vm.run.next_thread_number(false);
    let workers = Executor::create(
        vm,
        kind,
        processes,
        "".into(),
        first_worker,
        initializer,
        method,
    );
    if let Some(tasks) = max_tasks {
        workers.replace_processes_after(tasks);
    }
    let handler = Executor::create(
        vm,
        Kind::ResultHandler,
        1,
        "".into(),
        result_handler,
        None,
        method,
    );
    let pool = Arc::new(Pool {
        workers: Arc::clone(&workers),
        handler,
    });
    workers.initialize_workers(vm, 0, Value::Object(pool))
}

impl Pool {
    /// Submits `function(*args, **kwds)`, for a pool still running.
    fn submit(&self, vm: &mut Vm, function: &Value, args: Args) -> PyResult<Arc<Completion>> {
        if self.workers.is_shut_down() {
            return raise(ValueError, "Pool not running");
        }
        self.workers.submit(vm, function.clone(), args)
    }

    /// Submits `function(item)` for each item (`function(*item)` if `star`).
    fn submit_each(
        &self,
        vm: &mut Vm,
        function: &Value,
        iterable: &Value,
        star: bool,
    ) -> PyResult<Vec<Arc<Completion>>> {
        let mut jobs = Vec::new();
        for item in iterable.items()? {
            let args = match star {
                // An item that is no sequence of arguments fails its job in the worker, as
                // CPython's `starmap` there raises: the caller sees it when it gets the result.
                true => match item.items() {
                    Ok(items) => Args::new(items),
                    Err(error) => {
                        let failed = Arc::new(Completion::default());
                        failed.set(Err(error), &vm.run.scheduler);
                        jobs.push(failed);
                        continue;
                    }
                },
                false => Args::new(vec![item]),
            };
            jobs.push(self.submit(vm, function, args)?);
        }
        Ok(jobs)
    }

    /// No more work; what has not started never does, and no result not yet handled will be.
    fn terminate(&self, vm: &Vm) {
        self.workers.drop_queued(vm);
        self.handler.drop_queued(vm);
    }
}

/// `apply(func, args=(), kwds={})`: the call's result, waited for.
fn apply(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let pool = args.this::<Pool>()?;
    let [function, call, kwds] = args.bind("apply", ["func", "args", "kwds"], 1)?;
    let job = pool.submit(
        vm,
        &function.unwrap_or_default(),
        Args::unpacked(call, kwds)?,
    )?;
    await_result(vm, &job, None)
}

/// `apply_async(func, args=(), kwds={}, callback=None, error_callback=None)`.
fn apply_async(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let pool = args.this::<Pool>()?;
    let [function, call, kwds, callback, error_callback] = args.bind(
        "apply_async",
        ["func", "args", "kwds", "callback", "error_callback"],
        1,
    )?;
    let job = pool.submit(
        vm,
        &function.unwrap_or_default(),
        Args::unpacked(call, kwds)?,
    )?;
    let callbacks = [
        callback.unwrap_or_default(),
        error_callback.unwrap_or_default(),
    ];
    let handler = Arc::clone(&pool.handler);
    done(async_result::start(
        vm,
        vec![job],
        false,
        callbacks,
        handler,
    )?)
}

/// `map(func, iterable, chunksize=None)` and `starmap`: the list of results, once all are in
/// (the first exception among them, in order, raised). Each item is a job of its own.
fn map(vm: &mut Vm, args: Args, callee: &str, star: bool) -> PyResult<Invoked> {
    let pool = args.this::<Pool>()?;
    let [function, iterable, _] = args.bind(callee, ["func", "iterable", "chunksize"], 2)?;
    let (function, iterable) = (function.unwrap_or_default(), iterable.unwrap_or_default());
    let jobs = pool.submit_each(vm, &function, &iterable, star)?;
    Ok(wait_for_all(vm, jobs))
}

/// `map_async(func, iterable, chunksize=None, callback=None, error_callback=None)` and
/// `starmap_async`.
fn map_async(vm: &mut Vm, args: Args, callee: &str, star: bool) -> PyResult<Invoked> {
    let pool = args.this::<Pool>()?;
    let [function, iterable, _, callback, error_callback] = args.bind(
        callee,
        [
            "func",
            "iterable",
            "chunksize",
            "callback",
            "error_callback",
        ],
        2,
    )?;
    let (function, iterable) = (function.unwrap_or_default(), iterable.unwrap_or_default());
    let jobs = pool.submit_each(vm, &function, &iterable, star)?;
    let callbacks = [
        callback.unwrap_or_default(),
        error_callback.unwrap_or_default(),
    ];
    let handler = Arc::clone(&pool.handler);
    done(async_result::start(vm, jobs, true, callbacks, handler)?)
}

/// `imap(func, iterable, chunksize=1)`: the results lazily, in order; `imap_unordered`: as
/// they arrive.
fn imap(vm: &mut Vm, args: Args, callee: &str, ordered: bool) -> PyResult<Invoked> {
    let pool = args.this::<Pool>()?;
    let [function, iterable, _] = args.bind(callee, ["func", "iterable", "chunksize"], 2)?;
    let (function, iterable) = (function.unwrap_or_default(), iterable.unwrap_or_default());
    let jobs = pool.submit_each(vm, &function, &iterable, false)?;
    done(match ordered {
        true => results_in_order(jobs),
        false => results_as_completed(jobs),
    })
}

/// `join()`, after `close()` or `terminate()`: waits for the workers, then for the
/// callbacks of the results they gave.
fn join(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("join", 0, 0)?;
    let pool = args.this::<Pool>()?;
    if !pool.workers.is_shut_down() {
        return raise(ValueError, "Pool is still running");
    }
    let workers_done = pool.workers.shutdown(vm, true, false);
    vm.then_after(
        workers_done,
        Then::new(move |vm, _| Ok(pool.handler.shutdown(vm, true, false))),
    )
}
