//! `re.Match`: what `search`, `match`, `fullmatch` and `finditer` give, with its groups'
//! text and spans.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::regex::{Found, Regex};
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::{as_int, Value};
use super::super::vm::Invoked;
use super::regex_pattern::{expand, template_pieces, Pattern};
use std::sync::{Arc, Mutex};

pub struct Match {
    pub pattern: Arc<Pattern>,
    /// The string searched, as given.
    pub string: Value,
    pub chars: Arc<[char]>,
    pub spans: Vec<Option<(usize, usize)>>,
    pub pos: usize,
    pub endpos: usize,
}

static TYPE: TypeDef = TypeDef {
    name: "Match",
    methods: &[
        native("group", |_, args| {
            let matched = args.this::<Match>()?;
            match args.positional.as_slice() {
                [] => done(matched.text(0)),
                [group] => done(matched.text(matched.index(group)?)),
                groups => {
                    let texts = groups
                        .iter()
                        .map(|group| Ok(matched.text(matched.index(group)?)))
                        .collect::<PyResult<_>>()?;
                    done(Value::Tuple(texts))
                }
            }
        }),
        native("groups", |_, mut args| {
            let default = default_arg(&mut args);
            let matched = args.this::<Match>()?;
            let texts = (1..matched.spans.len())
                .map(|group| matched.text_or(group, &default))
                .collect();
            done(Value::Tuple(texts))
        }),
        native("groupdict", |_, mut args| {
            let default = default_arg(&mut args);
            let matched = args.this::<Match>()?;
            let pairs = matched
                .pattern
                .regex
                .names_in_order()
                .into_iter()
                .map(|(group, name)| (Value::str(name), matched.text_or(group, &default)))
                .collect();
            done(Value::Dict(Arc::new(Mutex::new(pairs))))
        }),
        native("start", |_, args| {
            span_part(&args, "start", |(start, _)| start)
        }),
        native("end", |_, args| span_part(&args, "end", |(_, end)| end)),
        native("span", |_, args| {
            let matched = args.this::<Match>()?;
            let group = match args.expect("span", 0, 1)?.first() {
                Some(group) => matched.index(group)?,
                None => 0,
            };
            let (start, end) = matched.span(group);
            done(Value::Tuple([Value::Int(start), Value::Int(end)].into()))
        }),
        native("expand", |_, args| {
            let matched = args.this::<Match>()?;
            let template = args.expect("expand", 1, 1)?[0].to_str();
            let pieces = template_pieces(&template, &matched.pattern.regex)?;
            let found = Found {
                spans: matched.spans.clone(),
            };
            done(Value::str(expand(&pieces, &found, &matched.chars)))
        }),
    ],
    attribute: |object, name| {
        let matched = downcast::<Match>(object)?;
        Some(match name {
            "string" => matched.string.clone(),
            "re" => Value::Object(Arc::clone(&matched.pattern) as _),
            "pos" => Value::Int(matched.pos as i128),
            "endpos" => Value::Int(matched.endpos as i128),
            "lastindex" => matched
                .last_group()
                .map_or(Value::None, |group| Value::Int(group as i128)),
            "lastgroup" => matched
                .last_group()
                .and_then(|group| {
                    let names = matched.pattern.regex.names_in_order();
                    names
                        .into_iter()
                        .find(|(index, _)| *index == group)
                        .map(|(_, name)| Value::str(name))
                })
                .unwrap_or(Value::None),
            _ => return None,
        })
    },
};

/// `start(group=0)` or `end(group=0)`: -1 for a group that took no part.
fn span_part(args: &Args, name: &str, part: fn((i128, i128)) -> i128) -> PyResult<Invoked> {
    let matched = args.this::<Match>()?;
    let group = match args.expect(name, 0, 1)?.first() {
        Some(group) => matched.index(group)?,
        None => 0,
    };
    done(Value::Int(part(matched.span(group))))
}

/// Group `group`'s number, by number or by name.
pub fn group_index(regex: &Regex, group: &Value) -> Option<usize> {
    match group {
        Value::Str(name) => regex.names.get(&**name).copied().or_else(|| {
            name.parse::<usize>()
                .ok()
                .filter(|&index| index <= regex.groups)
        }),
        group => as_int(group)
            .and_then(|index| usize::try_from(index).ok())
            .filter(|&index| index <= regex.groups),
    }
}

impl Match {
    fn index(&self, group: &Value) -> PyResult<usize> {
        group_index(&self.pattern.regex, group)
            .filter(|_| !matches!(group, Value::Str(name) if name.parse::<usize>().is_ok()))
            .map_or_else(|| raise(IndexError, "no such group"), Ok)
    }

    fn text(&self, group: usize) -> Value {
        self.text_or(group, &Value::None)
    }

    fn text_or(&self, group: usize, default: &Value) -> Value {
        match self.spans[group] {
            Some((start, end)) => Value::str(self.chars[start..end].iter().collect::<String>()),
            None => default.clone(),
        }
    }

    fn span(&self, group: usize) -> (i128, i128) {
        self.spans[group].map_or((-1, -1), |(start, end)| (start as i128, end as i128))
    }

    /// The group that closed last (`lastindex`): the one ending latest, the outer one of two
    /// ending together.
    fn last_group(&self) -> Option<usize> {
        (1..self.spans.len())
            .filter_map(|group| self.spans[group].map(|(_, end)| (end, std::cmp::Reverse(group))))
            .max()
            .map(|(_, std::cmp::Reverse(group))| group)
    }
}

/// `groups(default=None)` and `groupdict(default=None)`: what a group that took no part gives.
fn default_arg(args: &mut Args) -> Value {
    args.keyword("default")
        .or_else(|| args.positional.first().cloned())
        .unwrap_or_default()
}

impl PyObject for Match {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    /// `match[1]`, `match['name']`.
    fn get_item(&self, group: &Value) -> Option<PyResult<Value>> {
        Some(self.index(group).map(|group| self.text(group)))
    }

    /// `<re.Match object; span=(0, 3), match='abc'>`
    fn repr(&self) -> String {
        let (start, end) = self.span(0);
        format!(
            "<re.Match object; span=({start}, {end}), match={}>",
            self.text(0).repr()
        )
    }
}
