//! The attributes of an object that takes any at will (`SimpleNamespace`, a manager's
//! `Namespace`, a thread's share of `threading.local`), kept in the order they were first set,
//! which is the order CPython shows them in.

use super::super::value::Value;
use std::sync::Arc;

#[derive(Default, Clone, Debug)]
pub struct Attributes(Vec<(Arc<str>, Value)>);

impl Attributes {
    pub fn new(pairs: Vec<(Arc<str>, Value)>) -> Attributes {
        Attributes(pairs)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(key, _)| &**key == name)
            .map(|(_, value)| value)
    }

    /// Replaces the value of an attribute already set, in its place, or adds it at the end.
    pub fn set(&mut self, name: &str, value: Value) {
        match self.0.iter_mut().find(|(key, _)| &**key == name) {
            Some((_, slot)) => *slot = value,
            None => self.0.push((name.into(), value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(name, value)| (&**name, value))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}
