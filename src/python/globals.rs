//! A process's global variables. The compiler gives each global name of the program a slot, so
//! reading one is an index, not a hash of its name. A process's threads share the slots under
//! a lock; each thread also keeps what it read in a [`GlobalCache`], valid while the slot's
//! version (an atomic that only a store changes) is the one it read: calling a global function,
//! the commonest read, takes no lock and writes nothing another thread reads.

use super::ir::Name;
use super::modules::builtin;
use super::value::Value;
use crate::event::lock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// One process's globals, by slot.
pub struct Globals {
    /// Each slot's name, from the compiler.
    names: Arc<[Name]>,
    values: Mutex<Vec<Option<Value>>>,
    /// Bumped by every store to the slot, under the lock, after the value changed.
    versions: Box<[AtomicU64]>,
}

impl Globals {
    /// The globals of a new program: only `__name__` and `__file__` (the script is `main.py`,
    /// as `sys.argv[0]` says) are set.
    pub fn new(names: Arc<[Name]>) -> Self {
        Self::running_as(names, "__main__")
    }

    /// A program's globals before its module runs, as the module `module_name`.
    fn running_as(names: Arc<[Name]>, module_name: &str) -> Self {
        let values = names
            .iter()
            .map(|name| match &**name {
                "__name__" => Some(Value::str(module_name)),
                "__file__" => Some(Value::str("main.py")),
                _ => None,
            })
            .collect();
        Self::with_values(names, values)
    }

    fn with_values(names: Arc<[Name]>, values: Vec<Option<Value>>) -> Self {
        Self {
            versions: names.iter().map(|_| AtomicU64::new(0)).collect(),
            names,
            values: Mutex::new(values),
        }
    }

    pub fn name(&self, slot: u32) -> &Name {
        &self.names[slot as usize]
    }

    pub fn store(&self, slot: u32, value: Value) {
        let old = {
            let mut values = lock(&self.values);
            let old = values[slot as usize].replace(value);
            self.versions[slot as usize].fetch_add(1, Ordering::Release);
            old
        };
        // Dropped outside the lock: a list of a million items takes a while to free.
        drop(old);
    }

    /// `del name`; `false` if it was not set.
    pub fn delete(&self, slot: u32) -> bool {
        let old = {
            let mut values = lock(&self.values);
            let old = values[slot as usize].take();
            self.versions[slot as usize].fetch_add(1, Ordering::Release);
            old
        };
        old.is_some()
    }

    /// The globals of a process started afresh (`spawn`), which runs the program's module
    /// as `__mp_main__`.
    pub fn afresh(&self) -> Self {
        Self::running_as(Arc::clone(&self.names), "__mp_main__")
    }

    /// A copy for a child process: containers are copied all the way down.
    pub fn fork(&self) -> Self {
        let values = lock(&self.values)
            .iter()
            .map(|value| value.as_ref().map(Value::copied_for_process))
            .collect();
        Self::with_values(Arc::clone(&self.names), values)
    }
}

/// What a thread last read of each global, with the slot's version then.
#[derive(Default)]
pub struct GlobalCache {
    entries: Vec<Option<(u64, Value)>>,
}

impl GlobalCache {
    /// The global in `slot`, or else the builtin of its name; `None` if there is neither.
    #[inline]
    pub fn load(&mut self, globals: &Globals, slot: u32) -> Option<Value> {
        self.get(globals, slot).cloned()
    }

    /// `load`, lent: a call reads the function without touching its reference count.
    #[inline]
    pub fn get(&mut self, globals: &Globals, slot: u32) -> Option<&Value> {
        let slot = slot as usize;
        // Read before the value: a store in between leaves a newer value under an older
        // version, which the next read finds stale.
        let version = globals.versions[slot].load(Ordering::Acquire);
        let fresh = matches!(self.entries.get(slot), Some(Some((seen, _))) if *seen == version);
        if !fresh {
            self.refill(globals, slot, version)?;
        }
        self.entries[slot].as_ref().map(|(_, value)| value)
    }

    /// Reads `slot` under the lock into the cache; `None` if it holds nothing.
    #[cold]
    #[inline(never)]
    fn refill(&mut self, globals: &Globals, slot: usize, version: u64) -> Option<()> {
        let found = lock(&globals.values)[slot].clone();
        let value = found.or_else(|| builtin(&globals.names[slot]))?;
        if self.entries.len() <= slot {
            self.entries.resize(globals.names.len(), None);
        }
        self.entries[slot] = Some((version, value));
        Some(())
    }
}
