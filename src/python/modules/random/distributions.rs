//! `random`'s real-valued distributions, by CPython 3.11's algorithms and in its order of
//! draws, so a seeded generator gives python3's numbers (to the last digit where the
//! platform's `log`, `sqrt`, `sin` and `cos` are the C library's, as natively).

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::registry::{done, Args};
use super::super::super::value::Value;
use super::super::super::vm::{Invoked, Vm};
use super::super::time::real;
use super::{draw, Generator};
use std::f64::consts::TAU;

/// `4 * exp(-0.5) / sqrt(2.0)`, CPython's `NV_MAGICCONST`.
fn nv_magic() -> f64 {
    4.0 * (-0.5f64).exp() / 2.0f64.sqrt()
}

/// The arguments as floats, each given or its default.
fn reals<const K: usize>(
    args: Args,
    callee: &str,
    names: [&str; K],
    defaults: [Option<f64>; K],
) -> PyResult<[f64; K]> {
    let required = defaults
        .iter()
        .take_while(|default| default.is_none())
        .count();
    let given = args.bind(callee, names, required)?;
    let mut values = [0.0; K];
    for (i, value) in given.into_iter().enumerate() {
        values[i] = match value {
            Some(value) => real(&value)?,
            None => defaults[i].unwrap_or_default(),
        };
    }
    Ok(values)
}

fn float(value: f64) -> PyResult<Invoked> {
    done(Value::Float(value))
}

/// `gauss(mu=0.0, sigma=1.0)`: Box-Muller, whose second number waits for the next call.
pub fn gauss(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [mu, sigma] = reals(args, "gauss", ["mu", "sigma"], [Some(0.0), Some(1.0)])?;
    let z = draw(vm, generator, |state| match state.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = state.random() * TAU;
            let g2rad = (-2.0 * (1.0 - state.random()).ln()).sqrt();
            state.gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    });
    float(mu + z * sigma)
}

/// Kinderman and Monahan's method, as `normalvariate` draws.
fn normal(vm: &Vm, generator: &Generator, mu: f64, sigma: f64) -> f64 {
    let z = draw(vm, generator, |state| loop {
        let u1 = state.random();
        let u2 = 1.0 - state.random();
        let z = nv_magic() * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            return z;
        }
    });
    mu + z * sigma
}

pub fn normalvariate(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [mu, sigma] = reals(
        args,
        "normalvariate",
        ["mu", "sigma"],
        [Some(0.0), Some(1.0)],
    )?;
    float(normal(vm, generator, mu, sigma))
}

pub fn lognormvariate(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [mu, sigma] = reals(args, "lognormvariate", ["mu", "sigma"], [None, None])?;
    float(normal(vm, generator, mu, sigma).exp())
}

/// `expovariate(lambd)`: waiting times between events at rate `lambd`.
pub fn expovariate(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [lambd] = reals(args, "expovariate", ["lambd"], [None])?;
    let u = draw(vm, generator, |state| state.random());
    if lambd == 0.0 {
        return raise(ZeroDivisionError, "float division by zero");
    }
    float(-(1.0 - u).ln() / lambd)
}

/// `triangular(low=0.0, high=1.0, mode=None)`: `mode` `None` is the middle.
pub fn triangular(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [low, high, mode] = args.bind("triangular", ["low", "high", "mode"], 0)?;
    let real_or = |value: Option<Value>, default: f64| match value {
        Some(value) => real(&value),
        None => Ok(default),
    };
    let (mut low, mut high) = (real_or(low, 0.0)?, real_or(high, 1.0)?);
    let mode = match mode {
        None | Some(Value::None) => None,
        Some(mode) => Some(real(&mode)?),
    };
    let mut u = draw(vm, generator, |state| state.random());
    if high == low {
        return float(low);
    }
    let mut c = mode.map_or(0.5, |mode| (mode - low) / (high - low));
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    float(low + (high - low) * (u * c).sqrt())
}

pub fn paretovariate(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [alpha] = reals(args, "paretovariate", ["alpha"], [None])?;
    let u = 1.0 - draw(vm, generator, |state| state.random());
    float(u.powf(-1.0 / alpha))
}

pub fn weibullvariate(vm: &mut Vm, generator: &Generator, args: Args) -> PyResult<Invoked> {
    let [alpha, beta] = reals(args, "weibullvariate", ["alpha", "beta"], [None, None])?;
    let u = 1.0 - draw(vm, generator, |state| state.random());
    float(alpha * (-u.ln()).powf(1.0 / beta))
}
