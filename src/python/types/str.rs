//! `str`'s methods.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::format::format_value;
use super::super::registry::{done, native, no_attributes, Args, TypeDef};
use super::super::value::{Value, MAX_SEQUENCE_LEN};
use super::super::vm::{Invoked, Vm};
use std::sync::Arc;

pub static TYPE: TypeDef = TypeDef {
    name: "str",
    methods: &[
        native("join", join),
        native("upper", |_, args| {
            transform(args, "upper", |text| text.to_uppercase())
        }),
        native("lower", |_, args| {
            transform(args, "lower", |text| text.to_lowercase())
        }),
        native("strip", |_, args| {
            transform(args, "strip", |text| text.trim().to_string())
        }),
        native("split", split),
        native("replace", replace),
        native("startswith", |_, args| {
            affix(args, "startswith", |text, part| text.starts_with(part))
        }),
        native("endswith", |_, args| {
            affix(args, "endswith", |text, part| text.ends_with(part))
        }),
        native("format", |_, args| done(str_format(this(&args)?, &args)?)),
    ],
    attribute: no_attributes,
};

/// The string a method was called on.
fn this(args: &Args) -> PyResult<&Arc<str>> {
    match &args.receiver {
        Value::Str(text) => Ok(text),
        other => raise(
            TypeError,
            format!("a str method called on {}", other.type_name()),
        ),
    }
}

fn string_arg(name: &str, value: &Value) -> PyResult<Arc<str>> {
    match value {
        Value::Str(text) => Ok(text.clone()),
        other => raise(
            TypeError,
            format!("{name}() argument must be str, not {}", other.type_name()),
        ),
    }
}

fn join(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let items = args.expect("join", 1, 1)?[0].items()?;
    let parts = items
        .iter()
        .map(|item| string_arg("join", item))
        .collect::<PyResult<Vec<_>>>()?;
    let joined = parts
        .iter()
        .map(|s| &**s)
        .collect::<Vec<_>>()
        .join(this(&args)?);
    if joined.len() > MAX_SEQUENCE_LEN {
        return raise(MemoryError, "string too long");
    }
    done(Value::str(joined))
}

fn transform(args: Args, name: &str, change: fn(&str) -> String) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    done(Value::str(change(this(&args)?)))
}

fn affix(args: Args, name: &str, test: fn(&str, &str) -> bool) -> PyResult<Invoked> {
    let part = string_arg(name, &args.expect(name, 1, 1)?[0])?;
    done(Value::Bool(test(this(&args)?, &part)))
}

fn split(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("split", 0, 1)?;
    let text = this(&args)?;
    let parts: Vec<Value> = match given.first() {
        Some(separator) => {
            let separator = string_arg("split", separator)?;
            if separator.is_empty() {
                return raise(ValueError, "empty separator");
            }
            text.split(&*separator).map(Value::str).collect()
        }
        None => text.split_whitespace().map(Value::str).collect(),
    };
    done(Value::list(parts))
}

fn replace(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("replace", 2, 2)?;
    let (from, to) = (
        string_arg("replace", &given[0])?,
        string_arg("replace", &given[1])?,
    );
    let text = this(&args)?;
    let count = if from.is_empty() {
        text.chars().count() + 1
    } else {
        text.matches(&*from).count()
    };
    if text.len() + count.saturating_mul(to.len()) > MAX_SEQUENCE_LEN {
        return raise(MemoryError, "string too long");
    }
    done(Value::str(text.replace(&*from, &to)))
}

/// `"{} and {:.2f}".format(a, b)`: automatic or numbered fields, with format specs.
fn str_format(template: &str, args: &Args) -> PyResult<Value> {
    let mut out = String::new();
    let mut next_auto = 0;
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let brace = rest.as_bytes()[open];
        if rest[open + 1..].starts_with(brace as char) {
            out.push(brace as char);
            rest = &rest[open + 2..];
            continue;
        }
        if brace == b'}' {
            return raise(ValueError, "Single '}' encountered in format string");
        }
        let Some(close) = rest[open..].find('}') else {
            return raise(ValueError, "Single '{' encountered in format string");
        };
        let field = &rest[open + 1..open + close];
        let (key, spec) = field.split_once(':').unwrap_or((field, ""));
        let value = if key.is_empty() {
            next_auto += 1;
            args.positional.get(next_auto - 1).cloned()
        } else if let Ok(index) = key.parse::<usize>() {
            args.positional.get(index).cloned()
        } else {
            args.keywords
                .iter()
                .find(|(name, _)| &**name == key)
                .map(|(_, value)| value.clone())
        };
        let Some(value) = value else {
            return raise(
                IndexError,
                format!("Replacement index {key} out of range for positional args tuple"),
            );
        };
        out.push_str(&format_value(&value, spec)?);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(Value::str(out))
}
