//! `itertools.groupby(iterable, key)` with a key function: each run of items with equal keys,
//! as the key and an iterator over the run. The key is the program's function, so a run is
//! found when it is taken, calling the key on its items (and on the next run's first) as
//! callbacks: a loop printing each run between those calls prints what CPython's does.

use super::super::error::PyResult;
use super::super::registry::{done, no_attributes, Args, NativeIterator, PyObject, TypeDef};
use super::super::value::{equals, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::lazy::{Items, Lazy};
use crate::event::lock;
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "groupby",
    methods: &[],
    attribute: no_attributes,
};

pub struct GroupBy {
    key: Value,
    state: Arc<Mutex<State>>,
}

struct State {
    source: Items,
    /// The next run's first item and its key, once the last run's end found it.
    next_run: Option<(Value, Value)>,
}

impl GroupBy {
    pub fn made(key: Value, source: Items) -> Value {
        Value::Object(Arc::new(GroupBy {
            key,
            state: Arc::new(Mutex::new(State {
                source,
                next_run: None,
            })),
        }))
    }
}

impl PyObject for GroupBy {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<itertools.groupby object at {:#x}>",
            self as *const Self as usize
        )
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for GroupBy {
    fn next_item(&self, _: &mut Vm) -> PyResult<Option<Invoked>> {
        let mut state = lock(&self.state);
        if let Some((run_key, first)) = state.next_run.take() {
            drop(state);
            return run_on(
                Arc::clone(&self.state),
                self.key.clone(),
                run_key,
                vec![first],
            )
            .map(Some);
        }
        let Some(first) = state.source.next().transpose()? else {
            return Ok(None);
        };
        drop(state);
        let call = Args::new(vec![first.clone()]);
        let (shared, key) = (Arc::clone(&self.state), self.key.clone());
        let started = Then::new(move |_, run_key| run_on(shared, key, run_key, vec![first]));
        Ok(Some(Invoked::CallThen(self.key.clone(), call, started)))
    }
}

/// Takes the run's items until the key changes (the item found then starts the next run) or
/// the source ends, then gives `(key, run)`.
fn run_on(
    state: Arc<Mutex<State>>,
    key: Value,
    run_key: Value,
    mut run: Vec<Value>,
) -> PyResult<Invoked> {
    let Some(item) = lock(&state).source.next().transpose()? else {
        return done(run_of(run_key, run));
    };
    let call = Args::new(vec![item.clone()]);
    let function = key.clone();
    let compared = Then::new(move |_, item_key| {
        if equals(&item_key, &run_key) {
            run.push(item);
            return run_on(state, key, run_key, run);
        }
        lock(&state).next_run = Some((item_key, item));
        done(run_of(run_key, run))
    });
    Ok(Invoked::CallThen(function, call, compared))
}

/// A run as `groupby` gives it: `(key, iterator over its items)`.
pub fn run_of(key: Value, run: Vec<Value>) -> Value {
    Value::Tuple([key, Lazy::over("itertools._grouper", run)].into())
}
