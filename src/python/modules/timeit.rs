//! `timeit`: `default_timer` (`time.perf_counter`), and `timeit`, `repeat` and `Timer` for a
//! function, called `number` times between two readings of that clock. A statement in a
//! string would need `exec`, which the subset does not have: it is refused with a message.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{address_of, done, native, Args, ModuleDef, PyObject, TypeDef};
use super::super::value::{to_index, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::builtins::is_callable;
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "timeit",
    functions: &[
        native("default_timer", super::time::since_start),
        native("timeit", |vm, args| {
            let [stmt, setup, _timer, number, _globals] =
                args.bind("timeit", ["stmt", "setup", "timer", "number", "globals"], 0)?;
            timeit(vm, timed_function(stmt, setup)?, number)
        }),
        native("repeat", |vm, args| {
            let [stmt, setup, _timer, rounds, number, _globals] = args.bind(
                "repeat",
                ["stmt", "setup", "timer", "repeat", "number", "globals"],
                0,
            )?;
            repeat(vm, timed_function(stmt, setup)?, rounds, number)
        }),
        native("Timer", |_, args| {
            let [stmt, setup, _timer, _globals] =
                args.bind("Timer", ["stmt", "setup", "timer", "globals"], 0)?;
            let function = timed_function(stmt, setup)?;
            done(Value::Object(Arc::new(Timer(function))))
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// CPython's defaults: a million calls, five rounds.
const DEFAULT_NUMBER: u64 = 1_000_000;
const DEFAULT_REPEAT: u64 = 5;

static TIMER: TypeDef = TypeDef {
    name: "Timer",
    methods: &[
        native("timeit", |vm, args| {
            let function = args.this::<Timer>()?.0.clone();
            let [number] = args.bind("timeit", ["number"], 0)?;
            timeit(vm, function, number)
        }),
        native("repeat", |vm, args| {
            let function = args.this::<Timer>()?.0.clone();
            let [rounds, number] = args.bind("repeat", ["repeat", "number"], 0)?;
            repeat(vm, function, rounds, number)
        }),
    ],
    attribute: super::super::registry::no_attributes,
};

/// `timeit.Timer(function)`.
struct Timer(Value);

impl PyObject for Timer {
    fn type_def(&self) -> &'static TypeDef {
        &TIMER
    }

    fn repr(&self) -> String {
        format!("<timeit.Timer object at {:#x}>", address_of(self))
    }
}

/// The function to time: `stmt` must be one (`pass`, the default, times nothing), and
/// `setup` must be left as it is.
fn timed_function(stmt: Option<Value>, setup: Option<Value>) -> PyResult<Value> {
    let refused = || {
        raise(
            TypeError,
            "threadplay's timeit times functions: a statement in a string would need exec(), which the subset does not have",
        )
    };
    if !matches!(
        setup.as_ref().map(Value::to_str).as_deref(),
        None | Some("pass")
    ) {
        return refused();
    }
    match stmt {
        None => Ok(Value::None),
        Some(Value::Str(text)) if text.trim() == "pass" => Ok(Value::None),
        Some(function) if is_callable(&function) => Ok(function),
        Some(Value::Str(_)) => refused(),
        Some(other) => raise(
            ValueError,
            format!(
                "stmt is neither a string nor callable: {}",
                other.type_name()
            ),
        ),
    }
}

fn count_arg(value: Option<Value>, default: u64) -> PyResult<u64> {
    match value {
        None => Ok(default),
        Some(value) => Ok(u64::try_from(to_index(&value)?).unwrap_or(0)),
    }
}

/// `timeit(function, number=…)`: the seconds `number` calls took.
fn timeit(vm: &mut Vm, function: Value, number: Option<Value>) -> PyResult<Invoked> {
    let number = count_arg(number, DEFAULT_NUMBER)?;
    let timed: Timed = Box::new(|_, seconds| done(Value::Float(seconds)));
    time_calls(vm, function, number, timed)
}

/// `repeat(function, repeat=…, number=…)`: the seconds of each round.
fn repeat(
    vm: &mut Vm,
    function: Value,
    rounds: Option<Value>,
    number: Option<Value>,
) -> PyResult<Invoked> {
    let rounds = count_arg(rounds, DEFAULT_REPEAT)?;
    let number = count_arg(number, DEFAULT_NUMBER)?;
    time_rounds(vm, function, number, rounds, Vec::new())
}

/// What is done with the seconds `number` calls took.
type Timed = Box<dyn FnOnce(&mut Vm, f64) -> PyResult<Invoked> + Send>;

/// Calls `function` (`None`: nothing) `number` times between two readings of the clock.
fn time_calls(vm: &mut Vm, function: Value, number: u64, timed: Timed) -> PyResult<Invoked> {
    let start_ms = vm.now_ms();
    call_repeatedly(vm, function, number, start_ms, timed)
}

fn call_repeatedly(
    vm: &mut Vm,
    function: Value,
    mut left: u64,
    start_ms: f64,
    timed: Timed,
) -> PyResult<Invoked> {
    while left > 0 && !matches!(function, Value::None) {
        left -= 1;
        // A native that answers at once is called again here, not through a continuation
        // for each of a million calls.
        match vm.invoke(&function, Args::default())? {
            Invoked::Value(_) => {}
            pending => {
                let then =
                    Then::new(move |vm, _| call_repeatedly(vm, function, left, start_ms, timed));
                return vm.then_after(pending, then);
            }
        }
    }
    let seconds = (vm.now_ms() - start_ms) / 1000.0;
    timed(vm, seconds)
}

/// `repeat`: the seconds of each of `rounds` timings, in a list.
fn time_rounds(
    vm: &mut Vm,
    function: Value,
    number: u64,
    rounds: u64,
    mut times: Vec<Value>,
) -> PyResult<Invoked> {
    if rounds == 0 {
        return done(Value::list(times));
    }
    let next = function.clone();
    time_calls(
        vm,
        function,
        number,
        Box::new(move |vm, seconds| {
            times.push(Value::Float(seconds));
            time_rounds(vm, next, number, rounds - 1, times)
        }),
    )
}
