//! `str`'s methods.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, no_attributes, Args, TypeDef};
use super::super::value::{as_int, Value, MAX_SEQUENCE_LEN};
use super::super::vm::{Invoked, Vm};
use super::str_format;
use std::sync::Arc;

pub static TYPE: TypeDef = TypeDef {
    name: "str",
    methods: &[
        native("join", join),
        native("translate", super::str_translate::translate),
        native("upper", |_, args| {
            transform(args, "upper", |text| text.to_uppercase())
        }),
        native("lower", |_, args| {
            transform(args, "lower", |text| text.to_lowercase())
        }),
        native("strip", |_, args| strip(args, "strip", true, true)),
        native("lstrip", |_, args| strip(args, "lstrip", true, false)),
        native("rstrip", |_, args| strip(args, "rstrip", false, true)),
        native("title", |_, args| transform(args, "title", title)),
        native("capitalize", |_, args| {
            transform(args, "capitalize", capitalized)
        }),
        native("swapcase", |_, args| {
            transform(args, "swapcase", |text| {
                text.chars()
                    .flat_map(|c| -> Vec<char> {
                        if c.is_uppercase() {
                            c.to_lowercase().collect()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect()
            })
        }),
        native("casefold", |_, args| {
            transform(args, "casefold", |text| text.to_lowercase())
        }),
        native("center", |_, args| pad(args, "center")),
        native("ljust", |_, args| pad(args, "ljust")),
        native("rjust", |_, args| pad(args, "rjust")),
        native("zfill", zfill),
        native("count", |_, args| {
            let part = string_arg("count", &args.expect("count", 1, 1)?[0])?;
            let text = this(&args)?;
            let count = if part.is_empty() {
                text.chars().count() + 1
            } else {
                text.matches(&*part).count()
            };
            done(Value::Int(count as i128))
        }),
        native("find", |_, args| find(args, "find", false, false)),
        native("rfind", |_, args| find(args, "rfind", true, false)),
        native("index", |_, args| find(args, "index", false, true)),
        native("rindex", |_, args| find(args, "rindex", true, true)),
        native("isdigit", |_, args| {
            test(args, "isdigit", |c| c.is_ascii_digit())
        }),
        native("isnumeric", |_, args| {
            test(args, "isnumeric", char::is_numeric)
        }),
        native("isdecimal", |_, args| {
            test(args, "isdecimal", |c| c.is_ascii_digit())
        }),
        native("isalpha", |_, args| {
            test(args, "isalpha", char::is_alphabetic)
        }),
        native("isalnum", |_, args| {
            test(args, "isalnum", char::is_alphanumeric)
        }),
        native("isspace", |_, args| {
            test(args, "isspace", char::is_whitespace)
        }),
        native("isupper", |_, args| {
            cased(args, "isupper", char::is_uppercase, char::is_lowercase)
        }),
        native("islower", |_, args| {
            cased(args, "islower", char::is_lowercase, char::is_uppercase)
        }),
        native("partition", |_, args| partition(args, "partition", false)),
        native("rpartition", |_, args| partition(args, "rpartition", true)),
        native("removeprefix", |_, args| {
            let part = string_arg("removeprefix", &args.expect("removeprefix", 1, 1)?[0])?;
            let text = this(&args)?;
            done(Value::str(text.strip_prefix(&*part).unwrap_or(text)))
        }),
        native("removesuffix", |_, args| {
            let part = string_arg("removesuffix", &args.expect("removesuffix", 1, 1)?[0])?;
            let text = this(&args)?;
            done(Value::str(text.strip_suffix(&*part).unwrap_or(text)))
        }),
        native("splitlines", splitlines),
        native("expandtabs", expandtabs),
        native("split", |_, args| split(args, "split", false)),
        native("rsplit", |_, args| split(args, "rsplit", true)),
        native("replace", replace),
        native("startswith", |_, args| {
            affix(args, "startswith", |text, part| text.starts_with(part))
        }),
        native("endswith", |_, args| {
            affix(args, "endswith", |text, part| text.ends_with(part))
        }),
        native("format", str_format::format),
        native("encode", |_, args| {
            let text = Arc::clone(this(&args)?);
            let [encoding, errors] = args.bind("encode", ["encoding", "errors"], 0)?;
            done(super::bytes::value(super::codec::encode(
                &text, encoding, errors,
            )?))
        }),
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

/// `text.capitalize()`: its first character upper case, the rest lower case.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

fn transform(args: Args, name: &str, change: fn(&str) -> String) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    done(Value::str(change(this(&args)?)))
}

/// `startswith`/`endswith`, with one string or a tuple of them.
fn affix(args: Args, name: &str, test: fn(&str, &str) -> bool) -> PyResult<Invoked> {
    let given = args.expect(name, 1, 3)?;
    let text: Vec<char> = this(&args)?.chars().collect();
    let len = text.len() as i128;
    // `start` and `end` bound the text as a slice `text[start:end]` would.
    let bound = |at: Option<&Value>, default: i128| {
        as_int(at.unwrap_or(&Value::None))
            .map_or(default, |i| if i < 0 { (i + len).max(0) } else { i })
    };
    let (start, end) = (bound(given.get(1), 0), bound(given.get(2), len).min(len));
    // Past the end, not even the empty string is there.
    if start > len {
        return done(Value::Bool(false));
    }
    let window: String = text[start as usize..end.max(start) as usize]
        .iter()
        .collect();
    let parts = match &given[0] {
        Value::Tuple(parts) => parts.to_vec(),
        one => vec![one.clone()],
    };
    for part in &parts {
        if test(&window, &string_arg(name, part)?) {
            return done(Value::Bool(true));
        }
    }
    done(Value::Bool(false))
}

/// `splitlines(keepends=False)`: split at every line boundary Python knows (`\r\n` is one).
fn splitlines(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let text = Arc::clone(this(&args)?);
    let [keepends] = args.bind("splitlines", ["keepends"], 0)?;
    let keepends = keepends.is_some_and(|keep| keep.is_truthy());
    let mut lines = Vec::new();
    let mut rest = &text[..];
    while !rest.is_empty() {
        let Some(at) = rest.find(|c| "\n\r\x0b\x0c\x1c\x1d\x1e\u{85}\u{2028}\u{2029}".contains(c))
        else {
            lines.push(Value::str(rest));
            break;
        };
        let boundary = rest[at..].chars().next().map_or(1, char::len_utf8);
        let end = at + boundary + usize::from(rest[at..].starts_with("\r\n"));
        lines.push(Value::str(&rest[..if keepends { end } else { at }]));
        rest = &rest[end..];
    }
    done(Value::list(lines))
}

/// `expandtabs(tabsize=8)`: each tab becomes spaces up to the next multiple of `tabsize`,
/// counted from the line's start.
fn expandtabs(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let text = Arc::clone(this(&args)?);
    let [size] = args.bind("expandtabs", ["tabsize"], 0)?;
    let size = size.as_ref().and_then(as_int).unwrap_or(8).max(0) as usize;
    let mut out = String::new();
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' if size > 0 => {
                let spaces = size - column % size;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    check_str_len(out.len())?;
    done(Value::str(out))
}

/// `strip`, `lstrip`, `rstrip`: whitespace, or the characters given.
fn strip(args: Args, name: &str, left: bool, right: bool) -> PyResult<Invoked> {
    let given = args.expect(name, 0, 1)?;
    let text = this(&args)?;
    let chars: Option<Vec<char>> = match given.first() {
        None | Some(Value::None) => None,
        Some(chars) => Some(string_arg(name, chars)?.chars().collect()),
    };
    let strip_char = |c: char| match &chars {
        Some(chars) => chars.contains(&c),
        None => c.is_whitespace(),
    };
    let mut result: &str = text;
    if left {
        result = result.trim_start_matches(strip_char);
    }
    if right {
        result = result.trim_end_matches(strip_char);
    }
    done(Value::str(result))
}

/// `split(sep=None, maxsplit=-1)` and `rsplit`: on runs of whitespace, or on `sep`.
fn split(mut args: Args, name: &str, from_right: bool) -> PyResult<Invoked> {
    let separator = args.keyword("sep");
    let limit = args.keyword("maxsplit");
    let given = args.expect(name, 0, 2)?;
    let separator = separator.or_else(|| given.first().cloned());
    let limit = limit
        .or_else(|| given.get(1).cloned())
        .and_then(|limit| as_int(&limit))
        .filter(|limit| *limit >= 0)
        .map(|limit| limit as usize);
    let text = this(&args)?;
    let mut parts: Vec<String> = match separator {
        Some(Value::Str(separator)) => {
            if separator.is_empty() {
                return raise(ValueError, "empty separator");
            }
            match (limit, from_right) {
                (Some(limit), false) => text
                    .splitn(limit + 1, &*separator)
                    .map(String::from)
                    .collect(),
                (Some(limit), true) => {
                    let mut parts: Vec<String> = text
                        .rsplitn(limit + 1, &*separator)
                        .map(String::from)
                        .collect();
                    parts.reverse();
                    parts
                }
                (None, _) => text.split(&*separator).map(String::from).collect(),
            }
        }
        None | Some(Value::None) => split_whitespace(text, limit, from_right),
        Some(other) => {
            return raise(
                TypeError,
                format!("must be str or None, not {}", other.type_name()),
            )
        }
    };
    done(Value::list(parts.drain(..).map(Value::str).collect()))
}

/// Split on runs of whitespace, at most `limit` times (the rest kept whole, stripped only on
/// the side the splitting starts from).
fn split_whitespace(text: &str, limit: Option<usize>, from_right: bool) -> Vec<String> {
    let Some(limit) = limit else {
        return text.split_whitespace().map(String::from).collect();
    };
    let mut parts = Vec::new();
    if from_right {
        let mut rest = text.trim_end();
        while parts.len() < limit && !rest.is_empty() {
            match rest.rfind(char::is_whitespace) {
                Some(at) => {
                    let word = &rest[at..].trim_start();
                    parts.push(word.to_string());
                    rest = rest[..at].trim_end();
                }
                None => {
                    parts.push(rest.to_string());
                    rest = "";
                }
            }
        }
        if !rest.is_empty() {
            parts.push(rest.to_string());
        }
        parts.reverse();
    } else {
        let mut rest = text.trim_start();
        while parts.len() < limit && !rest.is_empty() {
            match rest.find(char::is_whitespace) {
                Some(at) => {
                    parts.push(rest[..at].to_string());
                    rest = rest[at..].trim_start();
                }
                None => {
                    parts.push(rest.to_string());
                    rest = "";
                }
            }
        }
        if !rest.is_empty() {
            parts.push(rest.to_string());
        }
    }
    parts
}

fn title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_letter = false;
    for c in text.chars() {
        if after_letter {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        after_letter = c.is_alphabetic();
    }
    out
}

/// `center`, `ljust`, `rjust(width, fillchar=' ')`.
fn pad(args: Args, name: &str) -> PyResult<Invoked> {
    let given = args.expect(name, 1, 2)?;
    let width = as_int(&given[0]).unwrap_or(0).max(0) as usize;
    let fill = match given.get(1) {
        Some(fill) => {
            let fill = string_arg(name, fill)?;
            let mut chars = fill.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return raise(
                        TypeError,
                        "The fill character must be exactly one character long",
                    )
                }
            }
        }
        None => ' ',
    };
    let text = this(&args)?;
    let len = text.chars().count();
    if width <= len {
        return done(Value::Str(Arc::clone(text)));
    }
    if width > MAX_SEQUENCE_LEN {
        return raise(MemoryError, "string too long");
    }
    let total = width - len;
    let (left, right) = match name {
        "ljust" => (0, total),
        "rjust" => (total, 0),
        // CPython's centring puts the odd space on the left when the width is odd.
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let fill_n = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    done(Value::str(format!(
        "{}{text}{}",
        fill_n(left),
        fill_n(right)
    )))
}

fn zfill(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let width = as_int(&args.expect("zfill", 1, 1)?[0]).unwrap_or(0).max(0) as usize;
    let text = this(&args)?;
    let len = text.chars().count();
    if width <= len {
        return done(Value::Str(Arc::clone(text)));
    }
    let (sign, digits) = match text.chars().next() {
        Some(sign @ ('+' | '-')) => (sign.to_string(), &text[1..]),
        _ => (String::new(), &text[..]),
    };
    done(Value::str(format!(
        "{sign}{}{digits}",
        "0".repeat(width - len)
    )))
}

/// `find`/`rfind` (-1 when absent) and `index`/`rindex` (`ValueError`), by characters.
fn find(args: Args, name: &str, from_right: bool, raises: bool) -> PyResult<Invoked> {
    let part = string_arg(name, &args.expect(name, 1, 1)?[0])?;
    let text = this(&args)?;
    let found = if from_right {
        text.rfind(&*part)
    } else {
        text.find(&*part)
    };
    match found {
        Some(at) => done(Value::Int(text[..at].chars().count() as i128)),
        None if raises => raise(ValueError, "substring not found"),
        None => done(Value::Int(-1)),
    }
}

/// `isdigit()` and the like: not empty, and every character passes.
fn test(args: Args, name: &str, passes: fn(char) -> bool) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    let text = this(&args)?;
    done(Value::Bool(!text.is_empty() && text.chars().all(passes)))
}

/// `isupper()`/`islower()`: some cased character, and none of the other case.
fn cased(
    args: Args,
    name: &str,
    wanted: fn(char) -> bool,
    other: fn(char) -> bool,
) -> PyResult<Invoked> {
    args.expect(name, 0, 0)?;
    let text = this(&args)?;
    done(Value::Bool(
        text.chars().any(wanted) && !text.chars().any(other),
    ))
}

/// `partition(sep)`: `(before, sep, after)`.
fn partition(args: Args, name: &str, from_right: bool) -> PyResult<Invoked> {
    let separator = string_arg(name, &args.expect(name, 1, 1)?[0])?;
    if separator.is_empty() {
        return raise(ValueError, "empty separator");
    }
    let text = this(&args)?;
    let found = if from_right {
        text.rsplit_once(&*separator)
    } else {
        text.split_once(&*separator)
    };
    let parts = match (found, from_right) {
        (Some((before, after)), _) => [before, &separator, after],
        (None, false) => [&text[..], "", ""],
        (None, true) => ["", "", &text[..]],
    };
    done(Value::Tuple(parts.map(Value::str).into()))
}

fn replace(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("replace", 2, 3)?;
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
    // A negative count (the default) replaces every one.
    let count = match given.get(2).and_then(as_int) {
        Some(wanted) if wanted >= 0 => count.min(wanted as usize),
        _ => count,
    };
    check_str_len(text.len() + count.saturating_mul(to.len()))?;
    done(Value::str(text.replacen(&*from, &to, count)))
}

fn check_str_len(len: usize) -> PyResult<()> {
    if len > MAX_SEQUENCE_LEN {
        return raise(MemoryError, "string too long");
    }
    Ok(())
}
