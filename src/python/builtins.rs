//! The functions, module members and methods the subset provides, by name, and those of them
//! that only compute with their arguments. The ones that print, sleep, start threads or wait
//! are the interpreter's (see `interpreter.rs`).

use super::error::{raise, ExceptionKind::*, PyResult};
use super::format::format_value;
use super::ir::Module;
use super::value::{
    as_int, check_len, equals, order, range_len, resolve_index, Int, Value, MAX_SEQUENCE_LEN,
};
use crate::event::lock;
use crate::scenario::named_enum;
use std::sync::Arc;

named_enum! {
    /// A built-in function or a module's function, named as a program reaches it.
    Builtin {
        Print = "print",
        Range = "range",
        Len = "len",
        Str = "str",
        Int = "int",
        Float = "float",
        Bool = "bool",
        Round = "round",
        Abs = "abs",
        Min = "min",
        Max = "max",
        Sum = "sum",
        Sorted = "sorted",
        List = "list",
        Tuple = "tuple",
        Enumerate = "enumerate",
        Zip = "zip",
        Repr = "repr",
        Format = "format",
        Sleep = "time.sleep",
        PerfCounter = "time.perf_counter",
        Monotonic = "time.monotonic",
        Time = "time.time",
        Thread = "threading.Thread",
        Lock = "threading.Lock",
        CurrentThread = "threading.current_thread",
        ActiveCount = "threading.active_count",
        ThreadPoolExecutor = "concurrent.futures.ThreadPoolExecutor",
        Process = "multiprocessing.Process",
        Pool = "multiprocessing.Pool",
        CpuCount = "multiprocessing.cpu_count",
        AsyncioRun = "asyncio.run",
        AsyncioSleep = "asyncio.sleep",
        Gather = "asyncio.gather",
        CreateTask = "asyncio.create_task",
        Sqrt = "math.sqrt",
        Floor = "math.floor",
        Ceil = "math.ceil",
        Random = "random.random",
        Randint = "random.randint",
        Uniform = "random.uniform",
    }
}

impl Builtin {
    /// `module.name`, if the subset has it.
    pub fn member_of(module: Module, name: &str) -> Option<Builtin> {
        Builtin::from_name(&format!("{}.{name}", module.name()))
    }

    /// A name every program sees without importing it (`print`, `range`, …).
    pub fn global(name: &str) -> Option<Builtin> {
        Builtin::from_name(name).filter(|builtin| !builtin.name().contains('.'))
    }
}

named_enum! {
    /// A method, named by the type that has it.
    Method {
        Append = "list.append",
        Pop = "list.pop",
        Extend = "list.extend",
        Insert = "list.insert",
        Sort = "list.sort",
        Index = "list.index",
        Join = "str.join",
        Upper = "str.upper",
        Lower = "str.lower",
        Strip = "str.strip",
        Split = "str.split",
        Replace = "str.replace",
        StartsWith = "str.startswith",
        EndsWith = "str.endswith",
        StrFormat = "str.format",
        Get = "dict.get",
        Items = "dict.items",
        Keys = "dict.keys",
        Values = "dict.values",
        Start = "Thread.start",
        JoinThread = "Thread.join",
        IsAlive = "Thread.is_alive",
        Acquire = "lock.acquire",
        Release = "lock.release",
        Locked = "lock.locked",
        Submit = "ThreadPoolExecutor.submit",
        Map = "ThreadPoolExecutor.map",
        Shutdown = "ThreadPoolExecutor.shutdown",
        Result = "Future.result",
        Done = "Future.done",
    }
}

impl Method {
    /// `value.name` as a method, if the value's type has one by that name.
    pub fn of(value: &Value, name: &str) -> Option<Method> {
        let owner = match value {
            Value::Thread(_) => "Thread",
            Value::Executor(_) => "ThreadPoolExecutor",
            other => other.type_name(),
        };
        Method::from_name(&format!("{owner}.{name}"))
    }
}

/// Positional arguments and keyword arguments, as a call passes them.
#[derive(Default)]
pub struct Args {
    pub positional: Vec<Value>,
    pub keywords: Vec<(Arc<str>, Value)>,
}

impl Args {
    /// Takes keyword `name`, if passed.
    pub fn keyword(&mut self, name: &str) -> Option<Value> {
        let index = self.keywords.iter().position(|(key, _)| &**key == name)?;
        Some(self.keywords.remove(index).1)
    }

    /// Fails on keywords the callee does not take.
    pub fn no_more_keywords(&self, callee: &str) -> PyResult<()> {
        match self.keywords.first() {
            Some((key, _)) => raise(
                TypeError,
                format!("{callee}() got an unexpected keyword argument '{key}'"),
            ),
            None => Ok(()),
        }
    }

    /// Exactly `min..=max` positional arguments and no keywords.
    pub fn expect(&self, callee: &str, min: usize, max: usize) -> PyResult<&[Value]> {
        self.no_more_keywords(callee)?;
        let count = self.positional.len();
        if count < min || count > max {
            let wanted = if min == max {
                format!("{min}")
            } else {
                format!("{min} to {max}")
            };
            return raise(
                TypeError,
                format!("{callee}() takes {wanted} arguments ({count} given)"),
            );
        }
        Ok(&self.positional)
    }
}

/// Calls a builtin that only computes with its arguments; `None` for the others.
pub fn call_pure(builtin: Builtin, args: &mut Args) -> Option<PyResult<Value>> {
    let name = builtin.name();
    Some(match builtin {
        Builtin::Range => range(args),
        Builtin::Len => args
            .expect(name, 1, 1)
            .and_then(|a| a[0].len())
            .map(|n| Value::Int(n as Int)),
        Builtin::Str => args
            .expect(name, 0, 1)
            .map(|a| Value::str(a.first().map(Value::to_str).unwrap_or_default())),
        Builtin::Repr => args.expect(name, 1, 1).map(|a| Value::str(a[0].repr())),
        Builtin::Int => args
            .expect(name, 0, 1)
            .and_then(|a| to_int(a.first().unwrap_or(&Value::Int(0)))),
        Builtin::Float => args
            .expect(name, 0, 1)
            .and_then(|a| to_float(a.first().unwrap_or(&Value::Float(0.0)))),
        Builtin::Bool => args
            .expect(name, 0, 1)
            .map(|a| Value::Bool(a.first().is_some_and(Value::is_truthy))),
        Builtin::Round => args.expect(name, 1, 2).and_then(round),
        Builtin::Abs => args.expect(name, 1, 1).and_then(|a| abs(&a[0])),
        Builtin::Min | Builtin::Max => extreme(builtin == Builtin::Max, args),
        Builtin::Sum => args.expect(name, 1, 2).and_then(sum),
        Builtin::Sorted => sorted(args),
        Builtin::List => args
            .expect(name, 0, 1)
            .and_then(|a| Ok(Value::list(items_or_empty(a)?))),
        Builtin::Tuple => args
            .expect(name, 0, 1)
            .and_then(|a| Ok(Value::Tuple(items_or_empty(a)?.into()))),
        Builtin::Enumerate => args.expect(name, 1, 2).and_then(enumerate),
        Builtin::Zip => zip(args),
        Builtin::Format => args.expect(name, 1, 2).and_then(|a| {
            let spec = a.get(1).map(Value::to_str).unwrap_or_default();
            format_value(&a[0], &spec).map(Value::str)
        }),
        Builtin::Sqrt => float_fn(args, name, f64::sqrt),
        Builtin::Floor => float_to_int(args, name, f64::floor),
        Builtin::Ceil => float_to_int(args, name, f64::ceil),
        _ => return None,
    })
}

fn items_or_empty(args: &[Value]) -> PyResult<Vec<Value>> {
    args.first().map_or(Ok(Vec::new()), Value::items)
}

fn range(args: &Args) -> PyResult<Value> {
    let given = args.expect("range", 1, 3)?;
    let mut bounds = [0, 0, 1];
    for (i, value) in given.iter().enumerate() {
        let Some(n) = as_int(value) else {
            return raise(
                TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    value.type_name()
                ),
            );
        };
        let Ok(n) = i64::try_from(n) else {
            return raise(OverflowError, "range() arguments must fit in 64 bits");
        };
        bounds[i] = n;
    }
    let [start, stop, step] = match given.len() {
        1 => [0, bounds[0], 1],
        _ => bounds,
    };
    if step == 0 {
        return raise(ValueError, "range() arg 3 must not be zero");
    }
    Ok(Value::Range(start, stop, step))
}

fn to_int(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) if f.is_finite() && f.abs() < 1.7e38 => Ok(Value::Int(f.trunc() as Int)),
        Value::Float(_) => raise(
            OverflowError,
            "cannot convert float infinity or NaN to integer",
        ),
        Value::Str(text) => text
            .trim()
            .replace('_', "")
            .parse()
            .map(Value::Int)
            .or_else(|_| {
                raise(
                    ValueError,
                    format!("invalid literal for int() with base 10: {}", value.repr()),
                )
            }),
        other => as_int(other).map(Value::Int).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "int() argument must be a string or a number, not '{}'",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

fn to_float(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) => Ok(Value::Float(*f)),
        Value::Str(text) => {
            let text = text.trim().to_lowercase();
            let parsed = match text.as_str() {
                "inf" | "infinity" | "+inf" => Some(f64::INFINITY),
                "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                "nan" => Some(f64::NAN),
                _ => text
                    .parse()
                    .ok()
                    .filter(|_| !text.contains("inf") && !text.contains("nan")),
            };
            parsed.map(Value::Float).map_or_else(
                || {
                    raise(
                        ValueError,
                        format!("could not convert string to float: {}", value.repr()),
                    )
                },
                Ok,
            )
        }
        other => as_int(other).map(|i| Value::Float(i as f64)).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "float() argument must be a string or a number, not '{}'",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

/// `round(x)` rounds half to even, to an int; `round(x, n)` to the float nearest the decimal.
fn round(args: &[Value]) -> PyResult<Value> {
    let digits = match args.get(1) {
        None | Some(Value::None) => None,
        Some(n) => Some(
            as_int(n).map_or_else(|| raise(TypeError, "round() digits must be an integer"), Ok)?,
        ),
    };
    match (&args[0], digits) {
        (Value::Float(f), None) => to_int(&Value::Float(f.round_ties_even())),
        (Value::Float(f), Some(digits)) => {
            let digits = digits.clamp(-308, 308);
            if digits >= 0 {
                // Formatting rounds the exact binary value correctly, as Python's round does.
                let text = format!("{f:.*}", digits as usize);
                Ok(Value::Float(text.parse().unwrap_or(*f)))
            } else {
                let scale = 10f64.powi(-digits as i32);
                Ok(Value::Float((f / scale).round_ties_even() * scale))
            }
        }
        (value, _) if as_int(value).is_some() => Ok(Value::Int(as_int(value).unwrap_or_default())),
        (other, _) => raise(
            TypeError,
            format!("type {} doesn't define __round__ method", other.type_name()),
        ),
    }
}

fn abs(value: &Value) -> PyResult<Value> {
    match value {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        other => match as_int(other) {
            Some(i) => i
                .checked_abs()
                .map(Value::Int)
                .map_or_else(|| raise(OverflowError, "integer too large"), Ok),
            None => raise(
                TypeError,
                format!("bad operand type for abs(): '{}'", other.type_name()),
            ),
        },
    }
}

fn extreme(max: bool, args: &Args) -> PyResult<Value> {
    let name = if max { "max" } else { "min" };
    args.no_more_keywords(name)?;
    let items = match args.positional.as_slice() {
        [single] => single.items()?,
        many => many.to_vec(),
    };
    let mut best: Option<Value> = None;
    for item in items {
        let better = match &best {
            None => true,
            Some(current) => {
                let ordering = order(&item, current)?;
                if max {
                    ordering.is_gt()
                } else {
                    ordering.is_lt()
                }
            }
        };
        if better {
            best = Some(item);
        }
    }
    best.map_or_else(
        || raise(ValueError, format!("{name}() arg is an empty sequence")),
        Ok,
    )
}

fn sum(args: &[Value]) -> PyResult<Value> {
    let mut total = args.get(1).cloned().unwrap_or(Value::Int(0));
    let add =
        |total: &Value, item: &Value| super::value::binary(super::ir::BinOp::Add, total, item);
    // A range is added as it is counted, never made a list: `sum(range(10**7))`.
    if let Value::Range(start, _, step) = args[0] {
        for i in 0..range_len(&args[0]) {
            total = add(&total, &Value::Int(Int::from(start + i * step)))?;
        }
        return Ok(total);
    }
    for item in args[0].items()? {
        total = add(&total, &item)?;
    }
    Ok(total)
}

fn sorted(args: &mut Args) -> PyResult<Value> {
    let reverse = args
        .keyword("reverse")
        .is_some_and(|value| value.is_truthy());
    let given = args.expect("sorted", 1, 1)?;
    let mut items = given[0].items()?;
    sort_values(&mut items, reverse)?;
    Ok(Value::list(items))
}

/// Sorts in place, stopping at the first pair that cannot be ordered.
pub fn sort_values(items: &mut [Value], reverse: bool) -> PyResult<()> {
    let mut failure = None;
    items.sort_by(|a, b| {
        order(a, b).unwrap_or_else(|error| {
            failure.get_or_insert(error);
            std::cmp::Ordering::Equal
        })
    });
    if reverse {
        items.reverse();
    }
    failure.map_or(Ok(()), Err)
}

fn enumerate(args: &[Value]) -> PyResult<Value> {
    let start = args.get(1).and_then(as_int).unwrap_or(0);
    let items = args[0].items()?;
    Ok(Value::list(
        items
            .into_iter()
            .zip(start..)
            .map(|(item, i)| Value::Tuple([Value::Int(i), item].into()))
            .collect(),
    ))
}

fn zip(args: &Args) -> PyResult<Value> {
    args.no_more_keywords("zip")?;
    let columns = args
        .positional
        .iter()
        .map(Value::items)
        .collect::<PyResult<Vec<_>>>()?;
    let len = columns.iter().map(Vec::len).min().unwrap_or(0);
    Ok(Value::list(
        (0..len)
            .map(|row| Value::Tuple(columns.iter().map(|column| column[row].clone()).collect()))
            .collect(),
    ))
}

fn number_arg(args: &Args, name: &str) -> PyResult<f64> {
    let value = &args.expect(name, 1, 1)?[0];
    match *value {
        Value::Float(f) => Ok(f),
        _ => as_int(value).map(|i| i as f64).map_or_else(
            || {
                raise(
                    TypeError,
                    format!("must be real number, not {}", value.type_name()),
                )
            },
            Ok,
        ),
    }
}

fn float_fn(args: &Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = number_arg(args, name)?;
    if name == "math.sqrt" && x < 0.0 {
        return raise(ValueError, "math domain error");
    }
    Ok(Value::Float(f(x)))
}

fn float_to_int(args: &Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    to_int(&Value::Float(f(number_arg(args, name)?)))
}

/// Calls a method of a list, string or dict; `None` for the others' methods.
pub fn call_data_method(
    receiver: &Value,
    method: Method,
    args: &mut Args,
) -> Option<PyResult<Value>> {
    let name = method.name();
    Some(match (receiver, method) {
        (Value::List(items), Method::Append) => args.expect(name, 1, 1).and_then(|a| {
            let mut items = lock(items);
            if items.len() >= MAX_SEQUENCE_LEN {
                return raise(MemoryError, "list too long");
            }
            items.push(a[0].clone());
            Ok(Value::None)
        }),
        (Value::List(items), Method::Extend) => args.expect(name, 1, 1).and_then(|a| {
            let more = a[0].items()?;
            let mut items = lock(items);
            if items.len() + more.len() > MAX_SEQUENCE_LEN {
                return raise(MemoryError, "list too long");
            }
            items.extend(more);
            Ok(Value::None)
        }),
        (Value::List(items), Method::Pop) => args.expect(name, 0, 1).and_then(|a| {
            let mut items = lock(items);
            if items.is_empty() {
                return raise(IndexError, "pop from empty list");
            }
            let index = resolve_index(a.first().unwrap_or(&Value::Int(-1)), items.len(), "pop")?;
            Ok(items.remove(index))
        }),
        (Value::List(items), Method::Insert) => args.expect(name, 2, 2).and_then(|a| {
            let mut items = lock(items);
            check_len(items.len() + 1)?;
            let len = items.len() as Int;
            let at = as_int(&a[0]).unwrap_or(len);
            let at = if at < 0 {
                (at + len).max(0)
            } else {
                at.min(len)
            };
            items.insert(at as usize, a[1].clone());
            Ok(Value::None)
        }),
        (Value::List(items), Method::Index) => args.expect(name, 1, 1).and_then(|a| {
            let position = lock(items).iter().position(|item| equals(item, &a[0]));
            position.map(|i| Value::Int(i as Int)).map_or_else(
                || raise(ValueError, format!("{} is not in list", a[0].repr())),
                Ok,
            )
        }),
        (Value::List(items), Method::Sort) => {
            let reverse = args
                .keyword("reverse")
                .is_some_and(|value| value.is_truthy());
            args.expect(name, 0, 0).and_then(|_| {
                let mut sorted = lock(items).clone();
                sort_values(&mut sorted, reverse)?;
                *lock(items) = sorted;
                Ok(Value::None)
            })
        }
        (Value::Str(text), _) => str_method(text, method, args),
        (Value::Dict(pairs), Method::Get) => args.expect(name, 1, 2).map(|a| {
            let found = lock(pairs)
                .iter()
                .find(|(key, _)| equals(key, &a[0]))
                .map(|(_, value)| value.clone());
            found.unwrap_or_else(|| a.get(1).cloned().unwrap_or(Value::None))
        }),
        (Value::Dict(pairs), Method::Items | Method::Keys | Method::Values) => {
            args.expect(name, 0, 0).map(|_| {
                let pairs = lock(pairs);
                Value::list(
                    pairs
                        .iter()
                        .map(|(key, value)| match method {
                            Method::Keys => key.clone(),
                            Method::Values => value.clone(),
                            _ => Value::Tuple([key.clone(), value.clone()].into()),
                        })
                        .collect(),
                )
            })
        }
        _ => return None,
    })
}

fn str_method(text: &Arc<str>, method: Method, args: &mut Args) -> PyResult<Value> {
    let name = method.name();
    let string_arg = |value: &Value| match value {
        Value::Str(s) => Ok(s.clone()),
        other => raise(
            TypeError,
            format!("{name}() argument must be str, not {}", other.type_name()),
        ),
    };
    match method {
        Method::Join => {
            let items = args.expect(name, 1, 1)?[0].items()?;
            let parts = items.iter().map(string_arg).collect::<PyResult<Vec<_>>>()?;
            let joined = parts.iter().map(|s| &**s).collect::<Vec<_>>().join(text);
            if joined.len() > MAX_SEQUENCE_LEN {
                return raise(MemoryError, "string too long");
            }
            Ok(Value::str(joined))
        }
        Method::Upper => args
            .expect(name, 0, 0)
            .map(|_| Value::str(text.to_uppercase())),
        Method::Lower => args
            .expect(name, 0, 0)
            .map(|_| Value::str(text.to_lowercase())),
        Method::Strip => args.expect(name, 0, 0).map(|_| Value::str(text.trim())),
        Method::Split => {
            let given = args.expect(name, 0, 1)?;
            let parts: Vec<Value> = match given.first() {
                Some(separator) => {
                    let separator = string_arg(separator)?;
                    if separator.is_empty() {
                        return raise(ValueError, "empty separator");
                    }
                    text.split(&*separator).map(Value::str).collect()
                }
                None => text.split_whitespace().map(Value::str).collect(),
            };
            Ok(Value::list(parts))
        }
        Method::Replace => {
            let given = args.expect(name, 2, 2)?;
            let (from, to) = (string_arg(&given[0])?, string_arg(&given[1])?);
            let count = if from.is_empty() {
                text.chars().count() + 1
            } else {
                text.matches(&*from).count()
            };
            if text.len() + count.saturating_mul(to.len()) > MAX_SEQUENCE_LEN {
                return raise(MemoryError, "string too long");
            }
            Ok(Value::str(text.replace(&*from, &to)))
        }
        Method::StartsWith | Method::EndsWith => {
            let part = string_arg(&args.expect(name, 1, 1)?[0])?;
            Ok(Value::Bool(if method == Method::StartsWith {
                text.starts_with(&*part)
            } else {
                text.ends_with(&*part)
            }))
        }
        Method::StrFormat => str_format(text, args),
        _ => raise(
            AttributeError,
            format!("'str' object has no attribute '{name}'"),
        ),
    }
}

/// `"{} and {:.2f}".format(a, b)`: automatic or numbered fields, with format specs.
fn str_format(template: &str, args: &mut Args) -> PyResult<Value> {
    let mut out = String::new();
    let mut next_auto = 0;
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let brace = rest.as_bytes()[open];
        if rest[open + 1..].starts_with(brace as char) {
            out.push(brace as char);
            rest = &rest[open + 2..];
            continue;
        }
        if brace == b'}' {
            return raise(ValueError, "Single '}' encountered in format string");
        }
        let Some(close) = rest[open..].find('}') else {
            return raise(ValueError, "Single '{' encountered in format string");
        };
        let field = &rest[open + 1..open + close];
        let (key, spec) = field.split_once(':').unwrap_or((field, ""));
        let value = if key.is_empty() {
            next_auto += 1;
            args.positional.get(next_auto - 1).cloned()
        } else if let Ok(index) = key.parse::<usize>() {
            args.positional.get(index).cloned()
        } else {
            args.keywords
                .iter()
                .find(|(name, _)| &**name == key)
                .map(|(_, value)| value.clone())
        };
        let Some(value) = value else {
            return raise(
                IndexError,
                format!("Replacement index {key} out of range for positional args tuple"),
            );
        };
        out.push_str(&format_value(&value, spec)?);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(Value::str(out))
}

/// `x[i]` for the subset's sequences and dicts (slices included).
pub fn get_item(object: &Value, index: &Value) -> PyResult<Value> {
    if let Value::Tuple(parts) = index {
        if let [Value::None | Value::Int(_), ..] = &parts[..] {
            if parts.len() == 3
                && matches!(object, Value::List(_) | Value::Tuple(_) | Value::Str(_))
            {
                return slice(object, parts);
            }
        }
    }
    match object {
        Value::List(items) => {
            let items = lock(items);
            Ok(items[resolve_index(index, items.len(), "list")?].clone())
        }
        Value::Tuple(items) => Ok(items[resolve_index(index, items.len(), "tuple")?].clone()),
        Value::Str(text) => {
            let chars: Vec<char> = text.chars().collect();
            Ok(Value::str(
                chars[resolve_index(index, chars.len(), "string")?].to_string(),
            ))
        }
        Value::Range(start, _, step) => {
            let i = resolve_index(index, range_len(object) as usize, "range object")?;
            Ok(Value::Int(Int::from(start + i as i64 * step)))
        }
        Value::Dict(pairs) => lock(pairs)
            .iter()
            .find(|(key, _)| equals(key, index))
            .map(|(_, value)| value.clone())
            .map_or_else(|| raise(KeyError, index.repr()), Ok),
        other => raise(
            TypeError,
            format!("'{}' object is not subscriptable", other.type_name()),
        ),
    }
}

/// `x[a:b:c]`, the slice arriving as a 3-tuple of ints or `None`s.
fn slice(object: &Value, parts: &[Value]) -> PyResult<Value> {
    let items = object.items()?;
    let len = items.len() as Int;
    let step = as_int(&parts[2]).unwrap_or(1);
    if step == 0 {
        return raise(ValueError, "slice step cannot be zero");
    }
    let clamp = |value: &Value, default: Int| {
        as_int(value).map_or(default, |i| {
            let i = if i < 0 { i + len } else { i };
            if step > 0 {
                i.clamp(0, len)
            } else {
                i.clamp(-1, len - 1)
            }
        })
    };
    let (start, stop) = if step > 0 {
        (clamp(&parts[0], 0), clamp(&parts[1], len))
    } else {
        (clamp(&parts[0], len - 1), clamp(&parts[1], -1))
    };
    let mut picked = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        picked.push(items[i as usize].clone());
        i += step;
    }
    Ok(match object {
        Value::Str(_) => Value::str(picked.iter().map(Value::to_str).collect::<String>()),
        Value::Tuple(_) => Value::Tuple(picked.into()),
        _ => Value::list(picked),
    })
}

/// `x[i] = value` for lists and dicts.
pub fn set_item(object: &Value, index: &Value, value: Value) -> PyResult<()> {
    match object {
        Value::List(items) => {
            let mut items = lock(items);
            let i = resolve_index(index, items.len(), "list assignment")?;
            items[i] = value;
            Ok(())
        }
        Value::Dict(pairs) => {
            let mut pairs = lock(pairs);
            match pairs.iter_mut().find(|(key, _)| equals(key, index)) {
                Some((_, slot)) => *slot = value,
                None => {
                    check_len(pairs.len() + 1)?;
                    pairs.push((index.clone(), value));
                }
            }
            Ok(())
        }
        other => raise(
            TypeError,
            format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ),
        ),
    }
}
