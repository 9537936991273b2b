//! Sorting and picking the least or greatest of instances whose class orders them with its
//! own `__lt__` (or `__gt__`, reflected): each comparison is Python code, so it runs as a
//! call, and the native waits for its answer before asking the next.

use super::error::{raise, ExceptionKind::*, PyResult};
use super::ir::CmpOp;
use super::value::Value;
use super::vm::operators::{compare, has_operators};
use super::vm::{Invoked, Then, Vm};

/// `(key, item)` pairs, as `sorted`, `min` and `max` order them.
pub type Keyed = Vec<(Value, Value)>;

type Finish = Box<dyn FnOnce(&mut Vm, Keyed) -> PyResult<Invoked> + Send>;

/// Whether ordering these keys may call a class's special methods.
pub fn needs_methods(keyed: &[(Value, Value)]) -> bool {
    keyed.iter().any(|(key, _)| has_operators(key))
}

/// A computation that asks for one comparison at a time.
trait Comparisons: Send + Sized + 'static {
    /// The next comparison wanted; `None` once the answers are all in.
    fn next(&mut self) -> Option<(CmpOp, Value, Value)>;
    fn answer(&mut self, truth: bool);
    fn finish(self, vm: &mut Vm) -> PyResult<Invoked>;
}

/// Asks `state`'s comparisons in turn, going on at once when one needs no Python code.
fn run<C: Comparisons>(vm: &mut Vm, mut state: C) -> PyResult<Invoked> {
    loop {
        let Some((op, left, right)) = state.next() else {
            return state.finish(vm);
        };
        match compare(vm, op, left, right)? {
            Invoked::Value(truth) => state.answer(truth.is_truthy()),
            pending => {
                let then = Then::new(move |vm, truth| {
                    state.answer(truth.is_truthy());
                    run(vm, state)
                });
                return vm.then_after(pending, then);
            }
        }
    }
}

/// A stable sort by `<` alone, as CPython's `list.sort` promises: binary insertion, each new
/// item going after the equal ones already placed. `reverse` reverses before and after, so
/// equal items keep their order then too.
pub fn sort(vm: &mut Vm, mut keyed: Keyed, reverse: bool, finish: Finish) -> PyResult<Invoked> {
    if reverse {
        keyed.reverse();
    }
    let state = Insertion {
        placed: Vec::with_capacity(keyed.len()),
        pending: keyed.into_iter(),
        current: None,
        bounds: (0, 0),
        reverse,
        finish,
    };
    run(vm, state)
}

struct Insertion {
    placed: Keyed,
    pending: std::vec::IntoIter<(Value, Value)>,
    /// The item being placed, and where it may go (`lo..hi` of `placed`).
    current: Option<(Value, Value)>,
    bounds: (usize, usize),
    reverse: bool,
    finish: Finish,
}

impl Comparisons for Insertion {
    fn next(&mut self) -> Option<(CmpOp, Value, Value)> {
        loop {
            let (lo, hi) = self.bounds;
            match self.current.take() {
                None => {
                    self.current = Some(self.pending.next()?);
                    self.bounds = (0, self.placed.len());
                }
                Some(item) if lo == hi => self.placed.insert(lo, item),
                Some(item) => {
                    let asked = (
                        CmpOp::Lt,
                        item.0.clone(),
                        self.placed[(lo + hi) / 2].0.clone(),
                    );
                    self.current = Some(item);
                    return Some(asked);
                }
            }
        }
    }

    fn answer(&mut self, less: bool) {
        let (lo, hi) = self.bounds;
        let mid = (lo + hi) / 2;
        self.bounds = if less { (lo, mid) } else { (mid + 1, hi) };
    }

    fn finish(mut self, vm: &mut Vm) -> PyResult<Invoked> {
        if self.reverse {
            self.placed.reverse();
        }
        (self.finish)(vm, self.placed)
    }
}

/// `min` (`<`) or `max` (`>`) of `(key, item)` pairs: the first item whose key is least (or
/// greatest), `default` if there are none.
pub fn extreme(vm: &mut Vm, keyed: Keyed, max: bool, default: Option<Value>) -> PyResult<Invoked> {
    let mut pending = keyed.into_iter();
    let best = pending.next();
    let state = Extreme {
        best,
        candidate: None,
        pending,
        op: if max { CmpOp::Gt } else { CmpOp::Lt },
        default,
    };
    run(vm, state)
}

struct Extreme {
    best: Option<(Value, Value)>,
    candidate: Option<(Value, Value)>,
    pending: std::vec::IntoIter<(Value, Value)>,
    op: CmpOp,
    default: Option<Value>,
}

impl Comparisons for Extreme {
    fn next(&mut self) -> Option<(CmpOp, Value, Value)> {
        let best = self.best.as_ref()?;
        let candidate = self.pending.next()?;
        let asked = (self.op, candidate.0.clone(), best.0.clone());
        self.candidate = Some(candidate);
        Some(asked)
    }

    fn answer(&mut self, better: bool) {
        if better {
            self.best = self.candidate.take();
        }
    }

    fn finish(self, _: &mut Vm) -> PyResult<Invoked> {
        let name = if self.op == CmpOp::Gt { "max" } else { "min" };
        match (self.best, self.default) {
            (Some((_, item)), _) | (None, Some(item)) => Ok(Invoked::Value(item)),
            (None, None) => raise(ValueError, format!("{name}() arg is an empty sequence")),
        }
    }
}
