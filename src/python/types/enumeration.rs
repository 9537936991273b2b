//! Classes deriving from `enum.Enum` or `enum.IntEnum`: when the class is made, each plain
//! attribute of its body becomes a member, an instance of the class with a `name` and a
//! `value` (`auto()` counting on from the last int). The class is its members: iterating it,
//! `len()`, `Color(value)` and `Color['NAME']` find them. An `IntEnum` member is its int for
//! arithmetic and comparisons.

use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, native, Args, Native};
use super::super::value::{equals, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::class::{bare_instance, set_attribute, PyClass};
use std::sync::Arc;

/// Which enum a class derives from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EnumKind {
    Enum,
    IntEnum,
}

/// What `auto()` gives, replaced by a number when the class is made.
pub static AUTO: Native = native("auto", auto);

pub fn auto(_: &mut Vm, _: Args) -> PyResult<Invoked> {
    done(Value::Builtin(&AUTO))
}

/// Makes the members of a new enum class, in the order its body gave them.
pub fn make_members(class: &Arc<PyClass>, kind: EnumKind) -> PyResult<()> {
    let mut last: Int = 0;
    for (name, value) in class.own_namespace() {
        let is_member = !name.starts_with('_')
            && !matches!(
                value,
                Value::Function(_) | Value::Object(_) | Value::Builtin(_)
            )
            || matches!(&value, Value::Builtin(native) if std::ptr::eq(*native, &AUTO));
        if !is_member {
            continue;
        }
        let value = match value {
            Value::Builtin(_) => Value::Int(last + 1),
            Value::Int(_) | Value::Bool(_) if kind == EnumKind::IntEnum => value,
            other if kind == EnumKind::IntEnum => {
                return raise(
                    ValueError,
                    format!("invalid literal for int() with base 10: {}", other.repr()),
                )
            }
            other => other,
        };
        if let Value::Int(int) = value {
            last = int;
        }
        let member = bare_instance(class);
        set_attribute(&member, "name", Value::str(&*name))?;
        set_attribute(&member, "value", value)?;
        set_attribute(&Value::Class(Arc::clone(class)), &name, member)?;
    }
    Ok(())
}

/// The members of an enum class, in order.
pub fn members(class: &PyClass) -> Vec<Value> {
    class
        .own_namespace()
        .into_iter()
        .map(|(_, value)| value)
        .filter(|value| matches!(value, Value::Instance(instance) if std::ptr::eq(&*instance.class, class)))
        .collect()
}

/// `Color(value)`: the member with that value.
pub fn by_value(class: &PyClass, value: &Value) -> PyResult<Value> {
    members(class)
        .into_iter()
        .find(|member| attribute(member, "value").is_some_and(|found| equals(&found, value)))
        .map_or_else(
            || {
                raise(
                    ValueError,
                    format!("{} is not a valid {}", value.repr(), class.name),
                )
            },
            Ok,
        )
}

/// `Color['NAME']`: the member of that name.
pub fn by_name(class: &PyClass, name: &Value) -> PyResult<Value> {
    members(class)
        .into_iter()
        .find(|member| attribute(member, "name").is_some_and(|found| equals(&found, name)))
        .ok_or_else(|| Exception::key_error(name))
}

fn attribute(member: &Value, name: &str) -> Option<Value> {
    match member {
        Value::Instance(instance) => instance.attribute(name),
        _ => None,
    }
}

/// `repr(member)`: `<Color.RED: 1>`.
pub fn repr(class: &PyClass, member: &Value) -> String {
    let name = attribute(member, "name").unwrap_or_default().to_str();
    let value = attribute(member, "value").unwrap_or_default().repr();
    format!("<{}.{name}: {value}>", class.name)
}

/// `str(member)`: `Color.RED`, or an `IntEnum`'s int.
pub fn to_str(class: &PyClass, member: &Value) -> String {
    if class.enumeration == Some(EnumKind::IntEnum) {
        return attribute(member, "value").unwrap_or_default().to_str();
    }
    let name = attribute(member, "name").unwrap_or_default().to_str();
    format!("{}.{name}", class.name)
}

/// An `IntEnum` member's int.
pub fn int_of(value: &Value) -> Option<Int> {
    match value {
        Value::Instance(instance) if instance.class.enumeration == Some(EnumKind::IntEnum) => {
            match instance.attribute("value") {
                Some(Value::Int(int)) => Some(int),
                Some(Value::Bool(truth)) => Some(Int::from(truth)),
                _ => None,
            }
        }
        _ => None,
    }
}
