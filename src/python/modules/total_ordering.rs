//! `functools.total_ordering`: the comparisons a class lacks, made from its `__lt__` and `==`
//! as CPython makes them. They are natives in the class's namespace, which the operators call
//! as they call its own special methods.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::ir::CmpOp;
use super::super::registry::{done, native, Args, Native};
use super::super::value::Value;
use super::super::vm::operators::{compare, is_not_implemented};
use super::super::vm::{Invoked, Then, Vm};

const ORDERINGS: [&str; 4] = ["__lt__", "__le__", "__gt__", "__ge__"];

/// What a comparison made from `__lt__` gives once it has `self < other`.
enum Next {
    Is(bool),
    /// `self == other` (or `!=`).
    Equal(CmpOp),
}

static DERIVED: [Native; 3] = [
    native("__gt__", |vm, args| {
        from_lt(vm, args, "__gt__", |less| {
            if less {
                Next::Is(false)
            } else {
                Next::Equal(CmpOp::NotEq)
            }
        })
    }),
    native("__le__", |vm, args| {
        from_lt(vm, args, "__le__", |less| {
            if less {
                Next::Is(true)
            } else {
                Next::Equal(CmpOp::Eq)
            }
        })
    }),
    native("__ge__", |vm, args| {
        from_lt(vm, args, "__ge__", |less| Next::Is(!less))
    }),
];

/// `@total_ordering` on a class.
pub fn total_ordering(_: &mut Vm, args: Args) -> PyResult<Invoked> {
    let given = args.expect("total_ordering", 1, 1)?;
    let Value::Class(class) = &given[0] else {
        return raise(
            TypeError,
            format!(
                "total_ordering decorates a class, not {}",
                given[0].type_name()
            ),
        );
    };
    let defined = |name: &str| class.lookup(name).is_some();
    if !ORDERINGS.into_iter().any(defined) {
        return raise(
            ValueError,
            "must define at least one ordering operation: < > <= >=",
        );
    }
    if !defined("__lt__") {
        return raise(
            TypeError,
            "threadplay's total_ordering makes the comparisons from __lt__, which this class lacks",
        );
    }
    let additions = DERIVED
        .iter()
        .filter(|derived| !defined(derived.name))
        .map(|derived| (derived.name.into(), Value::Builtin(derived)))
        .collect();
    done(class.extended(additions, None))
}

fn from_lt(vm: &mut Vm, args: Args, name: &str, next: fn(bool) -> Next) -> PyResult<Invoked> {
    let given = args.expect(name, 2, 2)?;
    let (this, other) = (given[0].clone(), given[1].clone());
    let lt = match &this {
        Value::Instance(instance) => instance.class.lookup("__lt__").unwrap_or_default(),
        _ => Value::None,
    };
    let less = vm.invoke(&lt, Args::new(vec![this.clone(), other.clone()]))?;
    vm.then_after(
        less,
        Then::new(move |vm, less| {
            if is_not_implemented(&less) {
                return done(less);
            }
            match next(less.is_truthy()) {
                Next::Is(truth) => done(Value::Bool(truth)),
                Next::Equal(op) => compare(vm, op, this, other),
            }
        }),
    )
}
