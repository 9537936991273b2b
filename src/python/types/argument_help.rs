//! The usage line and the help of an `argparse.ArgumentParser`, laid out as CPython's
//! `HelpFormatter` lays them out for output that is not a terminal: 78 columns, help text from
//! column 24 at most, long usage lines wrapped under the program's name.

use super::argument_parser::{Action, Argument, ArgumentParser, Nargs};
use crate::event::lock;

/// CPython's width when the output is not a terminal (80 columns, less 2).
const WIDTH: usize = 78;
/// Where help text starts at the latest.
const MAX_HELP_POSITION: usize = 24;
/// How far an argument's line is indented in its section.
const INDENT: usize = 2;

/// `format_usage()`: `usage: main.py [-h] [-p NPROD]`, wrapped, with a newline.
pub fn usage(parser: &ArgumentParser) -> String {
    let arguments = lock(&parser.arguments);
    let prefix = "usage: ";
    let prog = &*parser.prog;
    let part = |argument: &Argument| usage_part(argument);
    let optionals: Vec<String> = arguments
        .iter()
        .filter(|a| !a.is_positional())
        .map(part)
        .collect();
    let positionals: Vec<String> = arguments
        .iter()
        .filter(|a| a.is_positional())
        .map(part)
        .collect();
    let all: Vec<&str> = std::iter::once(prog)
        .chain(optionals.iter().chain(&positionals).map(String::as_str))
        .collect();
    let one_line = all.join(" ");
    if prefix.len() + one_line.len() <= WIDTH || prefix.len() + prog.len() > WIDTH * 3 / 4 {
        return format!("{prefix}{one_line}\n");
    }
    let indent = " ".repeat(prefix.len() + prog.len() + 1);
    let mut lines = if optionals.is_empty() {
        wrap_parts(&all, &indent, Some(prefix))
    } else {
        let first: Vec<&str> = std::iter::once(prog)
            .chain(optionals.iter().map(String::as_str))
            .collect();
        let mut lines = wrap_parts(&first, &indent, Some(prefix));
        let rest: Vec<&str> = positionals.iter().map(String::as_str).collect();
        if !rest.is_empty() {
            lines.extend(wrap_parts(&rest, &indent, None));
        }
        lines
    };
    lines[0].insert_str(0, prefix);
    format!("{}\n", lines.join("\n"))
}

/// Parts on lines of at most `WIDTH`, each after `indent`; the first line after `prefix`
/// instead (left for the caller to write).
fn wrap_parts(parts: &[&str], indent: &str, prefix: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line: Vec<&str> = Vec::new();
    let mut length = prefix.map_or(indent.len(), str::len) - 1;
    for part in parts {
        if length + 1 + part.len() > WIDTH && !line.is_empty() {
            lines.push(format!("{indent}{}", line.join(" ")));
            line.clear();
            length = indent.len() - 1;
        }
        line.push(part);
        length += part.len() + 1;
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{}", line.join(" ")));
    }
    if prefix.is_some() {
        lines[0] = lines[0][indent.len()..].to_string();
    }
    lines
}

/// `format_help()`: the usage, the description, each section's arguments and the epilog.
pub fn help(parser: &ArgumentParser) -> String {
    let mut text = usage(parser);
    if let Some(description) = text_of(&parser.description) {
        text += &format!("\n{}\n", wrap(&description, WIDTH).join("\n"));
    }
    let arguments = lock(&parser.arguments);
    let longest = arguments
        .iter()
        .map(|argument| invocation(argument).len() + INDENT)
        .max()
        .unwrap_or(0);
    let help_position = (longest + 2).min(MAX_HELP_POSITION);
    for (title, positional) in [("positional arguments", true), ("options", false)] {
        let section: Vec<&Argument> = arguments
            .iter()
            .filter(|a| a.is_positional() == positional)
            .collect();
        if section.is_empty() {
            continue;
        }
        text += &format!("\n{title}:\n");
        for argument in section {
            text += &argument_lines(parser, argument, help_position);
        }
    }
    if let Some(epilog) = text_of(&parser.epilog) {
        text += &format!("\n{}\n", wrap(&epilog, WIDTH).join("\n"));
    }
    text
}

fn text_of(value: &super::super::value::Value) -> Option<String> {
    match value {
        super::super::value::Value::None => None,
        other => Some(other.to_str()),
    }
}

/// An argument's line in the help, with its help text beside it (or under it, when the
/// flags are too long to leave room).
fn argument_lines(parser: &ArgumentParser, argument: &Argument, help_position: usize) -> String {
    let invocation = invocation(argument);
    let Some(help) = help_text(parser, argument) else {
        return format!("{}{invocation}\n", " ".repeat(INDENT));
    };
    let action_width = help_position - INDENT - 2;
    let help_lines = wrap(&help, WIDTH.saturating_sub(help_position).max(11));
    let mut text = if invocation.len() <= action_width {
        format!(
            "{}{invocation:<action_width$}  {}\n",
            " ".repeat(INDENT),
            help_lines[0]
        )
    } else {
        format!(
            "{}{invocation}\n{}{}\n",
            " ".repeat(INDENT),
            " ".repeat(help_position),
            help_lines[0]
        )
    };
    for line in &help_lines[1..] {
        text += &format!("{}{line}\n", " ".repeat(help_position));
    }
    text
}

/// Its help with `%(default)s`, `%(prog)s` and `%(dest)s` filled in; with
/// `ArgumentDefaultsHelpFormatter`, its default after it.
fn help_text(parser: &ArgumentParser, argument: &Argument) -> Option<String> {
    let mut help = argument.help.as_deref()?.to_string();
    let shows_default = argument.action != Action::Help
        && argument.action != Action::Version
        && (!argument.is_positional() || matches!(argument.nargs, Nargs::Optional | Nargs::Any));
    if parser.shows_defaults && shows_default && !help.contains("%(default)") {
        help += " (default: %(default)s)";
    }
    Some(
        help.replace("%(default)s", &argument.default.to_str())
            .replace("%(prog)s", &parser.prog)
            .replace("%(dest)s", &argument.dest)
            .replace("%%", "%"),
    )
}

/// How an argument is named in an error: `-p/--nprod`, or a positional one's metavar.
pub fn invocation_name(argument: &Argument) -> String {
    if argument.is_positional() {
        return argument
            .metavar
            .as_deref()
            .unwrap_or(&argument.dest)
            .to_string();
    }
    argument
        .flags
        .iter()
        .map(|flag| &**flag)
        .collect::<Vec<_>>()
        .join("/")
}

/// How an argument is shown in the help: `-p NPROD, --nprod NPROD`, or `count`.
fn invocation(argument: &Argument) -> String {
    if argument.is_positional() {
        return metavar(argument);
    }
    if argument.nargs == Nargs::Zero {
        return argument
            .flags
            .iter()
            .map(|flag| &**flag)
            .collect::<Vec<_>>()
            .join(", ");
    }
    let values = values_shown(argument);
    let shown: Vec<String> = argument
        .flags
        .iter()
        .map(|flag| format!("{flag} {values}"))
        .collect();
    shown.join(", ")
}

/// An argument in the usage line: `[-p NPROD]`, `--name NAME` if required, `count`.
fn usage_part(argument: &Argument) -> String {
    if argument.is_positional() {
        return values_shown(argument);
    }
    let flag = &argument.flags[0];
    let part = match argument.nargs {
        Nargs::Zero => flag.to_string(),
        _ => format!("{flag} {}", values_shown(argument)),
    };
    match argument.required {
        true => part,
        false => format!("[{part}]"),
    }
}

/// The placeholder of a value: its metavar, its choices (`{x,y}`), or its name.
fn metavar(argument: &Argument) -> String {
    if let Some(metavar) = &argument.metavar {
        return metavar.to_string();
    }
    if let Some(choices) = &argument.choices {
        let shown: Vec<String> = choices.iter().map(|choice| choice.to_str()).collect();
        return format!("{{{}}}", shown.join(","));
    }
    match argument.is_positional() {
        true => argument.dest.to_string(),
        false => argument.dest.to_uppercase(),
    }
}

/// The values an argument takes, as the usage and help show them: `X`, `[X]`, `[X ...]`,
/// `X [X ...]`, or `X X` for two.
fn values_shown(argument: &Argument) -> String {
    let name = metavar(argument);
    match argument.nargs {
        Nargs::One | Nargs::Zero => name,
        Nargs::Optional => format!("[{name}]"),
        Nargs::Any => format!("[{name} ...]"),
        Nargs::AtLeastOne => format!("{name} [{name} ...]"),
        Nargs::Exactly(count) => vec![name; count].join(" "),
    }
}

/// Text on lines of at most `width`, its whitespace made single spaces, as `textwrap` does.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += word;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
