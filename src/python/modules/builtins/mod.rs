//! The names every program has without importing them: `print`, `range`, `len`, `sorted`…

mod iterables;
pub mod numbers;

pub use numbers::to_int;

use super::super::error::{raise, ExceptionKind, ExceptionKind::*, PyResult};
use super::super::format::format_value;
use super::super::hash::py_hash;
use super::super::registry::{
    done, downcast, native, no_attributes, Args, Constant, ModuleDef, PyObject, TypeDef,
};
use super::super::types::class::set_attribute;
use super::super::types::text_file::TextFile;
use super::super::types::{
    attribute, bytes, codec, descriptor, dict, iterator, kinds, named_tuple, set,
};
use super::super::value::{to_index, Int, Value};
use super::super::vm::{operators, Invoked, Text, Vm};
use crate::event::Stream;
use iterables::{enumerate, extreme, sorted, sum, zip};
use numbers::{absolute, int_in_base, round, to_float};
use std::sync::Arc;

pub static MODULE: ModuleDef = ModuleDef {
    name: "builtins",
    functions: &[
        native("print", print),
        native("range", |_, args| done(range(&args)?)),
        native("len", |vm, args| {
            let value = args.expect("len", 1, 1)?[0].clone();
            operators::len(vm, value)
        }),
        // A value, not a function: what a special method gives for operands it does not take.
        native("NotImplemented", |_, _| {
            raise(TypeError, "'NotImplementedType' object is not callable")
        }),
        native("str", |vm, args| {
            let [value, encoding, errors] =
                args.bind("str", ["object", "encoding", "errors"], 0)?;
            let Some(value) = value else {
                return done(Value::str(""));
            };
            if encoding.is_some() || errors.is_some() {
                // `str(data, "utf-8")`: the bytes decoded.
                let Some(data) = bytes::of(&value) else {
                    return raise(
                        TypeError,
                        match value {
                            Value::Str(_) => "decoding str is not supported".to_string(),
                            other => format!(
                                "decoding to str: need a bytes-like object, {} found",
                                other.type_name()
                            ),
                        },
                    );
                };
                return done(Value::str(codec::decode(data, encoding, errors)?));
            }
            vm.texts(vec![(value.clone(), Text::Str)], |_, texts| {
                done(Value::str(texts.concat()))
            })
        }),
        native("repr", |vm, args| {
            let value = args.expect("repr", 1, 1)?[0].clone();
            vm.texts(vec![(value, Text::Repr)], |_, texts| {
                done(Value::str(texts.concat()))
            })
        }),
        native("int", |_, args| match args.expect("int", 0, 2)? {
            [] => done(Value::Int(0)),
            [value] => done(to_int(value)?),
            [value, base] => done(int_in_base(value, base)?),
            _ => unreachable!("expect allows at most two"),
        }),
        native("float", |_, args| {
            done(to_float(
                args.expect("float", 0, 1)?
                    .first()
                    .unwrap_or(&Value::Float(0.0)),
            )?)
        }),
        native("bool", |vm, args| {
            match args.expect("bool", 0, 1)?.first() {
                Some(value) => operators::truth(vm, value.clone()),
                None => done(Value::Bool(false)),
            }
        }),
        native("round", |_, args| done(round(args.expect("round", 1, 2)?)?)),
        native("abs", |vm, args| {
            absolute(vm, args.expect("abs", 1, 1)?[0].clone())
        }),
        native("min", |vm, args| extreme(vm, args, false)),
        native("max", |vm, args| extreme(vm, args, true)),
        native("sum", |_, args| done(sum(args.expect("sum", 1, 2)?)?)),
        native("sorted", sorted),
        native("list", |_, args| {
            done(Value::list(items_or_empty(args.expect("list", 0, 1)?)?))
        }),
        native("tuple", |_, args| {
            done(Value::Tuple(
                items_or_empty(args.expect("tuple", 0, 1)?)?.into(),
            ))
        }),
        native("enumerate", |_, args| {
            let [iterable, start] = args.bind("enumerate", ["iterable", "start"], 1)?;
            done(enumerate(&iterable.unwrap_or(Value::None), start.as_ref())?)
        }),
        native("zip", |_, args| done(zip(&args)?)),
        native("type", |_, args| {
            done(kinds::type_of(&args.expect("type", 1, 1)?[0])?)
        }),
        native("getattr", |_, args| {
            let given = args.expect("getattr", 2, 3)?;
            match (attribute(&given[0], &given[1].to_str()), given.get(2)) {
                (Ok(value), _) => done(value),
                (Err(error), Some(default)) if error.kind == AttributeError => {
                    done(default.clone())
                }
                (Err(error), _) => Err(error),
            }
        }),
        native("hasattr", |_, args| {
            let given = args.expect("hasattr", 2, 2)?;
            done(Value::Bool(
                attribute(&given[0], &given[1].to_str()).is_ok(),
            ))
        }),
        native("setattr", |_, args| {
            let given = args.expect("setattr", 3, 3)?;
            set_attribute(&given[0], &given[1].to_str(), given[2].clone())?;
            done(Value::None)
        }),
        native("object", |_, args| {
            args.expect("object", 0, 0)?;
            done(Value::Object(Arc::new(PlainObject)))
        }),
        native("dict", dict::new),
        native("set", set::set_constructor),
        native("frozenset", set::frozenset_constructor),
        native("bytes", bytes::construct),
        native("hash", |_, args| {
            done(Value::Int(py_hash(&args.expect("hash", 1, 1)?[0])?.into()))
        }),
        native("map", iterables::map),
        native("filter", iterables::filter),
        native("any", |vm, args| {
            iterables::any_all(vm, &args, "any", false)
        }),
        native("all", |vm, args| iterables::any_all(vm, &args, "all", true)),
        native("reversed", |_, args| done(iterables::reversed(&args)?)),
        native("pow", |_, args| {
            done(numbers::pow(args.expect("pow", 2, 3)?)?)
        }),
        native("divmod", |_, args| {
            done(numbers::divmod(args.expect("divmod", 2, 2)?)?)
        }),
        native("hex", |_, args| {
            done(numbers::in_base(&args.expect("hex", 1, 1)?[0], "hex")?)
        }),
        native("oct", |_, args| {
            done(numbers::in_base(&args.expect("oct", 1, 1)?[0], "oct")?)
        }),
        native("bin", |_, args| {
            done(numbers::in_base(&args.expect("bin", 1, 1)?[0], "bin")?)
        }),
        native("chr", |_, args| {
            done(numbers::chr(&args.expect("chr", 1, 1)?[0])?)
        }),
        native("ord", |_, args| {
            done(numbers::ord(&args.expect("ord", 1, 1)?[0])?)
        }),
        native("callable", |_, args| {
            done(Value::Bool(is_callable(&args.expect("callable", 1, 1)?[0])))
        }),
        native("id", |_, args| {
            done(Value::Int(identity(&args.expect("id", 1, 1)?[0])))
        }),
        native("vars", |_, args| match &args.expect("vars", 1, 1)?[0] {
            Value::Instance(instance) => done(instance.namespace()?),
            // A namespace's.
            other => match super::super::types::attribute(other, "__dict__") {
                Ok(dict @ Value::Dict(_)) => done(dict),
                _ => raise(TypeError, "vars() argument must have __dict__ attribute"),
            },
        }),
        native("iter", iterator::iter),
        native("next", iterator::next),
        native("aiter", crate::python::asyncio::aiter),
        native("anext", crate::python::asyncio::anext),
        native("staticmethod", descriptor::staticmethod),
        native("classmethod", descriptor::classmethod),
        native("property", descriptor::new_property),
        native("issubclass", |_, args| {
            let given = args.expect("issubclass", 2, 2)?;
            done(Value::Bool(kinds::is_subclass(&given[0], &given[1])?))
        }),
        native("isinstance", |_, args| {
            let given = args.expect("isinstance", 2, 2)?;
            done(Value::Bool(kinds::is_instance(&given[0], &given[1])?))
        }),
        native("open", super::io::open),
        native("format", |vm, args| {
            let given = args.expect("format", 1, 2)?.to_vec();
            let spec = given.get(1).map(Value::to_str).unwrap_or_default();
            if let Value::Instance(instance) = &given[0] {
                if let Some(method) = instance.class.lookup("__format__") {
                    return vm.invoke(&method, Args::new(vec![given[0].clone(), Value::str(spec)]));
                }
            }
            // The program's `__str__` makes an instance's text.
            vm.with_texts(&[(given[0].clone(), Text::Str)], move |_| {
                done(Value::str(format_value(&given[0], &spec)?))
            })
        }),
    ],
    exceptions: ExceptionKind::BUILTINS,
    // Python 2's names, which Python 3 keeps for `OSError` (older tutorials catch `IOError`).
    constants: &[
        ("IOError", Constant::Object(os_error_class)),
        ("EnvironmentError", Constant::Object(os_error_class)),
    ],
    submodules: &[],
};

fn os_error_class() -> Value {
    Value::ExceptionClass(ExceptionKind::OSError)
}

/// `callable(value)`.
pub fn is_callable(value: &Value) -> bool {
    matches!(
        value,
        Value::Function(_)
            | Value::Builtin(_)
            | Value::Method(_)
            | Value::BoundMethod(_)
            | Value::Class(_)
            | Value::ExceptionClass(_)
    ) || matches!(value, Value::Instance(instance) if instance.class.lookup("__call__").is_some())
        || named_tuple::is_class(value)
}

/// What `object()` makes: a value that is only itself (a sentinel).
struct PlainObject;

static PLAIN_OBJECT: TypeDef = TypeDef {
    name: "object",
    methods: &[],
    attribute: no_attributes,
};

impl PyObject for PlainObject {
    fn type_def(&self) -> &'static TypeDef {
        &PLAIN_OBJECT
    }

    fn repr(&self) -> String {
        format!("<object object at {:#x}>", self as *const Self as usize)
    }
}

/// `id(value)`: where it lives; numbers and constants get one made from their value.
fn identity(value: &Value) -> Int {
    match (value.address(), value) {
        (Some(address), _) => address as Int,
        // Small ints and the constants are singletons in CPython too.
        (None, Value::Int(i)) => 0x7f00_0000_0000 + *i * 32,
        (None, _) => 0x7e00_0000_0000,
    }
}

/// `print(*values, sep=' ', end='\n', flush=False)`.
fn print(vm: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let text_keyword = |args: &mut Args, key: &str, default: &str| match args.keyword(key) {
        None | Some(Value::None) => Ok(default.to_string()),
        Some(Value::Str(text)) => Ok(text.to_string()),
        Some(other) => raise(
            TypeError,
            format!("{key} must be None or a string, not {}", other.type_name()),
        ),
    };
    let sep = text_keyword(&mut args, "sep", " ")?;
    let end = text_keyword(&mut args, "end", "\n")?;
    args.keyword("flush");
    let file = args.keyword("file");
    let text_file = file.as_ref().and_then(downcast::<TextFile>);
    let stream = match text_file {
        Some(_) => Stream::Stdout,
        None => super::sys::stream_arg(file)?,
    };
    args.no_more_keywords("print")?;
    let values = args
        .positional
        .into_iter()
        .map(|value| (value, Text::Str))
        .collect();
    vm.texts(values, move |vm, texts| {
        let mut text = texts.join(&sep);
        text.push_str(&end);
        match &text_file {
            Some(file) => file.write_text(&text).map(drop)?,
            None => vm.write(&text, stream)?,
        }
        done(Value::None)
    })
}

fn items_or_empty(args: &[Value]) -> PyResult<Vec<Value>> {
    args.first().map_or(Ok(Vec::new()), Value::items)
}

fn range(args: &Args) -> PyResult<Value> {
    let given = args.expect("range", 1, 3)?;
    let mut bounds = [0, 0, 1];
    for (i, value) in given.iter().enumerate() {
        let n = to_index(value)?;
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
