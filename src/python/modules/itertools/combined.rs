//! `chain`, `zip_longest`, `pairwise` and `tee`: iterators over other iterables' items, one
//! after another, side by side, or shared.

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::registry::{done, Args};
use super::super::super::types::lazy::{items_of, Items, Lazy};
use super::super::super::value::{to_index, Value};
use super::super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// The items of each iterable in turn, each taken when reached (`chain`).
pub fn chained(mut iterables: Items) -> impl Iterator<Item = PyResult<Value>> + Send {
    let mut current: Option<Items> = None;
    std::iter::from_fn(move || loop {
        if let Some(items) = current.as_mut() {
            if let Some(item) = items.next() {
                return Some(item);
            }
        }
        current = match iterables.next()?.and_then(|iterable| items_of(&iterable)) {
            Ok(items) => Some(items),
            Err(error) => return Some(Err(error)),
        };
    })
}

/// `zip_longest(*iterables, fillvalue=None)`: tuples side by side until the longest ends, the
/// ended ones giving `fillvalue`.
pub fn zip_longest(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let fill = args.keyword("fillvalue").unwrap_or(Value::None);
    args.no_more_keywords("zip_longest")?;
    let mut columns = args
        .positional
        .iter()
        .map(|iterable| items_of(iterable).map(Some))
        .collect::<PyResult<Vec<_>>>()?;
    let mut active = columns.len();
    let rows = std::iter::from_fn(move || {
        if active == 0 {
            return None;
        }
        let mut row = Vec::with_capacity(columns.len());
        for column in &mut columns {
            let item = match column.as_mut().map(Iterator::next) {
                None => fill.clone(),
                Some(Some(item)) => match item {
                    Ok(item) => item,
                    Err(error) => return Some(Err(error)),
                },
                Some(None) => {
                    active -= 1;
                    if active == 0 {
                        return None;
                    }
                    *column = None;
                    fill.clone()
                }
            };
            row.push(item);
        }
        Some(Ok(Value::Tuple(row.into())))
    });
    done(Lazy::made("itertools.zip_longest", rows))
}

/// `pairwise(iterable)`: each item with the next one.
pub fn pairwise(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let mut source = items_of(&args.expect("pairwise", 1, 1)?[0])?;
    let mut previous = None;
    let pairs = std::iter::from_fn(move || {
        let first = match previous.take() {
            Some(first) => first,
            None => match source.next()? {
                Ok(first) => first,
                Err(error) => return Some(Err(error)),
            },
        };
        let second = match source.next()? {
            Ok(second) => second,
            Err(error) => return Some(Err(error)),
        };
        previous = Some(second.clone());
        Some(Ok(Value::Tuple([first, second].into())))
    });
    done(Lazy::made("itertools.pairwise", pairs))
}

/// What `tee`'s iterators share: the source, and for each iterator the items others took
/// from it that it has not yet.
struct Tee {
    source: Items,
    waiting: Vec<VecDeque<Value>>,
}

/// `tee(iterable, n=2)`: `n` iterators that each give every item of the iterable.
pub fn tee(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("tee", 1, 2)?;
    let count = match given.get(1) {
        None => 2,
        Some(count) => to_index(count)?,
    };
    let Ok(count) = usize::try_from(count) else {
        return raise(ValueError, "n must be >= 0");
    };
    let shared = Arc::new(Mutex::new(Tee {
        source: items_of(&given[0])?,
        waiting: vec![VecDeque::new(); count],
    }));
    let iterators = (0..count).map(|me| {
        let shared = Arc::clone(&shared);
        let items = std::iter::from_fn(move || {
            let mut tee = lock(&shared);
            let Tee { source, waiting } = &mut *tee;
            if let Some(item) = waiting[me].pop_front() {
                return Some(Ok(item));
            }
            let item = source.next()?;
            if let Ok(item) = &item {
                for (other, queue) in waiting.iter_mut().enumerate() {
                    if other != me {
                        queue.push_back(item.clone());
                    }
                }
            }
            Some(item)
        });
        Lazy::made("itertools._tee", items)
    });
    done(Value::Tuple(iterators.collect()))
}
