//! `iter()` and `next()`. `iter(sequence)` is a lazy iterator (see `lazy.rs`) over a snapshot
//! of its items, so `islice(it, 3)` leaves the rest in it; a generator, and any native
//! iterator (`as_completed(…)`, `executor.map(…)`), is its own.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, Args, NativeIterator};
use super::super::value::Value;
use super::super::vm::{as_generator, iter_method, resume, Finish, Invoked, Then, Vm};
use super::call_iterator::CallIterator;
use super::instance_iterator::{checked_iterator, InstanceIterator};
use super::lazy::Lazy;
use super::pulled::or_at_end;

/// `iter(iterable)`: a generator or an iterator is its own. `iter(callable, sentinel)` calls.
pub fn iter(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("iter", 1, 2)?;
    if let [callable, sentinel] = given {
        return done(CallIterator::made(callable.clone(), sentinel.clone()));
    }
    let iterable = &given[0];
    if let Some(method) = iter_method(iterable) {
        let iterator = vm.invoke(&method, Args::new(vec![iterable.clone()]))?;
        return vm.then_after(
            iterator,
            Then::new(|_, iterator| done(checked_iterator(iterator)?)),
        );
    }
    if let Value::Object(object) = iterable {
        if as_generator(iterable).is_some() || object.as_iterator().is_some() {
            return done(iterable.clone());
        }
    }
    let type_name = match iterable {
        Value::List(_) => "list_iterator",
        Value::Tuple(_) => "tuple_iterator",
        Value::Str(_) => "str_ascii_iterator",
        Value::Dict(_) => "dict_keyiterator",
        Value::Set(_) => "set_iterator",
        Value::Range(..) => "range_iterator",
        _ => "iterator",
    };
    done(Lazy::over(type_name, iterable.items()?))
}

/// `next(iterator[, default])`.
pub fn next(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("next", 1, 2)?;
    let default = given.get(1).cloned();
    if let Some(generator) = as_generator(&given[0]) {
        let finish = default.map_or(Finish::Raise, Finish::Default);
        return resume(vm, &generator, Value::None, finish);
    }
    let instance_iterator = InstanceIterator::of(&given[0]);
    let iterator = match &given[0] {
        Value::Object(object) => object.as_iterator(),
        _ => instance_iterator
            .as_deref()
            .map(|iterator| iterator as &dyn NativeIterator),
    };
    let Some(iterator) = iterator else {
        return raise(
            TypeError,
            format!("'{}' object is not an iterator", given[0].type_name()),
        );
    };
    match (iterator.next_item(vm)?, default) {
        (Some(item), default) => or_at_end(vm, item, move |_| match default {
            Some(default) => done(default),
            None => raise(StopIteration, ""),
        }),
        (None, Some(default)) => done(default),
        (None, None) => raise(StopIteration, ""),
    }
}
