//! `argparse.ArgumentParser`: the arguments a script declares, and `parse_args`, which reads
//! them from a list of strings or from the command line (a program here has none, so its
//! defaults). Errors print the usage and `main.py: error: …` on standard error and exit with
//! status 2, as CPython's do; `-h` prints the help (see `argument_help.rs`).
//!
//! `type=` converts with `int`, `float` and `str` natively, checked against `choices` and
//! reported as CPython reports a bad value; any other callable is called as it is, after the
//! parse, and what it raises is raised.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::modules::sys;
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::argument_help;
use super::argument_reading::{Effect, Misuse, Read, Reading};
use super::attributes::Attributes;
use super::namespace::Namespace;
use crate::event::{lock, Stream};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "ArgumentParser",
    methods: &[
        native("add_argument", add_argument),
        native("parse_args", |vm, args| parse(vm, args, false)),
        native("parse_known_args", |vm, args| parse(vm, args, true)),
        native("set_defaults", set_defaults),
        native("get_default", get_default),
        native("format_usage", |_, args| {
            args.expect("format_usage", 0, 0)?;
            done(Value::str(argument_help::usage(
                &*args.this::<ArgumentParser>()?,
            )))
        }),
        native("format_help", |_, args| {
            args.expect("format_help", 0, 0)?;
            done(Value::str(argument_help::help(
                &*args.this::<ArgumentParser>()?,
            )))
        }),
        native("print_usage", |vm, args| {
            args.expect("print_usage", 0, 0)?;
            let text = argument_help::usage(&*args.this::<ArgumentParser>()?);
            vm.write(&text, Stream::Stdout)?;
            done(Value::None)
        }),
        native("print_help", |vm, args| {
            args.expect("print_help", 0, 0)?;
            let text = argument_help::help(&*args.this::<ArgumentParser>()?);
            vm.write(&text, Stream::Stdout)?;
            done(Value::None)
        }),
        native("error", |vm, args| {
            let given = args.expect("error", 1, 1)?;
            Err(args.this::<ArgumentParser>()?.error(vm, &given[0].to_str()))
        }),
    ],
    attribute: |object, name| {
        let parser = downcast::<ArgumentParser>(object)?;
        match name {
            "prog" => Some(Value::str(&*parser.prog)),
            "description" => Some(parser.description.clone()),
            "epilog" => Some(parser.epilog.clone()),
            _ => None,
        }
    },
};

pub struct ArgumentParser {
    pub prog: Arc<str>,
    pub description: Value,
    pub epilog: Value,
    /// `formatter_class=ArgumentDefaultsHelpFormatter`: each help ends with its default.
    pub shows_defaults: bool,
    pub arguments: Mutex<Vec<Argument>>,
    /// What `set_defaults` gave, which no argument's default overrides.
    defaults: Mutex<Attributes>,
}

/// One `add_argument`.
#[derive(Clone)]
pub struct Argument {
    /// `-p`, `--nprod`; none for a positional argument.
    pub flags: Vec<Arc<str>>,
    pub dest: Arc<str>,
    pub action: Action,
    pub nargs: Nargs,
    pub default: Value,
    pub constant: Value,
    /// `type=`; `None` keeps the string.
    pub convert: Value,
    pub choices: Option<Vec<Value>>,
    pub required: bool,
    pub help: Option<Arc<str>>,
    pub metavar: Option<Arc<str>>,
    pub version: Option<Arc<str>>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Action {
    Store,
    StoreConst,
    StoreTrue,
    StoreFalse,
    Append,
    Count,
    Help,
    Version,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Nargs {
    One,
    /// `?`
    Optional,
    /// `*`
    Any,
    /// `+`
    AtLeastOne,
    Exactly(usize),
    /// A flag that takes no value (`store_true`, `count`…).
    Zero,
}

impl Argument {
    pub fn is_positional(&self) -> bool {
        self.flags.is_empty()
    }

    /// Whether `parse_args` sets it when not given (`-h` and `--version` it does not).
    fn has_default(&self) -> bool {
        !matches!(self.action, Action::Help | Action::Version)
    }
}

impl PyObject for ArgumentParser {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "ArgumentParser(prog={}, usage=None, description={}, formatter_class=<class 'argparse.{}'>, conflict_handler='error', add_help=True)",
            Value::str(&*self.prog).repr(),
            self.description.repr(),
            if self.shows_defaults { "ArgumentDefaultsHelpFormatter" } else { "HelpFormatter" }
        )
    }
}

/// `ArgumentParser(prog=None, description=None, epilog=None, formatter_class=…, add_help=True)`.
pub fn new(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let formatter = args.keyword("formatter_class");
    let add_help = args.keyword("add_help").is_none_or(|add| add.is_truthy());
    let [prog, _usage, description, epilog] = args.bind(
        "ArgumentParser",
        ["prog", "usage", "description", "epilog"],
        0,
    )?;
    let prog = match prog {
        Some(Value::None) | None => sys::ARGV[0].into(),
        Some(prog) => prog.to_str().into(),
    };
    let shows_defaults = matches!(&formatter, Some(Value::Builtin(native)) if native.name == "ArgumentDefaultsHelpFormatter");
    let help = Argument {
        flags: vec!["-h".into(), "--help".into()],
        dest: "help".into(),
        action: Action::Help,
        nargs: Nargs::Zero,
        default: Value::None,
        constant: Value::None,
        convert: Value::None,
        choices: None,
        required: false,
        help: Some("show this help message and exit".into()),
        metavar: None,
        version: None,
    };
    done(Value::Object(Arc::new(ArgumentParser {
        prog,
        description: description.unwrap_or_default(),
        epilog: epilog.unwrap_or_default(),
        shows_defaults,
        arguments: Mutex::new(if add_help { vec![help] } else { Vec::new() }),
        defaults: Mutex::default(),
    })))
}

/// `add_argument('-p', '--nprod', type=int, default=5, …)` or `add_argument('count', …)`.
fn add_argument(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let parser = args.this::<ArgumentParser>()?;
    let mut take = |name: &str| args.keyword(name);
    let (action, nargs, default, constant) = (
        take("action"),
        take("nargs"),
        take("default"),
        take("const"),
    );
    let (convert, choices, required) = (take("type"), take("choices"), take("required"));
    let (help, metavar, dest, version) =
        (take("help"), take("metavar"), take("dest"), take("version"));
    args.no_more_keywords("add_argument")?;
    let names: Vec<Arc<str>> = args
        .positional
        .iter()
        .map(|name| name.to_str().into())
        .collect();
    let positional = match names.first() {
        None => return raise(TypeError, "add_argument() needs a name or flags"),
        Some(first) => !first.starts_with('-'),
    };
    if positional && names.len() > 1 {
        return raise(
            ValueError,
            "invalid option string: a positional argument has one name",
        );
    }
    if positional && dest.is_some() {
        return raise(ValueError, "dest supplied twice for positional argument");
    }
    let dest: Arc<str> = match (&dest, positional) {
        (Some(dest), _) => dest.to_str().into(),
        (None, true) => Arc::clone(&names[0]),
        (None, false) => {
            let long = names
                .iter()
                .find(|name| name.starts_with("--"))
                .unwrap_or(&names[0]);
            long.trim_start_matches('-').replace('-', "_").into()
        }
    };
    let action = match action.as_ref().map(Value::to_str).as_deref() {
        None | Some("store") => Action::Store,
        Some("store_const") => Action::StoreConst,
        Some("store_true") => Action::StoreTrue,
        Some("store_false") => Action::StoreFalse,
        Some("append") => Action::Append,
        Some("count") => Action::Count,
        Some("help") => Action::Help,
        Some("version") => Action::Version,
        Some(other) => return raise(ValueError, format!("unknown action \"{other}\"")),
    };
    let takes_values = matches!(action, Action::Store | Action::Append);
    let nargs = match (&nargs, takes_values) {
        (None, true) => Nargs::One,
        (None, false) => Nargs::Zero,
        (Some(Value::Int(count)), true) if *count > 0 => Nargs::Exactly(*count as usize),
        (Some(Value::Str(pattern)), true) => match &**pattern {
            "?" => Nargs::Optional,
            "*" => Nargs::Any,
            "+" => Nargs::AtLeastOne,
            _ => return raise(ValueError, "invalid nargs value"),
        },
        (Some(_), true) => return raise(ValueError, "nargs for store actions must be != 0"),
        (Some(_), false) => return raise(TypeError, "this action takes no nargs"),
    };
    let default = match (default, action) {
        (Some(default), _) => default,
        (None, Action::StoreTrue) => Value::Bool(false),
        (None, Action::StoreFalse) => Value::Bool(true),
        (None, _) => Value::None,
    };
    let constant = match action {
        Action::StoreTrue => Value::Bool(true),
        Action::StoreFalse => Value::Bool(false),
        _ => constant.unwrap_or_default(),
    };
    let choices = match choices {
        None | Some(Value::None) => None,
        Some(choices) => Some(choices.items()?),
    };
    // A positional argument is required unless it may be empty: `?`, or `*` with a default.
    let required = match (positional, nargs) {
        (true, Nargs::Optional) => false,
        (true, Nargs::Any) => matches!(default, Value::None),
        (true, _) => true,
        (false, _) => required.is_some_and(|required| required.is_truthy()),
    };
    lock(&parser.arguments).push(Argument {
        flags: if positional { Vec::new() } else { names },
        dest,
        action,
        nargs,
        default,
        constant,
        convert: convert.unwrap_or_default(),
        choices,
        required,
        help: help
            .filter(|help| !matches!(help, Value::None))
            .map(|help| help.to_str().into()),
        metavar: metavar.map(|metavar| metavar.to_str().into()),
        version: version.map(|version| version.to_str().into()),
    });
    done(Value::None)
}

fn set_defaults(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("set_defaults", 0, 0)
        .or_else(|error| match args.positional.is_empty() {
            true => Ok(&[][..]),
            false => Err(error),
        })?;
    let parser = args.this::<ArgumentParser>()?;
    let mut arguments = lock(&parser.arguments);
    let mut defaults = lock(&parser.defaults);
    for (name, value) in &args.keywords {
        match arguments
            .iter_mut()
            .find(|argument| *argument.dest == **name)
        {
            Some(argument) => argument.default = value.clone(),
            None => defaults.set(name, value.clone()),
        }
    }
    done(Value::None)
}

fn get_default(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let dest = args.expect("get_default", 1, 1)?[0].to_str();
    let parser = args.this::<ArgumentParser>()?;
    if let Some(value) = lock(&parser.defaults).get(&dest) {
        return done(value.clone());
    }
    let arguments = lock(&parser.arguments);
    let found = arguments.iter().find(|argument| *argument.dest == *dest);
    done(found.map_or(Value::None, |argument| argument.default.clone()))
}

impl ArgumentParser {
    /// What `parser.error(message)` raises, once it has printed the usage and the message.
    fn error(&self, vm: &mut Vm, message: &str) -> Exception {
        let text = format!(
            "{}{}: error: {message}\n",
            argument_help::usage(self),
            self.prog
        );
        if let Err(error) = vm.write(&text, Stream::Stderr) {
            return error;
        }
        exit(2)
    }
}

fn exit(status: i64) -> Exception {
    let mut exception = Exception::new(SystemExit, status.to_string());
    exception.args = Some(vec![Value::Int(status.into())].into());
    exception
}

/// `parse_args(args=None)`: the namespace, or (`known`) the namespace and what was not
/// recognised.
fn parse(vm: &mut Vm, mut args: Args, known: bool) -> PyResult<Invoked> {
    let parser = args.this::<ArgumentParser>()?;
    let _namespace = args.keyword("namespace");
    let [given] = args.bind("parse_args", ["args"], 0)?;
    let tokens: Vec<Arc<str>> = match given {
        None | Some(Value::None) => sys::ARGV[1..].iter().map(|&arg| arg.into()).collect(),
        Some(list) => list
            .items()?
            .iter()
            .map(|arg| arg.to_str().into())
            .collect(),
    };
    let arguments = lock(&parser.arguments).clone();
    let mut reading = Reading {
        arguments: &arguments,
        effects: Vec::new(),
        conversions: VecDeque::new(),
        seen: vec![false; arguments.len()],
    };
    let extras = match reading.read(&tokens) {
        Ok(extras) => extras,
        Err(Misuse::Error(message)) => return Err(parser.error(vm, &message)),
        Err(Misuse::Help) => {
            vm.write(&argument_help::help(&parser), Stream::Stdout)?;
            return Err(exit(0));
        }
        Err(Misuse::Version(version)) => {
            let version = version.replace("%(prog)s", &parser.prog);
            vm.write(&format!("{version}\n"), Stream::Stdout)?;
            return Err(exit(0));
        }
    };
    let missing: Vec<String> = arguments
        .iter()
        .zip(&reading.seen)
        .filter(|(argument, seen)| argument.required && !**seen)
        .map(|(argument, _)| argument_help::invocation_name(argument))
        .collect();
    if !missing.is_empty() {
        let message = format!(
            "the following arguments are required: {}",
            missing.join(", ")
        );
        return Err(parser.error(vm, &message));
    }
    if !known && !extras.is_empty() {
        let message = format!("unrecognized arguments: {}", extras.join(" "));
        return Err(parser.error(vm, &message));
    }
    // The defaults first, in the order the arguments were added, then `set_defaults`'s
    // others, as CPython sets them.
    let mut effects = Vec::new();
    let mut named: Vec<Arc<str>> = Vec::new();
    let seen = reading.seen.clone();
    for (argument, seen) in arguments.iter().zip(seen) {
        if !argument.has_default() || named.contains(&argument.dest) {
            continue;
        }
        named.push(Arc::clone(&argument.dest));
        let default = match (&argument.default, seen) {
            // A string default is converted as a value given would be, unless one is.
            (Value::Str(text), false) if argument.action == Action::Store => {
                match reading.convert(argument, text) {
                    Ok(read) => read,
                    Err(message) => return Err(parser.error(vm, &message)),
                }
            }
            (default, _) => Read::Ready(default.clone()),
        };
        effects.push(Effect::Set(Arc::clone(&argument.dest), default));
    }
    for (name, value) in lock(&parser.defaults).iter() {
        if !named.iter().any(|dest| **dest == *name) {
            effects.push(Effect::Set(name.into(), Read::Ready(value.clone())));
        }
    }
    effects.append(&mut reading.effects);
    let finish = Finish {
        effects,
        extras: known.then_some(extras),
    };
    convert_all(vm, reading.conversions, Vec::new(), finish)
}

/// The rest of a parse: the effects to apply once every conversion is done.
struct Finish {
    effects: Vec<Effect>,
    /// For `parse_known_args`: what was not recognised.
    extras: Option<Vec<String>>,
}

/// Calls the program's `type` callables one after another, then builds the namespace.
fn convert_all(
    vm: &mut Vm,
    mut conversions: VecDeque<(Value, Value)>,
    mut converted: Vec<Value>,
    finish: Finish,
) -> PyResult<Invoked> {
    let Some((convert, text)) = conversions.pop_front() else {
        return done(finish.apply(&converted));
    };
    let called = vm.invoke(&convert, Args::new(vec![text]))?;
    vm.then_after(
        called,
        Then::new(move |vm, value| {
            converted.push(value);
            convert_all(vm, conversions, converted, finish)
        }),
    )
}

impl Finish {
    fn apply(self, converted: &[Value]) -> Value {
        let resolve = |read: Read| -> Value {
            fn resolved(read: Read, converted: &[Value]) -> Value {
                match read {
                    Read::Ready(value) => value,
                    Read::Converted(index) => converted[index].clone(),
                    Read::List(reads) => Value::list(
                        reads
                            .into_iter()
                            .map(|read| resolved(read, converted))
                            .collect(),
                    ),
                }
            }
            resolved(read, converted)
        };
        let mut namespace = Attributes::default();
        for effect in self.effects {
            match effect {
                Effect::Set(dest, read) => namespace.set(&dest, resolve(read)),
                Effect::Append(dest, read) => {
                    let value = resolve(read);
                    match namespace.get(&dest) {
                        Some(Value::List(items)) => {
                            let mut items = lock(items).clone();
                            items.push(value);
                            namespace.set(&dest, Value::list(items));
                        }
                        _ => namespace.set(&dest, Value::list(vec![value])),
                    }
                }
                Effect::Count(dest) => {
                    let count = match namespace.get(&dest) {
                        Some(Value::Int(count)) => count + 1,
                        _ => 1,
                    };
                    namespace.set(&dest, Value::Int(count));
                }
            }
        }
        let namespace = Value::Object(Arc::new(Namespace::of_arguments(namespace)));
        match self.extras {
            None => namespace,
            Some(extras) => Value::Tuple(
                [
                    namespace,
                    Value::list(extras.into_iter().map(Value::str).collect()),
                ]
                .into(),
            ),
        }
    }
}
