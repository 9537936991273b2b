//! `str.format`: `"{} and {name!r:>{width}}".format(a, name=b, width=8)`. A field names an
//! argument (automatic, numbered or a keyword), then its items and attributes (`{0[1]}`,
//! `{p.x}`), a conversion (`!s`, `!r`, `!a`) and a format spec, whose own fields are filled in
//! first. The program's `__str__` and `__repr__` make the text of its instances.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::format::format_value;
use super::super::items::get_item;
use super::super::registry::{done, Args};
use super::super::value::Value;
use super::super::vm::{Invoked, Text, Then, Vm};
use super::attribute;

/// The method: `template.format(*args, **kwargs)`. The fields are read first, then the
/// program's methods make the text of the values they name, then the text is put together.
pub fn format(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let Value::Str(template) = &args.receiver else {
        return raise(TypeError, "format() needs a str");
    };
    let mut fields = Fields {
        args: &args,
        next_auto: Some(0),
    };
    let pieces = fields.parse(template, 0)?;
    own_formats(vm, pieces, 0)
}

/// Calls the class's own `__format__` of each instance a field names without a conversion,
/// from the `at`th piece on, its text standing in for the instance; then makes the text.
fn own_formats(vm: &mut Vm, mut pieces: Vec<Piece>, at: usize) -> PyResult<Invoked> {
    let next = pieces
        .iter()
        .enumerate()
        .skip(at)
        .find_map(|(index, piece)| match piece {
            Piece::Field {
                value: Value::Instance(instance),
                conversion: None,
                spec,
            } => Some((index, instance.class.lookup("__format__")?, spec)),
            _ => None,
        });
    let Some((index, method, spec)) = next else {
        let mut texts = Vec::new();
        wanted_texts(&pieces, &mut texts);
        return vm.with_texts(&texts, move |_| done(Value::str(render(&pieces)?)));
    };
    let args = Args::new(vec![field_value(&pieces[index]), Value::str(render(spec)?)]);
    let called = vm.invoke(&method, args)?;
    vm.then_after(
        called,
        Then::new(move |vm, text| {
            pieces[index] = Piece::Field {
                value: text,
                conversion: None,
                spec: Vec::new(),
            };
            own_formats(vm, pieces, index + 1)
        }),
    )
}

fn field_value(piece: &Piece) -> Value {
    match piece {
        Piece::Field { value, .. } => value.clone(),
        Piece::Text(_) => Value::None,
    }
}

/// A format string, read: its text and its fields, with the values they name.
enum Piece {
    Text(String),
    Field {
        value: Value,
        conversion: Option<Text>,
        spec: Vec<Piece>,
    },
}

/// The texts the fields make: `str()` unless converted with `!r`.
fn wanted_texts(pieces: &[Piece], texts: &mut Vec<(Value, Text)>) {
    for piece in pieces {
        if let Piece::Field {
            value,
            conversion,
            spec,
        } = piece
        {
            texts.push((value.clone(), conversion.unwrap_or(Text::Str)));
            wanted_texts(spec, texts);
        }
    }
}

/// The text the pieces make.
fn render(pieces: &[Piece]) -> PyResult<String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Field {
                value,
                conversion,
                spec,
            } => {
                let spec = render(spec)?;
                let value = match conversion {
                    None => value.clone(),
                    Some(text) => Value::str(text.of(value)),
                };
                if spec.is_empty() {
                    out.push_str(&value.to_str());
                } else {
                    out.push_str(&format_value(&value, &spec)?);
                }
            }
        }
    }
    Ok(out)
}

/// The arguments, and the next automatic field's number (`None` once a field was numbered).
struct Fields<'a> {
    args: &'a Args,
    next_auto: Option<usize>,
}

impl Fields<'_> {
    /// `template`'s pieces; `depth` 1 inside a format spec.
    fn parse(&mut self, template: &str, depth: usize) -> PyResult<Vec<Piece>> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut rest = template;
        while let Some(open) = rest.find(['{', '}']) {
            text.push_str(&rest[..open]);
            let brace = rest.as_bytes()[open];
            if rest[open + 1..].starts_with(brace as char) {
                text.push(brace as char);
                rest = &rest[open + 2..];
                continue;
            }
            if brace == b'}' {
                return raise(ValueError, "Single '}' encountered in format string");
            }
            let Some(close) = matching_close(&rest[open..]) else {
                return raise(ValueError, "Single '{' encountered in format string");
            };
            pieces.push(Piece::Text(std::mem::take(&mut text)));
            pieces.push(self.field(&rest[open + 1..open + close], depth)?);
            rest = &rest[open + close + 1..];
        }
        text.push_str(rest);
        pieces.push(Piece::Text(text));
        Ok(pieces)
    }

    /// One field: `name[index].attr!conversion:spec`.
    fn field(&mut self, field: &str, depth: usize) -> PyResult<Piece> {
        let (name, spec) = split_spec(field);
        let (name, conversion) = match name.split_once('!') {
            Some((name, conversion)) => (name, Some(conversion)),
            None => (name, None),
        };
        // The field's own argument is numbered before those of its spec's fields.
        let value = self.lookup(name)?;
        let conversion = match conversion {
            None => None,
            Some("s") => Some(Text::Str),
            Some("r" | "a") => Some(Text::Repr),
            Some(other) => {
                return raise(ValueError, format!("Unknown conversion specifier {other}"))
            }
        };
        let spec = if spec.contains('{') {
            if depth > 0 {
                return raise(ValueError, "Max string recursion exceeded");
            }
            self.parse(spec, depth + 1)?
        } else {
            vec![Piece::Text(spec.to_string())]
        };
        Ok(Piece::Field {
            value,
            conversion,
            spec,
        })
    }

    /// The value a field names: its argument, then its items and attributes in turn.
    fn lookup(&mut self, name: &str) -> PyResult<Value> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (argument, mut rest) = name.split_at(first_end);
        let mut value = self.argument(argument)?;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('.') {
                let end = after.find(['.', '[']).unwrap_or(after.len());
                value = attribute(&value, &after[..end])?;
                rest = &after[end..];
            } else if let Some(after) = rest.strip_prefix('[') {
                let Some(end) = after.find(']') else {
                    return raise(ValueError, "Missing ']' in format string");
                };
                let key = &after[..end];
                let index = match key.parse::<i64>() {
                    Ok(number) => Value::Int(number.into()),
                    Err(_) => Value::str(key),
                };
                value = get_item(&value, &index)?;
                rest = &after[end + 1..];
            } else {
                return raise(
                    ValueError,
                    "Only '.' or '[' may follow ']' in format field specifier",
                );
            }
        }
        Ok(value)
    }

    /// The argument `{}`, `{0}` or `{name}` names.
    fn argument(&mut self, argument: &str) -> PyResult<Value> {
        let index = if argument.is_empty() {
            let Some(next) = self.next_auto else {
                return raise(
                    ValueError,
                    "cannot switch from manual field specification to automatic field numbering",
                );
            };
            self.next_auto = Some(next + 1);
            next
        } else if let Ok(index) = argument.parse::<usize>() {
            if self.next_auto.is_some_and(|next| next > 0) {
                return raise(
                    ValueError,
                    "cannot switch from automatic field numbering to manual field specification",
                );
            }
            self.next_auto = None;
            index
        } else {
            return self
                .args
                .keywords
                .iter()
                .find(|(name, _)| &**name == argument)
                .map(|(_, value)| value.clone())
                .ok_or_else(|| Exception::key_error(&Value::str(argument)));
        };
        match self.args.positional.get(index) {
            Some(value) => Ok(value.clone()),
            None => raise(
                IndexError,
                format!("Replacement index {index} out of range for positional args tuple"),
            ),
        }
    }
}

/// Where the `}` that closes the field opened at the start of `text` is (fields nest in
/// format specs: `{:{width}}`).
fn matching_close(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => return Some(at),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A field's name (with its conversion) and its format spec: split at the first `:` outside
/// brackets (`{d[a:b]}` names the key `a:b`).
fn split_spec(field: &str) -> (&str, &str) {
    let mut in_brackets = false;
    for (at, c) in field.char_indices() {
        match c {
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            ':' if !in_brackets => return (&field[..at], &field[at + 1..]),
            _ => {}
        }
    }
    (field, "")
}
