//! `re`: regular expressions (the engine is `regex/`, the pattern and match objects
//! `types/regex_pattern.rs` and `types/regex_match.rs`). Each function compiles its pattern
//! (cached, as CPython's are) and calls the pattern's method.

use super::super::error::{ExceptionKind, PyResult};
use super::super::regex::{Anchor, Flags};
use super::super::registry::{done, native, Args, Constant, ModuleDef};
use super::super::types::kinds::native_type;
use super::super::types::regex_pattern::compiled;
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use std::sync::OnceLock;

pub static MODULE: ModuleDef = ModuleDef {
    name: "re",
    functions: &[
        native("compile", |_, args| {
            let [pattern, flags] = args.bind("compile", ["pattern", "flags"], 1)?;
            let pattern = compiled(&pattern.unwrap_or_default(), flags)?;
            done(Value::Object(pattern))
        }),
        native("search", |_, args| anchored(args, "search", Anchor::Search)),
        native("match", |_, args| anchored(args, "match", Anchor::Start)),
        native("fullmatch", |_, args| {
            anchored(args, "fullmatch", Anchor::Whole)
        }),
        native("findall", |_, args| {
            let [pattern, string, flags] =
                args.bind("findall", ["pattern", "string", "flags"], 2)?;
            compiled(&pattern.unwrap_or_default(), flags)?.findall(
                &string.unwrap_or_default(),
                None,
                None,
            )
        }),
        native("finditer", |_, args| {
            let [pattern, string, flags] =
                args.bind("finditer", ["pattern", "string", "flags"], 2)?;
            compiled(&pattern.unwrap_or_default(), flags)?.finditer(
                &string.unwrap_or_default(),
                None,
                None,
            )
        }),
        native("sub", |vm, args| substitute(vm, args, "sub", false)),
        native("subn", |vm, args| substitute(vm, args, "subn", true)),
        native("split", |_, args| {
            let [pattern, string, maxsplit, flags] =
                args.bind("split", ["pattern", "string", "maxsplit", "flags"], 2)?;
            compiled(&pattern.unwrap_or_default(), flags)?
                .split(&string.unwrap_or_default(), maxsplit)
        }),
        native("escape", |_, args| {
            let [pattern] = args.bind("escape", ["pattern"], 1)?;
            let text = pattern.unwrap_or_default().to_str();
            done(Value::str(escape(&text)))
        }),
        native("purge", |_, args| {
            args.expect("purge", 0, 0)?;
            done(Value::None)
        }),
    ],
    exceptions: &[ExceptionKind::RegexError],
    constants: &[
        ("NOFLAG", Constant::Int(0)),
        ("I", Constant::Int(Flags::IGNORECASE)),
        ("IGNORECASE", Constant::Int(Flags::IGNORECASE)),
        ("M", Constant::Int(Flags::MULTILINE)),
        ("MULTILINE", Constant::Int(Flags::MULTILINE)),
        ("S", Constant::Int(Flags::DOTALL)),
        ("DOTALL", Constant::Int(Flags::DOTALL)),
        ("U", Constant::Int(Flags::UNICODE)),
        ("UNICODE", Constant::Int(Flags::UNICODE)),
        ("X", Constant::Int(Flags::VERBOSE)),
        ("VERBOSE", Constant::Int(Flags::VERBOSE)),
        ("A", Constant::Int(Flags::ASCII)),
        ("ASCII", Constant::Int(Flags::ASCII)),
        // For `isinstance`, `type(m) is re.Match` and type hints.
        (
            "Pattern",
            Constant::Object(|| shared_type(&PATTERN, "Pattern")),
        ),
        ("Match", Constant::Object(|| shared_type(&MATCH, "Match"))),
    ],
    submodules: &[],
};

static PATTERN: OnceLock<Value> = OnceLock::new();
static MATCH: OnceLock<Value> = OnceLock::new();

/// One object for the type, as CPython has, so `is` finds it the same each time.
fn shared_type(made: &'static OnceLock<Value>, name: &str) -> Value {
    made.get_or_init(|| native_type(name)).clone()
}

/// `re.search`, `re.match`, `re.fullmatch`.
fn anchored(args: Args, name: &str, anchor: Anchor) -> PyResult<Invoked> {
    let [pattern, string, flags] = args.bind(name, ["pattern", "string", "flags"], 2)?;
    let pattern = compiled(&pattern.unwrap_or_default(), flags)?;
    done(pattern.find(&string.unwrap_or_default(), None, None, anchor)?)
}

fn substitute(vm: &mut Vm, args: Args, name: &str, with_count: bool) -> PyResult<Invoked> {
    let [pattern, repl, string, count, flags] =
        args.bind(name, ["pattern", "repl", "string", "count", "flags"], 3)?;
    let pattern = compiled(&pattern.unwrap_or_default(), flags)?;
    pattern.substitute(
        vm,
        repl.unwrap_or_default(),
        &string.unwrap_or_default(),
        count,
        with_count,
    )
}

/// `re.escape`: a backslash before each character that means something in a pattern
/// (CPython's `_special_chars_map`).
fn escape(text: &str) -> String {
    const SPECIAL: &str = "()[]{}?*+-|^$\\.&~# \t\n\r\u{b}\u{c}";
    let mut escaped = String::with_capacity(text.len());
    for char in text.chars() {
        if SPECIAL.contains(char) {
            escaped.push('\\');
        }
        escaped.push(char);
    }
    escaped
}
