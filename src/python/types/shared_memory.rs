//! `multiprocessing.shared_memory.SharedMemory`: a block of bytes that every process reaches
//! by its name, as CPython's lives in `/dev/shm`, and its `buf`, a `memoryview` that reads and
//! writes the block in place. The blocks of a run are in its `SharedBlocks`, at most
//! `MAX_BYTES` in all (then CPython's `OSError` for a full `/dev/shm`).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::files::os_error;
use super::super::items::slice_indices;
use super::super::modules::random::random_bytes;
use super::super::registry::{address_of, done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::{as_int, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::{bytes, shareable_list};
use crate::event::lock;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// The most bytes a run's blocks may hold together, as its files may.
const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The run's named blocks.
#[derive(Default)]
pub struct SharedBlocks(Mutex<HashMap<String, Arc<Block>>>);

/// The bytes of one block, and the list a `ShareableList` keeps in it, if one does.
pub struct Block {
    pub data: Mutex<Vec<u8>>,
    pub list: Option<Arc<shareable_list::Items>>,
}

impl SharedBlocks {
    /// Makes a block named `name` (a new `psm_` name if `None`) of `size` bytes.
    pub fn create(
        &self,
        vm: &Vm,
        name: Option<String>,
        size: usize,
        list: Option<Arc<shareable_list::Items>>,
    ) -> PyResult<(String, Arc<Block>)> {
        let name = match name {
            Some(name) => name,
            None => new_name(vm)?,
        };
        let mut blocks = lock(&self.0);
        if blocks.contains_key(&name) {
            return Err(os_error(17, &format!("/{name}")));
        }
        let held: usize = blocks.values().map(|block| lock(&block.data).len()).sum();
        if held + size > MAX_BYTES {
            return Err(os_error(28, &name));
        }
        let block = Arc::new(Block {
            data: Mutex::new(vec![0; size]),
            list,
        });
        blocks.insert(name.clone(), Arc::clone(&block));
        Ok((name, block))
    }

    /// The block named `name`, as `SharedMemory(name)` attaches to it.
    pub fn open(&self, name: &str) -> PyResult<Arc<Block>> {
        lock(&self.0)
            .get(name)
            .cloned()
            .ok_or_else(|| os_error(2, &format!("/{name}")))
    }

    /// `unlink()`: the name is gone; the block stays while something holds it.
    fn unlink(&self, name: &str) -> PyResult<()> {
        match lock(&self.0).remove(name) {
            Some(_) => Ok(()),
            None => Err(os_error(2, &format!("/{name}"))),
        }
    }
}

/// A name as CPython makes one: `psm_` and eight hex digits, from `os.urandom`'s generator.
fn new_name(vm: &Vm) -> PyResult<String> {
    let drawn = random_bytes(vm, &vm.thread.process.entropy, &Value::Int(4), "")?;
    Ok(format!("psm_{}", bytes::hex(&drawn)))
}

/// `SharedMemory(name=None, create=False, size=0)`.
pub fn new(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    let [name, create, size] = args.bind("SharedMemory", ["name", "create", "size"], 0)?;
    let name = name
        .filter(|name| !matches!(name, Value::None))
        .map(|name| name.to_str());
    let create = create.is_some_and(|create| create.is_truthy());
    let size = match size.as_ref().map(as_int) {
        None => 0,
        Some(Some(size)) if size >= 0 => size,
        _ => return raise(ValueError, "'size' must be a positive integer"),
    };
    let shared = if create {
        if size == 0 {
            return raise(
                ValueError,
                "'size' must be a positive number different from zero",
            );
        }
        let size = usize::try_from(size)
            .unwrap_or(usize::MAX)
            .min(MAX_BYTES + 1);
        let (name, block) = vm.run.shared_blocks.create(vm, name, size, None)?;
        SharedMemory::made(name, block)
    } else {
        let Some(name) = name else {
            return raise(ValueError, "'name' can only be None if create=True");
        };
        let block = vm.run.shared_blocks.open(&name)?;
        SharedMemory::made(name, block)
    };
    done(Value::Object(shared))
}

pub struct SharedMemory {
    pub name: String,
    pub block: Arc<Block>,
    closed: AtomicBool,
}

impl SharedMemory {
    pub fn made(name: String, block: Arc<Block>) -> Arc<Self> {
        Arc::new(Self {
            name,
            block,
            closed: AtomicBool::new(false),
        })
    }

    fn size(&self) -> usize {
        lock(&self.block.data).len()
    }
}

static SHARED_MEMORY: TypeDef = TypeDef {
    name: "SharedMemory",
    methods: &[
        native("close", |_, args| {
            args.expect("close", 0, 0)?;
            let this = args.this::<SharedMemory>()?;
            this.closed.store(true, Ordering::Relaxed);
            done(Value::None)
        }),
        native("unlink", |vm, args| {
            args.expect("unlink", 0, 0)?;
            vm.run
                .shared_blocks
                .unlink(&args.this::<SharedMemory>()?.name)?;
            done(Value::None)
        }),
    ],
    attribute: |object, name| {
        let shared = downcast::<SharedMemory>(object)?;
        Some(match name {
            "name" => Value::str(shared.name.as_str()),
            "size" => Value::Int(shared.size() as Int),
            // A closed one has let go of its mapping, as CPython's.
            "buf" if shared.closed.load(Ordering::Relaxed) => Value::None,
            "buf" => {
                let len = shared.size();
                MemoryView::over(Arc::clone(&shared.block), 0, len, 1)
            }
            _ => return None,
        })
    },
};

impl PyObject for SharedMemory {
    fn type_def(&self) -> &'static TypeDef {
        &SHARED_MEMORY
    }

    fn repr(&self) -> String {
        format!("SharedMemory('{}', size={})", self.name, self.size())
    }

    /// Shared: a child process reaches the same block.
    fn for_child_process(&self) -> Option<Value> {
        None
    }
}

/// A `memoryview` of a block: `len` bytes from `start`, `step` apart.
pub struct MemoryView {
    block: Arc<Block>,
    start: usize,
    len: usize,
    step: usize,
    released: AtomicBool,
}

impl MemoryView {
    fn over(block: Arc<Block>, start: usize, len: usize, step: usize) -> Value {
        Value::Object(Arc::new(Self {
            block,
            start,
            len,
            step,
            released: AtomicBool::new(false),
        }))
    }

    fn live(&self) -> PyResult<()> {
        if self.released.load(Ordering::Relaxed) {
            return raise(
                ValueError,
                "operation forbidden on released memoryview object",
            );
        }
        Ok(())
    }

    /// The block's positions this view's items `picked` are at.
    fn positions(&self, picked: impl IntoIterator<Item = usize>) -> Vec<usize> {
        picked
            .into_iter()
            .map(|at| self.start + at * self.step)
            .collect()
    }

    fn bytes(&self) -> PyResult<Vec<u8>> {
        self.live()?;
        let data = lock(&self.block.data);
        Ok(self
            .positions(0..self.len)
            .into_iter()
            .map(|at| data[at])
            .collect())
    }

    fn index(&self, index: &Value) -> PyResult<usize> {
        let Some(i) = as_int(index) else {
            return raise(TypeError, "memoryview: invalid slice key");
        };
        let len = self.len as Int;
        if !(-len..len).contains(&i) {
            return raise(IndexError, "index out of bounds on dimension 1");
        }
        Ok(self.start + i.rem_euclid(len) as usize * self.step)
    }

    fn assign(&self, index: &Value, value: &Value) -> PyResult<()> {
        self.live()?;
        let Value::Tuple(parts) = index else {
            let at = self.index(index)?;
            let byte = match as_int(value) {
                Some(byte @ 0..=255) => byte as u8,
                _ => return raise(ValueError, "memoryview: invalid value for format 'B'"),
            };
            lock(&self.block.data)[at] = byte;
            return Ok(());
        };
        let given = match (bytes::of(value), downcast::<MemoryView>(value)) {
            (Some(data), _) => data.to_vec(),
            (None, Some(view)) => view.bytes()?,
            _ => return bytes::not_bytes_like(value),
        };
        let positions = self.positions(slice_indices(self.len, parts)?);
        if positions.len() != given.len() {
            return raise(
                ValueError,
                "memoryview assignment: lvalue and rvalue have different structures",
            );
        }
        let mut data = lock(&self.block.data);
        for (at, byte) in positions.into_iter().zip(given) {
            data[at] = byte;
        }
        Ok(())
    }
}

static MEMORY_VIEW: TypeDef = TypeDef {
    name: "memoryview",
    methods: &[
        native("tobytes", |_, args| {
            args.expect("tobytes", 0, 0)?;
            done(bytes::value(args.this::<MemoryView>()?.bytes()?))
        }),
        native("tolist", |_, args| {
            args.expect("tolist", 0, 0)?;
            let data = args.this::<MemoryView>()?.bytes()?;
            done(Value::list(
                data.into_iter()
                    .map(|byte| Value::Int(byte.into()))
                    .collect(),
            ))
        }),
        native("hex", |_, args| {
            args.expect("hex", 0, 0)?;
            let data = args.this::<MemoryView>()?.bytes()?;
            done(Value::str(bytes::hex(&data)))
        }),
        native("release", |_, args| {
            args.expect("release", 0, 0)?;
            let this = args.this::<MemoryView>()?;
            this.released.store(true, Ordering::Relaxed);
            done(Value::None)
        }),
    ],
    attribute: |object, name| {
        let view = downcast::<MemoryView>(object)?;
        Some(match name {
            "nbytes" => Value::Int(view.len as Int),
            "readonly" => Value::Bool(false),
            "format" => Value::str("B"),
            "itemsize" | "ndim" => Value::Int(1.into()),
            "shape" => Value::Tuple([Value::Int(view.len as Int)].into()),
            _ => return None,
        })
    },
};

impl PyObject for MemoryView {
    fn type_def(&self) -> &'static TypeDef {
        &MEMORY_VIEW
    }

    fn repr(&self) -> String {
        let state = if self.released.load(Ordering::Relaxed) {
            "released memory"
        } else {
            "memory"
        };
        format!("<{state} at {:#x}>", address_of(self))
    }

    fn for_child_process(&self) -> Option<Value> {
        None
    }

    /// Its bytes as ints, for `for`, `list(…)` and `bytes(…)`.
    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(self.bytes().map(|data| {
            data.into_iter()
                .map(|byte| Value::Int(byte.into()))
                .collect()
        }))
    }

    fn length(&self) -> Option<usize> {
        Some(self.len)
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        Some(self.live().and_then(|()| match index {
            Value::Tuple(parts) if parts.len() == 3 => {
                let picked = slice_indices(self.len, parts)?;
                let positions = self.positions(picked);
                let step = match positions.as_slice() {
                    [first, second, ..] if second > first => second - first,
                    _ => self.step,
                };
                let start = positions.first().copied().unwrap_or(self.start);
                // A reversed slice is a copy here, not a view with a negative stride.
                if positions.windows(2).any(|pair| pair[1] < pair[0]) {
                    let data = lock(&self.block.data);
                    return Ok(bytes::value(
                        positions.iter().map(|&at| data[at]).collect::<Vec<_>>(),
                    ));
                }
                Ok(Self::over(
                    Arc::clone(&self.block),
                    start,
                    positions.len(),
                    step,
                ))
            }
            index => {
                let at = self.index(index)?;
                Ok(Value::Int(lock(&self.block.data)[at].into()))
            }
        }))
    }

    fn set_item(&self, index: &Value, value: Value) -> Option<PyResult<()>> {
        Some(self.assign(index, &value))
    }

    /// Equal to `bytes` or a view with the same bytes, as CPython compares them.
    fn equals(&self, other: &Value) -> Option<bool> {
        let mine = self.bytes().ok()?;
        match (bytes::of(other), downcast::<MemoryView>(other)) {
            (Some(data), _) => Some(mine == data),
            (None, Some(view)) => Some(view.bytes().ok()? == mine),
            _ => Some(false),
        }
    }
}
