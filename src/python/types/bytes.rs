//! `bytes`: what `str.encode()` gives, `hashlib` takes and `b'…'` writes. Immutable, so one
//! value is shared by every thread that holds it. Its text codecs are `codec.rs`'s.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::slice_indices;
use super::super::registry::{done, downcast_ref, native, no_attributes, Args, PyObject, TypeDef};
use super::super::value::{as_int, check_len, to_index, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::codec;
use crate::python::ir::BinOp;
use std::cmp::Ordering;
use std::sync::Arc;

pub struct PyBytes(pub Box<[u8]>);

/// A `bytes` value holding `data`.
pub fn value(data: impl Into<Box<[u8]>>) -> Value {
    Value::Object(Arc::new(PyBytes(data.into())))
}

/// The bytes `value` holds, if it is `bytes`.
pub fn of(value: &Value) -> Option<&[u8]> {
    downcast_ref::<PyBytes>(value).map(|bytes| &*bytes.0)
}

/// The bytes of an argument that must be bytes (`split`'s separator, `write`'s data), or
/// CPython's `TypeError`.
pub fn required(value: &Value) -> PyResult<&[u8]> {
    of(value).map_or_else(|| not_bytes_like(value), Ok)
}

/// CPython's `TypeError` for `value` where bytes must be.
pub fn not_bytes_like<T>(value: &Value) -> PyResult<T> {
    raise(
        TypeError,
        format!(
            "a bytes-like object is required, not '{}'",
            value.type_name()
        ),
    )
}

/// `find` and `count`'s argument: bytes, or one byte as an int.
fn part_arg(value: &Value) -> PyResult<Vec<u8>> {
    match (of(value), as_int(value)) {
        (Some(part), _) => Ok(part.to_vec()),
        (None, Some(byte @ 0..=255)) => Ok(vec![byte as u8]),
        (None, Some(_)) => raise(ValueError, "byte must be in range(0, 256)"),
        (None, None) => raise(
            TypeError,
            format!(
                "argument should be integer or bytes-like object, not '{}'",
                value.type_name()
            ),
        ),
    }
}

/// `startswith` and `endswith`: whether `data` has `given` (bytes, or a tuple of them) there.
fn has_at(name: &str, data: &[u8], given: &Value, at: fn(&[u8], &[u8]) -> bool) -> PyResult<bool> {
    let candidates = match given {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    for candidate in &candidates {
        let Some(part) = of(candidate) else {
            return raise(
                TypeError,
                format!(
                    "{name} first arg must be bytes or a tuple of bytes, not {}",
                    candidate.type_name()
                ),
            );
        };
        if at(data, part) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// ASCII whitespace as CPython's bytes methods take it: with the vertical tab.
fn is_space(byte: &u8) -> bool {
    byte.is_ascii_whitespace() || *byte == 0x0b
}

pub static TYPE: TypeDef = TypeDef {
    name: "bytes",
    methods: &[
        native("decode", |_, args| {
            let data = args.this::<PyBytes>()?;
            let [encoding, errors] = args.bind("decode", ["encoding", "errors"], 0)?;
            done(Value::str(codec::decode(&data.0, encoding, errors)?))
        }),
        native("hex", |_, args| {
            args.expect("hex", 0, 0)?;
            done(Value::str(hex(&args.this::<PyBytes>()?.0)))
        }),
        native("upper", |_, args| {
            transform(&args, "upper", <[u8]>::to_ascii_uppercase)
        }),
        native("lower", |_, args| {
            transform(&args, "lower", <[u8]>::to_ascii_lowercase)
        }),
        native("strip", |_, args| strip(&args, "strip", true, true)),
        native("lstrip", |_, args| strip(&args, "lstrip", true, false)),
        native("rstrip", |_, args| strip(&args, "rstrip", false, true)),
        native("split", split),
        native("join", join),
        native("startswith", |_, args| {
            let given = &args.expect("startswith", 1, 1)?[0];
            let data = args.this::<PyBytes>()?;
            done(Value::Bool(has_at(
                "startswith",
                &data.0,
                given,
                <[u8]>::starts_with,
            )?))
        }),
        native("endswith", |_, args| {
            let given = &args.expect("endswith", 1, 1)?[0];
            let data = args.this::<PyBytes>()?;
            done(Value::Bool(has_at(
                "endswith",
                &data.0,
                given,
                <[u8]>::ends_with,
            )?))
        }),
        native("find", |_, args| {
            let part = part_arg(&args.expect("find", 1, 1)?[0])?;
            let found = find(&args.this::<PyBytes>()?.0, &part);
            done(Value::Int(found.map_or(-1, |at| at as Int)))
        }),
        native("index", |_, args| {
            let part = part_arg(&args.expect("index", 1, 1)?[0])?;
            match find(&args.this::<PyBytes>()?.0, &part) {
                Some(at) => done(Value::Int(at as Int)),
                None => raise(ValueError, "subsection not found"),
            }
        }),
        native("count", |_, args| {
            let part = part_arg(&args.expect("count", 1, 1)?[0])?;
            let data = args.this::<PyBytes>()?;
            done(Value::Int(pieces(&data.0, &part).len() as Int - 1))
        }),
        native("replace", |_, args| {
            let given = args.expect("replace", 2, 2)?;
            let (old, new) = (required(&given[0])?, required(&given[1])?);
            let data = args.this::<PyBytes>()?;
            done(value(pieces(&data.0, old).join(new)))
        }),
    ],
    attribute: no_attributes,
};

/// `bytes.fromhex(…)`, called on the type.
pub static CLASS_METHODS: &[super::super::registry::Native] = &[native("fromhex", |_, args| {
    let given = args.expect("fromhex", 1, 1)?;
    let Value::Str(text) = &given[0] else {
        return raise(
            TypeError,
            format!(
                "fromhex() argument must be str, not {}",
                given[0].type_name()
            ),
        );
    };
    // Pairs of hex digits, with whitespace between pairs; CPython names the first wrong place.
    let digits: Vec<char> = text.chars().collect();
    let digit_at = |at: usize| digits.get(at).and_then(|c| c.to_digit(16)).map(|d| d as u8);
    let mut data = Vec::new();
    let mut at = 0;
    while at < digits.len() {
        if digits[at].is_ascii() && is_space(&(digits[at] as u8)) {
            at += 1;
            continue;
        }
        let (Some(high), Some(low)) = (digit_at(at), digit_at(at + 1)) else {
            let wrong = if digit_at(at).is_none() { at } else { at + 1 };
            return raise(
                ValueError,
                format!("non-hexadecimal number found in fromhex() arg at position {wrong}"),
            );
        };
        data.push(high * 16 + low);
        at += 2;
    }
    done(value(data))
})];

/// `bytes(…)`: empty, `n` zero bytes, the bytes of a list of ints, or text encoded.
pub fn construct(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [source, encoding, errors] = args.bind("bytes", ["source", "encoding", "errors"], 0)?;
    let Some(source) = source else {
        return done(value(Vec::new()));
    };
    if let Value::Str(text) = &source {
        if encoding.is_none() {
            return raise(TypeError, "string argument without an encoding");
        }
        return done(value(codec::encode(text, encoding, errors)?));
    }
    if encoding.is_some() {
        return raise(TypeError, "encoding without a string argument");
    }
    if let Some(data) = of(&source) {
        return done(value(data));
    }
    if let Some(count) = as_int(&source) {
        if count < 0 {
            return raise(ValueError, "negative count");
        }
        let count = usize::try_from(count).unwrap_or(usize::MAX);
        check_len(count)?;
        return done(value(vec![0; count]));
    }
    if let Value::Float(_) = source {
        return raise(TypeError, "cannot convert 'float' object to bytes");
    }
    done(value(from_ints(&source)?))
}

/// The bytes an iterable of ints below 256 makes (`bytes([1, 2])`, `int.from_bytes([1, 2])`).
pub fn from_ints(source: &Value) -> PyResult<Vec<u8>> {
    source
        .items()?
        .iter()
        .map(|item| match to_index(item)? {
            byte @ 0..=255 => Ok(byte as u8),
            _ => raise(ValueError, "bytes must be in range(0, 256)"),
        })
        .collect()
}

fn transform(args: &Args, name: &str, change: fn(&[u8]) -> Vec<u8>) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    done(value(change(&args.this::<PyBytes>()?.0)))
}

fn strip(args: &Args, name: &str, left: bool, right: bool) -> PyResult<Invoked> {
    let given = args.expect(name, 0, 1)?;
    let chars = match given.first() {
        None | Some(Value::None) => None,
        Some(chars) => Some(required(chars)?),
    };
    let strips = |byte: &u8| match chars {
        Some(chars) => chars.contains(byte),
        None => is_space(byte),
    };
    let data = args.this::<PyBytes>()?;
    let mut kept: &[u8] = &data.0;
    while left && kept.first().is_some_and(strips) {
        kept = &kept[1..];
    }
    while right && kept.last().is_some_and(strips) {
        kept = &kept[..kept.len() - 1];
    }
    done(value(kept))
}

/// `split(sep=None, maxsplit=-1)`: on runs of ASCII whitespace, or on `sep`.
fn split(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let separator = args.keyword("sep");
    let limit = args.keyword("maxsplit");
    let given = args.expect("split", 0, 2)?;
    let separator = separator.or_else(|| given.first().cloned());
    let limit = limit
        .or_else(|| given.get(1).cloned())
        .and_then(|limit| as_int(&limit))
        .filter(|limit| *limit >= 0)
        .map_or(usize::MAX, |limit| limit as usize);
    let data = args.this::<PyBytes>()?;
    let parts: Vec<&[u8]> = match &separator {
        None | Some(Value::None) => {
            let mut parts = Vec::new();
            let mut rest: &[u8] = &data.0;
            loop {
                while rest.first().is_some_and(is_space) {
                    rest = &rest[1..];
                }
                if rest.is_empty() {
                    break;
                }
                if parts.len() == limit {
                    parts.push(rest);
                    break;
                }
                let end = rest.iter().position(is_space).unwrap_or(rest.len());
                parts.push(&rest[..end]);
                rest = &rest[end..];
            }
            parts
        }
        Some(separator) => {
            let separator = required(separator)?;
            if separator.is_empty() {
                return raise(ValueError, "empty separator");
            }
            let mut parts = Vec::new();
            let mut rest: &[u8] = &data.0;
            while parts.len() < limit {
                let Some(at) = find(rest, separator) else {
                    break;
                };
                parts.push(&rest[..at]);
                rest = &rest[at + separator.len()..];
            }
            parts.push(rest);
            parts
        }
    };
    done(Value::list(parts.into_iter().map(value).collect()))
}

fn join(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let items = args.expect("join", 1, 1)?[0].items()?;
    let separator = args.this::<PyBytes>()?;
    let mut joined = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(data) = of(item) else {
            return raise(
                TypeError,
                format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    item.type_name()
                ),
            );
        };
        if i > 0 {
            joined.extend_from_slice(&separator.0);
        }
        joined.extend_from_slice(data);
    }
    done(value(joined))
}

fn find(data: &[u8], part: &[u8]) -> Option<usize> {
    (0..=data.len().checked_sub(part.len())?).find(|&at| data[at..].starts_with(part))
}

/// `data` cut at each `separator`, left to right, without overlaps.
fn pieces<'a>(data: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    if separator.is_empty() {
        // Around every byte, as CPython's `replace` and `count` of `b''`.
        let mut parts = vec![&data[..0]];
        parts.extend(data.chunks(1));
        parts.push(&data[data.len()..]);
        return parts;
    }
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = find(rest, separator) {
        parts.push(&rest[..at]);
        rest = &rest[at + separator.len()..];
    }
    parts.push(rest);
    parts
}

/// Two lowercase hex digits a byte (`bytes.hex()`, a hash's `hexdigest()`).
pub fn hex(data: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(2 * data.len());
    for &byte in data {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 0xf)] as char);
    }
    text
}

/// CPython's repr: in single quotes unless only double quotes avoid an escape.
pub fn repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut shown = format!("b{quote}");
    for &byte in data {
        match byte {
            b'\\' => shown.push_str("\\\\"),
            b'\t' => shown.push_str("\\t"),
            b'\n' => shown.push_str("\\n"),
            b'\r' => shown.push_str("\\r"),
            _ if byte as char == quote => {
                shown.push('\\');
                shown.push(quote);
            }
            0x20..=0x7e => shown.push(byte as char),
            _ => shown.push_str(&format!("\\x{byte:02x}")),
        }
    }
    shown.push(quote);
    shown
}

impl PyObject for PyBytes {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        repr(&self.0)
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self
            .0
            .iter()
            .map(|&byte| Value::Int(byte.into()))
            .collect()))
    }

    fn length(&self) -> Option<usize> {
        Some(self.0.len())
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        Some(match index {
            Value::Tuple(parts) if parts.len() == 3 => slice_indices(self.0.len(), parts)
                .map(|picked| value(picked.into_iter().map(|i| self.0[i]).collect::<Vec<_>>())),
            index => {
                let len = self.0.len() as Int;
                match as_int(index) {
                    Some(i) if (-len..len).contains(&i) => {
                        Ok(Value::Int(self.0[i.rem_euclid(len) as usize].into()))
                    }
                    Some(_) => raise(IndexError, "index out of range"),
                    None => raise(
                        TypeError,
                        format!(
                            "byte indices must be integers or slices, not {}",
                            index.type_name()
                        ),
                    ),
                }
            }
        })
    }

    fn contains(&self, item: &Value) -> Option<PyResult<bool>> {
        Some(match (of(item), as_int(item)) {
            (Some(part), _) => Ok(find(&self.0, part).is_some()),
            (None, Some(byte @ 0..=255)) => Ok(self.0.contains(&(byte as u8))),
            (None, Some(_)) => raise(ValueError, "byte must be in range(0, 256)"),
            (None, None) => not_bytes_like(item),
        })
    }

    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        match (op, other) {
            (BinOp::Add, other) if !reflected => Some(match of(other) {
                Some(more) => Ok(value([&self.0[..], more].concat())),
                None => raise(
                    TypeError,
                    format!("can't concat {} to bytes", other.type_name()),
                ),
            }),
            (BinOp::Mul, times) => as_int(times).map(|times| {
                let times = usize::try_from(times.max(0)).unwrap_or(usize::MAX);
                check_len(self.0.len().saturating_mul(times))?;
                Ok(value(self.0.repeat(times)))
            }),
            _ => None,
        }
    }

    fn equals(&self, other: &Value) -> Option<bool> {
        Some(of(other) == Some(&*self.0))
    }

    fn order(&self, other: &Value) -> Option<PyResult<Ordering>> {
        of(other).map(|other| Ok(self.0[..].cmp(other)))
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        Some(Ok(super::super::hash::bytes_hash(&self.0)))
    }
}
