//! `str.maketrans` and `str.translate`: a table of code points to replacements (a cipher, a
//! punctuation strip), and the text it makes.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::get_item;
use super::super::registry::{done, native, Args, Native};
use super::super::value::{as_int, Value};
use super::super::vm::{Invoked, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

/// `str.maketrans(…)`, called on the type.
pub static CLASS_METHODS: &[Native] = &[native("maketrans", maketrans)];

fn ordinal(char: char) -> Value {
    Value::Int(u32::from(char).into())
}

/// `maketrans(mapping)`, `maketrans(from, to)` or `maketrans(from, to, deleted)`: a dict of
/// code points.
fn maketrans(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("maketrans", 1, 3)?;
    let mut pairs = Vec::new();
    match given {
        [Value::Dict(mapping)] => {
            let mapping = lock(mapping).clone();
            for (key, value) in mapping {
                let key = match &key {
                    Value::Str(text) => {
                        let mut chars = text.chars();
                        match (chars.next(), chars.next()) {
                            (Some(char), None) => ordinal(char),
                            _ => {
                                return raise(
                                    ValueError,
                                    "string keys in translate table must be of length 1",
                                )
                            }
                        }
                    }
                    key if as_int(key).is_some() => key.clone(),
                    _ => {
                        return raise(
                            TypeError,
                            "keys in translate table must be strings or integers",
                        )
                    }
                };
                pairs.push((key, value));
            }
        }
        [_] => {
            return raise(
                TypeError,
                "if you give only one argument to maketrans it must be a dict",
            )
        }
        [from, to, rest @ ..] => {
            let (Value::Str(from), Value::Str(to)) = (from, to) else {
                return raise(TypeError, "maketrans() argument 2 must be str, not int");
            };
            if from.chars().count() != to.chars().count() {
                return raise(
                    ValueError,
                    "the first two maketrans arguments must have equal length",
                );
            }
            // As a dict keeps them: a key set again keeps its first place.
            let mut table: Vec<(char, Value)> = Vec::new();
            let mut set =
                |key: char, value: Value| match table.iter_mut().find(|(at, _)| *at == key) {
                    Some((_, slot)) => *slot = value,
                    None => table.push((key, value)),
                };
            for (from, to) in from.chars().zip(to.chars()) {
                set(from, ordinal(to));
            }
            if let Some(deleted) = rest.first() {
                for char in deleted.to_str().chars() {
                    set(char, Value::None);
                }
            }
            pairs = table
                .into_iter()
                .map(|(key, value)| (ordinal(key), value))
                .collect();
        }
        [] => unreachable!("expect gave 1 to 3 arguments"),
    }
    done(Value::Dict(Arc::new(Mutex::new(pairs))))
}

/// `text.translate(table)`: each character the table maps to a code point, a string or `None`
/// (deleted); one it lacks stays.
pub fn translate(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let table = args.expect("translate", 1, 1)?[0].clone();
    let text = args.receiver.to_str();
    let mut translated = String::with_capacity(text.len());
    for char in text.chars() {
        match get_item(&table, &ordinal(char)) {
            Ok(Value::None) => {}
            Ok(Value::Str(replacement)) => translated.push_str(&replacement),
            Ok(other) => match as_int(&other)
                .and_then(|code| u32::try_from(code).ok())
                .and_then(char::from_u32)
            {
                Some(replacement) => translated.push(replacement),
                None if as_int(&other).is_some() => {
                    return raise(ValueError, "character mapping must be in range(0x110000)")
                }
                None => {
                    return raise(
                        TypeError,
                        "character mapping must return integer, None or str",
                    )
                }
            },
            Err(error) if error.kind.is_subclass_of(LookupError) => translated.push(char),
            Err(error) => return Err(error),
        }
    }
    done(Value::str(translated))
}
