//! `array.array`: a list of numbers of one C type (`array('i', [1, 2, 3])`), which tutorials
//! fill with numbers for threads to sum. Each item is checked as it goes in, with CPython's
//! errors; a slice of an array is an array.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::BinOp;
use super::super::items::slice_indices;
use super::super::registry::{done, downcast, native, Args, PyObject, TypeDef};
use super::super::value::{as_int, check_len, equals, resolve_index, Int, Value};
use super::super::vm::{Invoked, Vm};
use super::bytes;
use super::typecode::TypeCode;
use crate::event::lock;
use std::sync::{Arc, Mutex};

/// `array.typecodes` as CPython 3.11 gives it; `'u'` (deprecated) is not in the subset.
pub const TYPECODES: &str = "bBuhHiIlLqQfd";

pub static TYPE: TypeDef = TypeDef {
    name: "array",
    methods: &[
        native("append", |_, args| {
            let item = &args.expect("append", 1, 1)?[0];
            let array = args.this::<PyArray>()?;
            let item = array.typecode.checked(item)?;
            array.grow(vec![item])
        }),
        native("extend", |_, args| {
            let more = &args.expect("extend", 1, 1)?[0];
            let array = args.this::<PyArray>()?;
            if let Some(other) = downcast::<PyArray>(more) {
                if other.typecode.code != array.typecode.code {
                    return raise(TypeError, "can only extend with array of same kind");
                }
            }
            let items = array.checked(&more.items()?)?;
            array.grow(items)
        }),
        native("fromlist", |_, args| {
            let more = &args.expect("fromlist", 1, 1)?[0];
            let array = args.this::<PyArray>()?;
            let Value::List(items) = more else {
                return raise(TypeError, "arg must be list");
            };
            let items = array.checked(&lock(items).clone())?;
            array.grow(items)
        }),
        native("frombytes", |_, args| {
            let data = args.expect("frombytes", 1, 1)?[0].clone();
            let array = args.this::<PyArray>()?;
            let items = array.decoded(&data)?;
            array.grow(items)
        }),
        native("insert", |_, args| {
            let given = args.expect("insert", 2, 2)?;
            let array = args.this::<PyArray>()?;
            let Some(at) = as_int(&given[0]) else {
                return raise(TypeError, "an integer is required");
            };
            let item = array.typecode.checked(&given[1])?;
            let mut items = lock(&array.items);
            check_len(items.len() + 1)?;
            let len = items.len() as Int;
            let at = if at < 0 {
                (at + len).max(0)
            } else {
                at.min(len)
            };
            items.insert(at as usize, item);
            done(Value::None)
        }),
        native("pop", |_, args| {
            let given = args.expect("pop", 0, 1)?;
            let array = args.this::<PyArray>()?;
            let mut items = lock(&array.items);
            if items.is_empty() {
                return raise(IndexError, "pop from empty array");
            }
            let index = given.first().cloned().unwrap_or(Value::Int(-1));
            let at = resolve_index(&index, items.len(), "pop")?;
            done(items.remove(at))
        }),
        native("remove", |_, args| {
            let wanted = &args.expect("remove", 1, 1)?[0];
            let array = args.this::<PyArray>()?;
            let mut items = lock(&array.items);
            match items.iter().position(|item| equals(item, wanted)) {
                Some(at) => {
                    items.remove(at);
                    done(Value::None)
                }
                None => raise(ValueError, "array.remove(x): x not in array"),
            }
        }),
        native("index", |_, args| {
            let wanted = &args.expect("index", 1, 1)?[0];
            let items = lock(&args.this::<PyArray>()?.items).clone();
            match items.iter().position(|item| equals(item, wanted)) {
                Some(at) => done(Value::Int(at as Int)),
                None => raise(ValueError, "array.index(x): x not in array"),
            }
        }),
        native("count", |_, args| {
            let wanted = &args.expect("count", 1, 1)?[0];
            let items = lock(&args.this::<PyArray>()?.items).clone();
            let count = items.iter().filter(|item| equals(item, wanted)).count();
            done(Value::Int(count as Int))
        }),
        native("reverse", |_, args| {
            args.expect("reverse", 0, 0)?;
            lock(&args.this::<PyArray>()?.items).reverse();
            done(Value::None)
        }),
        native("tolist", |_, args| {
            args.expect("tolist", 0, 0)?;
            done(Value::list(lock(&args.this::<PyArray>()?.items).clone()))
        }),
        native("tobytes", |_, args| {
            args.expect("tobytes", 0, 0)?;
            let array = args.this::<PyArray>()?;
            let mut data = Vec::new();
            for item in lock(&array.items).iter() {
                array.typecode.encode(item, &mut data);
            }
            done(bytes::value(data))
        }),
        native("buffer_info", |_, args| {
            args.expect("buffer_info", 0, 0)?;
            let array = args.this::<PyArray>()?;
            let len = lock(&array.items).len();
            let address = Value::Int(super::super::registry::address_of(&*array) as Int);
            done(Value::Tuple(vec![address, Value::Int(len as Int)].into()))
        }),
    ],
    attribute: |value, name| {
        let array = downcast::<PyArray>(value)?;
        match name {
            "typecode" => Some(Value::str(array.typecode.code.to_string())),
            "itemsize" => Some(Value::Int(array.typecode.size() as Int)),
            _ => None,
        }
    },
};

pub struct PyArray {
    typecode: &'static TypeCode,
    items: Mutex<Vec<Value>>,
}

/// `array.array(typecode[, initializer])`: from a list or any iterable of numbers, another
/// array, or bytes (read as the items' machine representation).
pub fn new(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("array", 1, 2)?;
    let code = match &given[0] {
        Value::Str(text) if text.chars().count() == 1 => text.chars().next().unwrap_or(' '),
        other => {
            return raise(
                TypeError,
                format!(
                    "array() argument 1 must be a unicode character, not {}",
                    other.type_name()
                ),
            )
        }
    };
    let typecode = TypeCode::named(&given[0]).filter(|_| code != 'u' && TYPECODES.contains(code));
    let Some(typecode) = typecode else {
        return raise(
            ValueError,
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
        );
    };
    let array = PyArray {
        typecode,
        items: Mutex::new(Vec::new()),
    };
    let items = match given.get(1) {
        None => Vec::new(),
        Some(Value::Str(_)) => {
            return raise(
                TypeError,
                format!("cannot use a str to initialize an array with typecode '{code}'"),
            )
        }
        Some(data) if bytes::of(data).is_some() => array.decoded(data)?,
        Some(initializer) => array.checked(&initializer.items()?)?,
    };
    *lock(&array.items) = items;
    done(Value::Object(Arc::new(array)))
}

impl PyArray {
    fn made(&self, items: Vec<Value>) -> Value {
        Value::Object(Arc::new(PyArray {
            typecode: self.typecode,
            items: Mutex::new(items),
        }))
    }

    fn checked(&self, items: &[Value]) -> PyResult<Vec<Value>> {
        items
            .iter()
            .map(|item| self.typecode.checked(item))
            .collect()
    }

    /// The items `data`'s bytes hold, or CPython's error if they are not whole items.
    fn decoded(&self, data: &Value) -> PyResult<Vec<Value>> {
        let data = bytes::required(data)?;
        if data.len() % self.typecode.size() != 0 {
            return raise(ValueError, "bytes length not a multiple of item size");
        }
        Ok(self.typecode.decode(data))
    }

    fn grow(&self, more: Vec<Value>) -> PyResult<Invoked> {
        let mut items = lock(&self.items);
        check_len(items.len() + more.len())?;
        items.extend(more);
        done(Value::None)
    }

    fn same_kind<'a>(&self, other: &'a Value) -> Option<&'a PyArray> {
        super::super::registry::downcast_ref::<PyArray>(other)
            .filter(|other| other.typecode.code == self.typecode.code)
    }
}

impl PyObject for PyArray {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        let items = lock(&self.items);
        if items.is_empty() {
            return format!("array('{}')", self.typecode.code);
        }
        let shown: Vec<String> = items.iter().map(Value::repr).collect();
        format!("array('{}', [{}])", self.typecode.code, shown.join(", "))
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(lock(&self.items).clone()))
    }

    fn length(&self) -> Option<usize> {
        Some(lock(&self.items).len())
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        let items = lock(&self.items);
        Some(match index {
            Value::Tuple(parts) if parts.len() == 3 => slice_indices(items.len(), parts)
                .map(|picked| self.made(picked.into_iter().map(|i| items[i].clone()).collect())),
            index => resolve_index(index, items.len(), "array").map(|at| items[at].clone()),
        })
    }

    fn set_item(&self, index: &Value, value: Value) -> Option<PyResult<()>> {
        let Value::Tuple(parts) = index else {
            return Some(self.typecode.checked(&value).and_then(|item| {
                let mut items = lock(&self.items);
                let at = resolve_index(index, items.len(), "array assignment")?;
                items[at] = item;
                Ok(())
            }));
        };
        let Some(other) = self.same_kind(&value) else {
            let message = match downcast::<PyArray>(&value) {
                Some(_) => "bad argument type for built-in operation".to_string(),
                None => format!(
                    "can only assign array (not \"{}\") to array slice",
                    value.type_name()
                ),
            };
            return Some(raise(TypeError, message));
        };
        let replacement = lock(&other.items).clone();
        let mut items = lock(&self.items);
        Some(slice_indices(items.len(), parts).and_then(|picked| {
            let contiguous = picked.windows(2).all(|pair| pair[1] == pair[0] + 1);
            match (contiguous, picked.first()) {
                (true, first) => {
                    let start = first.copied().unwrap_or_else(|| {
                        // An empty slice inserts where it starts.
                        as_int(&parts[0]).map_or(0, |i| {
                            let len = items.len() as Int;
                            (if i < 0 { i + len } else { i }).clamp(0, len) as usize
                        })
                    });
                    check_len(items.len() - picked.len() + replacement.len())?;
                    items.splice(start..start + picked.len(), replacement);
                    Ok(())
                }
                (false, _) if picked.len() == replacement.len() => {
                    for (at, item) in picked.into_iter().zip(replacement) {
                        items[at] = item;
                    }
                    Ok(())
                }
                (false, _) => raise(
                    ValueError,
                    format!(
                        "attempt to assign array of size {} to extended slice of size {}",
                        replacement.len(),
                        picked.len()
                    ),
                ),
            }
        }))
    }

    fn delete_item(&self, index: &Value) -> Option<PyResult<()>> {
        let mut items = lock(&self.items);
        Some(match index {
            Value::Tuple(parts) if parts.len() == 3 => {
                slice_indices(items.len(), parts).map(|picked| {
                    for at in picked.into_iter().rev() {
                        items.remove(at);
                    }
                })
            }
            index => resolve_index(index, items.len(), "array assignment").map(|at| {
                items.remove(at);
            }),
        })
    }

    fn contains(&self, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(lock(&self.items).iter().any(|held| equals(held, item))))
    }

    fn equals(&self, other: &Value) -> Option<bool> {
        let other = downcast::<PyArray>(other)?;
        let theirs = lock(&other.items).clone();
        let ours = lock(&self.items);
        Some(ours.len() == theirs.len() && ours.iter().zip(&theirs).all(|(a, b)| equals(a, b)))
    }

    fn binary(&self, op: BinOp, other: &Value, reflected: bool) -> Option<PyResult<Value>> {
        match op {
            BinOp::Add if !reflected => Some(match self.same_kind(other) {
                Some(other) => {
                    let mut items = lock(&self.items).clone();
                    items.extend(lock(&other.items).iter().cloned());
                    check_len(items.len()).map(|()| self.made(items))
                }
                None if downcast::<PyArray>(other).is_some() => {
                    raise(TypeError, "bad argument type for built-in operation")
                }
                None => raise(
                    TypeError,
                    format!(
                        "can only append array (not \"{}\") to array",
                        other.type_name()
                    ),
                ),
            }),
            BinOp::Mul => {
                let times = as_int(other)?.max(0) as usize;
                let items = lock(&self.items);
                Some(check_len(items.len().saturating_mul(times)).map(|()| {
                    self.made(
                        items
                            .iter()
                            .cloned()
                            .cycle()
                            .take(items.len() * times)
                            .collect(),
                    )
                }))
            }
            _ => None,
        }
    }

    fn hash(&self) -> Option<PyResult<i64>> {
        Some(raise(TypeError, "unhashable type: 'array.array'"))
    }
}
