//! `string.Template` (PEP 292): `$name` and `${name}` replaced by the `str()` of a mapping's
//! values and `$$` by `$`, with CPython's errors for a name missing and for a `$` that starts
//! no placeholder.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::items::get_item;
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Text, Vm};
use std::sync::Arc;

pub struct Template {
    template: Arc<str>,
}

static TYPE: TypeDef = TypeDef {
    name: "Template",
    methods: &[
        native("substitute", |vm, args| substitute(vm, args, false)),
        native("safe_substitute", |vm, args| substitute(vm, args, true)),
    ],
    attribute: |object, name| {
        let template = downcast::<Template>(object)?;
        (name == "template").then(|| Value::Str(Arc::clone(&template.template)))
    },
};

impl PyObject for Template {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<string.Template object at {:#x}>",
            self as *const Self as usize
        )
    }
}

/// `Template(template)`.
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    match args.bind("Template", ["template"], 1)? {
        [Some(Value::Str(template))] => done(Value::Object(Arc::new(Template { template }))),
        [other] => raise(
            TypeError,
            format!(
                "expected string or bytes-like object, got '{}'",
                other.unwrap_or_default().type_name()
            ),
        ),
    }
}

/// A part of a template, as CPython's pattern finds it.
enum Piece<'a> {
    Text(&'a str),
    /// `$$`.
    Dollar,
    /// `$name` or `${name}`, as written.
    Placeholder {
        name: &'a str,
        written: &'a str,
    },
    /// A `$` that starts no placeholder, at this byte.
    Invalid(usize),
}

fn is_identifier_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

/// The identifier at the start of `text` (ASCII, as CPython's `idpattern`), if one is.
fn identifier(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    if !bytes.first().copied().is_some_and(is_identifier_start) {
        return None;
    }
    let end = bytes
        .iter()
        .position(|&byte| !(byte.is_ascii_alphanumeric() || byte == b'_'))
        .unwrap_or(bytes.len());
    Some(&text[..end])
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest_at = 0;
    while let Some(offset) = template[rest_at..].find('$') {
        let dollar = rest_at + offset;
        if dollar > rest_at {
            pieces.push(Piece::Text(&template[rest_at..dollar]));
        }
        let after = &template[dollar + 1..];
        let braced = after.strip_prefix('{').and_then(|inner| {
            identifier(inner).filter(|name| inner[name.len()..].starts_with('}'))
        });
        let (piece, length) = if after.starts_with('$') {
            (Piece::Dollar, 2)
        } else if let Some(name) = identifier(after) {
            let written = &template[dollar..dollar + 1 + name.len()];
            (Piece::Placeholder { name, written }, written.len())
        } else if let Some(name) = braced {
            let written = &template[dollar..dollar + 3 + name.len()];
            (Piece::Placeholder { name, written }, written.len())
        } else {
            (Piece::Invalid(dollar), 1)
        };
        pieces.push(piece);
        rest_at = dollar + length;
    }
    if rest_at < template.len() {
        pieces.push(Piece::Text(&template[rest_at..]));
    }
    pieces
}

/// CPython's message for a `$` at byte `dollar` that starts no placeholder: its line and
/// column (in characters, from 1), lines split as `str.splitlines` splits them.
fn invalid_placeholder(template: &str, dollar: usize) -> Exception {
    let before = &template[..dollar];
    let mut line = 1;
    let mut line_start = 0;
    let mut chars = before.char_indices().peekable();
    while let Some((at, char)) = chars.next() {
        let ends_line = match char {
            '\r' => !matches!(chars.peek(), Some((_, '\n'))),
            '\n' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}'
            | '\u{2029}' => true,
            _ => false,
        };
        if ends_line {
            line += 1;
            line_start = at + char.len_utf8();
        }
    }
    let column = before[line_start..].chars().count() + 1;
    Exception::new(
        ValueError,
        format!("Invalid placeholder in string: line {line}, col {column}"),
    )
}

/// `substitute(mapping={}, /, **kws)` and `safe_substitute`, which leaves a placeholder it has
/// no value for (and a lone `$`) as written. Keywords come before the mapping's items.
fn substitute(vm: &mut Vm, mut args: Args, safe: bool) -> PyResult<Invoked> {
    let template = args.this::<Template>()?;
    let callee = if safe {
        "safe_substitute"
    } else {
        "substitute"
    };
    if args.positional.len() > 1 {
        return raise(
            TypeError,
            format!(
                "Template.{callee}() takes from 1 to 2 positional arguments but {} were given",
                args.positional.len() + 1
            ),
        );
    }
    let mapping = args.positional.pop();
    let keywords = std::mem::take(&mut args.keywords);
    let value_of = |name: &str| -> PyResult<Value> {
        if let Some((_, value)) = keywords.iter().find(|(key, _)| &**key == name) {
            return Ok(value.clone());
        }
        match &mapping {
            Some(mapping) => get_item(mapping, &Value::str(name)),
            None => Err(Exception::key_error(&Value::str(name))),
        }
    };
    // Each piece's text, or the value whose `str()` it is.
    let mut parts: Vec<Result<String, Value>> = Vec::new();
    for piece in pieces(&template.template) {
        parts.push(match piece {
            Piece::Text(text) => Ok(text.to_string()),
            Piece::Dollar => Ok("$".to_string()),
            Piece::Placeholder { name, written } => match value_of(name) {
                Ok(value) => Err(value),
                Err(error) if safe && error.kind == KeyError => Ok(written.to_string()),
                Err(error) => return Err(error),
            },
            Piece::Invalid(_) if safe => Ok("$".to_string()),
            Piece::Invalid(dollar) => return Err(invalid_placeholder(&template.template, dollar)),
        });
    }
    let values = parts
        .iter()
        .filter_map(|part| part.as_ref().err())
        .map(|value| (value.clone(), Text::Str))
        .collect();
    vm.texts(values, move |_, texts| {
        let mut texts = texts.into_iter();
        let substituted: String = parts
            .into_iter()
            .map(|part| part.unwrap_or_else(|_| texts.next().unwrap_or_default()))
            .collect();
        done(Value::str(substituted))
    })
}
