//! A set's hash table, laid out as CPython lays out its own (open addressing, nine linear
//! probes, then perturbed jumps; grown at 60% full), so a set iterates in CPython's order:
//! `print({3, 1, 2})` shows `{1, 2, 3}`.

use super::super::error::PyResult;
use super::super::hash::py_hash;
use super::super::value::{equals, Value};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Debug, Clone)]
enum Slot {
    Empty,
    /// A removed item's place: searches go past it.
    Dummy,
    Active(i64, Value),
}

#[derive(Debug, Clone)]
pub struct SetTable {
    slots: Vec<Slot>,
    /// Active and dummy slots.
    fill: usize,
    used: usize,
    /// Where the next `pop` starts looking.
    finger: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        Self {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

impl SetTable {
    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The items, in table order (the order CPython iterates in).
    pub fn items(&self) -> Vec<Value> {
        self.entries().map(|(_, value)| value.clone()).collect()
    }

    fn entries(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.slots.iter().filter_map(|slot| match slot {
            Slot::Active(hash, value) => Some((*hash, value)),
            _ => None,
        })
    }

    /// The slots CPython's lookup visits for `hash`, in order (it stops at an empty one).
    /// In 64-bit arithmetic, as CPython's `size_t` on the machines people run it on, so the
    /// order is the same in wasm.
    fn probe(&self, hash: i64) -> impl Iterator<Item = usize> {
        let mask = self.mask() as u64;
        let linear = LINEAR_PROBES as u64;
        let mut perturb = hash as u64;
        let mut i = hash as u64 & mask;
        let mut run = 0;
        let mut probes = if i + linear <= mask { linear } else { 0 };
        std::iter::from_fn(move || {
            let at = ((i + run) & mask) as usize;
            if run < probes {
                run += 1;
            } else {
                perturb >>= PERTURB_SHIFT;
                i = i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb) & mask;
                run = 0;
                probes = if i + linear <= mask { linear } else { 0 };
            }
            Some(at)
        })
    }

    /// The slot holding an item equal to `value`, if any.
    fn find(&self, hash: i64, value: &Value) -> Option<usize> {
        for at in self.probe(hash) {
            match &self.slots[at] {
                Slot::Empty => return None,
                Slot::Active(found, item) if *found == hash && equals(item, value) => {
                    return Some(at)
                }
                _ => {}
            }
        }
        None
    }

    pub fn contains(&self, value: &Value) -> PyResult<bool> {
        Ok(self.find(py_hash(value)?, value).is_some())
    }

    /// Adds `value`; `false` if an equal item was there (which stays).
    pub fn add(&mut self, value: Value) -> PyResult<bool> {
        let hash = py_hash(&value)?;
        Ok(self.add_hashed(hash, value))
    }

    fn add_hashed(&mut self, hash: i64, value: Value) -> bool {
        let (mut empty, mut dummy) = (None, None);
        for at in self.probe(hash) {
            match &self.slots[at] {
                Slot::Empty => {
                    empty = Some(at);
                    break;
                }
                Slot::Active(found, item) if *found == hash && equals(item, &value) => {
                    return false
                }
                // CPython reuses the last removed place it went past.
                Slot::Dummy => dummy = Some(at),
                Slot::Active(..) => {}
            }
        }
        if let Some(at) = dummy {
            self.slots[at] = Slot::Active(hash, value);
            self.used += 1;
            return true;
        }
        let Some(at) = empty else {
            return false;
        };
        self.slots[at] = Slot::Active(hash, value);
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= self.mask() * 3 {
            self.resize(if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
        true
    }

    /// Removes the item equal to `value`; `false` if there was none.
    pub fn discard(&mut self, value: &Value) -> PyResult<bool> {
        let hash = py_hash(value)?;
        Ok(match self.find(hash, value) {
            Some(at) => {
                self.slots[at] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        })
    }

    /// Takes an item out: the next in table order after the last one taken, as CPython's.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let size = self.slots.len();
        let at = (0..size)
            .map(|step| (self.finger + step) % size)
            .find(|&at| matches!(self.slots[at], Slot::Active(..)))?;
        let Slot::Active(_, value) = std::mem::replace(&mut self.slots[at], Slot::Dummy) else {
            return None;
        };
        self.used -= 1;
        self.finger = at + 1;
        Some(value)
    }

    pub fn clear(&mut self) {
        *self = SetTable::default();
    }

    /// A table of the smallest size over `min_used` with the active items put back in order.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        self.fill = 0;
        self.used = 0;
        for slot in old {
            if let Slot::Active(hash, value) = slot {
                self.insert_clean(hash, value);
            }
        }
    }

    /// Puts an item known to be new into a table without dummies.
    fn insert_clean(&mut self, hash: i64, value: Value) {
        let empty = self
            .probe(hash)
            .find(|&at| matches!(self.slots[at], Slot::Empty));
        if let Some(at) = empty {
            self.slots[at] = Slot::Active(hash, value);
            self.fill += 1;
            self.used += 1;
        }
    }

    /// The table of a set display of three or more constants (`{3, 1, 2}`), which CPython's
    /// compiler makes a frozenset constant, built twice (folded, then merged with the code's
    /// other constants) and merged into the new set.
    pub fn of_constants(items: &[Value]) -> PyResult<SetTable> {
        let mut folded = SetTable::default();
        for item in items {
            folded.add(item.clone())?;
        }
        let mut merged = SetTable::default();
        for item in folded.items() {
            merged.add(item)?;
        }
        let mut table = SetTable::default();
        table.merge(&merged);
        Ok(table)
    }

    /// A copy, as CPython's `set.copy()` makes it (a merge into an empty set).
    pub fn copy(&self) -> SetTable {
        let mut copy = SetTable::default();
        copy.merge(self);
        copy
    }

    /// Removes every item of `other`; if a quarter of the table is then dummies, it is
    /// rebuilt (CPython's `difference_update`).
    pub fn remove_all(&mut self, other: &SetTable) -> PyResult<()> {
        for item in other.items() {
            self.discard(&item)?;
        }
        if self.fill - self.used > self.mask() / 4 {
            self.resize(if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
        Ok(())
    }

    /// Each item of `other` removed if here, else added (CPython's
    /// `symmetric_difference_update`).
    pub fn toggle_all(&mut self, other: &SetTable) -> PyResult<()> {
        for item in other.items() {
            if !self.discard(&item)? {
                self.add(item)?;
            }
        }
        Ok(())
    }

    /// Adds every item of `other`, as CPython's `set_merge`: one resize up front.
    pub fn merge(&mut self, other: &SetTable) {
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.slots.len() == other.slots.len() && other.fill == other.used {
            self.clone_from(other);
            return;
        }
        for (hash, value) in other.entries() {
            self.add_hashed(hash, value.clone());
        }
    }
}
