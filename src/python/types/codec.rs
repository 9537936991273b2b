//! Text to bytes and back (`str.encode`, `bytes.decode`, `bytes(text, encoding)`): UTF-8,
//! ASCII and Latin-1 under CPython's names, its `errors=` handlers `strict`, `ignore` and
//! `replace`, and its messages.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::value::Value;

#[derive(Clone, Copy)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn named(encoding: Option<Value>) -> PyResult<Codec> {
        let name = match &encoding {
            None => return Ok(Codec::Utf8),
            Some(Value::Str(name)) => name.to_lowercase().replace('_', "-"),
            Some(other) => {
                return raise(
                    TypeError,
                    format!("encoding must be str, not {}", other.type_name()),
                )
            }
        };
        match name.as_str() {
            "utf-8" | "utf8" => Ok(Codec::Utf8),
            "ascii" | "us-ascii" => Ok(Codec::Ascii),
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => Ok(Codec::Latin1),
            _ => raise(
                LookupError,
                format!(
                    "threadplay's subset has the encodings utf-8, ascii and latin-1, not '{name}'"
                ),
            ),
        }
    }

    /// As CPython names it in its messages.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// The first code point it cannot hold, for ASCII and Latin-1.
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x11_0000,
            Codec::Ascii => 0x80,
            Codec::Latin1 => 0x100,
        }
    }
}

enum Errors {
    Strict,
    Ignore,
    Replace,
    /// A handler the subset lacks, looked up (and refused) only when an error comes, as
    /// CPython's are: clean text never needs one.
    Unknown(String),
}

impl Errors {
    fn named(errors: Option<Value>) -> PyResult<Errors> {
        match &errors {
            None => Ok(Errors::Strict),
            Some(Value::Str(name)) => Ok(match &**name {
                "strict" => Errors::Strict,
                "ignore" => Errors::Ignore,
                "replace" => Errors::Replace,
                other => Errors::Unknown(other.to_string()),
            }),
            Some(other) => raise(
                TypeError,
                format!("errors must be str, not {}", other.type_name()),
            ),
        }
    }
}

/// `text.encode(encoding, errors)`.
pub fn encode(text: &str, encoding: Option<Value>, errors: Option<Value>) -> PyResult<Vec<u8>> {
    let (codec, errors) = (Codec::named(encoding)?, Errors::named(errors)?);
    if let Codec::Utf8 = codec {
        return Ok(text.as_bytes().to_vec());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut data = Vec::with_capacity(chars.len());
    for (at, &c) in chars.iter().enumerate() {
        if (c as u32) < codec.limit() {
            data.push(c as u8);
            continue;
        }
        match &errors {
            Errors::Ignore => {}
            Errors::Replace => data.push(b'?'),
            Errors::Unknown(name) => return unknown(name),
            Errors::Strict => {
                // CPython names the whole run of characters the codec cannot hold.
                let run = chars[at..]
                    .iter()
                    .take_while(|c| **c as u32 >= codec.limit())
                    .count();
                let place = if run == 1 {
                    format!("character '{}' in position {at}", escaped(c))
                } else {
                    format!("characters in position {at}-{}", at + run - 1)
                };
                return raise(
                    UnicodeEncodeError,
                    format!(
                        "'{}' codec can't encode {place}: ordinal not in range({})",
                        codec.name(),
                        codec.limit()
                    ),
                );
            }
        }
    }
    Ok(data)
}

/// `data.decode(encoding, errors)`.
pub fn decode(data: &[u8], encoding: Option<Value>, errors: Option<Value>) -> PyResult<String> {
    let (codec, errors) = (Codec::named(encoding)?, Errors::named(errors)?);
    match codec {
        Codec::Latin1 => Ok(data.iter().map(|&byte| byte as char).collect()),
        Codec::Ascii => {
            let mut text = String::with_capacity(data.len());
            for (at, &byte) in data.iter().enumerate() {
                match (byte.is_ascii(), &errors) {
                    (true, _) => text.push(byte as char),
                    (false, Errors::Ignore) => {}
                    (false, Errors::Replace) => text.push(char::REPLACEMENT_CHARACTER),
                    (false, Errors::Unknown(name)) => return unknown(name),
                    (false, Errors::Strict) => {
                        return raise(
                            UnicodeDecodeError,
                            format!(
                                "'ascii' codec can't decode byte {byte:#04x} in position {at}: ordinal not in range(128)"
                            ),
                        )
                    }
                }
            }
            Ok(text)
        }
        Codec::Utf8 => decode_utf8(data, &errors),
    }
}

fn decode_utf8(data: &[u8], errors: &Errors) -> PyResult<String> {
    let mut text = String::with_capacity(data.len());
    let mut rest = data;
    loop {
        let error = match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                return Ok(text);
            }
            Err(error) => error,
        };
        let (valid, after) = rest.split_at(error.valid_up_to());
        text.push_str(std::str::from_utf8(valid).unwrap_or_default());
        let bad = error.error_len().unwrap_or(after.len());
        match errors {
            Errors::Ignore => {}
            Errors::Replace => text.push(char::REPLACEMENT_CHARACTER),
            Errors::Unknown(name) => return unknown(name),
            Errors::Strict => {
                let at = data.len() - rest.len() + valid.len();
                let place = if bad == 1 {
                    format!("byte {:#04x} in position {at}", after[0])
                } else {
                    format!("bytes in position {at}-{}", at + bad - 1)
                };
                let reason = match (error.error_len(), after[0]) {
                    (None, _) => "unexpected end of data",
                    (Some(_), 0xc2..=0xf4) => "invalid continuation byte",
                    (Some(_), _) => "invalid start byte",
                };
                return raise(
                    UnicodeDecodeError,
                    format!("'utf-8' codec can't decode {place}: {reason}"),
                );
            }
        }
        rest = &after[bad..];
    }
}

fn unknown<T>(name: &str) -> PyResult<T> {
    raise(LookupError, format!("unknown error handler name '{name}'"))
}

/// A character as CPython's codec messages show it: `\xe9`, `\u20ac`, `\U0001f600`.
fn escaped(c: char) -> String {
    match c as u32 {
        code @ 0..=0xff => format!("\\x{code:02x}"),
        code @ 0x100..=0xffff => format!("\\u{code:04x}"),
        code => format!("\\U{code:08x}"),
    }
}
