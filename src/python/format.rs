//! Python's text for numbers: `repr` of floats, the format-spec mini-language of f-strings and
//! `format()` (`>8.2f`, `,d`, `.1%`, …), and `%`-formatting.

use super::error::{raise, ExceptionKind::*, PyResult};
use super::value::{as_int, Value};
use crate::event::lock;

/// `repr(float)`: the shortest text that reads back as the same float, in Python's notation
/// (`1.0`, `0.1`, `1e+16`, `inf`). Of two shortest texts as near each other, the even one, as
/// CPython's `dtoa` picks: 999999999999999.25 is `999999999999999.2`, where Rust's shortest
/// is `…9.3`.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0.0");
    }
    // As many digits as the shortest text, rounded exactly (ties to even).
    let shortest = format!("{:e}", f.abs());
    let count = shortest
        .split('e')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let rounded = format!("{:.*e}", count.saturating_sub(1), f.abs());
    let (mantissa, exponent) = rounded.split_once('e').unwrap_or((&rounded, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if !(-4..16).contains(&exponent) {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        return python_exponent(&format!("{sign}{first}{fraction}e{exponent}"));
    }
    if exponent < 0 {
        let zeros = "0".repeat((-exponent - 1) as usize);
        return format!("{sign}0.{zeros}{digits}");
    }
    let whole = exponent as usize + 1;
    if digits.len() <= whole {
        format!("{sign}{digits}{}.0", "0".repeat(whole - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..whole], &digits[whole..])
    }
}

/// Rust's `1.5e-7` as Python writes it: `1.5e-07`.
fn python_exponent(text: &str) -> String {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let (sign, digits) = match exponent.strip_prefix('-') {
        Some(digits) => ('-', digits),
        None => ('+', exponent),
    };
    format!("{mantissa}e{sign}{digits:0>2}")
}

/// A parsed format spec: `[[fill]align][sign][0][width][,|_][.precision][type]`.
#[derive(Debug, Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    /// `#`: `0x`, `0o`, `0b` before an int in that base.
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

/// The longest width or precision a spec may ask for.
const MAX_WIDTH: usize = 10_000;

fn parse_spec(spec: &str) -> PyResult<Spec> {
    let invalid = || raise(ValueError, format!("Invalid format specifier '{spec}'"));
    let chars: Vec<char> = spec.chars().collect();
    let mut parsed = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        parsed.fill = Some(chars[0]);
        parsed.align = Some(chars[1]);
        i = 2;
    } else if chars.first().copied().is_some_and(is_align) {
        parsed.align = Some(chars[0]);
        i = 1;
    }
    if let Some(&sign @ ('+' | '-' | ' ')) = chars.get(i) {
        parsed.sign = Some(sign);
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        parsed.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        parsed.zero = true;
        i += 1;
    }
    let (width, next) = digits(&chars, i);
    parsed.width = width.unwrap_or(0);
    i = next;
    if let Some(&grouping @ (',' | '_')) = chars.get(i) {
        parsed.grouping = Some(grouping);
        i += 1;
    }
    if chars.get(i) == Some(&'.') {
        let (precision, next) = digits(&chars, i + 1);
        if precision.is_none() {
            return invalid();
        }
        parsed.precision = precision;
        i = next;
    }
    if let Some(&kind) = chars.get(i) {
        parsed.kind = Some(kind);
        i += 1;
    }
    if i != chars.len() || parsed.width > MAX_WIDTH || parsed.precision.unwrap_or(0) > MAX_WIDTH {
        return invalid();
    }
    Ok(parsed)
}

fn digits(chars: &[char], start: usize) -> (Option<usize>, usize) {
    let end = chars[start.min(chars.len())..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(chars.len(), |offset| start + offset);
    let text: String = chars[start.min(end)..end].iter().collect();
    (text.parse().ok().map(|n: usize| n.min(MAX_WIDTH + 1)), end)
}

/// `format(value, spec)`, as an f-string's `{value:spec}` does.
pub fn format_value(value: &Value, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(value.to_str());
    }
    if let Some(text) = super::types::datetime::formatted(value, spec) {
        return Ok(text);
    }
    let spec = parse_spec(spec)?;
    let numeric = matches!(value, Value::Int(_) | Value::Bool(_) | Value::Float(_));
    let body = match (value, spec.kind) {
        (Value::Str(text), None | Some('s')) => {
            let text: String = match spec.precision {
                Some(precision) => text.chars().take(precision).collect(),
                None => text.to_string(),
            };
            return Ok(pad(&text, &spec, '<'));
        }
        (_, Some('d' | 'n')) => match as_int(value) {
            Some(i) => group(&i.unsigned_abs().to_string(), spec.grouping),
            None => return wrong_type('d', value),
        },
        (_, Some(kind @ ('x' | 'X' | 'o' | 'b'))) => match as_int(value) {
            Some(i) => {
                let magnitude = i.unsigned_abs();
                let (digits, prefix) = match kind {
                    'x' => (format!("{magnitude:x}"), "0x"),
                    'X' => (format!("{magnitude:X}"), "0X"),
                    'o' => (format!("{magnitude:o}"), "0o"),
                    _ => (format!("{magnitude:b}"), "0b"),
                };
                // `_` groups these digits by four: `12_d687`.
                let digits = match spec.grouping {
                    Some('_') => group_by(&digits, '_', 4),
                    _ => digits,
                };
                if spec.alternate {
                    format!("{prefix}{digits}")
                } else {
                    digits
                }
            }
            None => return wrong_type(kind, value),
        },
        (_, Some('c')) => match as_int(value)
            .and_then(|i| u32::try_from(i).ok())
            .and_then(char::from_u32)
        {
            Some(c) => return Ok(pad(&c.to_string(), &spec, '<')),
            None => return wrong_type('c', value),
        },
        (_, Some(kind @ ('f' | 'F' | '%' | 'e' | 'E' | 'g' | 'G'))) => {
            let Some(f) = number(value) else {
                return wrong_type(kind, value);
            };
            float_body(f.abs(), kind, spec.precision, spec.grouping)
        }
        (_, None) if numeric => match (as_int(value), spec.precision) {
            (Some(i), None) => group(&i.unsigned_abs().to_string(), spec.grouping),
            _ => {
                let f = number(value).unwrap_or_default().abs();
                match spec.precision {
                    Some(_) => float_body(f, 'g', spec.precision, spec.grouping),
                    None => group_float(&float_repr(f), spec.grouping),
                }
            }
        },
        (_, Some(kind)) => return wrong_type(kind, value),
        (_, None) => return Ok(pad(&value.to_str(), &spec, '<')),
    };
    // `-0.0` keeps its sign, as CPython's does; a NaN shows none.
    let negative = match value {
        Value::Float(f) => f.is_sign_negative() && !f.is_nan(),
        _ => number(value).is_some_and(|f| f < 0.0),
    };
    let sign = match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    Ok(pad_number(sign, &body, &spec))
}

fn number(value: &Value) -> Option<f64> {
    match *value {
        Value::Float(f) => Some(f),
        _ => as_int(value).map(|i| i as f64),
    }
}

fn wrong_type<T>(kind: char, value: &Value) -> PyResult<T> {
    raise(
        ValueError,
        format!(
            "Unknown format code '{kind}' for object of type '{}'",
            value.type_name()
        ),
    )
}

fn float_body(f: f64, kind: char, precision: Option<usize>, grouping: Option<char>) -> String {
    if !f.is_finite() {
        let text = if f.is_nan() { "nan" } else { "inf" };
        let text = match kind {
            'F' | 'E' | 'G' => text.to_uppercase(),
            '%' => format!("{text}%"),
            _ => text.to_string(),
        };
        return text;
    }
    let precision = precision.unwrap_or(6);
    match kind {
        'f' | 'F' => group_float(&format!("{f:.precision$}"), grouping),
        '%' => format!(
            "{}%",
            group_float(&format!("{:.precision$}", f * 100.0), grouping)
        ),
        'e' | 'E' => {
            let text = python_exponent(&format!("{f:.precision$e}"));
            if kind == 'E' {
                text.to_uppercase()
            } else {
                text
            }
        }
        _ => general(f, precision.max(1), kind == 'G'),
    }
}

/// The `g` presentation: fixed or exponent notation by magnitude, trailing zeros removed.
fn general(f: f64, precision: usize, upper: bool) -> String {
    if f == 0.0 {
        return "0".into();
    }
    let exponent = f.log10().floor() as i64;
    let text = if exponent < -4 || exponent >= precision as i64 {
        let text = format!("{f:.*e}", precision - 1);
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        python_exponent(&format!("{}e{exponent}", trim_zeros(mantissa)))
    } else {
        let decimals = (precision as i64 - 1 - exponent).max(0) as usize;
        trim_zeros(&format!("{f:.decimals$}")).to_string()
    };
    if upper {
        text.to_uppercase()
    } else {
        text
    }
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

fn group_float(text: &str, grouping: Option<char>) -> String {
    match text.split_once('.') {
        Some((whole, fraction)) => format!("{}.{fraction}", group(whole, grouping)),
        None => group(text, grouping),
    }
}

/// Digits with a separator every three: `1,234,567`.
fn group(digits: &str, grouping: Option<char>) -> String {
    match grouping {
        Some(separator) => group_by(digits, separator, 3),
        None => digits.to_string(),
    }
}

fn group_by(digits: &str, separator: char, size: usize) -> String {
    let mut out = String::with_capacity(digits.len() * (size + 1) / size);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(size) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn pad_number(sign: &str, body: &str, spec: &Spec) -> String {
    if spec.zero && spec.align.is_none() || spec.align == Some('=') {
        let fill = if spec.zero && spec.fill.is_none() {
            '0'
        } else {
            spec.fill.unwrap_or(' ')
        };
        let len = sign.chars().count() + body.chars().count();
        let padding: String = std::iter::repeat_n(fill, spec.width.saturating_sub(len)).collect();
        return format!("{sign}{padding}{body}");
    }
    pad(&format!("{sign}{body}"), spec, '>')
}

fn pad(text: &str, spec: &Spec, default_align: char) -> String {
    let len = text.chars().count();
    if len >= spec.width {
        return text.to_string();
    }
    let fill = spec.fill.unwrap_or(' ');
    let missing = spec.width - len;
    let (before, after) = match spec.align.unwrap_or(default_align) {
        '<' => (0, missing),
        '^' => (missing / 2, missing - missing / 2),
        _ => (missing, 0),
    };
    let fill_n = |n| std::iter::repeat_n(fill, n).collect::<String>();
    format!("{}{text}{}", fill_n(before), fill_n(after))
}

/// `template % args` with `%s`, `%r`, `%d`, `%i`, `%x`, `%o`, `%f`, `%e`, `%g` (with flags, width and
/// precision) and `%%`;
/// with a dict, `%(key)s` takes the value of its key.
pub fn percent_format(template: &str, args: &Value) -> PyResult<Value> {
    let mapping = match args {
        Value::Dict(pairs) => Some(lock(pairs).clone()),
        _ => None,
    };
    let args = match args {
        Value::Tuple(items) => items.to_vec(),
        Value::Dict(_) => Vec::new(),
        other => vec![other.clone()],
    };
    let mut args = args.into_iter();
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut key = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            let name: String = chars.by_ref().take_while(|&c| c != ')').collect();
            key = Some(name);
        }
        let mut spec = String::new();
        while let Some(&next) = chars.peek() {
            if next.is_ascii_digit() || matches!(next, '.' | '-' | '+' | ' ') {
                spec.push(next);
                chars.next();
            } else {
                break;
            }
        }
        let Some(conversion) = chars.next() else {
            return raise(ValueError, "incomplete format");
        };
        if conversion == '%' {
            out.push('%');
            continue;
        }
        let arg = match (&key, &mapping) {
            (Some(key), Some(pairs)) => {
                match pairs
                    .iter()
                    .find(|(name, _)| matches!(name, Value::Str(name) if **name == **key))
                {
                    Some((_, value)) => value.clone(),
                    None => return raise(KeyError, format!("'{key}'")),
                }
            }
            (Some(_), None) => return raise(TypeError, "format requires a mapping"),
            (None, _) => match args.next() {
                Some(arg) => arg,
                None => return raise(TypeError, "not enough arguments for format string"),
            },
        };
        let spec = spec.replacen('-', "<", 1);
        // Without `-`, `%` right-aligns strings too (a format spec left-aligns them).
        let text_spec = match spec.starts_with('<') {
            true => spec.clone(),
            false => format!(">{spec}"),
        };
        let text = match conversion {
            's' => format_value(&Value::str(arg.to_str()), &text_spec)?,
            'r' => format_value(&Value::str(arg.repr()), &text_spec)?,
            'd' | 'i' => {
                let whole = match (&arg, as_int(&arg)) {
                    (_, Some(whole)) => whole,
                    (Value::Float(f), _) if f.is_finite() => f.trunc() as super::value::Int,
                    (Value::Float(_), _) => {
                        return raise(OverflowError, "cannot convert float infinity to integer")
                    }
                    _ => {
                        return raise(
                            TypeError,
                            format!(
                                "%{conversion} format: a real number is required, not {}",
                                arg.type_name()
                            ),
                        )
                    }
                };
                format_value(&Value::Int(whole), &format!("{spec}d"))?
            }
            'x' | 'X' | 'o' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                format_value(&arg, &format!("{spec}{conversion}"))?
            }
            'c' => {
                let character = match &arg {
                    Value::Str(text) if text.chars().count() == 1 => arg.clone(),
                    Value::Str(_) => {
                        return raise(TypeError, "%c requires an int or a unicode character")
                    }
                    _ => Value::str(format_value(&arg, "c")?),
                };
                format_value(&character, &text_spec)?
            }
            other => {
                return raise(
                    ValueError,
                    format!("unsupported format character '{other}'"),
                )
            }
        };
        out.push_str(&text);
    }
    if args.next().is_some() {
        return raise(
            TypeError,
            "not all arguments converted during string formatting",
        );
    }
    Ok(Value::str(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(value: Value, spec: &str) -> String {
        format_value(&value, spec).unwrap()
    }

    #[test]
    fn floats_read_like_python() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-7), "1.5e-07");
        assert_eq!(float_repr(-0.0), "-0.0");
    }

    #[test]
    fn specs_format_like_python() {
        assert_eq!(f(Value::Float(1.23456), ".2f"), "1.23");
        assert_eq!(f(Value::Float(1.5), ">8.2f"), "    1.50");
        assert_eq!(f(Value::Int(1234567), ","), "1,234,567");
        assert_eq!(f(Value::Int(-42), "05d"), "-0042");
        assert_eq!(f(Value::Float(0.256), ".1%"), "25.6%");
        assert_eq!(f(Value::str("ab"), "*^6"), "**ab**");
        assert_eq!(f(Value::Float(1234.5), "g"), "1234.5");
        assert_eq!(f(Value::Float(0.00001234), ".3g"), "1.23e-05");
        assert_eq!(f(Value::Int(7), "<4"), "7   ");
        assert!(format_value(&Value::str("x"), "d").is_err());
        assert!(format_value(&Value::Int(1), "99999999999").is_err());
    }
}
