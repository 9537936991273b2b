//! `zip`, `map`, `filter` and `enumerate` (and `itertools.filterfalse` and `compress`) as
//! CPython's: iterators that take an item from each
//! source only when asked for one. A source may be a generator or another iterator that runs
//! Python code (and a mapped function is Python code), so an item is a chain of calls that
//! may turn out to be the end: it then gives `EXHAUSTED`, which the loops, `next()` and the
//! natives that take every item read as the end (see `or_at_end`).

use super::super::error::PyResult;
use super::super::registry::{
    done, native, no_attributes, Args, Native, NativeIterator, PyObject, TypeDef,
};
use super::super::value::{Int, Value};
use super::super::vm::{as_generator, Invoked, Then, Vm};
use super::iterator;
use super::lazy::{is_lazy, items_of, Items};
use crate::event::lock;
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "iterator",
    methods: &[],
    attribute: no_attributes,
};

/// What an item that turns out to be the end gives; no program can name it.
static EXHAUSTED: Native = native("<exhausted>", |_, _| done(Value::None));

pub fn exhausted() -> Value {
    Value::Builtin(&EXHAUSTED)
}

pub fn is_exhausted(value: &Value) -> bool {
    matches!(value, Value::Builtin(native) if std::ptr::eq(*native, &EXHAUSTED))
}

/// `item`, or what `at_end` gives if it turns out to be the end.
pub fn or_at_end(
    vm: &mut Vm,
    item: Invoked,
    at_end: impl FnOnce(&mut Vm) -> PyResult<Invoked> + Send + 'static,
) -> PyResult<Invoked> {
    match item {
        Invoked::Value(value) if is_exhausted(&value) => at_end(vm),
        Invoked::Value(_) => Ok(item),
        pending => vm.then_after(
            pending,
            Then::new(move |vm, value| {
                if is_exhausted(&value) {
                    at_end(vm)
                } else {
                    done(value)
                }
            }),
        ),
    }
}

/// What the iterator makes of a row of items, one from each source.
enum Kind {
    Zip,
    Map(Value),
    /// The items whose test (`None`: `bool`) gives `keep_when`.
    Filter {
        test: Value,
        keep_when: bool,
    },
    /// The first source's items whose item in the second is true.
    Compress,
    /// The next count.
    Enumerate(Mutex<Int>),
}

enum Source {
    /// A lazy iterator's items, or a snapshot of a container's: no Python code.
    Native(Mutex<Items>),
    /// A generator, or an iterator whose items may run Python code.
    Python(Value),
}

struct State {
    name: &'static str,
    kind: Kind,
    sources: Vec<Source>,
}

pub struct Pulled(Arc<State>);

/// Whether `value` is an iterator whose items `Pulled` takes through `next()`.
pub fn runs_python(value: &Value) -> bool {
    match value {
        Value::Object(object) => {
            as_generator(value).is_some() || (object.as_iterator().is_some() && !is_lazy(value))
        }
        _ => false,
    }
}

impl Pulled {
    fn made(name: &'static str, kind: Kind, iterables: &[Value]) -> PyResult<Value> {
        let sources = iterables
            .iter()
            .map(|iterable| {
                Ok(if runs_python(iterable) {
                    Source::Python(iterable.clone())
                } else {
                    Source::Native(Mutex::new(items_of(iterable)?))
                })
            })
            .collect::<PyResult<_>>()?;
        Ok(Value::Object(Arc::new(Pulled(Arc::new(State {
            name,
            kind,
            sources,
        })))))
    }

    pub fn zip(iterables: &[Value]) -> PyResult<Value> {
        Pulled::made("zip", Kind::Zip, iterables)
    }

    pub fn map(function: Value, iterables: &[Value]) -> PyResult<Value> {
        Pulled::made("map", Kind::Map(function), iterables)
    }

    /// `filter(function, iterable)`; with `None`, the true items (`bool` decides).
    pub fn filter(function: Value, iterable: Value) -> PyResult<Value> {
        let kind = Kind::Filter {
            test: function,
            keep_when: true,
        };
        Pulled::made("filter", kind, &[iterable])
    }

    /// `itertools.filterfalse(function, iterable)`: the items `filter` leaves out.
    pub fn filter_false(function: Value, iterable: Value) -> PyResult<Value> {
        let kind = Kind::Filter {
            test: function,
            keep_when: false,
        };
        Pulled::made("itertools.filterfalse", kind, &[iterable])
    }

    /// `itertools.compress(data, selectors)`.
    pub fn compress(data: Value, selectors: Value) -> PyResult<Value> {
        Pulled::made("itertools.compress", Kind::Compress, &[data, selectors])
    }

    pub fn enumerate(iterable: Value, start: Int) -> PyResult<Value> {
        Pulled::made("enumerate", Kind::Enumerate(Mutex::new(start)), &[iterable])
    }
}

impl PyObject for Pulled {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    /// `filterfalse`, whose repr names it `itertools.filterfalse`.
    fn type_name(&self) -> &'static str {
        self.0.name.rsplit('.').next().unwrap_or(self.0.name)
    }

    fn repr(&self) -> String {
        format!(
            "<{} object at {:#x}>",
            self.0.name, self as *const Self as usize
        )
    }

    fn as_iterator(&self) -> Option<&dyn NativeIterator> {
        Some(self)
    }
}

impl NativeIterator for Pulled {
    fn next_item(&self, vm: &mut Vm) -> PyResult<Option<Invoked>> {
        next_of(vm, Arc::clone(&self.0)).map(Some)
    }
}

type Row = Box<dyn FnOnce(&mut Vm, Option<Vec<Value>>) -> PyResult<Invoked> + Send>;

/// The next item: a row made into it, or `EXHAUSTED`.
fn next_of(vm: &mut Vm, state: Arc<State>) -> PyResult<Invoked> {
    let made = Arc::clone(&state);
    let then: Row = Box::new(move |_, row| {
        let Some(mut row) = row else {
            return done(exhausted());
        };
        match &made.kind {
            Kind::Zip => done(Value::Tuple(row.into())),
            Kind::Enumerate(count) => {
                let mut count = lock(count);
                let numbered =
                    Value::Tuple([Value::Int(*count), row.pop().unwrap_or_default()].into());
                *count += 1;
                done(numbered)
            }
            Kind::Map(function) => Ok(Invoked::CallThen(
                function.clone(),
                Args::new(row),
                Then::new(|_, result| done(result)),
            )),
            Kind::Filter { test, keep_when } => {
                let item = row.pop().unwrap_or_default();
                let test = match test {
                    Value::None => truth(),
                    test => test.clone(),
                };
                kept_if(Arc::clone(&made), test, item.clone(), item, *keep_when)
            }
            Kind::Compress => {
                let selector = row.pop().unwrap_or_default();
                let datum = row.pop().unwrap_or_default();
                kept_if(Arc::clone(&made), truth(), selector, datum, true)
            }
        }
    });
    pull_row(vm, state, Vec::new(), then)
}

fn truth() -> Value {
    super::super::modules::builtin("bool").unwrap_or_default()
}

/// `item` if `test(tested)` is `keep_when`, else the next item. The test is called through the
/// VM's loop, not here: items left out one after another do not nest calls on the worker's
/// stack.
fn kept_if(
    state: Arc<State>,
    test: Value,
    tested: Value,
    item: Value,
    keep_when: bool,
) -> PyResult<Invoked> {
    Ok(Invoked::CallThen(
        test,
        Args::new(vec![tested]),
        Then::new(move |vm, verdict| {
            if verdict.is_truthy() == keep_when {
                done(item)
            } else {
                next_of(vm, state)
            }
        }),
    ))
}

/// Takes an item from each source after those `row` has; `None` once one ends.
fn pull_row(vm: &mut Vm, state: Arc<State>, mut row: Vec<Value>, then: Row) -> PyResult<Invoked> {
    loop {
        let Some(source) = state.sources.get(row.len()) else {
            return then(vm, Some(row));
        };
        match source {
            Source::Native(items) => match lock(items).next() {
                None => return then(vm, None),
                Some(item) => row.push(item?),
            },
            Source::Python(iterable) => {
                let item = iterator::next(vm, Args::new(vec![iterable.clone(), exhausted()]))?;
                let state = Arc::clone(&state);
                let more = Then::new(move |vm, item| {
                    if is_exhausted(&item) {
                        return then(vm, None);
                    }
                    row.push(item);
                    pull_row(vm, state, row, then)
                });
                return vm.then_after(item, more);
            }
        }
    }
}
