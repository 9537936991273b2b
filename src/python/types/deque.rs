//! `collections.deque`: a double-ended queue threads share. Each method holds its lock for the
//! whole change, so an `append` in one thread and a `popleft` in another never see each other
//! halfway: CPython's are atomic too, and producer/consumer tutorials rely on it without a
//! lock of their own. With a `maxlen`, adding to a full deque drops an item from the other end.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::{
    as_int, equals, resolve_index, to_index, unless_recursive, Int, Value, MAX_SEQUENCE_LEN,
};
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "deque",
    methods: &[
        native("append", |_, args| {
            let item = args.expect("append", 1, 1)?[0].clone();
            let deque = args.this::<Deque>()?;
            deque.add(&mut lock(&deque.items), item, End::Right)?;
            done(Value::None)
        }),
        native("appendleft", |_, args| {
            let item = args.expect("appendleft", 1, 1)?[0].clone();
            let deque = args.this::<Deque>()?;
            deque.add(&mut lock(&deque.items), item, End::Left)?;
            done(Value::None)
        }),
        native("pop", |_, args| take(&args, "pop", End::Right)),
        native("popleft", |_, args| take(&args, "popleft", End::Left)),
        native("extend", |_, args| extend(&args, "extend", End::Right)),
        native("extendleft", |_, args| {
            extend(&args, "extendleft", End::Left)
        }),
        native("rotate", rotate),
        native("clear", |_, args| {
            args.expect("clear", 0, 0)?;
            lock(&args.this::<Deque>()?.items).clear();
            done(Value::None)
        }),
        native("copy", |_, args| {
            args.expect("copy", 0, 0)?;
            let deque = args.this::<Deque>()?;
            let items = lock(&deque.items).clone();
            done(made(items, deque.maxlen))
        }),
        native("count", |_, args| {
            let wanted = &args.expect("count", 1, 1)?[0];
            let items = lock(&args.this::<Deque>()?.items).clone();
            let count = items.iter().filter(|item| equals(item, wanted)).count();
            done(Value::Int(count as Int))
        }),
        native("index", |_, args| {
            let wanted = &args.expect("index", 1, 1)?[0];
            let items = lock(&args.this::<Deque>()?.items).clone();
            match items.iter().position(|item| equals(item, wanted)) {
                Some(at) => done(Value::Int(at as Int)),
                None => not_in_deque(wanted),
            }
        }),
        native("remove", |_, args| {
            let wanted = &args.expect("remove", 1, 1)?[0];
            let deque = args.this::<Deque>()?;
            let mut items = lock(&deque.items);
            match items.iter().position(|item| equals(item, wanted)) {
                Some(at) => {
                    items.remove(at);
                    done(Value::None)
                }
                None => not_in_deque(wanted),
            }
        }),
        native("reverse", |_, args| {
            args.expect("reverse", 0, 0)?;
            lock(&args.this::<Deque>()?.items)
                .make_contiguous()
                .reverse();
            done(Value::None)
        }),
        native("insert", insert),
    ],
    attribute: |object, name| match (downcast::<Deque>(object), name) {
        (Some(deque), "maxlen") => Some(
            deque
                .maxlen
                .map_or(Value::None, |maxlen| Value::Int(maxlen as Int)),
        ),
        _ => None,
    },
};

pub struct Deque {
    items: Mutex<VecDeque<Value>>,
    /// `None`: no limit.
    maxlen: Option<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum End {
    Left,
    Right,
}

fn made(items: VecDeque<Value>, maxlen: Option<usize>) -> Value {
    Value::Object(Arc::new(Deque {
        items: Mutex::new(items),
        maxlen,
    }))
}

/// `deque(iterable=(), maxlen=None)`.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let maxlen_keyword = args.keyword("maxlen");
    let iterable_keyword = args.keyword("iterable");
    let given = args.expect("deque", 0, 2)?;
    let maxlen = match maxlen_keyword.as_ref().or(given.get(1)) {
        None | Some(Value::None) => None,
        Some(value) => match as_int(value) {
            Some(maxlen) if maxlen < 0 => return raise(ValueError, "maxlen must be non-negative"),
            Some(maxlen) => Some(usize::try_from(maxlen).unwrap_or(usize::MAX)),
            None => return raise(TypeError, "an integer is required"),
        },
    };
    let deque = Deque {
        items: Mutex::default(),
        maxlen,
    };
    if let Some(iterable) = iterable_keyword.as_ref().or(given.first()) {
        let mut items = lock(&deque.items);
        for item in iterable.items()? {
            deque.add(&mut items, item, End::Right)?;
        }
    }
    done(Value::Object(Arc::new(deque)))
}

impl Deque {
    /// Adds `item` at `end`, dropping one from the other end if the deque is full.
    fn add(&self, items: &mut VecDeque<Value>, item: Value, end: End) -> PyResult<()> {
        if self.maxlen == Some(0) {
            return Ok(());
        }
        if self.maxlen == Some(items.len()) {
            match end {
                End::Right => items.pop_front(),
                End::Left => items.pop_back(),
            };
        }
        if items.len() >= MAX_SEQUENCE_LEN {
            return raise(MemoryError, "deque too long");
        }
        match end {
            End::Right => items.push_back(item),
            End::Left => items.push_front(item),
        }
        Ok(())
    }
}

/// `pop()` and `popleft()`.
fn take(args: &Args, name: &str, end: End) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    let deque = args.this::<Deque>()?;
    let mut items = lock(&deque.items);
    let item = match end {
        End::Right => items.pop_back(),
        End::Left => items.pop_front(),
    };
    match item {
        Some(item) => done(item),
        None => raise(IndexError, "pop from an empty deque"),
    }
}

/// `extend(iterable)` and `extendleft(iterable)`, which adds the items in reverse.
fn extend(args: &Args, name: &str, end: End) -> PyResult<Invoked> {
    let more = args.expect(name, 1, 1)?[0].items()?;
    let deque = args.this::<Deque>()?;
    let mut items = lock(&deque.items);
    for item in more {
        deque.add(&mut items, item, end)?;
    }
    done(Value::None)
}

/// `rotate(n=1)`: `n` steps to the right (to the left if negative).
fn rotate(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("rotate", 0, 1)?;
    let steps = match given.first() {
        None => 1,
        Some(value) => to_index(value)?,
    };
    let deque = args.this::<Deque>()?;
    let mut items = lock(&deque.items);
    if !items.is_empty() {
        let len = items.len() as Int;
        items.rotate_right(steps.rem_euclid(len) as usize);
    }
    done(Value::None)
}

/// `insert(i, x)`, as `list.insert` places it.
fn insert(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("insert", 2, 2)?;
    let deque = args.this::<Deque>()?;
    let mut items = lock(&deque.items);
    if deque.maxlen == Some(items.len()) {
        return raise(IndexError, "deque already at its maximum size");
    }
    let len = items.len() as Int;
    let at = to_index(&given[0])?;
    let at = if at < 0 {
        (at + len).max(0)
    } else {
        at.min(len)
    };
    items.insert(at as usize, given[1].clone());
    done(Value::None)
}

fn not_in_deque<T>(wanted: &Value) -> PyResult<T> {
    raise(ValueError, format!("{} is not in deque", wanted.repr()))
}

impl PyObject for Deque {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        unless_recursive(std::ptr::from_ref(self).cast(), "[...]", || {
            let items = self.contents().unwrap_or_default().repr();
            match self.maxlen {
                Some(maxlen) => format!("deque({items}, maxlen={maxlen})"),
                None => format!("deque({items})"),
            }
        })
    }

    /// A process gets a copy, as pickling would give it.
    fn for_child_process(&self) -> Option<Value> {
        let items = lock(&self.items)
            .iter()
            .map(Value::copied_for_process)
            .collect();
        Some(made(items, self.maxlen))
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(lock(&self.items).iter().cloned().collect()))
    }

    fn length(&self) -> Option<usize> {
        Some(lock(&self.items).len())
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        let items = lock(&self.items);
        Some(resolve_index(index, items.len(), "deque").map(|at| items[at].clone()))
    }

    fn set_item(&self, index: &Value, value: Value) -> Option<PyResult<()>> {
        let mut items = lock(&self.items);
        Some(resolve_index(index, items.len(), "deque").map(|at| items[at] = value))
    }

    fn delete_item(&self, index: &Value) -> Option<PyResult<()>> {
        let mut items = lock(&self.items);
        Some(resolve_index(index, items.len(), "deque").map(|at| {
            items.remove(at);
        }))
    }

    /// Deques compare as lists of their items: copies, so no lock is held while comparing
    /// (the items may hold either deque).
    fn compare_key(&self) -> Option<Value> {
        self.contents()
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        Some(raise(TypeError, "unhashable type: 'collections.deque'"))
    }

    fn contents(&self) -> Option<Value> {
        Some(Value::list(lock(&self.items).iter().cloned().collect()))
    }
}
