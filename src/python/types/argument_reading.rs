//! Reading a command line for `argparse`: options (exact, a long one's unique prefix, `-p3`,
//! `-vv`, `--name=value`), their values, and the positional arguments in order, each taking
//! what it may while leaving the later ones what they need, as CPython's parser does. What it
//! reads becomes effects on the namespace, applied once the program's own `type` callables
//! have run (see `argument_parser.rs`).

use super::super::modules::builtins::numbers::{to_float, to_int};
use super::super::value::{equals, Value};
use super::argument_help::invocation_name;
use super::argument_parser::{Action, Argument, Nargs};
use std::collections::VecDeque;
use std::sync::Arc;

/// A value read for an argument, converted once the parse is over if its `type` is the
/// program's own.
pub enum Read {
    Ready(Value),
    /// The index of its conversion in `Parse::conversions`.
    Converted(usize),
    List(Vec<Read>),
}

/// What the command line does to the namespace, in order.
pub enum Effect {
    Set(Arc<str>, Read),
    Append(Arc<str>, Read),
    Count(Arc<str>),
}

/// Text written with an option's flag.
enum Attached {
    /// `--name=value`.
    Explicit(String),
    /// What follows a short flag in its token: `-p3`'s value, or `-vv`'s further flags.
    AfterShort(String),
}

/// Why a parse stopped.
pub enum Misuse {
    Error(String),
    Help,
    Version(Arc<str>),
}

pub struct Reading<'a> {
    pub arguments: &'a [Argument],
    pub effects: Vec<Effect>,
    /// The program's own `type` callables, each with the string to call it with.
    pub conversions: VecDeque<(Value, Value)>,
    /// Which arguments the command line gave.
    pub seen: Vec<bool>,
}

impl Reading<'_> {
    /// Reads the tokens; what no argument takes.
    pub fn read(&mut self, tokens: &[Arc<str>]) -> Result<Vec<String>, Misuse> {
        // The positional tokens, and what nothing takes, each with its place on the line.
        let mut positionals: Vec<(usize, Arc<str>)> = Vec::new();
        let mut extras: Vec<(usize, String)> = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            let token = &tokens[at];
            at += 1;
            if &**token == "--" {
                positionals.extend(tokens.iter().cloned().enumerate().skip(at));
                break;
            }
            if !is_option(token) {
                positionals.push((at - 1, Arc::clone(token)));
                continue;
            }
            let (flag, attached) = match token.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    (flag, Some(Attached::Explicit(value.to_string())))
                }
                _ => (&**token, None),
            };
            let Some((index, attached)) = self.find_option(flag, attached)? else {
                extras.push((at - 1, token.to_string()));
                continue;
            };
            at = self.read_option(index, attached, tokens, at)?;
        }
        let values: Vec<Arc<str>> = positionals
            .iter()
            .map(|(_, token)| Arc::clone(token))
            .collect();
        let taken = self.assign_positionals(&values)?;
        extras.extend(
            positionals[taken..]
                .iter()
                .map(|(place, token)| (*place, token.to_string())),
        );
        extras.sort_by_key(|(place, _)| *place);
        Ok(extras.into_iter().map(|(_, token)| token).collect())
    }

    /// The option `flag` names (exactly, as a long option's unique prefix, or as a short one
    /// with its value or more short flags after it), and the text attached to it.
    fn find_option(
        &self,
        flag: &str,
        attached: Option<Attached>,
    ) -> Result<Option<(usize, Option<Attached>)>, Misuse> {
        let exact = |flag: &str| {
            self.arguments
                .iter()
                .position(|argument| argument.flags.iter().any(|known| &**known == flag))
        };
        if let Some(index) = exact(flag) {
            return Ok(Some((index, attached)));
        }
        if flag.starts_with("--") {
            let matches: Vec<&Arc<str>> = self
                .arguments
                .iter()
                .flat_map(|argument| &argument.flags)
                .filter(|known| known.starts_with(flag))
                .collect();
            return match matches.as_slice() {
                [] => Ok(None),
                [only] => Ok(exact(only).map(|index| (index, attached))),
                many => {
                    let names: Vec<&str> = many.iter().map(|name| &***name).collect();
                    Err(Misuse::Error(format!(
                        "ambiguous option: {flag} could match {}",
                        names.join(", ")
                    )))
                }
            };
        }
        // `-p3` or `-vv`.
        match (flag.get(..2), flag.get(2..)) {
            (Some(short), Some(rest)) if !rest.is_empty() => {
                Ok(exact(short).map(|index| (index, Some(Attached::AfterShort(rest.to_string())))))
            }
            _ => Ok(None),
        }
    }

    /// Applies option `index`, with the text attached to its flag and the tokens after it;
    /// where the tokens go on.
    fn read_option(
        &mut self,
        index: usize,
        attached: Option<Attached>,
        tokens: &[Arc<str>],
        mut at: usize,
    ) -> Result<usize, Misuse> {
        let argument = &self.arguments[index];
        self.seen[index] = true;
        let dest = Arc::clone(&argument.dest);
        if argument.nargs == Nargs::Zero {
            let effect = match argument.action {
                Action::Help => return Err(Misuse::Help),
                Action::Version => {
                    return Err(Misuse::Version(
                        argument.version.clone().unwrap_or_default(),
                    ))
                }
                Action::Count => Effect::Count(dest),
                _ => Effect::Set(dest, Read::Ready(argument.constant.clone())),
            };
            self.effects.push(effect);
            // `-vv`: the rest is more short flags; `--verbose=x` is a mistake.
            return match attached {
                None => Ok(at),
                Some(Attached::Explicit(value)) => Err(Misuse::Error(format!(
                    "argument {}: ignored explicit argument '{value}'",
                    invocation_name(argument)
                ))),
                Some(Attached::AfterShort(rest)) => {
                    let flag = format!("-{rest}");
                    match self.find_option(&flag, None)? {
                        Some((next, attached)) => self.read_option(next, attached, tokens, at),
                        None => Err(Misuse::Error(format!(
                            "argument {}: ignored explicit argument '{rest}'",
                            invocation_name(argument)
                        ))),
                    }
                }
            };
        }
        let mut values: Vec<Arc<str>> = attached
            .map(|(Attached::Explicit(text) | Attached::AfterShort(text))| text.into())
            .into_iter()
            .collect();
        let wanted = match argument.nargs {
            Nargs::One | Nargs::Optional => 1,
            Nargs::Exactly(count) => count,
            _ => usize::MAX,
        };
        while values.len() < wanted && at < tokens.len() && !is_option(&tokens[at]) {
            values.push(Arc::clone(&tokens[at]));
            at += 1;
        }
        let shortfall = match argument.nargs {
            Nargs::One if values.is_empty() => Some("expected one argument".to_string()),
            Nargs::AtLeastOne if values.is_empty() => {
                Some("expected at least one argument".to_string())
            }
            Nargs::Exactly(count) if values.len() < count => {
                Some(format!("expected {count} arguments"))
            }
            _ => None,
        };
        if let Some(shortfall) = shortfall {
            return Err(Misuse::Error(format!(
                "argument {}: {shortfall}",
                invocation_name(argument)
            )));
        }
        let read = self.values_read(argument, &values).map_err(Misuse::Error)?;
        self.effects.push(match argument.action {
            Action::Append => Effect::Append(dest, read),
            _ => Effect::Set(dest, read),
        });
        Ok(at)
    }

    /// Gives the positional arguments their tokens in order, each taking what it may and
    /// leaving the later ones what they need; how many tokens they took.
    fn assign_positionals(&mut self, tokens: &[Arc<str>]) -> Result<usize, Misuse> {
        let positionals: Vec<usize> = (0..self.arguments.len())
            .filter(|&index| self.arguments[index].is_positional())
            .collect();
        let least = |index: usize| match self.arguments[index].nargs {
            Nargs::One | Nargs::AtLeastOne => 1,
            Nargs::Exactly(count) => count,
            _ => 0,
        };
        let mut at = 0;
        for (order, &index) in positionals.iter().enumerate() {
            let left = tokens.len() - at;
            let later: usize = positionals[order + 1..]
                .iter()
                .map(|&later| least(later))
                .sum();
            let spare = left.saturating_sub(later);
            let take = match self.arguments[index].nargs {
                Nargs::One => 1,
                Nargs::Exactly(count) => count,
                Nargs::Optional => spare.min(1),
                Nargs::Any | Nargs::AtLeastOne => spare,
                Nargs::Zero => 0,
            };
            // As CPython's: an argument that cannot have its share stops the assignment.
            if take > left || take < least(index) {
                break;
            }
            let argument = &self.arguments[index];
            let values = &tokens[at..at + take];
            at += take;
            self.seen[index] = true;
            let read = match (argument.nargs, values) {
                (Nargs::Optional, []) => Read::Ready(argument.default.clone()),
                (Nargs::Any, []) if !matches!(argument.default, Value::None) => {
                    Read::Ready(argument.default.clone())
                }
                _ => self.values_read(argument, values).map_err(Misuse::Error)?,
            };
            self.effects
                .push(Effect::Set(Arc::clone(&argument.dest), read));
        }
        Ok(at)
    }

    /// The value an argument's tokens give: one, or a list for a count of them.
    fn values_read(&mut self, argument: &Argument, values: &[Arc<str>]) -> Result<Read, String> {
        if matches!(argument.nargs, Nargs::One | Nargs::Optional) {
            return match values.first() {
                Some(value) => self.convert(argument, value),
                None => Ok(Read::Ready(argument.constant.clone())),
            };
        }
        let reads = values
            .iter()
            .map(|value| self.convert(argument, value))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Read::List(reads))
    }

    /// One string converted by the argument's `type` and checked against its choices.
    pub fn convert(&mut self, argument: &Argument, text: &str) -> Result<Read, String> {
        let invalid = |kind: &str| {
            format!(
                "argument {}: invalid {kind} value: {}",
                invocation_name(argument),
                Value::str(text).repr()
            )
        };
        let value = match &argument.convert {
            Value::None => Value::str(text),
            Value::Builtin(native) if native.name == "str" => Value::str(text),
            Value::Builtin(native) if native.name == "int" => {
                to_int(&Value::str(text)).map_err(|_| invalid("int"))?
            }
            Value::Builtin(native) if native.name == "float" => {
                to_float(&Value::str(text)).map_err(|_| invalid("float"))?
            }
            program_own => {
                self.conversions
                    .push_back((program_own.clone(), Value::str(text)));
                return Ok(Read::Converted(self.conversions.len() - 1));
            }
        };
        if let Some(choices) = &argument.choices {
            if !choices.iter().any(|choice| equals(choice, &value)) {
                let listed: Vec<String> = choices.iter().map(Value::repr).collect();
                return Err(format!(
                    "argument {}: invalid choice: {} (choose from {})",
                    invocation_name(argument),
                    value.repr(),
                    listed.join(", ")
                ));
            }
        }
        Ok(Read::Ready(value))
    }
}

/// Whether a token is an option rather than a value: it starts with `-` and is not a
/// negative number.
fn is_option(token: &str) -> bool {
    token.len() > 1 && token.starts_with('-') && token[1..].parse::<f64>().is_err()
}
