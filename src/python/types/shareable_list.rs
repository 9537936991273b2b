//! `multiprocessing.shared_memory.ShareableList`: a list of ints, floats, bools, `None`, strs
//! and bytes in a shared memory block, which every process reaches by the block's name. Its
//! length is fixed, and each item keeps the room it was made with: 8 bytes for a number, bool
//! or `None`, and for a str or bytes its length rounded up past the next multiple of 8, so a
//! longer one does not fit later (CPython's `bytes/str item exceeds available storage`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::{as_int, equals, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::shared_memory::SharedMemory;
use super::{bytes, exception, kinds};
use crate::event::lock;
use std::sync::{Arc, Mutex};

/// A number's, a bool's and `None`'s room, and the step a str's or bytes' room grows by.
const ALIGNMENT: usize = 8;

/// The items of a list, kept with its block.
pub struct Items(Mutex<Vec<Slot>>);

struct Slot {
    value: Value,
    /// The bytes it was given when the list was made.
    room: usize,
}

/// `ShareableList(sequence=None, *, name=None)`: a new list in a new block, or, given only a
/// name, the list in that block.
pub fn new(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [sequence, name] = args.bind("ShareableList", ["sequence", "name"], 0)?;
    let name = name
        .filter(|name| !matches!(name, Value::None))
        .map(|name| name.to_str());
    let sequence = sequence.filter(|sequence| !matches!(sequence, Value::None));
    let Some(sequence) = sequence else {
        return match name {
            Some(name) => attach(vm, name),
            None => made(vm, Vec::new(), None),
        };
    };
    let slots = sequence
        .items()?
        .into_iter()
        .map(|value| {
            let room = match stored(&value)? {
                Stored::Number => ALIGNMENT,
                Stored::Text(len) => ALIGNMENT * (len / ALIGNMENT + 1),
            };
            Ok(Slot { value, room })
        })
        .collect::<PyResult<Vec<_>>>()?;
    made(vm, slots, name)
}

/// `ShareableList(name=…)`: the list another `ShareableList` made in the block of that name.
fn attach(vm: &mut Vm, name: String) -> PyResult<Invoked> {
    let block = vm.run.shared_blocks.open(&name)?;
    let Some(items) = block.list.clone() else {
        return raise(
            ValueError,
            format!("the shared memory '{name}' holds no ShareableList"),
        );
    };
    let shm = SharedMemory::made(name, block);
    done(Value::Object(Arc::new(ShareableList { shm, items })))
}

fn made(vm: &mut Vm, slots: Vec<Slot>, name: Option<String>) -> PyResult<Invoked> {
    // CPython's block: the items, and before and after them their count, offsets, formats
    // and how to read each back.
    let count = slots.len();
    let size = ALIGNMENT * (count + 2)
        + slots.iter().map(|slot| slot.room).sum::<usize>()
        + ALIGNMENT * count
        + count;
    let items = Arc::new(Items(Mutex::new(slots)));
    let (name, block) = vm
        .run
        .shared_blocks
        .create(vm, name, size, Some(Arc::clone(&items)))?;
    let shm = SharedMemory::made(name, block);
    done(Value::Object(Arc::new(ShareableList { shm, items })))
}

/// How an item is stored: in a number's room, or as this many bytes of text.
enum Stored {
    Number,
    Text(usize),
}

fn stored(value: &Value) -> PyResult<Stored> {
    match value {
        Value::Int(int) if i64::try_from(*int).is_err() => {
            raise(OverflowError, "argument out of range")
        }
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None => Ok(Stored::Number),
        Value::Str(text) => Ok(Stored::Text(text.len())),
        other => match bytes::of(other) {
            Some(data) => Ok(Stored::Text(data.len())),
            // CPython looks the type up among those it stores.
            None => Err(exception::with_args(KeyError, &[kinds::type_of(other)?])),
        },
    }
}

pub struct ShareableList {
    shm: Arc<SharedMemory>,
    items: Arc<Items>,
}

impl ShareableList {
    fn values(&self) -> Vec<Value> {
        lock(&self.items.0)
            .iter()
            .map(|slot| slot.value.clone())
            .collect()
    }

    fn position(&self, index: &Value, len: usize) -> PyResult<usize> {
        let Some(i) = as_int(index) else {
            return raise(
                TypeError,
                format!("list indices must be integers, not {}", index.type_name()),
            );
        };
        let resolved = if i < 0 { i + len as Int } else { i };
        if resolved < 0 || resolved >= len as Int {
            return raise(IndexError, "index out of range");
        }
        Ok(resolved as usize)
    }

    fn assign(&self, index: &Value, value: Value) -> PyResult<()> {
        let len = match stored(&value)? {
            Stored::Number => 0,
            Stored::Text(len) => len,
        };
        self.put(index, value, len)
    }

    /// Puts `value`, of `len` bytes of text (0 for a number), at `index` if it has the room.
    fn put(&self, index: &Value, value: Value, len: usize) -> PyResult<()> {
        let mut slots = lock(&self.items.0);
        let at = self.position(index, slots.len())?;
        if len > slots[at].room {
            return raise(ValueError, "bytes/str item exceeds available storage");
        }
        slots[at].value = value;
        Ok(())
    }
}

static TYPE: TypeDef = TypeDef {
    name: "ShareableList",
    methods: &[
        native("count", |_, args| {
            let value = args.expect("count", 1, 1)?[0].clone();
            let this = args.this::<ShareableList>()?;
            let count = this
                .values()
                .iter()
                .filter(|item| equals(item, &value))
                .count();
            done(Value::Int(count as Int))
        }),
        native("index", |_, args| {
            let value = args.expect("index", 1, 1)?[0].clone();
            let this = args.this::<ShareableList>()?;
            match this.values().iter().position(|item| equals(item, &value)) {
                Some(at) => done(Value::Int(at as Int)),
                None => raise(
                    ValueError,
                    format!("{} not in this container", value.repr()),
                ),
            }
        }),
    ],
    attribute: |object, name| {
        let list = downcast::<ShareableList>(object)?;
        Some(match name {
            "shm" => Value::Object(Arc::clone(&list.shm) as _),
            "format" => Value::str(list.format()),
            _ => return None,
        })
    },
};

impl ShareableList {
    /// CPython's `struct` format of the items, as `format` shows it.
    fn format(&self) -> String {
        lock(&self.items.0)
            .iter()
            .map(|slot| match &slot.value {
                Value::Int(_) => "q".to_string(),
                Value::Float(_) => "d".to_string(),
                Value::Bool(_) => "xxxxxxx?".to_string(),
                Value::None => "xxxxxx?x".to_string(),
                _ => format!("{}s", slot.room),
            })
            .collect()
    }
}

impl PyObject for ShareableList {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "ShareableList({}, name='{}')",
            Value::list(self.values()).repr(),
            self.shm.name
        )
    }

    /// Shared: a child process reaches the same list.
    fn for_child_process(&self) -> Option<Value> {
        None
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.values()))
    }

    fn length(&self) -> Option<usize> {
        Some(lock(&self.items.0).len())
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        let slots = lock(&self.items.0);
        Some(
            self.position(index, slots.len())
                .map(|at| slots[at].value.clone()),
        )
    }

    fn set_item(&self, index: &Value, value: Value) -> Option<PyResult<()>> {
        Some(self.assign(index, value))
    }
}
