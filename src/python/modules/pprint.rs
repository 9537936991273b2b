//! `pprint`: `pprint`, `pformat`, `pp` and `saferepr`, laid out by CPython 3.11's algorithm. A
//! value whose repr fits the width is that repr, with every dict's keys sorted; a dict, list,
//! tuple or set that does not fit gets an item a line, each laid out the same way, and a
//! string that does not fit is cut after its spaces into literals that do. Other values (an
//! `OrderedDict`, a `deque`, an instance) are their repr, as CPython lays out the types it
//! knows and no others.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, ModuleDef};
use super::super::types::set::PySet;
use super::super::value::{order, to_index, Value};
use super::super::vm::{Invoked, Text, Vm};
use crate::event::lock;
use std::cmp::Ordering;

pub static MODULE: ModuleDef = ModuleDef {
    name: "pprint",
    functions: &[
        native("pprint", |vm, args| print(vm, args, "pprint", true)),
        native("pp", |vm, args| print(vm, args, "pp", false)),
        native("pformat", |vm, mut args| {
            let layout = Layout::read(&mut args, true)?;
            let [object, indent, width, depth] =
                args.bind("pformat", ["object", "indent", "width", "depth"], 1)?;
            let layout = layout.with(indent, width, depth)?;
            let object = object.unwrap_or_default();
            vm.with_texts(&[(object.clone(), Text::Repr)], move |_| {
                done(Value::str(layout.format(&object)))
            })
        }),
        native("saferepr", |vm, args| {
            let [object] = args.bind("saferepr", ["object"], 1)?;
            let object = object.unwrap_or_default();
            vm.with_texts(&[(object.clone(), Text::Repr)], move |_| {
                done(Value::str(Layout::default().repr(
                    &object,
                    0,
                    &mut Vec::new(),
                )))
            })
        }),
    ],
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

/// `pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False,
/// sort_dicts=True)`, and `pp`, whose `sort_dicts` is false: the layout and a line end, printed
/// as `print(text, file=stream)` prints.
fn print(vm: &mut Vm, mut args: Args, name: &str, sort_dicts: bool) -> PyResult<Invoked> {
    let layout = Layout::read(&mut args, sort_dicts)?;
    let [object, stream, indent, width, depth] =
        args.bind(name, ["object", "stream", "indent", "width", "depth"], 1)?;
    let layout = layout.with(indent, width, depth)?;
    let object = object.unwrap_or_default();
    vm.with_texts(&[(object.clone(), Text::Repr)], move |vm| {
        let mut call = Args::new(vec![Value::str(layout.format(&object))]);
        if let Some(stream) = stream {
            call.keywords.push(("file".into(), stream));
        }
        let print = super::builtin("print").expect("print is a builtin");
        vm.invoke(&print, call)
    })
}

/// A `PrettyPrinter`'s settings.
#[derive(Clone, Copy)]
struct Layout {
    indent_per_level: usize,
    width: usize,
    /// How many levels of containers are shown; deeper ones are `[...]`.
    depth: Option<usize>,
    /// Several short items on a line.
    compact: bool,
    sort_dicts: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            indent_per_level: 1,
            width: 80,
            depth: None,
            compact: false,
            sort_dicts: true,
        }
    }
}

impl Layout {
    /// The keyword-only settings.
    fn read(args: &mut Args, sort_dicts: bool) -> PyResult<Self> {
        let flag = |value: Option<Value>, default: bool| value.map_or(default, |v| v.is_truthy());
        let layout = Self {
            compact: flag(args.keyword("compact"), false),
            sort_dicts: flag(args.keyword("sort_dicts"), sort_dicts),
            ..Self::default()
        };
        args.keyword("underscore_numbers");
        Ok(layout)
    }

    /// With the settings that may come by position, checked as `PrettyPrinter` checks them.
    fn with(
        mut self,
        indent: Option<Value>,
        width: Option<Value>,
        depth: Option<Value>,
    ) -> PyResult<Self> {
        if let Some(indent) = indent {
            let indent = to_index(&indent)?;
            if indent < 0 {
                return raise(ValueError, "indent must be >= 0");
            }
            self.indent_per_level = indent as usize;
        }
        if let Some(width) = width {
            let width = to_index(&width)?;
            if width == 0 {
                return raise(ValueError, "width must be != 0");
            }
            self.width = width.max(1) as usize;
        }
        match depth {
            None | Some(Value::None) => {}
            Some(depth) => {
                let depth = to_index(&depth)?;
                if depth <= 0 {
                    return raise(ValueError, "depth must be > 0");
                }
                self.depth = Some(depth as usize);
            }
        }
        Ok(self)
    }

    /// `pformat`'s text.
    fn format(&self, object: &Value) -> String {
        let mut out = String::new();
        self.lay_out(object, &mut out, 0, 0, &mut Vec::new(), 0);
        out
    }

    /// CPython's `_format`: the repr where it fits in what is left of the line, else the
    /// layout of a type it knows.
    fn lay_out(
        &self,
        object: &Value,
        out: &mut String,
        indent: usize,
        allowance: usize,
        context: &mut Vec<usize>,
        level: usize,
    ) {
        if let Some(address) = container_address(object) {
            if context.contains(&address) {
                out.push_str(&recursion(object));
                return;
            }
        }
        let rep = self.repr(object, level, &mut context.clone());
        let max_width = self.width as isize - indent as isize - allowance as isize;
        if chars(&rep) as isize > max_width {
            let address = object.address().unwrap_or(0);
            context.push(address);
            let laid_out = self.lay_out_known(object, out, indent, allowance, context, level + 1);
            context.pop();
            if laid_out {
                return;
            }
        }
        out.push_str(&rep);
    }

    /// The layout of a dict, list, tuple, set or string; false for another value.
    fn lay_out_known(
        &self,
        object: &Value,
        out: &mut String,
        indent: usize,
        allowance: usize,
        context: &mut Vec<usize>,
        level: usize,
    ) -> bool {
        match object {
            Value::Dict(pairs) => {
                let items = self.dict_items(&lock(pairs));
                out.push('{');
                self.pad(out);
                if !items.is_empty() {
                    self.lay_out_pairs(&items, out, indent, allowance + 1, context, level);
                }
                out.push('}');
            }
            Value::List(items) => {
                let items = lock(items).clone();
                out.push('[');
                self.lay_out_items(&items, out, indent, allowance + 1, context, level);
                out.push(']');
            }
            Value::Tuple(items) => {
                let end = if items.len() == 1 { ",)" } else { ")" };
                out.push('(');
                self.lay_out_items(items, out, indent, allowance + end.len(), context, level);
                out.push_str(end);
            }
            Value::Set(set) if lock(&set.table).is_empty() => out.push_str(&object.repr()),
            Value::Set(set) => self.lay_out_set(set, out, indent, allowance, context, level),
            Value::Str(text) => self.lay_out_str(text, out, indent, allowance, level),
            _ => return false,
        }
        true
    }

    fn lay_out_set(
        &self,
        set: &PySet,
        out: &mut String,
        mut indent: usize,
        allowance: usize,
        context: &mut Vec<usize>,
        level: usize,
    ) {
        let mut items = lock(&set.table).items();
        let end = if set.frozen {
            out.push_str("frozenset({");
            indent += "frozenset".len() + 1;
            "})"
        } else {
            out.push('{');
            "}"
        };
        items.sort_by(safe_order);
        self.lay_out_items(&items, out, indent, allowance + end.len(), context, level);
        out.push_str(end);
    }

    /// A string cut after its spaces into literals that fit, one a line (in parentheses at the
    /// top level), as `_pprint_str` cuts it.
    fn lay_out_str(
        &self,
        text: &str,
        out: &mut String,
        indent: usize,
        allowance: usize,
        level: usize,
    ) {
        let (indent, allowance) = match level {
            1 => (indent + 1, allowance + 1),
            _ => (indent, allowance),
        };
        let max_width = self.width as isize - indent as isize;
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let mut chunks = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let last_line = i == lines.len() - 1;
            let rep = Value::str(*line).repr();
            let line_width = max_width - if last_line { allowance as isize } else { 0 };
            if chars(&rep) as isize <= line_width {
                chunks.push(rep);
                continue;
            }
            let parts = words(line);
            let mut current = String::new();
            for (j, part) in parts.iter().enumerate() {
                let candidate = format!("{current}{part}");
                let last_part = j == parts.len() - 1 && last_line;
                let part_width = max_width - if last_part { allowance as isize } else { 0 };
                if chars(&Value::str(candidate.as_str()).repr()) as isize > part_width {
                    if !current.is_empty() {
                        chunks.push(Value::str(current.as_str()).repr());
                    }
                    current = part.to_string();
                } else {
                    current = candidate;
                }
            }
            if !current.is_empty() {
                chunks.push(Value::str(current.as_str()).repr());
            }
        }
        if chunks.len() == 1 {
            out.push_str(&Value::str(text).repr());
            return;
        }
        if level == 1 {
            out.push('(');
        }
        out.push_str(&chunks.join(&format!("\n{}", " ".repeat(indent))));
        if level == 1 {
            out.push(')');
        }
    }

    /// `_format_dict_items`: a pair a line, each value laid out after its key.
    fn lay_out_pairs(
        &self,
        pairs: &[(Value, Value)],
        out: &mut String,
        indent: usize,
        allowance: usize,
        context: &mut Vec<usize>,
        level: usize,
    ) {
        let indent = indent + self.indent_per_level;
        let delimiter = format!(",\n{}", " ".repeat(indent));
        for (i, (key, value)) in pairs.iter().enumerate() {
            let last = i == pairs.len() - 1;
            let rep = self.repr(key, level, &mut context.clone());
            out.push_str(&rep);
            out.push_str(": ");
            let allowance = if last { allowance } else { 1 };
            self.lay_out(
                value,
                out,
                indent + chars(&rep) + 2,
                allowance,
                context,
                level,
            );
            if !last {
                out.push_str(&delimiter);
            }
        }
    }

    /// `_format_items`: an item a line, or with `compact`, as many short ones as fit.
    fn lay_out_items(
        &self,
        items: &[Value],
        out: &mut String,
        indent: usize,
        allowance: usize,
        context: &mut Vec<usize>,
        level: usize,
    ) {
        let indent = indent + self.indent_per_level;
        self.pad(out);
        let newline = format!(",\n{}", " ".repeat(indent));
        let mut delimiter = "";
        let mut max_width = self.width as isize - indent as isize + 1;
        let mut width = max_width;
        for (i, item) in items.iter().enumerate() {
            let last = i == items.len() - 1;
            if last {
                max_width -= allowance as isize;
                width -= allowance as isize;
            }
            if self.compact {
                let rep = self.repr(item, level, &mut context.clone());
                let needed = chars(&rep) as isize + 2;
                if width < needed {
                    width = max_width;
                    if !delimiter.is_empty() {
                        delimiter = &newline;
                    }
                }
                if width >= needed {
                    width -= needed;
                    out.push_str(delimiter);
                    delimiter = ", ";
                    out.push_str(&rep);
                    continue;
                }
            }
            out.push_str(delimiter);
            delimiter = &newline;
            let allowance = if last { allowance } else { 1 };
            self.lay_out(item, out, indent, allowance, context, level);
        }
    }

    /// The spaces after an opening bracket when a level indents by more than one.
    fn pad(&self, out: &mut String) {
        out.push_str(&" ".repeat(self.indent_per_level.saturating_sub(1)));
    }

    /// CPython's `_safe_repr`: the repr, with dicts' keys sorted and containers past `depth`
    /// as `[...]`, at every level.
    fn repr(&self, object: &Value, level: usize, context: &mut Vec<usize>) -> String {
        let (open, close) = match object {
            Value::Dict(_) => ("{", "}"),
            Value::List(_) => ("[", "]"),
            Value::Tuple(_) => ("(", ")"),
            _ => return object.repr(),
        };
        let address = object.address().unwrap_or(0);
        let empty = match object {
            Value::Dict(pairs) => lock(pairs).is_empty(),
            Value::List(items) => lock(items).is_empty(),
            Value::Tuple(items) => items.is_empty(),
            _ => false,
        };
        if empty {
            return format!("{open}{close}");
        }
        if self.depth.is_some_and(|depth| level >= depth) {
            return format!("{open}...{close}");
        }
        if context.contains(&address) {
            return recursion(object);
        }
        context.push(address);
        let level = level + 1;
        let parts: Vec<String> = match object {
            Value::Dict(pairs) => {
                let pairs = self.dict_items(&lock(pairs));
                pairs
                    .iter()
                    .map(|(key, value)| {
                        let key = self.repr(key, level, context);
                        format!("{key}: {}", self.repr(value, level, context))
                    })
                    .collect()
            }
            Value::List(items) => {
                let items = lock(items).clone();
                items
                    .iter()
                    .map(|item| self.repr(item, level, context))
                    .collect()
            }
            Value::Tuple(items) => items
                .iter()
                .map(|item| self.repr(item, level, context))
                .collect(),
            _ => Vec::new(),
        };
        context.pop();
        let one_tuple = matches!(object, Value::Tuple(items) if items.len() == 1);
        let comma = if one_tuple { "," } else { "" };
        format!("{open}{}{comma}{close}", parts.join(", "))
    }

    fn dict_items(&self, pairs: &[(Value, Value)]) -> Vec<(Value, Value)> {
        let mut pairs = pairs.to_vec();
        if self.sort_dicts {
            pairs.sort_by(|(a, _), (b, _)| safe_order(a, b));
        }
        pairs
    }
}

/// `_safe_key`'s order: the values' own, else by the names of their types (CPython's then
/// goes by `id`, which here keeps the items' order).
fn safe_order(a: &Value, b: &Value) -> Ordering {
    order(a, b).unwrap_or_else(|_| a.type_name().cmp(&b.type_name()))
}

/// A list, dict, tuple or set: the values a layout may meet again inside themselves.
fn container_address(value: &Value) -> Option<usize> {
    match value {
        Value::List(_) | Value::Dict(_) | Value::Tuple(_) | Value::Set(_) => value.address(),
        _ => None,
    }
}

fn recursion(object: &Value) -> String {
    format!(
        "<Recursion on {} with id={}>",
        object.type_name(),
        object.address().unwrap_or(0)
    )
}

/// The string's runs of non-spaces each with the spaces after it (`re.findall(r'\S*\s*')`
/// without its last, empty match).
fn words(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (at, c) in line.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            parts.push(&line[start..at]);
            start = at;
            in_space = false;
        }
    }
    if start < line.len() {
        parts.push(&line[start..]);
    }
    parts
}

fn chars(text: &str) -> usize {
    text.chars().count()
}
