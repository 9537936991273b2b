//! Binding a call's arguments to a function's parameters, as Python does: positional ones in
//! order (the rest into `*args`), keywords by name (the rest into `**kwargs`), defaults for
//! what is left, and CPython's messages for what does not fit.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::set_item;
use super::super::registry::Args;
use super::super::value::{Function, Value};
use std::sync::Arc;

/// Fills `locals` (as many as the code has, all empty) from `args`.
pub fn bind_args(
    function: &Function,
    mut args: Args,
    locals: &mut [Option<Value>],
) -> PyResult<()> {
    let code = &function.code;
    let name = &code.qualname;
    let positional_count = code.param_count;
    let named_count = positional_count + code.kwonly_defaulted.len();
    let mut next_slot = named_count;
    let varargs_slot = code.varargs.then(|| {
        next_slot += 1;
        next_slot - 1
    });
    let varkw_slot = code.varkw.then_some(next_slot);
    let kwonly_default_count = code.kwonly_defaulted.iter().filter(|d| **d).count();
    let positional_defaults = function.defaults.len() - kwonly_default_count;

    let given = args.positional.len();
    let mut extra = Vec::new();
    for (index, value) in args.positional.drain(..).enumerate() {
        if index < positional_count {
            locals[index] = Some(value);
        } else {
            extra.push(value);
        }
    }
    let varkw = varkw_slot.map(|_| Value::Dict(Arc::default()));
    for (key, value) in args.keywords.drain(..) {
        match code.local_names[..named_count]
            .iter()
            .position(|param| *param == key)
        {
            Some(slot) if locals[slot].is_some() => {
                return raise(
                    TypeError,
                    format!("{name}() got multiple values for argument '{key}'"),
                )
            }
            Some(slot) => locals[slot] = Some(value),
            None => match &varkw {
                Some(dict) => set_item(dict, &Value::Str(key), value)?,
                None => {
                    return raise(
                        TypeError,
                        format!("{name}() got an unexpected keyword argument '{key}'"),
                    )
                }
            },
        }
    }
    if let (Some(slot), Some(dict)) = (varkw_slot, varkw) {
        locals[slot] = Some(dict);
    }

    // After the keywords, as CPython checks: `f(*four, c=3)` gets multiple values for `c`.
    match varargs_slot {
        Some(slot) => locals[slot] = Some(Value::Tuple(extra.into())),
        None if !extra.is_empty() => {
            let takes = if positional_defaults == 0 {
                positional_count.to_string()
            } else {
                format!(
                    "from {} to {positional_count}",
                    positional_count - positional_defaults
                )
            };
            let plural = if positional_count == 1 && positional_defaults == 0 {
                ""
            } else {
                "s"
            };
            let were = if given == 1 { "was" } else { "were" };
            return raise(
                TypeError,
                format!(
                    "{name}() takes {takes} positional argument{plural} but {given} {were} given"
                ),
            );
        }
        None => {}
    }

    let first_default = positional_count - positional_defaults;
    let mut missing = Vec::new();
    for (slot, local) in locals[..positional_count].iter_mut().enumerate() {
        if local.is_none() {
            match slot.checked_sub(first_default) {
                Some(default) => *local = Some(function.defaults[default].clone()),
                None => missing.push(slot),
            }
        }
    }
    if !missing.is_empty() {
        return missing_error(function, &missing, "positional");
    }
    let mut kwonly_defaults = function.defaults[positional_defaults..].iter();
    for (index, has_default) in code.kwonly_defaulted.iter().enumerate() {
        let slot = positional_count + index;
        let default = if *has_default {
            kwonly_defaults.next()
        } else {
            None
        };
        if locals[slot].is_none() {
            match default {
                Some(default) => locals[slot] = Some(default.clone()),
                None => missing.push(slot),
            }
        }
    }
    if !missing.is_empty() {
        return missing_error(function, &missing, "keyword-only");
    }
    Ok(())
}

fn missing_error(function: &Function, slots: &[usize], kind: &str) -> PyResult<()> {
    let names: Vec<&str> = slots
        .iter()
        .map(|slot| &*function.code.local_names[*slot])
        .collect();
    missing_arguments(&function.code.qualname, &names, kind)
}

/// CPython's `f() missing 2 required positional arguments: 'a' and 'b'`.
pub fn missing_arguments<T>(callee: &str, names: &[&str], kind: &str) -> PyResult<T> {
    let names: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
    let listed = match names.as_slice() {
        [one] => one.clone(),
        [first, last] => format!("{first} and {last}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    raise(
        TypeError,
        format!(
            "{callee}() missing {} required {kind} argument{plural}: {listed}",
            names.len()
        ),
    )
}
