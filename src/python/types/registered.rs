//! A program's own managers: a class deriving from `multiprocessing.managers.BaseManager` (or
//! `SyncManager`) whose `register(typeid, callable)` gives its instances a method `typeid()`
//! that makes an object and hands out a proxy to it. The object stays where CPython's manager
//! process keeps it, one for all processes; the proxy calls its exposed methods with copies of
//! the arguments and gives copies of what they return, as CPython pickles both on the way. A
//! `proxytype` deriving from `BaseProxy` gets the proxy's `_callmethod`.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, Args, Native, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Then, Vm};
use super::class::{self, PyClass};
use super::{attribute, iterator, start_method, type_of};
use crate::event::lock;
use std::sync::Arc;

/// `Manager.register(typeid, callable=None, proxytype=None, exposed=None,
/// method_to_typeid=None, create_method=True)`, on a class deriving from a manager.
pub static REGISTER: Native = native("register", |_, mut args| {
    let mut named = |name| {
        args.keyword(name)
            .filter(|value| !matches!(value, Value::None))
    };
    let (callable, proxytype, exposed) = (named("callable"), named("proxytype"), named("exposed"));
    args.keyword("method_to_typeid");
    let create_method = args.keyword("create_method");
    let given = args.expect("register", 1, 6)?;
    let positional = |at: usize| {
        given
            .get(at)
            .filter(|value| !matches!(value, Value::None))
            .cloned()
    };
    let Value::Str(typeid) = &given[0] else {
        return raise(TypeError, "register() needs the typeid as a string");
    };
    let proxytype = match positional(2).or(proxytype) {
        None => None,
        Some(Value::Class(class)) if class.derives_from("BaseProxy") => Some(class),
        Some(other) => {
            return raise(
                TypeError,
                format!(
                    "threadplay's proxytype is a class deriving from BaseProxy, not {}",
                    other.repr()
                ),
            )
        }
    };
    let exposed = match positional(3).or(exposed) {
        Some(names) => Some(names.items()?.iter().map(Value::to_str).collect()),
        None => None,
    };
    let registration = Registration {
        typeid: Arc::clone(typeid),
        callable: positional(1).or(callable),
        proxytype,
        exposed,
    };
    if positional(5)
        .or(create_method)
        .is_none_or(|create| create.is_truthy())
    {
        let method = Value::Method(Arc::new((Value::Object(Arc::new(registration)), &CREATE)));
        class::store_attribute(&args.receiver, typeid, method)?;
    }
    done(Value::None)
});

/// What `register` was told of a typeid.
struct Registration {
    typeid: Arc<str>,
    callable: Option<Value>,
    proxytype: Option<Arc<PyClass>>,
    exposed: Option<Vec<String>>,
}

static REGISTRATION: TypeDef = TypeDef {
    name: "registration",
    methods: &[],
    attribute: |_, _| None,
};

impl PyObject for Registration {
    fn type_def(&self) -> &'static TypeDef {
        &REGISTRATION
    }
}

/// `manager.typeid(…)`: the registered callable's object, and a proxy to it.
static CREATE: Native = native("create", |vm, mut args| {
    let registration = args.this::<Registration>()?;
    let Some(callable) = registration.callable.clone() else {
        return raise(
            NotImplementedError,
            format!(
                "threadplay's managers make what a callable registered in the program makes; '{}' has none (a manager served by another program is not in the subset)",
                registration.typeid
            ),
        );
    };
    args.copy_for_process();
    let made = vm.invoke(&callable, args)?;
    vm.then_after(
        made,
        Then::new(move |_, referent| done(proxy_for(&registration, referent))),
    )
});

fn proxy_for(registration: &Registration, referent: Value) -> Value {
    let exposed = match (&registration.exposed, &registration.proxytype) {
        (Some(names), _) => names.clone(),
        (None, Some(class)) => class
            .lookup("_exposed_")
            .and_then(|names| names.items().ok())
            .map(|names| names.iter().map(Value::to_str).collect())
            .unwrap_or_else(|| public_methods(&referent)),
        (None, None) => public_methods(&referent),
    };
    let proxy = Arc::new(Proxied {
        typeid: Arc::clone(&registration.typeid),
        referent,
        exposed,
        auto: registration.proxytype.is_none(),
    });
    match &registration.proxytype {
        Some(class) => class::instance_with_native(class, Value::Object(proxy)),
        None => Value::Object(proxy),
    }
}

/// What CPython's `public_methods` lists: the names of the referent's methods that do not
/// start with `_`, sorted.
fn public_methods(referent: &Value) -> Vec<String> {
    let mut names: Vec<String> = match referent {
        Value::Instance(instance) => std::iter::once(&instance.class)
            .chain(instance.class.ancestors())
            .flat_map(|class| class.own_namespace())
            .filter(|(_, value)| matches!(value, Value::Function(_)))
            .map(|(name, _)| name.to_string())
            .collect(),
        Value::Module(module) => module
            .functions
            .iter()
            .map(|function| function.name.to_string())
            .collect(),
        other => type_of(other)
            .methods
            .iter()
            .map(|method| method.name.to_string())
            .collect(),
    };
    names.retain(|name| !name.starts_with('_'));
    names.sort();
    names.dedup();
    names
}

/// A proxy: CPython's `AutoProxy` when the registration named no proxytype, else the native
/// part of an instance of that `BaseProxy` subclass.
struct Proxied {
    typeid: Arc<str>,
    referent: Value,
    exposed: Vec<String>,
    auto: bool,
}

static PROXY: TypeDef = TypeDef {
    name: "AutoProxy",
    methods: &[
        native("_callmethod", |vm, mut args| {
            let this = args.this::<Proxied>()?;
            let mut given = args.expect("_callmethod", 1, 3)?.to_vec().into_iter();
            let name = given.next().unwrap_or_default().to_str();
            let positional = given.next().map_or(Ok(Vec::new()), |args| args.items())?;
            let keywords = match given.next() {
                Some(Value::Dict(pairs)) => lock(&pairs)
                    .iter()
                    .map(|(key, value)| (Arc::from(key.to_str()), value.clone()))
                    .collect(),
                _ => Vec::new(),
            };
            args.positional = positional;
            args.keywords = keywords;
            call_method(vm, &this, &name, args)
        }),
        native("_getvalue", |_, args| {
            args.expect("_getvalue", 0, 0)?;
            done(args.this::<Proxied>()?.referent.copied_for_process())
        }),
    ],
    attribute: |object, name| {
        let proxy = downcast::<Proxied>(object)?;
        if name == "_exposed_" {
            let names = proxy.exposed.iter().map(|name| Value::str(name.as_str()));
            return Some(Value::Tuple(names.collect()));
        }
        let exposed = proxy.auto && proxy.exposed.iter().any(|exposed| exposed == name);
        exposed.then(|| {
            Value::Object(Arc::new(ExposedMethod {
                proxy,
                name: name.into(),
            }))
        })
    },
};

/// Calls the referent's method `name`, exposed, with copies of the arguments; gives a copy of
/// what it returns.
fn call_method(vm: &mut Vm, proxy: &Proxied, name: &str, mut args: Args) -> PyResult<Invoked> {
    if !proxy.exposed.iter().any(|exposed| exposed == name) {
        return raise(
            AttributeError,
            format!(
                "method '{name}' of {} object is not in exposed={:?}",
                proxy.referent.type_name(),
                proxy.exposed
            ),
        );
    }
    start_method::check_args_picklable(&args)?;
    args.copy_for_process();
    args.receiver = Value::None;
    let returned = if name == "__next__" {
        args.positional.insert(0, proxy.referent.clone());
        iterator::next(vm, args)?
    } else {
        let method = attribute(&proxy.referent, name)?;
        vm.invoke(&method, args)?
    };
    vm.then_after(
        returned,
        Then::new(|_, value| done(value.copied_for_process())),
    )
}

impl PyObject for Proxied {
    fn type_def(&self) -> &'static TypeDef {
        &PROXY
    }

    fn repr(&self) -> String {
        format!(
            "<AutoProxy[{0}] object, typeid '{0}' at {1:#x}>",
            self.typeid, self as *const Self as usize
        )
    }

    fn to_str(&self) -> String {
        self.referent.to_str()
    }

    /// Shared: a child process's proxy reaches the same object.
    fn for_child_process(&self) -> Option<Value> {
        None
    }
}

/// `proxy.method`, an exposed method of an `AutoProxy`.
struct ExposedMethod {
    proxy: Arc<Proxied>,
    name: Arc<str>,
}

static EXPOSED_METHOD: TypeDef = TypeDef {
    name: "method",
    methods: &[],
    attribute: |_, _| None,
};

impl PyObject for ExposedMethod {
    fn type_def(&self) -> &'static TypeDef {
        &EXPOSED_METHOD
    }

    fn repr(&self) -> String {
        format!("<bound method {} of {}>", self.name, self.proxy.repr())
    }

    fn call(self: Arc<Self>, vm: &mut Vm, args: Args) -> PyResult<Invoked> {
        call_method(vm, &self.proxy, &self.name, args)
    }
}
