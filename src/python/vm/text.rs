//! The text of values as Python makes it, with the program's `__str__` and `__repr__`
//! methods: they run first, as frames like any call (so they may even block), one after
//! another; then the text is made with their results standing in for the instances'.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::Args;
use super::super::types::attribute;
use super::super::value::Value;
use super::{Invoked, Then, Vm};
use crate::event::lock;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::Arc;

/// Which text of a value: `str()` or `repr()`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Text {
    Str,
    Repr,
}

impl Text {
    /// This text of `value` (with what the program's methods made, while they stand in).
    pub fn of(self, value: &Value) -> String {
        match self {
            Text::Str => value.to_str(),
            Text::Repr => value.repr(),
        }
    }
}

/// How deep into containers instances are looked for.
const MAX_DEPTH: usize = 16;

/// What a method gave, by instance (its address) and text.
type Made = Vec<(usize, Text, String)>;

thread_local! {
    /// The methods' results, while the text of the values is made on this worker.
    static MADE: RefCell<Made> = const { RefCell::new(Vec::new()) };
}

/// The text a program's method made for `instance`, if one is being made now.
pub fn made_text(instance: *const (), text: Text) -> Option<String> {
    MADE.with(|made| {
        let made = made.borrow();
        made.iter()
            .find(|(at, kind, _)| *at == instance as usize && *kind == text)
            .or_else(|| {
                // `str()` of an instance without `__str__` is its `repr()`.
                made.iter().find(|(at, kind, _)| {
                    *at == instance as usize && *kind == Text::Repr && text == Text::Str
                })
            })
            .map(|(_, _, made)| made.clone())
    })
}

/// Whether making the text of `value` calls a method of the program.
pub fn has_methods(value: &Value) -> bool {
    let mut calls = Vec::new();
    collect(value, Text::Str, 0, &mut calls);
    !calls.is_empty()
}

impl Vm<'_, '_> {
    /// Makes the texts of `values`, calling the `__str__`/`__repr__` methods of the instances
    /// among them (and inside their lists, tuples, sets and dicts), and gives them to `then`.
    pub fn texts(
        &mut self,
        values: Vec<(Value, Text)>,
        then: impl FnOnce(&mut Vm, Vec<String>) -> PyResult<Invoked> + Send + 'static,
    ) -> PyResult<Invoked> {
        let wanted = values.clone();
        self.with_texts(&wanted, move |vm| {
            let texts = values.iter().map(|(value, text)| text.of(value)).collect();
            // What `then` formats is its own business.
            MADE.with(|current| current.borrow_mut().clear());
            then(vm, texts)
        })
    }

    /// Runs `make` once the program's `__str__`/`__repr__` methods that the texts of `values`
    /// call have run: while it runs, `to_str()` and `repr()` of those instances give what the
    /// methods gave. For natives that format (`%`, `str.format`, `format`).
    pub fn with_texts(
        &mut self,
        values: &[(Value, Text)],
        make: impl FnOnce(&mut Vm) -> PyResult<Invoked> + Send + 'static,
    ) -> PyResult<Invoked> {
        let mut calls = Vec::new();
        for (value, text) in values {
            collect(value, *text, 0, &mut calls);
        }
        call_each(self, calls.into(), Vec::new(), Box::new(make))
    }
}

type Make = Box<dyn FnOnce(&mut Vm) -> PyResult<Invoked> + Send>;

/// Calls the methods one after another, keeping what each gave, then runs `make` with what
/// they gave standing in for the instances' texts.
fn call_each(
    vm: &mut Vm,
    mut calls: VecDeque<(usize, Text, Value)>,
    mut made: Made,
    make: Make,
) -> PyResult<Invoked> {
    let Some((at, text, method)) = calls.pop_front() else {
        MADE.with(|current| *current.borrow_mut() = made);
        let made = make(vm);
        MADE.with(|current| current.borrow_mut().clear());
        return made;
    };
    let called = vm.invoke(&method, Args::default())?;
    vm.then_after(
        called,
        Then::new(move |vm, result| {
            let Value::Str(result) = result else {
                let name = if text == Text::Str {
                    "__str__"
                } else {
                    "__repr__"
                };
                return raise(
                    TypeError,
                    format!("{name} returned non-string (type {})", result.type_name()),
                );
            };
            made.push((at, text, result.to_string()));
            call_each(vm, calls, made, make)
        }),
    )
}

/// The texts `template % args` makes of the instances among `args`: `%s` their `str()`, `%r`
/// and `%a` their `repr()`.
pub fn percent_texts(template: &str, args: &Value) -> Vec<(Value, Text)> {
    let mut kinds = Vec::new();
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let mut conversion = chars.next();
        if conversion == Some('(') {
            // A mapping key: `%(name)s`.
            chars.find(|c| *c == ')');
            conversion = chars.next();
        }
        let conversion = conversion
            .into_iter()
            .chain(chars.by_ref())
            .find(|c| c.is_ascii_alphabetic() || *c == '%');
        let kind = match conversion {
            Some('s') => Text::Str,
            Some('r' | 'a') => Text::Repr,
            _ => continue,
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let items = match args {
        Value::Tuple(items) => items.to_vec(),
        Value::Dict(pairs) => lock(pairs).iter().map(|(_, value)| value.clone()).collect(),
        other => vec![other.clone()],
    };
    items
        .iter()
        .flat_map(|item| kinds.iter().map(|kind| (item.clone(), *kind)))
        .collect()
}

/// The methods to call for the text of `value`: its own, if it is an instance of a class
/// with one, or its items' `__repr__`.
fn collect(value: &Value, text: Text, depth: usize, calls: &mut Vec<(usize, Text, Value)>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Instance(instance) => {
            let at = Arc::as_ptr(instance) as *const () as usize;
            if calls
                .iter()
                .any(|(seen, kind, _)| *seen == at && *kind == text)
            {
                return;
            }
            let names: &[&str] = match text {
                Text::Str => &["__str__", "__repr__"],
                Text::Repr => &["__repr__"],
            };
            for name in names {
                if instance.class.lookup(name).is_some() {
                    if let Ok(method) = attribute(value, name) {
                        let kind = if *name == "__str__" {
                            Text::Str
                        } else {
                            Text::Repr
                        };
                        calls.push((at, kind, method));
                    }
                    return;
                }
            }
        }
        Value::List(items) => {
            let items = lock(items).clone();
            items
                .iter()
                .for_each(|item| collect(item, Text::Repr, depth + 1, calls));
        }
        Value::Tuple(items) => items
            .iter()
            .for_each(|item| collect(item, Text::Repr, depth + 1, calls)),
        Value::Set(set) => {
            let items = lock(&set.table).items();
            items
                .iter()
                .for_each(|item| collect(item, Text::Repr, depth + 1, calls));
        }
        Value::Dict(pairs) => {
            let pairs = lock(pairs).clone();
            for (key, item) in &pairs {
                collect(key, Text::Repr, depth + 1, calls);
                collect(item, Text::Repr, depth + 1, calls);
            }
        }
        Value::Object(object) => {
            if let Some(contents) = object.contents() {
                collect(&contents, Text::Repr, depth + 1, calls);
            }
        }
        _ => {}
    }
}
