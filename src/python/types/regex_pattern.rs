//! `re.Pattern`: a compiled regular expression (see `regex/`) and its methods, which the `re`
//! module's functions call after compiling (and caching) their pattern. Matches are made
//! here; `sub` with a function calls it once per match, in order, through the VM.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::regex::{control_escape, Anchor, Flags, Found, Limit, PatternError, Regex};
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::{as_int, to_index, Value};
use super::super::vm::{Invoked, Then, Vm};
use super::regex_match::{group_index, Match};
use crate::event::lock;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub struct Pattern {
    pub source: Arc<str>,
    pub regex: Regex,
}

static TYPE: TypeDef = TypeDef {
    name: "Pattern",
    methods: &[
        native("search", |_, args| anchored(args, "search", Anchor::Search)),
        native("match", |_, args| anchored(args, "match", Anchor::Start)),
        native("fullmatch", |_, args| {
            anchored(args, "fullmatch", Anchor::Whole)
        }),
        native("findall", |_, args| {
            let pattern = args.this::<Pattern>()?;
            let [string, pos, endpos] = args.bind("findall", ["string", "pos", "endpos"], 1)?;
            pattern.findall(&string.unwrap_or_default(), pos, endpos)
        }),
        native("finditer", |_, args| {
            let pattern = args.this::<Pattern>()?;
            let [string, pos, endpos] = args.bind("finditer", ["string", "pos", "endpos"], 1)?;
            pattern.finditer(&string.unwrap_or_default(), pos, endpos)
        }),
        native("sub", |vm, args| substitute(vm, args, "sub", false)),
        native("subn", |vm, args| substitute(vm, args, "subn", true)),
        native("split", |_, args| {
            let pattern = args.this::<Pattern>()?;
            let [string, maxsplit] = args.bind("split", ["string", "maxsplit"], 1)?;
            pattern.split(&string.unwrap_or_default(), maxsplit)
        }),
    ],
    attribute: |object, name| {
        let pattern = downcast::<Pattern>(object)?;
        Some(match name {
            "pattern" => Value::Str(Arc::clone(&pattern.source)),
            "flags" => Value::Int(pattern.regex.flags.bits().into()),
            "groups" => Value::Int(pattern.regex.groups as i128),
            "groupindex" => {
                let pairs = pattern
                    .regex
                    .names_in_order()
                    .into_iter()
                    .map(|(group, name)| (Value::str(name), Value::Int(group as i128)))
                    .collect();
                Value::Dict(Arc::new(Mutex::new(pairs)))
            }
            _ => return None,
        })
    },
};

/// `pattern.sub(repl, string, count=0)` and `subn`, which also gives the count.
fn substitute(vm: &mut Vm, args: Args, name: &str, with_count: bool) -> PyResult<Invoked> {
    let pattern = args.this::<Pattern>()?;
    let [repl, string, count] = args.bind(name, ["repl", "string", "count"], 2)?;
    pattern.substitute(
        vm,
        repl.unwrap_or_default(),
        &string.unwrap_or_default(),
        count,
        with_count,
    )
}

impl PyObject for Pattern {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    /// `re.compile('\\d+', re.IGNORECASE|re.MULTILINE)`, as CPython's.
    fn repr(&self) -> String {
        let flags = self.regex.flags;
        let names: Vec<&str> = [
            (flags.ignore_case, "re.IGNORECASE"),
            (flags.multiline, "re.MULTILINE"),
            (flags.dotall, "re.DOTALL"),
            (flags.verbose, "re.VERBOSE"),
            (flags.ascii, "re.ASCII"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        let source = Value::Str(Arc::clone(&self.source)).repr();
        match names.is_empty() {
            true => format!("re.compile({source})"),
            false => format!("re.compile({source}, {})", names.join("|")),
        }
    }

    fn equals(&self, other: &Value) -> Option<bool> {
        let other = super::super::registry::downcast_ref::<Pattern>(other)?;
        Some(self.source == other.source && self.regex.flags == other.regex.flags)
    }
}

/// Every match in a string, and the string's part searched.
struct Searched {
    chars: Arc<[char]>,
    pos: usize,
    endpos: usize,
    found: Vec<Found>,
}

/// How many compiled patterns the `re` functions keep (CPython's `_MAXCACHE`): a loop that
/// calls `re.search(r'…', line)` compiles its pattern once.
const CACHE_SIZE: usize = 512;

/// The compiled pattern for `pattern` (a string, or a `Pattern` given back) and `flags`.
pub fn compiled(pattern: &Value, flags: Option<Value>) -> PyResult<Arc<Pattern>> {
    let bits = match &flags {
        None => 0,
        Some(flags) => as_int(flags).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "unsupported operand type(s) for &: '{}' and 'int'",
                        flags.type_name()
                    ),
                )
            },
            |bits| Ok(bits as i64),
        )?,
    };
    if let Some(compiled) = downcast::<Pattern>(pattern) {
        if bits != 0 {
            return raise(
                ValueError,
                "cannot process flags argument with a compiled pattern",
            );
        }
        return Ok(compiled);
    }
    let Value::Str(source) = pattern else {
        return raise(
            TypeError,
            "first argument must be string or compiled pattern",
        );
    };
    type Cache = Mutex<HashMap<(Arc<str>, i64), Arc<Pattern>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(found) = lock(cache).get(&(Arc::clone(source), bits)) {
        return Ok(Arc::clone(found));
    }
    let regex = Regex::new(source, Flags::from_bits(bits))
        .map_err(|error| pattern_error(source, &error))?;
    let compiled = Arc::new(Pattern {
        source: Arc::clone(source),
        regex,
    });
    let mut cache = lock(cache);
    if cache.len() >= CACHE_SIZE {
        cache.clear();
    }
    cache.insert((Arc::clone(source), bits), Arc::clone(&compiled));
    Ok(compiled)
}

/// CPython's `re.error` message: `… at position 3`, with the line and column when the pattern
/// has more than one line.
pub fn pattern_error(source: &str, error: &PatternError) -> Exception {
    if error.overflow {
        return Exception::new(OverflowError, error.message.clone());
    }
    let Some(position) = error.position else {
        return Exception::new(RegexError, error.message.clone());
    };
    let mut message = format!("{} at position {position}", error.message);
    if source.contains('\n') {
        let before: Vec<char> = source.chars().take(position).collect();
        let line = before.iter().filter(|&&char| char == '\n').count() + 1;
        let column = position
            - before
                .iter()
                .rposition(|&char| char == '\n')
                .map_or(0, |at| at + 1)
            + 1;
        message.push_str(&format!(" (line {line}, column {column})"));
    }
    Exception::new(RegexError, message)
}

fn limit_error(limit: Limit) -> Exception {
    let message = match limit {
        Limit::Steps => "the pattern backtracked past threadplay's limit of 100,000,000 steps",
        Limit::Stack => {
            "a repeated group matched too many times in one match for threadplay's matcher, \
             whose repeats of groups nest on its worker's stack (a repeated character or class \
             has no such limit)"
        }
    };
    Exception::new(RecursionError, message)
}

/// The text `string` as characters (a Python position is one), and the part `pos`/`endpos`
/// leave to search: its end, and where to start.
fn text_of(
    string: &Value,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<(Arc<[char]>, usize, usize)> {
    let Value::Str(text) = string else {
        return raise(
            TypeError,
            format!(
                "expected string or bytes-like object, got '{}'",
                string.type_name()
            ),
        );
    };
    let chars: Arc<[char]> = text.chars().collect();
    let clamp = |value: Option<Value>, default: usize| -> PyResult<usize> {
        Ok(match value {
            None => default,
            Some(value) => match to_index(&value)? {
                index if index < 0 => 0,
                index => usize::try_from(index)
                    .unwrap_or(usize::MAX)
                    .min(chars.len()),
            },
        })
    };
    let end = clamp(endpos, chars.len())?;
    let start = clamp(pos, 0)?.min(end);
    Ok((chars, start, end))
}

fn anchored(args: Args, name: &str, anchor: Anchor) -> PyResult<Invoked> {
    let pattern = args.this::<Pattern>()?;
    let [string, pos, endpos] = args.bind(name, ["string", "pos", "endpos"], 1)?;
    let string = string.unwrap_or_default();
    done(pattern.find(&string, pos, endpos, anchor)?)
}

impl Pattern {
    /// `search`, `match` or `fullmatch`: a `Match`, or `None`.
    pub fn find(
        self: &Arc<Self>,
        string: &Value,
        pos: Option<Value>,
        endpos: Option<Value>,
        anchor: Anchor,
    ) -> PyResult<Value> {
        let (chars, start, end) = text_of(string, pos, endpos)?;
        let found = self
            .regex
            .find(&chars[..end], start, anchor)
            .map_err(limit_error)?;
        Ok(found.map_or(Value::None, |found| {
            self.matched(string, &chars, found, start, end)
        }))
    }

    fn matched(
        self: &Arc<Self>,
        string: &Value,
        chars: &Arc<[char]>,
        found: Found,
        pos: usize,
        endpos: usize,
    ) -> Value {
        Value::Object(Arc::new(Match {
            pattern: Arc::clone(self),
            string: string.clone(),
            chars: Arc::clone(chars),
            spans: found.spans,
            pos,
            endpos,
        }))
    }

    fn each(
        &self,
        string: &Value,
        pos: Option<Value>,
        endpos: Option<Value>,
        limit: usize,
    ) -> PyResult<Searched> {
        let (chars, pos, endpos) = text_of(string, pos, endpos)?;
        let found = self
            .regex
            .find_each(&chars[..endpos], pos, limit)
            .map_err(limit_error)?;
        Ok(Searched {
            chars,
            pos,
            endpos,
            found,
        })
    }

    /// `findall`: the matches' text, or their one group's, or a tuple of their groups'.
    pub fn findall(
        &self,
        string: &Value,
        pos: Option<Value>,
        endpos: Option<Value>,
    ) -> PyResult<Invoked> {
        let Searched { chars, found, .. } = self.each(string, pos, endpos, usize::MAX)?;
        let text = |span: Option<(usize, usize)>| {
            Value::str(span.map_or(String::new(), |(start, end)| {
                chars[start..end].iter().collect()
            }))
        };
        let items = found
            .into_iter()
            .map(|found| match self.regex.groups {
                0 => text(found.spans[0]),
                1 => text(found.spans[1]),
                _ => Value::Tuple(found.spans[1..].iter().map(|&span| text(span)).collect()),
            })
            .collect();
        done(Value::list(items))
    }

    /// `finditer`: the `Match` objects, made at once (the matcher needs no Python code).
    pub fn finditer(
        self: &Arc<Self>,
        string: &Value,
        pos: Option<Value>,
        endpos: Option<Value>,
    ) -> PyResult<Invoked> {
        let Searched {
            chars,
            pos: start,
            endpos: end,
            found,
        } = self.each(string, pos, endpos, usize::MAX)?;
        let matches = found
            .into_iter()
            .map(|found| self.matched(string, &chars, found, start, end))
            .collect();
        done(super::lazy::Lazy::over("callable_iterator", matches))
    }

    /// `split(string, maxsplit=0)`: the text between matches, with the groups' text between
    /// the pieces.
    pub fn split(&self, string: &Value, maxsplit: Option<Value>) -> PyResult<Invoked> {
        let limit = match maxsplit.as_ref().and_then(as_int) {
            None | Some(0) => usize::MAX,
            Some(negative) if negative < 0 => return done(Value::list(vec![string.clone()])),
            Some(count) => usize::try_from(count).unwrap_or(usize::MAX),
        };
        let Searched { chars, found, .. } = self.each(string, None, None, limit)?;
        let text =
            |start: usize, end: usize| Value::str(chars[start..end].iter().collect::<String>());
        let mut pieces = Vec::new();
        let mut last = 0;
        for found in found {
            let (start, end) = found.spans[0].unwrap_or((last, last));
            pieces.push(text(last, start));
            pieces.extend(found.spans[1..].iter().map(|span| match span {
                Some((start, end)) => text(*start, *end),
                None => Value::None,
            }));
            last = end;
        }
        pieces.push(text(last, chars.len()));
        done(Value::list(pieces))
    }

    /// `sub` and `subn`: each match (at most `count`) replaced by `repl`'s text, a template
    /// with `\1` and `\g<name>`, or what a function gives for the match.
    pub fn substitute(
        self: &Arc<Self>,
        vm: &mut Vm,
        repl: Value,
        string: &Value,
        count: Option<Value>,
        with_count: bool,
    ) -> PyResult<Invoked> {
        let limit = match count.as_ref().and_then(as_int) {
            None | Some(0) => usize::MAX,
            Some(negative) if negative < 0 => 0,
            Some(count) => usize::try_from(count).unwrap_or(usize::MAX),
        };
        let Searched {
            chars,
            pos: start,
            endpos: end,
            found,
        } = self.each(string, None, None, limit)?;
        let made = found.len();
        let text = Arc::clone(&chars);
        let finish = move |replacements: Vec<String>, found: &[Found]| {
            let mut result = String::new();
            let mut last = 0;
            for (found, replacement) in found.iter().zip(&replacements) {
                let (start, end) = found.spans[0].unwrap_or((last, last));
                result.extend(&chars[last..start]);
                result.push_str(replacement);
                last = end;
            }
            result.extend(&chars[last..]);
            let result = Value::str(result);
            match with_count {
                true => Value::Tuple([result, Value::Int(made as i128)].into()),
                false => result,
            }
        };
        if let Value::Str(template) = &repl {
            let pieces = template_pieces(template, &self.regex)?;
            let replacements = found
                .iter()
                .map(|found| expand(&pieces, found, &text))
                .collect();
            return done(finish(replacements, &found));
        }
        let matches: Vec<Value> = found
            .iter()
            .map(|each| self.matched(string, &text, each.clone(), start, end))
            .collect();
        call_each(
            vm,
            repl,
            matches,
            Vec::new(),
            Box::new(move |replacements| finish(replacements, &found)),
        )
    }
}

type Finish = Box<dyn FnOnce(Vec<String>) -> Value + Send>;

/// Calls `function` on each match in turn, then makes the result of what they gave.
fn call_each(
    _: &mut Vm,
    function: Value,
    mut matches: Vec<Value>,
    mut made: Vec<String>,
    finish: Finish,
) -> PyResult<Invoked> {
    if made.len() == matches.len() {
        return done(finish(made));
    }
    let current = std::mem::take(&mut matches[made.len()]);
    let called = function.clone();
    Ok(Invoked::CallThen(
        called,
        Args::new(vec![current]),
        Then::new(move |vm, replacement| {
            match replacement {
                Value::Str(text) => made.push(text.to_string()),
                other => {
                    return raise(
                        TypeError,
                        format!("expected str instance, {} found", other.type_name()),
                    )
                }
            }
            call_each(vm, function, matches, made, finish)
        }),
    ))
}

/// A part of a replacement template.
pub enum Piece {
    Text(String),
    Group(usize),
}

/// A replacement template's parts (`sre_parse.parse_template`): `\1`, `\g<1>`, `\g<name>`, the
/// escapes `\n`, `\t`…; another backslash is kept as written.
pub fn template_pieces(template: &str, regex: &Regex) -> PyResult<Vec<Piece>> {
    let chars: Vec<char> = template.chars().collect();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut at = 0;
    let bad = |message: String, position: usize| {
        Err(Exception::new(
            RegexError,
            format!("{message} at position {position}"),
        ))
    };
    while at < chars.len() {
        let char = chars[at];
        at += 1;
        if char != '\\' {
            text.push(char);
            continue;
        }
        let Some(&escaped) = chars.get(at) else {
            return bad("bad escape (end of pattern)".into(), at - 1);
        };
        at += 1;
        let group = match escaped {
            'g' => {
                let start = at - 2;
                if chars.get(at) != Some(&'<') {
                    return bad("missing <".into(), at);
                }
                let Some(close) = chars[at..].iter().position(|&char| char == '>') else {
                    return bad("missing >, unterminated name".into(), at + 1);
                };
                let name: String = chars[at + 1..at + close].iter().collect();
                at += close + 1;
                match group_index(regex, &Value::str(name.as_str())) {
                    Some(group) => group,
                    None if name.chars().all(|char| char.is_ascii_digit()) && !name.is_empty() => {
                        return bad(format!("invalid group reference {name}"), start + 3);
                    }
                    None if name.is_empty() => return bad("missing group name".into(), start + 3),
                    None => {
                        return Err(Exception::new(
                            IndexError,
                            format!("unknown group name '{name}'"),
                        ));
                    }
                }
            }
            '0'..='9' => {
                let start = at - 1;
                let mut digits = String::from(escaped);
                if escaped != '0' && chars.get(at).is_some_and(char::is_ascii_digit) {
                    digits.push(chars[at]);
                    at += 1;
                }
                if escaped == '0' {
                    text.push('\0');
                    continue;
                }
                let group: usize = digits.parse().unwrap_or(usize::MAX);
                if group > regex.groups {
                    return bad(format!("invalid group reference {group}"), start);
                }
                group
            }
            '\\' => {
                text.push('\\');
                continue;
            }
            letter if control_escape(letter).is_some() => {
                text.extend(control_escape(letter));
                continue;
            }
            letter if letter.is_ascii_alphabetic() => {
                return bad(format!("bad escape \\{letter}"), at - 2);
            }
            other => {
                text.push('\\');
                text.push(other);
                continue;
            }
        };
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        pieces.push(Piece::Group(group));
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// A template's text for one match (a group that took no part gives nothing).
pub fn expand(pieces: &[Piece], found: &Found, chars: &[char]) -> String {
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(part) => text.push_str(part),
            Piece::Group(group) => {
                if let Some((start, end)) = found.spans[*group] {
                    text.extend(&chars[start..end]);
                }
            }
        }
    }
    text
}
