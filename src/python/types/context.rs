//! `contextvars`: a `ContextVar`'s value is the current context's. Each thread has a context of
//! its own (empty when it starts, as in CPython 3.11), an asyncio task runs in a copy of the one
//! it was created in, and `asyncio.to_thread` runs its call in a copy of the caller's.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{
    address_of, done, downcast, downcast_ref, native, Args, Native, PyObject, TypeDef,
};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use crate::event::lock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The variables set in a context, and their values, in the order they were first set.
#[derive(Default)]
pub struct Context {
    values: Mutex<Vec<(Arc<ContextVar>, Value)>>,
}

impl Context {
    /// `copy_context()`: a context with the same values, which each then changes alone.
    pub fn copy(&self) -> Arc<Context> {
        Arc::new(Context {
            values: Mutex::new(lock(&self.values).clone()),
        })
    }

    fn get(&self, var: &ContextVar) -> Option<Value> {
        lock(&self.values)
            .iter()
            .find(|(set, _)| set.id == var.id)
            .map(|(_, value)| value.clone())
    }

    /// Sets `var`, or unsets it for `None`; what it was.
    fn set(&self, var: &Arc<ContextVar>, value: Option<Value>) -> Option<Value> {
        let mut values = lock(&self.values);
        let at = values.iter().position(|(set, _)| set.id == var.id);
        match (at, value) {
            (Some(at), Some(value)) => Some(std::mem::replace(&mut values[at].1, value)),
            (Some(at), None) => Some(values.remove(at).1),
            (None, Some(value)) => {
                values.push((Arc::clone(var), value));
                None
            }
            (None, None) => None,
        }
    }
}

/// `ctx.run(callable, *args, **kwargs)` as a callable of its own (`asyncio.to_thread`'s call).
pub fn run_in(context: Arc<Context>, callable: Value, mut args: Args) -> (Value, Args) {
    args.positional.insert(0, callable);
    (
        Value::Method(Arc::new((Value::Object(context), &RUN))),
        args,
    )
}

const RUN: Native = native("run", |vm, mut args| {
    let context = args.this::<Context>()?;
    if args.positional.is_empty() {
        return raise(TypeError, "run() missing 1 required positional argument");
    }
    let callable = args.positional.remove(0);
    let outer = std::mem::replace(&mut vm.thread.context, context);
    let restored = Arc::clone(&outer);
    let call = Args {
        positional: std::mem::take(&mut args.positional),
        keywords: std::mem::take(&mut args.keywords),
        ..Args::default()
    };
    Ok(Invoked::CallThen(
        callable,
        call,
        Then::new(move |vm, value| {
            vm.thread.context = outer;
            done(value)
        })
        .or_unwound(move |vm| vm.thread.context = restored),
    ))
});

static CONTEXT: TypeDef = TypeDef {
    name: "Context",
    methods: &[
        RUN,
        native("copy", |_, args| {
            args.expect("copy", 0, 0)?;
            done(Value::Object(args.this::<Context>()?.copy()))
        }),
        native("get", |_, args| {
            let given = args.expect("get", 1, 2)?;
            let var = var_arg(&given[0])?;
            let value = args.this::<Context>()?.get(&var);
            done(value.unwrap_or_else(|| given.get(1).cloned().unwrap_or_default()))
        }),
        native("keys", |_, args| {
            args.expect("keys", 0, 0)?;
            done(pairs(&args, |var, _| Value::Object(var)))
        }),
        native("values", |_, args| {
            args.expect("values", 0, 0)?;
            done(pairs(&args, |_, value| value))
        }),
        native("items", |_, args| {
            args.expect("items", 0, 0)?;
            done(pairs(&args, |var, value| {
                Value::Tuple([Value::Object(var), value].into())
            }))
        }),
    ],
    attribute: |_, _| None,
};

/// The context's variables and values, each made into an item of a list.
fn pairs(args: &Args, item: fn(Arc<ContextVar>, Value) -> Value) -> Value {
    let Some(context) = downcast_ref::<Context>(&args.receiver) else {
        return Value::list(Vec::new());
    };
    let values = lock(&context.values).clone();
    Value::list(
        values
            .into_iter()
            .map(|(var, value)| item(var, value))
            .collect(),
    )
}

impl PyObject for Context {
    fn type_def(&self) -> &'static TypeDef {
        &CONTEXT
    }

    fn repr(&self) -> String {
        format!("<_contextvars.Context object at {:#x}>", address_of(self))
    }

    fn length(&self) -> Option<usize> {
        Some(lock(&self.values).len())
    }

    fn get_item(&self, index: &Value) -> Option<PyResult<Value>> {
        Some(var_arg(index).and_then(|var| match self.get(&var) {
            Some(value) => Ok(value),
            None => raise(KeyError, var.repr()),
        }))
    }

    fn contains(&self, item: &Value) -> Option<PyResult<bool>> {
        Some(var_arg(item).map(|var| self.get(&var).is_some()))
    }

    fn items(&self) -> Option<PyResult<Vec<Value>>> {
        let values = lock(&self.values);
        Some(Ok(values
            .iter()
            .map(|(var, _)| Value::Object(Arc::clone(var) as _))
            .collect()))
    }
}

/// What tells variables apart: two with one name are two variables.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

pub struct ContextVar {
    id: u64,
    name: String,
    default: Option<Value>,
}

static CONTEXT_VAR: TypeDef = TypeDef {
    name: "ContextVar",
    methods: &[
        native("get", |vm, args| {
            let given = args.expect("get", 0, 1)?;
            let var = args.this::<ContextVar>()?;
            let value = vm.thread.context.get(&var);
            match value
                .or_else(|| given.first().cloned())
                .or_else(|| var.default.clone())
            {
                Some(value) => done(value),
                None => raise(LookupError, var.repr()),
            }
        }),
        native("set", |vm, args| {
            let value = args.expect("set", 1, 1)?[0].clone();
            let var = args.this::<ContextVar>()?;
            let context = Arc::clone(&vm.thread.context);
            let old = context.set(&var, Some(value));
            done(Value::Object(Arc::new(Token {
                var,
                context,
                old,
                used: Mutex::new(false),
            })))
        }),
        native("reset", |vm, args| {
            let token = args.expect("reset", 1, 1)?[0].clone();
            let var = args.this::<ContextVar>()?;
            let Some(token) = downcast::<Token>(&token) else {
                return raise(
                    TypeError,
                    format!("expected an instance of Token, got {}", token.repr()),
                );
            };
            if *lock(&token.used) {
                return raise(
                    RuntimeError,
                    format!("{} has already been used once", token.repr()),
                );
            }
            if token.var.id != var.id {
                return raise(
                    ValueError,
                    format!("{} was created by a different ContextVar", token.repr()),
                );
            }
            if !Arc::ptr_eq(&token.context, &vm.thread.context) {
                return raise(
                    ValueError,
                    format!("{} was created in a different Context", token.repr()),
                );
            }
            token.context.set(&var, token.old.clone());
            *lock(&token.used) = true;
            done(Value::None)
        }),
    ],
    attribute: |object, name| match name {
        "name" => Some(Value::str(
            downcast_ref::<ContextVar>(object)?.name.as_str(),
        )),
        _ => None,
    },
};

impl PyObject for ContextVar {
    fn type_def(&self) -> &'static TypeDef {
        &CONTEXT_VAR
    }

    fn repr(&self) -> String {
        let default = self
            .default
            .as_ref()
            .map(|default| format!(" default={}", default.repr()))
            .unwrap_or_default();
        format!(
            "<ContextVar name='{}'{default} at {:#x}>",
            self.name,
            address_of(self)
        )
    }
}

/// What `set` gives, to undo it with `reset`.
pub struct Token {
    var: Arc<ContextVar>,
    context: Arc<Context>,
    old: Option<Value>,
    used: Mutex<bool>,
}

static TOKEN: TypeDef = TypeDef {
    name: "Token",
    methods: &[],
    attribute: |object, name| match name {
        "var" => Some(Value::Object(
            Arc::clone(&downcast_ref::<Token>(object)?.var) as _,
        )),
        _ => None,
    },
};

impl PyObject for Token {
    fn type_def(&self) -> &'static TypeDef {
        &TOKEN
    }

    fn repr(&self) -> String {
        let used = if *lock(&self.used) { " used" } else { "" };
        format!(
            "<Token{used} var={} at {:#x}>",
            self.var.repr(),
            address_of(self)
        )
    }
}

fn var_arg(value: &Value) -> PyResult<Arc<ContextVar>> {
    downcast::<ContextVar>(value).map_or_else(
        || {
            raise(
                TypeError,
                format!("a ContextVar key was expected, got {}", value.repr()),
            )
        },
        Ok,
    )
}

/// `ContextVar(name, *, default)`.
pub fn new_var(_: &mut Vm, mut args: Args) -> PyResult<Invoked> {
    let default = args.keyword("default");
    let given = args.expect("ContextVar", 1, 1)?;
    let Value::Str(name) = &given[0] else {
        return raise(TypeError, "context variable name must be a str");
    };
    done(Value::Object(Arc::new(ContextVar {
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        name: name.to_string(),
        default,
    })))
}

/// `copy_context()`: the current context, copied.
pub fn copy_context(vm: &mut Vm, args: Args) -> PyResult<Invoked> {
    args.expect("copy_context", 0, 0)?;
    done(Value::Object(vm.thread.context.copy()))
}
