//! An instance's own attributes: one namespace, or, for an instance of a class deriving from
//! `threading.local`, one per thread. As in CPython, a thread's namespace begins empty the
//! first time the thread uses the instance, and the class's `__init__` then runs in it with
//! the arguments the instance was made with (see `class::local_first_use`).

use super::super::ir::Name;
use super::super::registry::Args;
use super::super::sched::ThreadId;
use super::super::value::Value;
use super::super::vm::running_thread;
use crate::event::lock;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Namespace = Vec<(Name, Value)>;
/// A call's positional and keyword arguments.
type CallArgs = (Vec<Value>, Vec<(Arc<str>, Value)>);

pub enum OwnAttributes {
    Shared(Mutex<Namespace>),
    PerThread {
        namespaces: Mutex<HashMap<ThreadId, Namespace>>,
        /// The arguments of the call that made the instance, for `__init__` in each new thread.
        init_args: Mutex<CallArgs>,
    },
}

impl OwnAttributes {
    pub fn shared(namespace: Namespace) -> Self {
        Self::Shared(Mutex::new(namespace))
    }

    pub fn per_thread() -> Self {
        Self::PerThread {
            namespaces: Mutex::default(),
            init_args: Mutex::default(),
        }
    }

    pub fn is_per_thread(&self) -> bool {
        matches!(self, Self::PerThread { .. })
    }

    /// Runs `with` on the namespace the running thread sees, begun empty if it had none.
    fn with<R>(&self, with: impl FnOnce(&mut Namespace) -> R) -> R {
        match self {
            Self::Shared(namespace) => with(&mut lock(namespace)),
            Self::PerThread { namespaces, .. } => {
                with(lock(namespaces).entry(running_thread()).or_default())
            }
        }
    }

    /// Runs `read` on the namespace the running thread sees, if it has one.
    fn read<R>(&self, read: impl FnOnce(&Namespace) -> R) -> Option<R> {
        match self {
            Self::Shared(namespace) => Some(read(&lock(namespace))),
            Self::PerThread { namespaces, .. } => lock(namespaces).get(&running_thread()).map(read),
        }
    }

    pub fn find(&self, name: &str) -> Option<Value> {
        self.read(|namespace| {
            namespace
                .iter()
                .find(|(key, _)| &**key == name)
                .map(|(_, value)| value.clone())
        })
        .flatten()
    }

    /// Replaces the value of an attribute already set, in its place, or adds it at the end.
    pub fn store(&self, name: &str, value: Value) {
        self.with(
            |namespace| match namespace.iter_mut().find(|(key, _)| &**key == name) {
                Some((_, slot)) => *slot = value,
                None => namespace.push((name.into(), value)),
            },
        )
    }

    /// Removes an attribute; false if there was none of that name.
    pub fn remove(&self, name: &str) -> bool {
        self.with(
            |namespace| match namespace.iter().position(|(key, _)| &**key == name) {
                Some(at) => {
                    namespace.remove(at);
                    true
                }
                None => false,
            },
        )
    }

    /// The attributes, in the order they were first set.
    pub fn snapshot(&self) -> Namespace {
        self.read(Namespace::clone).unwrap_or_default()
    }

    pub fn replace(&self, replaced: Namespace) {
        self.with(|namespace| *namespace = replaced);
    }

    /// Keeps the arguments an instance deriving from `threading.local` was made with; the
    /// thread that made it has its namespace from then on.
    pub fn begin_with(&self, args: &Args) {
        if let Self::PerThread { init_args, .. } = self {
            *lock(init_args) = (args.positional.clone(), args.keywords.clone());
            self.with(|_| ());
        }
    }

    /// If the running thread has not used the instance yet: its namespace, begun empty, and the
    /// arguments for the `__init__` that fills it.
    pub fn begin_for_running_thread(&self) -> Option<Args> {
        let Self::PerThread {
            namespaces,
            init_args,
        } = self
        else {
            return None;
        };
        let mut namespaces = lock(namespaces);
        if namespaces.contains_key(&running_thread()) {
            return None;
        }
        namespaces.insert(running_thread(), Vec::new());
        let (positional, keywords) = lock(init_args).clone();
        Some(Args {
            positional,
            keywords,
            ..Args::default()
        })
    }
}
