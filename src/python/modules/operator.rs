//! `operator`: Python's operators as functions (`add`, `lt`, `getitem`…), for `reduce`, `map`
//! and `key=`, and `itemgetter`, `attrgetter` and `methodcaller`. Each goes through the same
//! operators as the syntax, so a class's `__add__` or `__lt__` answers.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::{BinOp, CmpOp, UnaryOp};
use super::super::items;
use super::super::registry::{done, native, Args, ModuleDef, PyObject, TypeDef};
use super::super::types::class::attribute_invoked;
use super::super::value::{self, to_index, Int, Value};
use super::super::vm::search::{self, Wanted};
use super::super::vm::{operators, Invoked, Then, Vm};
use super::builtins::numbers::absolute;
use std::sync::Arc;

macro_rules! binary {
    ($name:literal, $op:expr) => {
        native($name, |vm, args| {
            let [left, right] = two(&args, $name)?;
            operators::binary(vm, $op, left, right, false)
        })
    };
}

/// `iadd` and the like: `x += y`, which grows a list in place and tries `__iadd__` first.
macro_rules! in_place {
    ($name:literal, $op:expr) => {
        native($name, |vm, args| {
            let [left, right] = two(&args, $name)?;
            operators::binary(vm, $op, left, right, true)
        })
    };
}

macro_rules! compare {
    ($name:literal, $op:expr) => {
        native($name, |vm, args| {
            let [left, right] = two(&args, $name)?;
            operators::compare(vm, $op, left, right)
        })
    };
}

pub static MODULE: ModuleDef =
    ModuleDef {
        name: "operator",
        functions: &[
            binary!("add", BinOp::Add),
            binary!("sub", BinOp::Sub),
            binary!("mul", BinOp::Mul),
            binary!("truediv", BinOp::Div),
            binary!("floordiv", BinOp::FloorDiv),
            binary!("mod", BinOp::Mod),
            binary!("pow", BinOp::Pow),
            binary!("and_", BinOp::BitAnd),
            binary!("or_", BinOp::BitOr),
            binary!("xor", BinOp::BitXor),
            binary!("lshift", BinOp::LShift),
            binary!("rshift", BinOp::RShift),
            binary!("concat", BinOp::Add),
            binary!("matmul", BinOp::MatMul),
            in_place!("imatmul", BinOp::MatMul),
            in_place!("iadd", BinOp::Add),
            in_place!("isub", BinOp::Sub),
            in_place!("imul", BinOp::Mul),
            in_place!("itruediv", BinOp::Div),
            in_place!("ifloordiv", BinOp::FloorDiv),
            in_place!("imod", BinOp::Mod),
            in_place!("ipow", BinOp::Pow),
            in_place!("iand", BinOp::BitAnd),
            in_place!("ior", BinOp::BitOr),
            in_place!("ixor", BinOp::BitXor),
            in_place!("ilshift", BinOp::LShift),
            in_place!("irshift", BinOp::RShift),
            in_place!("iconcat", BinOp::Add),
            compare!("eq", CmpOp::Eq),
            compare!("ne", CmpOp::NotEq),
            compare!("lt", CmpOp::Lt),
            compare!("le", CmpOp::LtE),
            compare!("gt", CmpOp::Gt),
            compare!("ge", CmpOp::GtE),
            compare!("is_", CmpOp::Is),
            compare!("is_not", CmpOp::IsNot),
            native("contains", |vm, args| {
                let [container, item] = two(&args, "contains")?;
                operators::compare(vm, CmpOp::In, item, container)
            }),
            native("getitem", |vm, args| {
                let [object, index] = two(&args, "getitem")?;
                operators::get_item(vm, object, index)
            }),
            native("setitem", |vm, args| {
                let given = args.expect("setitem", 3, 3)?;
                let [object, index, item] = [given[0].clone(), given[1].clone(), given[2].clone()];
                let stored = operators::set_item(vm, object, index, item)?;
                // The instruction's answer (nothing pushed) becomes the function's `None`.
                match stored {
                    Invoked::Switched => done(Value::None),
                    called => vm.then_after(called, Then::new(|_, _| done(Value::None))),
                }
            }),
            native("delitem", |vm, args| {
                let [object, index] = two(&args, "delitem")?;
                match operators::special(&object, "__delitem__") {
                    Some(method) => vm.invoke(&method, Args::new(vec![object, index])),
                    None => {
                        items::delete_item(&object, &index)?;
                        done(Value::None)
                    }
                }
            }),
            native("countOf", |vm, args| {
                let [sequence, wanted] = two(&args, "countOf")?;
                search::positions(vm, sequence.items()?, wanted, Wanted::All, |_, found| {
                    done(Value::Int(found.len() as Int))
                })
            }),
            native("indexOf", |vm, args| {
                let [sequence, wanted] = two(&args, "indexOf")?;
                search::positions(vm, sequence.items()?, wanted, Wanted::First, |_, found| {
                    match found.first() {
                        Some(&at) => done(Value::Int(at as Int)),
                        None => raise(ValueError, "sequence.index(x): x not in sequence"),
                    }
                })
            }),
            native("index", |_, args| {
                done(Value::Int(to_index(&args.expect("index", 1, 1)?[0])?))
            }),
            // What `len` gives, if the object has a length; else the default (CPython also asks an
            // iterator's `__length_hint__`, which threadplay's iterators do not have).
            native("length_hint", |vm, args| {
                let given = args.expect("length_hint", 1, 2)?;
                let (object, default) = (given[0].clone(), given.get(1).cloned());
                let sized = match &object {
                    Value::Instance(_) => operators::special(&object, "__len__").is_some(),
                    other => other.len().is_ok(),
                };
                if !sized {
                    return done(default.unwrap_or(Value::Int(0)));
                }
                operators::len(vm, object)
            }),
            native("call", |vm, mut args| {
                if args.positional.is_empty() {
                    return raise(
                        TypeError,
                        "call() missing 1 required positional argument: 'obj'",
                    );
                }
                let callee = args.positional.remove(0);
                vm.invoke(&callee, args)
            }),
            native("neg", |vm, args| unary(vm, &args, "neg", UnaryOp::Neg)),
            native("pos", |vm, args| unary(vm, &args, "pos", UnaryOp::Pos)),
            native("invert", |vm, args| {
                unary(vm, &args, "invert", UnaryOp::Invert)
            }),
            native("inv", |vm, args| unary(vm, &args, "inv", UnaryOp::Invert)),
            native("abs", |vm, args| {
                absolute(vm, args.expect("abs", 1, 1)?[0].clone())
            }),
            native("not_", |vm, args| {
                let value = args.expect("not_", 1, 1)?[0].clone();
                let truth = operators::truth(vm, value)?;
                vm.then_after(
                    truth,
                    Then::new(|_, truth| done(Value::Bool(!truth.is_truthy()))),
                )
            }),
            native("truth", |vm, args| {
                let value = args.expect("truth", 1, 1)?[0].clone();
                operators::truth(vm, value)
            }),
            native("itemgetter", |_, args| {
                getter(args, "itemgetter", Getter::Items)
            }),
            native("attrgetter", |_, args| {
                for name in &args.positional {
                    if !matches!(name, Value::Str(_)) {
                        return raise(TypeError, "attribute name must be a string");
                    }
                }
                getter(args, "attrgetter", Getter::Attributes)
            }),
            native("methodcaller", |_, mut args| {
                if args.positional.is_empty() {
                    return raise(
                        TypeError,
                        "methodcaller needs at least one argument, the method name",
                    );
                }
                let Value::Str(name) = args.positional.remove(0) else {
                    return raise(TypeError, "method name must be a string");
                };
                done(Value::Object(Arc::new(MethodCaller { name, args })))
            }),
        ],
        exceptions: &[],
        constants: &[],
        submodules: &[],
    };

fn two(args: &Args, callee: &str) -> PyResult<[Value; 2]> {
    let given = args.expect(callee, 2, 2)?;
    Ok([given[0].clone(), given[1].clone()])
}

/// `-x`, `+x`, `~x`, with the class's `__neg__` and the like.
fn unary(vm: &mut Vm, args: &Args, callee: &str, op: UnaryOp) -> PyResult<Invoked> {
    let value = args.expect(callee, 1, 1)?[0].clone();
    let name = match op {
        UnaryOp::Neg => "__neg__",
        UnaryOp::Pos => "__pos__",
        _ => "__invert__",
    };
    match operators::special(&value, name) {
        Some(method) => vm.invoke(&method, Args::new(vec![value])),
        None => done(value::unary(op, &value)?),
    }
}

/// What an `itemgetter` or `attrgetter` takes from the object it is called with.
#[derive(Clone, Copy, PartialEq)]
enum Getter {
    Items,
    Attributes,
}

/// `itemgetter(*keys)` and `attrgetter(*names)`: called with an object, its item (or
/// attribute, dotted names followed), or a tuple of them when there are several.
struct Gets {
    kind: Getter,
    keys: Arc<[Value]>,
}

fn getter(args: Args, callee: &str, kind: Getter) -> PyResult<Invoked> {
    if args.positional.is_empty() {
        return raise(TypeError, format!("{callee} expected 1 argument, got 0"));
    }
    done(Value::Object(Arc::new(Gets {
        kind,
        keys: args.positional.into(),
    })))
}

static GETS: TypeDef = TypeDef {
    name: "getter",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

impl PyObject for Gets {
    fn type_def(&self) -> &'static TypeDef {
        &GETS
    }

    fn type_name(&self) -> &'static str {
        match self.kind {
            Getter::Items => "operator.itemgetter",
            Getter::Attributes => "operator.attrgetter",
        }
    }

    fn repr(&self) -> String {
        let keys: Vec<String> = self.keys.iter().map(Value::repr).collect();
        format!("{}({})", self.type_name(), keys.join(", "))
    }

    fn call(self: Arc<Self>, vm: &mut Vm, args: Args) -> PyResult<Invoked> {
        let object = args.expect(self.type_name(), 1, 1)?[0].clone();
        if self.keys.len() == 1 {
            return get(vm, self.kind, object, self.keys[0].clone());
        }
        gather(vm, self, object, Vec::new())
    }
}

/// The items or attributes of `object` for each key after those in `got`, as a tuple.
fn gather(vm: &mut Vm, gets: Arc<Gets>, object: Value, mut got: Vec<Value>) -> PyResult<Invoked> {
    let Some(key) = gets.keys.get(got.len()).cloned() else {
        return done(Value::Tuple(got.into()));
    };
    let value = get(vm, gets.kind, object.clone(), key)?;
    vm.then_after(
        value,
        Then::new(move |vm, value| {
            got.push(value);
            gather(vm, gets, object, got)
        }),
    )
}

fn get(vm: &mut Vm, kind: Getter, object: Value, key: Value) -> PyResult<Invoked> {
    match kind {
        Getter::Items => operators::get_item(vm, object, key),
        Getter::Attributes => {
            let path: Vec<String> = key.to_str().split('.').map(str::to_string).collect();
            follow(vm, object, path.into_iter())
        }
    }
}

/// `object.a.b.c`, one attribute at a time (each may be a property that runs Python).
fn follow(
    vm: &mut Vm,
    object: Value,
    mut path: impl Iterator<Item = String> + Send + 'static,
) -> PyResult<Invoked> {
    let Some(name) = path.next() else {
        return done(object);
    };
    let value = attribute_invoked(vm, &object, &name)?;
    vm.then_after(value, Then::new(move |vm, value| follow(vm, value, path)))
}

/// `methodcaller(name, *args, **kwargs)`: called with an object, calls its method `name`.
struct MethodCaller {
    name: Arc<str>,
    args: Args,
}

static METHOD_CALLER: TypeDef = TypeDef {
    name: "methodcaller",
    methods: &[],
    attribute: super::super::registry::no_attributes,
};

impl PyObject for MethodCaller {
    fn type_def(&self) -> &'static TypeDef {
        &METHOD_CALLER
    }

    fn type_name(&self) -> &'static str {
        "operator.methodcaller"
    }

    fn repr(&self) -> String {
        let arguments = std::iter::once(Value::str(Arc::clone(&self.name)).repr())
            .chain(self.args.positional.iter().map(Value::repr))
            .chain(
                self.args
                    .keywords
                    .iter()
                    .map(|(key, value)| format!("{key}={}", value.repr())),
            );
        format!(
            "operator.methodcaller({})",
            arguments.collect::<Vec<_>>().join(", ")
        )
    }

    fn call(self: Arc<Self>, vm: &mut Vm, args: Args) -> PyResult<Invoked> {
        let object = args.expect("methodcaller", 1, 1)?[0].clone();
        let method = attribute_invoked(vm, &object, &self.name)?;
        let caller = Arc::clone(&self);
        vm.then_after(
            method,
            Then::new(move |vm, method| {
                let args = Args {
                    positional: caller.args.positional.clone(),
                    keywords: caller.args.keywords.clone(),
                    ..Args::default()
                };
                vm.invoke(&method, args)
            }),
        )
    }
}
