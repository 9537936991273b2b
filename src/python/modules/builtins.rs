//! The names every program has without importing them: `print`, `range`, `len`, `sorted`…

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::format::format_value;
use super::super::items::{key_keyword, sort_keywords, sort_then, with_keys};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::types::class::set_attribute;
use super::super::types::{attribute, kinds};
use super::super::value::{as_int, order, range_len, Int, Value};
use super::super::vm::{Invoked, Text, Vm};

pub static MODULE: ModuleDef = ModuleDef {
    name: "builtins",
    functions: &[
        native("print", print),
        native("range", |_, args| done(range(&args)?)),
        native("len", |_, args| {
            let n = args.expect("len", 1, 1)?[0].len()?;
            done(Value::Int(n as Int))
        }),
        native("str", |vm, args| {
            let given = args.expect("str", 0, 1)?;
            let Some(value) = given.first() else {
                return done(Value::str(""));
            };
            vm.texts(vec![(value.clone(), Text::Str)], |_, texts| {
                done(Value::str(texts.concat()))
            })
        }),
        native("repr", |vm, args| {
            let value = args.expect("repr", 1, 1)?[0].clone();
            vm.texts(vec![(value, Text::Repr)], |_, texts| {
                done(Value::str(texts.concat()))
            })
        }),
        native("int", |_, args| {
            done(to_int(
                args.expect("int", 0, 1)?.first().unwrap_or(&Value::Int(0)),
            )?)
        }),
        native("float", |_, args| {
            done(to_float(
                args.expect("float", 0, 1)?
                    .first()
                    .unwrap_or(&Value::Float(0.0)),
            )?)
        }),
        native("bool", |_, args| {
            done(Value::Bool(
                args.expect("bool", 0, 1)?
                    .first()
                    .is_some_and(Value::is_truthy),
            ))
        }),
        native("round", |_, args| done(round(args.expect("round", 1, 2)?)?)),
        native("abs", |_, args| done(abs(&args.expect("abs", 1, 1)?[0])?)),
        native("min", |vm, args| extreme(vm, args, false)),
        native("max", |vm, args| extreme(vm, args, true)),
        native("sum", |_, args| done(sum(args.expect("sum", 1, 2)?)?)),
        native("sorted", sorted),
        native("list", |_, args| {
            done(Value::list(items_or_empty(args.expect("list", 0, 1)?)?))
        }),
        native("tuple", |_, args| {
            done(Value::Tuple(
                items_or_empty(args.expect("tuple", 0, 1)?)?.into(),
            ))
        }),
        native("enumerate", |_, args| {
            done(enumerate(args.expect("enumerate", 1, 2)?)?)
        }),
        native("zip", |_, args| done(zip(&args)?)),
        native("type", |_, args| {
            done(kinds::type_of(&args.expect("type", 1, 1)?[0])?)
        }),
        native("getattr", |_, args| {
            let given = args.expect("getattr", 2, 3)?;
            match (attribute(&given[0], &given[1].to_str()), given.get(2)) {
                (Ok(value), _) => done(value),
                (Err(error), Some(default)) if error.kind == AttributeError => {
                    done(default.clone())
                }
                (Err(error), _) => Err(error),
            }
        }),
        native("hasattr", |_, args| {
            let given = args.expect("hasattr", 2, 2)?;
            done(Value::Bool(
                attribute(&given[0], &given[1].to_str()).is_ok(),
            ))
        }),
        native("setattr", |_, args| {
            let given = args.expect("setattr", 3, 3)?;
            set_attribute(&given[0], &given[1].to_str(), given[2].clone())?;
            done(Value::None)
        }),
        native("isinstance", |_, args| {
            let given = args.expect("isinstance", 2, 2)?;
            done(Value::Bool(kinds::is_instance(&given[0], &given[1])?))
        }),
        native("format", |_, args| {
            let given = args.expect("format", 1, 2)?;
            let spec = given.get(1).map(Value::to_str).unwrap_or_default();
            done(Value::str(format_value(&given[0], &spec)?))
        }),
    ],
    exceptions: ExceptionKind::BUILTINS,
    constants: &[],
    submodules: &[],
};

/// `print(*values, sep=' ', end='\n', flush=False)`.
fn print(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let text_keyword = |args: &mut Args, key: &str, default: &str| match args.keyword(key) {
        None | Some(Value::None) => Ok(default.to_string()),
        Some(Value::Str(text)) => Ok(text.to_string()),
        Some(other) => raise(
            TypeError,
            format!("{key} must be None or a string, not {}", other.type_name()),
        ),
    };
    let sep = text_keyword(&mut args, "sep", " ")?;
    let end = text_keyword(&mut args, "end", "\n")?;
    args.keyword("flush");
    args.no_more_keywords("print")?;
    let values = args
        .positional
        .into_iter()
        .map(|value| (value, Text::Str))
        .collect();
    vm.texts(values, move |vm, texts| {
        let mut text = texts.join(&sep);
        text.push_str(&end);
        vm.write(&text)?;
        done(Value::None)
    })
}

fn items_or_empty(args: &[Value]) -> PyResult<Vec<Value>> {
    args.first().map_or(Ok(Vec::new()), Value::items)
}

fn range(args: &Args) -> PyResult<Value> {
    let given = args.expect("range", 1, 3)?;
    let mut bounds = [0, 0, 1];
    for (i, value) in given.iter().enumerate() {
        let Some(n) = as_int(value) else {
            return raise(
                TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    value.type_name()
                ),
            );
        };
        let Ok(n) = i64::try_from(n) else {
            return raise(OverflowError, "range() arguments must fit in 64 bits");
        };
        bounds[i] = n;
    }
    let [start, stop, step] = match given.len() {
        1 => [0, bounds[0], 1],
        _ => bounds,
    };
    if step == 0 {
        return raise(ValueError, "range() arg 3 must not be zero");
    }
    Ok(Value::Range(start, stop, step))
}

pub fn to_int(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) if f.is_finite() && f.abs() < 1.7e38 => Ok(Value::Int(f.trunc() as Int)),
        Value::Float(_) => raise(
            OverflowError,
            "cannot convert float infinity or NaN to integer",
        ),
        Value::Str(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .map(Value::Int)
            .or_else(|_| {
                raise(
                    ValueError,
                    format!("invalid literal for int() with base 10: {}", value.repr()),
                )
            }),
        other => as_int(other).map(Value::Int).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "int() argument must be a string or a number, not '{}'",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

fn to_float(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) => Ok(Value::Float(*f)),
        Value::Str(text) => {
            let text = text.trim().to_lowercase();
            let parsed = match text.as_str() {
                "inf" | "infinity" | "+inf" => Some(f64::INFINITY),
                "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                "nan" => Some(f64::NAN),
                _ => text
                    .parse()
                    .ok()
                    .filter(|_| !text.contains("inf") && !text.contains("nan")),
            };
            parsed.map(Value::Float).map_or_else(
                || {
                    raise(
                        ValueError,
                        format!("could not convert string to float: {}", value.repr()),
                    )
                },
                Ok,
            )
        }
        other => as_int(other).map(|i| Value::Float(i as f64)).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "float() argument must be a string or a number, not '{}'",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

/// `round(x)` rounds half to even, to an int; `round(x, n)` to the float nearest the decimal.
fn round(args: &[Value]) -> PyResult<Value> {
    let digits = match args.get(1) {
        None | Some(Value::None) => None,
        Some(n) => Some(
            as_int(n).map_or_else(|| raise(TypeError, "round() digits must be an integer"), Ok)?,
        ),
    };
    match (&args[0], digits) {
        (Value::Float(f), None) => to_int(&Value::Float(f.round_ties_even())),
        (Value::Float(f), Some(digits)) => {
            let digits = digits.clamp(-308, 308);
            if digits >= 0 {
                // Formatting rounds the exact binary value correctly, as Python's round does.
                let text = format!("{f:.*}", digits as usize);
                Ok(Value::Float(text.parse().unwrap_or(*f)))
            } else {
                let scale = 10f64.powi(-digits as i32);
                Ok(Value::Float((f / scale).round_ties_even() * scale))
            }
        }
        (value, _) if as_int(value).is_some() => Ok(Value::Int(as_int(value).unwrap_or_default())),
        (other, _) => raise(
            TypeError,
            format!("type {} doesn't define __round__ method", other.type_name()),
        ),
    }
}

fn abs(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        other => match as_int(other) {
            Some(i) => i
                .checked_abs()
                .map(Value::Int)
                .map_or_else(|| raise(OverflowError, "integer too large"), Ok),
            None => raise(
                TypeError,
                format!("bad operand type for abs(): '{}'", other.type_name()),
            ),
        },
    }
}

/// `min` and `max`, with `key=`: the first of the items whose key is least (or greatest).
fn extreme(vm: &mut Vm, mut args: Args, max: bool) -> PyResult<Invoked> {
    let name = if max { "max" } else { "min" };
    let key = key_keyword(&mut args);
    args.no_more_keywords(name)?;
    let items = match args.positional.as_slice() {
        [single] => single.items()?,
        many => many.to_vec(),
    };
    let pick = move |_: &mut Vm, keyed: Vec<(Value, Value)>| {
        let mut best: Option<(Value, Value)> = None;
        for (key, item) in keyed {
            let better = match &best {
                None => true,
                Some((best_key, _)) => {
                    let ordering = order(&key, best_key)?;
                    if max {
                        ordering.is_gt()
                    } else {
                        ordering.is_lt()
                    }
                }
            };
            if better {
                best = Some((key, item));
            }
        }
        match best {
            Some((_, item)) => done(item),
            None => raise(ValueError, format!("{name}() arg is an empty sequence")),
        }
    };
    match key {
        Some(key) => with_keys(vm, items, key, pick),
        None => pick(
            vm,
            items.into_iter().map(|item| (item.clone(), item)).collect(),
        ),
    }
}

fn sum(args: &[Value]) -> PyResult<Value> {
    let mut total = args.get(1).cloned().unwrap_or(Value::Int(0));
    let add = |total: &Value, item: &Value| {
        super::super::value::binary(super::super::ir::BinOp::Add, total, item)
    };
    // A range is added as it is counted, never made a list: `sum(range(10**7))`.
    if let Value::Range(start, _, step) = args[0] {
        for i in 0..range_len(&args[0]) {
            total = add(&total, &Value::Int(Int::from(start + i * step)))?;
        }
        return Ok(total);
    }
    for item in args[0].items()? {
        total = add(&total, &item)?;
    }
    Ok(total)
}

/// `sorted(iterable, key=None, reverse=False)`.
fn sorted(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let (key, reverse) = sort_keywords(&mut args);
    let items = args.expect("sorted", 1, 1)?[0].items()?;
    sort_then(vm, items, key, reverse, |_, sorted| {
        done(Value::list(sorted))
    })
}

fn enumerate(args: &[Value]) -> PyResult<Value> {
    let start = args.get(1).and_then(as_int).unwrap_or(0);
    let items = args[0].items()?;
    Ok(Value::list(
        items
            .into_iter()
            .zip(start..)
            .map(|(item, i)| Value::Tuple([Value::Int(i), item].into()))
            .collect(),
    ))
}

fn zip(args: &Args) -> PyResult<Value> {
    args.no_more_keywords("zip")?;
    let columns = args
        .positional
        .iter()
        .map(Value::items)
        .collect::<PyResult<Vec<_>>>()?;
    let len = columns.iter().map(Vec::len).min().unwrap_or(0);
    Ok(Value::list(
        (0..len)
            .map(|row| Value::Tuple(columns.iter().map(|column| column[row].clone()).collect()))
            .collect(),
    ))
}
