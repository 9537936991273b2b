//! `multiprocessing.Value` and `Array`: numbers in memory every process shares, held as their C
//! type holds them (a `'i'` wraps at 32 bits, a `'f'` rounds to single precision), each with an
//! `RLock` for `get_lock()` unless made with `lock=False`.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::items::slice_indices;
use super::super::registry::{address_of, done, downcast, native, Args, Native, PyObject, TypeDef};
use super::super::value::{as_int, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::typecode::{Number, TypeCode};
use super::{bytes, process_sync};
use crate::event::lock;
use std::sync::{Arc, Mutex};

/// The C type of a typecode, or ctypes' error.
fn ctype_of(typecode: &Value) -> PyResult<&'static TypeCode> {
    TypeCode::named(typecode).map_or_else(|| raise(TypeError, "this type has no size"), Ok)
}

/// `lock=` as `Value` and `Array` take it: a new `RLock` (`True`), none (`False`), or the lock
/// given.
fn lock_arg(vm: &mut Vm, args: &mut Args) -> PyResult<Option<Value>> {
    match args.keyword("lock") {
        None | Some(Value::Bool(true)) => {
            let Invoked::Value(rlock) = process_sync::new_rlock(vm, Args::default())? else {
                unreachable!("making a lock never blocks")
            };
            Ok(Some(rlock))
        }
        Some(Value::Bool(false)) => Ok(None),
        Some(given) => Ok(Some(given)),
    }
}

const SYNCHRONIZED_METHODS: &[Native] = &[native("get_lock", |_, args| {
    args.expect("get_lock", 0, 0)?;
    let value = args.this::<SharedValue>()?;
    done(value.lock.clone().unwrap_or_default())
})];

static SYNCHRONIZED: TypeDef = TypeDef {
    name: "Synchronized",
    methods: SYNCHRONIZED_METHODS,
    attribute: value_attribute,
};

/// A `Value(…, lock=False)`: the bare C number.
static RAW_VALUE: TypeDef = TypeDef {
    name: "c_value",
    methods: &[],
    attribute: value_attribute,
};

/// `multiprocessing.Value(typecode, value=0, lock=True)`.
pub struct SharedValue {
    ctype: &'static TypeCode,
    value: Mutex<Value>,
    lock: Option<Value>,
}

impl PyObject for SharedValue {
    fn type_def(&self) -> &'static TypeDef {
        if self.lock.is_some() {
            &SYNCHRONIZED
        } else {
            &RAW_VALUE
        }
    }

    fn type_name(&self) -> &'static str {
        if self.lock.is_some() {
            SYNCHRONIZED.name
        } else {
            self.ctype.ctype_name
        }
    }

    fn repr(&self) -> String {
        let bare = format!("{}({})", self.ctype.ctype_name, lock(&self.value).repr());
        match self.lock {
            Some(_) => format!("<Synchronized wrapper for {bare}>"),
            None => bare,
        }
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        if name != "value" {
            return Ok(false);
        }
        *lock(&self.value) = self.ctype.wrapped(value)?;
        Ok(true)
    }

    /// Shared: every process reads and writes this one.
    fn for_child_process(&self) -> Option<Value> {
        None
    }
}

fn value_attribute(object: &Value, name: &str) -> Option<Value> {
    let shared = downcast::<SharedValue>(object)?;
    let value = lock(&shared.value).clone();
    (name == "value").then_some(value)
}

/// `RawValue(typecode, value)`: a `Value` without a lock.
pub fn new_raw_value(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    new_value(vm, without_lock(args))
}

/// `RawArray(typecode, items)`: an `Array` without a lock.
pub fn new_raw_array(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    new_array(vm, without_lock(args))
}

fn without_lock(mut args: Args) -> Args {
    args.keywords.push(("lock".into(), Value::Bool(false)));
    args
}

pub fn new_value(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let lock = lock_arg(vm, &mut args)?;
    let given = args.expect("Value", 1, 2)?;
    let ctype = ctype_of(&given[0])?;
    let value = match given.get(1) {
        Some(value) => ctype.wrapped(value)?,
        None => ctype.zero(),
    };
    done(Value::Object(Arc::new(SharedValue {
        ctype,
        value: Mutex::new(value),
        lock,
    })))
}

static SYNCHRONIZED_ARRAY: TypeDef = TypeDef {
    name: "SynchronizedArray",
    methods: &[native("get_lock", |_, args| {
        args.expect("get_lock", 0, 0)?;
        let array = args.this::<SharedArray>()?;
        done(array.lock.clone().unwrap_or_default())
    })],
    attribute: array_attribute,
};

/// An `Array(…, lock=False)`: the bare C array (CPython names its type by its C type and
/// length, `c_int_Array_3`, which its repr shows).
static RAW_ARRAY: TypeDef = TypeDef {
    name: "Array",
    methods: &[],
    attribute: array_attribute,
};

/// A `'c'` array's `value` (its bytes up to the first zero byte) and `raw` (all of them).
fn array_attribute(object: &Value, name: &str) -> Option<Value> {
    let array = downcast::<SharedArray>(object)?;
    let data = array.chars()?;
    match name {
        "value" => {
            let end = data
                .iter()
                .position(|byte| *byte == 0)
                .unwrap_or(data.len());
            Some(bytes::value(&data[..end]))
        }
        "raw" => Some(bytes::value(data)),
        _ => None,
    }
}

/// `multiprocessing.Array(typecode, size_or_initializer, lock=True)`.
pub struct SharedArray {
    ctype: &'static TypeCode,
    items: Mutex<Vec<Value>>,
    lock: Option<Value>,
}

impl PyObject for SharedArray {
    fn type_def(&self) -> &'static TypeDef {
        if self.lock.is_some() {
            &SYNCHRONIZED_ARRAY
        } else {
            &RAW_ARRAY
        }
    }

    fn repr(&self) -> String {
        let bare = format!(
            "<multiprocessing.sharedctypes.{}_Array_{} object at {:#x}>",
            self.ctype.ctype_name,
            lock(&self.items).len(),
            address_of(self)
        );
        match self.lock {
            Some(_) => format!("<SynchronizedArray wrapper for {bare}>"),
            None => bare,
        }
    }

    fn for_child_process(&self) -> Option<Value> {
        None
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(lock(&self.items).clone()))
    }

    fn length(&self) -> Option<usize> {
        Some(lock(&self.items).len())
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        let items = lock(&self.items);
        let is_chars = matches!(self.ctype.number, Number::Char);
        Some(match index {
            // A slice of a `'c'` array is bytes.
            Value::Tuple(parts) if parts.len() == 3 && is_chars => {
                slice_indices(items.len(), parts).map(|picked| {
                    let data: Vec<u8> = picked
                        .into_iter()
                        .map(|i| bytes::of(&items[i]).map_or(0, |data| data[0]))
                        .collect();
                    bytes::value(data)
                })
            }
            Value::Tuple(parts) if parts.len() == 3 => slice_indices(items.len(), parts)
                .map(|picked| Value::list(picked.into_iter().map(|i| items[i].clone()).collect())),
            index => array_index(index, items.len()).map(|at| items[at].clone()),
        })
    }

    fn set_item(&self, index: &Value, value: Value) -> Option<PyResult<()>> {
        Some(self.assign(index, &value))
    }

    fn set_attribute(&self, name: &str, value: &Value) -> PyResult<bool> {
        if name != "value" || !matches!(self.ctype.number, Number::Char) {
            return Ok(false);
        }
        self.set_value(value)?;
        Ok(true)
    }
}

impl SharedArray {
    /// A `'c'` array's bytes; `None` for an array of numbers.
    fn chars(&self) -> Option<Vec<u8>> {
        matches!(self.ctype.number, Number::Char).then(|| {
            lock(&self.items)
                .iter()
                .map(|item| bytes::of(item).map_or(0, |data| data[0]))
                .collect()
        })
    }

    /// `array.value = data` for a `'c'` array: the bytes, then a zero byte if there is room.
    fn set_value(&self, value: &Value) -> PyResult<()> {
        let Some(data) = bytes::of(value) else {
            return raise(TypeError, "bytes expected instead of str instance");
        };
        let mut items = lock(&self.items);
        if data.len() > items.len() {
            return raise(ValueError, "byte string too long");
        }
        let ended = data
            .iter()
            .copied()
            .chain((data.len() < items.len()).then_some(0));
        for (at, byte) in ended.enumerate() {
            items[at] = bytes::value(vec![byte]);
        }
        Ok(())
    }

    fn assign(&self, index: &Value, value: &Value) -> PyResult<()> {
        let Value::Tuple(parts) = index else {
            let converted = self.ctype.wrapped(value)?;
            let mut items = lock(&self.items);
            let at = array_index(index, items.len())?;
            items[at] = converted;
            return Ok(());
        };
        let given = value.items()?;
        let converted = given
            .iter()
            .map(|item| self.ctype.wrapped(item))
            .collect::<PyResult<Vec<_>>>()?;
        let mut items = lock(&self.items);
        let picked = slice_indices(items.len(), parts)?;
        if picked.len() != converted.len() {
            return raise(ValueError, "Can only assign sequence of same size");
        }
        for (at, item) in picked.into_iter().zip(converted) {
            items[at] = item;
        }
        Ok(())
    }
}

/// `array[index]`'s position, as ctypes checks it.
fn array_index(index: &Value, len: usize) -> PyResult<usize> {
    let Some(i) = as_int(index) else {
        return raise(TypeError, "indices must be integers");
    };
    let resolved = if i < 0 { i + len as Int } else { i };
    if resolved < 0 || resolved >= len as Int {
        return raise(IndexError, "invalid index");
    }
    Ok(resolved as usize)
}

pub fn new_array(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let lock = lock_arg(vm, &mut args)?;
    let given = args.expect("Array", 2, 2)?;
    let ctype = ctype_of(&given[0])?;
    let items = match &given[1] {
        size @ Value::Int(_) => {
            let size = as_int(size).unwrap_or(0).max(0) as usize;
            vec![ctype.zero(); size]
        }
        initializer => initializer
            .items()?
            .iter()
            .map(|item| ctype.wrapped(item))
            .collect::<PyResult<_>>()?,
    };
    done(Value::Object(Arc::new(SharedArray {
        ctype,
        items: Mutex::new(items),
        lock,
    })))
}
