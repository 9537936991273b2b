//! `<` between instances whose class has its own `__lt__`, asked by a native that orders items
//! natively (a heap's sifts): the native runs with the answers it has; at a comparison it has
//! none for, it stops, the VM calls `__lt__` (a frame like any call) and runs the native again
//! from the start with one answer more. It asks the same questions in the same order each
//! time, so `__lt__` runs once for each, as in CPython. A native run this way changes nothing
//! when it stops (see `heap.rs`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::CmpOp;
use super::super::value::{same_object, Value};
use super::operators::compare;
use super::{Invoked, Then, Vm};
use std::cell::RefCell;

#[derive(Default)]
struct Questions {
    answers: Vec<(Value, Value, bool)>,
    wanted: Option<(Value, Value)>,
}

thread_local! {
    /// The answers of the native running on this worker under `rerun`.
    static ASKED: RefCell<Option<Questions>> = const { RefCell::new(None) };
}

/// `left < right` by the program's `__lt__`, if a native running under `rerun` asks it: the
/// answer, or an error that stops the native to ask it. `None`: no native is asking.
pub fn less(left: &Value, right: &Value) -> Option<PyResult<bool>> {
    ASKED.with(|asked| {
        let mut asked = asked.borrow_mut();
        let questions = asked.as_mut()?;
        let answer = questions
            .answers
            .iter()
            .find(|(a, b, _)| same_object(a, left) && same_object(b, right))
            .map(|(_, _, less)| *less);
        Some(match answer {
            Some(less) => Ok(less),
            None => {
                questions.wanted = Some((left.clone(), right.clone()));
                raise(
                    RuntimeError,
                    "threadplay cannot call __lt__ for this operation",
                )
            }
        })
    })
}

/// Runs `operation` until it has every answer it asks for, then gives what it made to `then`.
pub fn rerun<T: 'static>(
    vm: &mut Vm,
    operation: impl Fn(&mut Vm) -> PyResult<T> + Send + 'static,
    then: impl FnOnce(&mut Vm, T) -> PyResult<Invoked> + Send + 'static,
) -> PyResult<Invoked> {
    with_answers(vm, Vec::new(), Box::new(operation), Box::new(then))
}

type Operation<T> = Box<dyn Fn(&mut Vm) -> PyResult<T> + Send>;
type Finish<T> = Box<dyn FnOnce(&mut Vm, T) -> PyResult<Invoked> + Send>;

fn with_answers<T: 'static>(
    vm: &mut Vm,
    answers: Vec<(Value, Value, bool)>,
    operation: Operation<T>,
    then: Finish<T>,
) -> PyResult<Invoked> {
    let outer = ASKED.with(|asked| {
        asked.replace(Some(Questions {
            answers,
            wanted: None,
        }))
    });
    let result = operation(vm);
    let questions = ASKED.with(|asked| asked.replace(outer)).unwrap_or_default();
    let Some((left, right)) = questions.wanted else {
        return then(vm, result?);
    };
    let mut answers = questions.answers;
    let asked = compare(vm, CmpOp::Lt, left.clone(), right.clone())?;
    vm.then_after(
        asked,
        Then::new(move |vm, less| {
            answers.push((left, right, less.is_truthy()));
            with_answers(vm, answers, operation, then)
        }),
    )
}
