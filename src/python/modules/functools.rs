//! `functools`: `wraps`, `partial`, `reduce`, `lru_cache`, `cache` and `total_ordering` (in
//! `total_ordering.rs`). A function these make
//! is a native method whose receiver holds what it closes over (the wrapped function, the
//! bound arguments, the cache).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::{get_item, set_item};
use super::super::registry::{done, native, wraps_function, Args, ModuleDef, Native};
use super::super::value::{Function, Value};
use super::super::vm::{Invoked, Then, Vm};
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "functools",
    functions: &[
        native("wraps", |_, args| {
            let wrapped = args.expect("wraps", 1, 1)?[0].clone();
            done(Value::Method(Arc::new((wrapped, &APPLY_WRAPS))))
        }),
        native("partial", |_, mut args| {
            if args.positional.is_empty() {
                return raise(TypeError, "partial() takes at least 1 argument (0 given)");
            }
            let func = args.positional.remove(0);
            let keywords: Vec<Value> = args
                .keywords
                .into_iter()
                .map(|(key, value)| Value::Tuple([Value::Str(key), value].into()))
                .collect();
            let bound = [
                func,
                Value::Tuple(args.positional.into()),
                Value::Tuple(keywords.into()),
            ];
            done(Value::Method(Arc::new((
                Value::Tuple(bound.into()),
                &CALL_PARTIAL,
            ))))
        }),
        native("reduce", reduce),
        native("total_ordering", super::total_ordering::total_ordering),
        native("lru_cache", |_, mut args| {
            // `@lru_cache` on the function, or `@lru_cache(maxsize=…)` giving the decorator.
            args.keyword("maxsize");
            args.keyword("typed");
            match args.expect("lru_cache", 0, 1)?.first() {
                Some(function @ (Value::Function(_) | Value::BoundMethod(_))) => {
                    done(cached(function.clone()))
                }
                _ => done(Value::Builtin(&CACHE)),
            }
        }),
        CACHE,
        native(
            "cached_property",
            super::super::types::descriptor::cached_property,
        ),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

const CACHE: Native = native("cache", |_, args| {
    done(cached(args.expect("cache", 1, 1)?[0].clone()))
});

/// `functools.wraps(wrapped)(wrapper)`: the wrapper, named and documented as the function it
/// wraps.
static APPLY_WRAPS: Native = native("wraps", |_, args| {
    let wrapper = args.expect("wraps", 1, 1)?[0].clone();
    let (Value::Function(wrapped), Value::Function(function)) = (&args.receiver, &wrapper) else {
        return done(wrapper);
    };
    let mut renamed = Function::new(
        Arc::clone(&function.code),
        function.defaults.clone(),
        function.closure.clone(),
    );
    renamed.name = Arc::clone(&wrapped.name);
    renamed.qualname = Arc::clone(&wrapped.qualname);
    renamed.doc = wrapped.doc.clone();
    renamed.is_abstract = wrapped.is_abstract;
    done(Value::Function(Arc::new(renamed)))
});

/// A `partial`: its function, called with the bound arguments before the call's.
static CALL_PARTIAL: Native = native("partial", |vm, mut args| {
    let Value::Tuple(bound) = std::mem::take(&mut args.receiver) else {
        return raise(RuntimeError, "a partial lost its arguments");
    };
    let [func, Value::Tuple(positional), Value::Tuple(keywords)] = &bound[..] else {
        return raise(RuntimeError, "a partial lost its arguments");
    };
    args.positional.splice(0..0, positional.iter().cloned());
    for pair in keywords.iter() {
        if let Value::Tuple(pair) = pair {
            if let [Value::Str(key), value] = &pair[..] {
                if !args.keywords.iter().any(|(known, _)| known == key) {
                    args.keywords.push((Arc::clone(key), value.clone()));
                }
            }
        }
    }
    vm.invoke(func, args)
});

/// `reduce(function, iterable[, initial])`: each call may be Python code, so each runs as a
/// callback.
fn reduce(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("reduce", 2, 3)?;
    let func = given[0].clone();
    let mut items = given[1].items()?.into_iter();
    let Some(first) = given.get(2).cloned().or_else(|| items.next()) else {
        return raise(
            TypeError,
            "reduce() of empty iterable with no initial value",
        );
    };
    reduce_from(first, func, items)
}

fn reduce_from(
    total: Value,
    func: Value,
    mut items: std::vec::IntoIter<Value>,
) -> PyResult<Invoked> {
    let Some(item) = items.next() else {
        return done(total);
    };
    let args = Args::new(vec![total, item]);
    Ok(Invoked::CallThen(
        func.clone(),
        args,
        Then::new(move |_, total| reduce_from(total, func, items)),
    ))
}

/// A function whose results are kept, by its positional arguments.
fn cached(function: Value) -> Value {
    let state = Value::Tuple([function, Value::Dict(Arc::default())].into());
    Value::Method(Arc::new((state, &CALL_CACHED)))
}

static CALL_CACHED: Native = wraps_function("lru_cache", |vm, mut args| {
    let Value::Tuple(state) = std::mem::take(&mut args.receiver) else {
        return raise(RuntimeError, "a cache lost its function");
    };
    let [function, cache] = &state[..] else {
        return raise(RuntimeError, "a cache lost its function");
    };
    let key = Value::Tuple(args.positional.clone().into());
    if let Ok(value) = get_item(cache, &key) {
        return done(value);
    }
    let cache = cache.clone();
    let called = vm.invoke(function, args)?;
    vm.then_after(
        called,
        Then::new(move |_, value| {
            set_item(&cache, &key, value.clone())?;
            done(value)
        }),
    )
});
