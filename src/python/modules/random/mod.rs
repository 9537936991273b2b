//! `random`, as CPython 3.11's module: a Mersenne Twister per process (`mersenne.rs`), seeded
//! from the clock until the program seeds it (`seed.rs`), and `Random` instances with one of
//! their own (`instance.rs`); the functions drawing from either by CPython's algorithms (here
//! for numbers, `sequences.rs` for sequences, `distributions.rs` for the real ones), so a
//! seeded program draws the numbers python3 draws.

mod distributions;
mod instance;
mod mersenne;
mod seed;
mod sequences;

pub use mersenne::Mersenne;

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::BinOp;
use super::super::registry::{done, native, no_attributes, Args, ModuleDef, TypeDef};
use super::super::types::bytes;
use super::super::value::{as_int, binary, equals, to_index, Int, Value, MAX_SEQUENCE_LEN};
use super::super::vm::{Invoked, Vm};
use super::builtins::to_int;
use crate::event::lock;
use std::cmp::Ordering;
use std::sync::{Arc, Mutex};

/// A generator's state: the twister, and the second number of `gauss`'s last pair.
#[derive(Clone)]
pub struct RandomState {
    mt: Mersenne,
    gauss_next: Option<f64>,
}

impl RandomState {
    fn new(mt: Mersenne) -> Self {
        Self {
            mt,
            gauss_next: None,
        }
    }
}

impl std::ops::Deref for RandomState {
    type Target = Mersenne;

    fn deref(&self) -> &Mersenne {
        &self.mt
    }
}

impl std::ops::DerefMut for RandomState {
    fn deref_mut(&mut self) -> &mut Mersenne {
        &mut self.mt
    }
}

/// A generator the functions draw from: a process's (the module's functions) or a `Random`
/// instance's; `None` until it is seeded or first used.
pub type Generator = Arc<Mutex<Option<RandomState>>>;

/// The functions of the module and the methods of `Random`, from one list: each takes the
/// generator `$generator` gives for the call; `$extra` natives follow them.
macro_rules! drawing_functions {
    ($generator:path; $($extra:expr),*) => {
        drawing_functions!(@list $generator; [$($extra),*];
            "seed" => seed::seed,
            "random" => random,
            "uniform" => uniform,
            "getrandbits" => getrandbits,
            "randbytes" => randbytes,
            "randrange" => randrange_call,
            "randint" => randint,
            "choice" => sequences::choice,
            "choices" => sequences::choices,
            "shuffle" => sequences::shuffle,
            "sample" => sequences::sample,
            "gauss" => distributions::gauss,
            "normalvariate" => distributions::normalvariate,
            "lognormvariate" => distributions::lognormvariate,
            "expovariate" => distributions::expovariate,
            "triangular" => distributions::triangular,
            "paretovariate" => distributions::paretovariate,
            "weibullvariate" => distributions::weibullvariate,
        )
    };
    (@list $generator:path; [$($extra:expr),*]; $($name:literal => $function:path),* $(,)?) => {
        &[
            $(native($name, |vm, args| {
                let generator = $generator(vm, &args)?;
                $function(vm, &generator, args)
            }),)*
            $($extra),*
        ]
    };
}

pub static MODULE: ModuleDef = ModuleDef {
    name: "random",
    functions: drawing_functions!(process_generator; native("Random", instance::new)),
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `random.Random`: its methods are the module's functions, on a generator of its own.
static RANDOM: TypeDef = TypeDef {
    name: "Random",
    methods: drawing_functions!(instance::generator;),
    attribute: no_attributes,
};

/// The module's functions draw from the calling process's generator.
fn process_generator(vm: &mut Vm, _: &Args) -> PyResult<Generator> {
    Ok(Arc::clone(&vm.thread.process.random))
}

/// Runs `use_it` on the generator, which is seeded from the clock on its first use (CPython
/// seeds at import, or when the instance is made; a program cannot tell the difference).
fn draw<T>(vm: &Vm, generator: &Generator, use_it: impl FnOnce(&mut RandomState) -> T) -> T {
    let mut state = lock(generator);
    let state = state.get_or_insert_with(|| RandomState::new(seed::from_clock(vm, None)));
    use_it(state)
}

fn random(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    args.expect("random", 0, 0)?;
    done(Value::Float(draw(vm, generator, |mt| mt.random())))
}

fn randrange_call(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [start, stop, step] = args.bind("randrange", ["start", "stop", "step"], 1)?;
    let stop = stop.filter(|stop| !matches!(stop, Value::None));
    let start = start.unwrap_or_default();
    done(Value::Int(randrange(
        vm,
        generator,
        &start,
        stop.as_ref(),
        step.as_ref(),
    )?))
}

fn randint(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [a, b] = args.bind("randint", ["a", "b"], 2)?;
    let stop = binary(BinOp::Add, &b.unwrap_or_default(), &Value::Int(1))?;
    done(Value::Int(randrange(
        vm,
        generator,
        &a.unwrap_or_default(),
        Some(&stop),
        None,
    )?))
}

/// A number in [0, n), for `n > 0` (CPython's `_randbelow`).
fn below(vm: &Vm, generator: &Generator, n: Int) -> Int {
    draw(vm, generator, |mt| mt.below(n.unsigned_abs())) as Int
}

/// `uniform(a, b)`: `a + (b - a) * random()`, in Python's arithmetic, so ints and floats mix
/// as they do in CPython.
fn uniform(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [a, b] = args.bind("uniform", ["a", "b"], 2)?;
    let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
    let span = binary(BinOp::Sub, &b, &a)?;
    let offset = binary(
        BinOp::Mul,
        &span,
        &Value::Float(draw(vm, generator, |mt| mt.random())),
    )?;
    done(binary(BinOp::Add, &a, &offset)?)
}

fn getrandbits(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [k] = args.bind("getrandbits", ["k"], 1)?;
    let k = k.unwrap_or_default();
    let bits = to_index(&k)?;
    match u32::try_from(bits) {
        Err(_) if bits < 0 => raise(ValueError, "number of bits must be non-negative"),
        Ok(bits) if bits < Int::BITS => {
            done(Value::Int(draw(vm, generator, |mt| mt.bits(bits)) as Int))
        }
        _ => too_large(),
    }
}

fn randbytes(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [n] = args.bind("randbytes", ["n"], 1)?;
    let negative = "number of bits must be non-negative";
    let drawn = random_bytes(vm, generator, &n.unwrap_or_default(), negative)?;
    done(bytes::value(drawn))
}

/// `count` bytes from the generator (`randbytes`, `os.urandom`), CPython's errors for a count
/// that is not an int, and `negative` for one below 0.
pub fn random_bytes(
    vm: &Vm,
    generator: &Generator,
    count: &Value,
    negative: &str,
) -> PyResult<Vec<u8>> {
    let count = to_index(count)?;
    match usize::try_from(count) {
        Err(_) if count < 0 => raise(ValueError, negative),
        Ok(count) if count <= MAX_SEQUENCE_LEN => {
            Ok(draw(vm, generator, |state| state.mt.bytes(count)))
        }
        _ => raise(MemoryError, "too many random bytes"),
    }
}

/// `randrange(start, stop, step)`, CPython's steps and errors (`stop` absent or `None`:
/// `randrange(start)`; `step` absent: 1).
fn randrange(
    vm: &Vm,
    generator: &Generator,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult<Int> {
    let istart = integral(start, "arg 1")?;
    let Some(stop) = stop else {
        // CPython asks whether `step` is its default 1 object, which a 1 passed is too.
        if step.is_some_and(|step| !matches!(step, Value::Int(1))) {
            return raise(TypeError, "Missing a non-None stop argument");
        }
        if istart > 0 {
            return Ok(below(vm, generator, istart));
        }
        return raise(ValueError, "empty range for randrange()");
    };
    let istop = integral(stop, "stop")?;
    let width = fits(istop.checked_sub(istart))?;
    let istep = step.map_or(Ok(1), |step| integral(step, "step"))?;
    if istep == 1 {
        if width > 0 {
            return Ok(istart + below(vm, generator, width));
        }
        return raise(
            ValueError,
            format!("empty range for randrange() ({istart}, {istop}, {width})"),
        );
    }
    let n = match istep.cmp(&0) {
        Ordering::Greater => floor_div(fits(width.checked_add(istep - 1))?, istep),
        Ordering::Less => floor_div(fits(width.checked_add(istep + 1))?, istep),
        Ordering::Equal => return raise(ValueError, "zero step for randrange()"),
    };
    if n <= 0 {
        return raise(ValueError, "empty range for randrange()");
    }
    fits(
        istep
            .checked_mul(below(vm, generator, n))
            .and_then(|offset| istart.checked_add(offset)),
    )
}

/// A bound of `randrange` as an int. CPython 3.11 still takes one whose `int()` equals it (an
/// integral float, with a deprecation warning threadplay does not print) and refuses others.
fn integral(value: &Value, which: &str) -> PyResult<Int> {
    if let Some(int) = as_int(value) {
        return Ok(int);
    }
    let converted = to_int(value)?;
    match as_int(&converted) {
        Some(int) if equals(&converted, value) => Ok(int),
        _ => raise(ValueError, format!("non-integer {which} for randrange()")),
    }
}

/// `a // b`, rounding down as Python does.
fn floor_div(a: Int, b: Int) -> Int {
    let quotient = a / b;
    if a % b != 0 && (a < 0) != (b < 0) {
        quotient - 1
    } else {
        quotient
    }
}

fn fits(result: Option<Int>) -> PyResult<Int> {
    result.map_or_else(too_large, Ok)
}

fn too_large<T>() -> PyResult<T> {
    raise(
        OverflowError,
        "integer too large (threadplay's integers are 128-bit)",
    )
}
