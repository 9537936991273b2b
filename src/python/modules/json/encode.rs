//! Python values as JSON text, as CPython's encoder writes them.

use super::super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::super::format::float_repr;
use super::super::super::types::dict::mapping_pairs;
use super::super::super::value::{order, Value};
use crate::event::lock;

pub struct Encoder {
    pub indent: Option<String>,
    pub sort_keys: bool,
    pub ensure_ascii: bool,
    pub item_separator: String,
    pub key_separator: String,
}

/// How deep containers may nest (CPython's recursion limit stops it near here).
const MAX_DEPTH: usize = 900;

impl Encoder {
    pub fn encode(&self, value: &Value, depth: usize, out: &mut String) -> PyResult<()> {
        if depth > MAX_DEPTH {
            return raise(
                RecursionError,
                "maximum recursion depth exceeded while encoding a JSON object",
            );
        }
        match value {
            Value::None => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&float_text(*f)),
            Value::Str(text) => self.string(text, out),
            Value::List(items) => {
                let items = lock(items).clone();
                self.sequence(&items, depth, out)?;
            }
            Value::Tuple(items) => self.sequence(items, depth, out)?,
            other => match mapping_pairs(other) {
                Some(pairs) => self.object(pairs, depth, out)?,
                None => {
                    return raise(
                        TypeError,
                        format!(
                            "Object of type {} is not JSON serializable",
                            other.type_name()
                        ),
                    )
                }
            },
        }
        Ok(())
    }

    fn sequence(&self, items: &[Value], depth: usize, out: &mut String) -> PyResult<()> {
        if items.is_empty() {
            out.push_str("[]");
            return Ok(());
        }
        out.push('[');
        for (at, item) in items.iter().enumerate() {
            self.separate(at, depth + 1, out);
            self.encode(item, depth + 1, out)?;
        }
        self.close(depth, out);
        out.push(']');
        Ok(())
    }

    fn object(
        &self,
        mut pairs: Vec<(Value, Value)>,
        depth: usize,
        out: &mut String,
    ) -> PyResult<()> {
        if pairs.is_empty() {
            out.push_str("{}");
            return Ok(());
        }
        if self.sort_keys {
            let mut failed = None;
            pairs.sort_by(|(a, _), (b, _)| {
                order(a, b).unwrap_or_else(|error| {
                    failed.get_or_insert(error);
                    std::cmp::Ordering::Equal
                })
            });
            if let Some(error) = failed {
                return Err(error);
            }
        }
        out.push('{');
        for (at, (key, value)) in pairs.iter().enumerate() {
            self.separate(at, depth + 1, out);
            let key = match key {
                Value::Str(text) => text.to_string(),
                Value::Int(_) | Value::Bool(_) | Value::None => {
                    let mut text = String::new();
                    self.encode(key, depth, &mut text)?;
                    text
                }
                Value::Float(f) => float_text(*f),
                other => {
                    return raise(
                        TypeError,
                        format!(
                            "keys must be str, int, float, bool or None, not {}",
                            other.type_name()
                        ),
                    )
                }
            };
            self.string(&key, out);
            out.push_str(&self.key_separator);
            self.encode(value, depth + 1, out)?;
        }
        self.close(depth, out);
        out.push('}');
        Ok(())
    }

    /// What goes before item `at` of a container at `depth`.
    fn separate(&self, at: usize, depth: usize, out: &mut String) {
        if at > 0 {
            out.push_str(&self.item_separator);
        }
        if let Some(indent) = &self.indent {
            out.push('\n');
            out.push_str(&indent.repeat(depth));
        }
    }

    /// What goes before a container's closing bracket.
    fn close(&self, depth: usize, out: &mut String) {
        if let Some(indent) = &self.indent {
            out.push('\n');
            out.push_str(&indent.repeat(depth));
        }
    }

    fn string(&self, text: &str, out: &mut String) {
        out.push('"');
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 || (self.ensure_ascii && !c.is_ascii()) => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        float_repr(f)
    }
}
