//! Generators: calling a function with a `yield` gives a generator, its frame not yet run.
//! Resuming it (`next`, a `for` loop, a native that needs every item) pushes that frame onto
//! the thread's frames like a call; `yield` takes it off again, kept in the generator, and
//! gives the value to whoever resumed it. So a generator runs on whichever thread resumes it,
//! and may block or be switched out like any call.

use super::super::code::Op;
use super::super::error::{raise, Exception, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, no_attributes, PyObject, TypeDef};
use super::super::types::exception;
use super::super::types::lazy::is_lazy;
use super::super::types::pulled::runs_python;
use super::super::value::{Value, MAX_SEQUENCE_LEN};
use super::{Frame, Invoked, ItemIter, Then, Vm};
use crate::event::lock;
use std::sync::{Arc, Mutex};

pub static TYPE: TypeDef = TypeDef {
    name: "generator",
    methods: &[
        native("send", |vm, args| {
            let sent = args.expect("send", 1, 1)?[0].clone();
            resume(vm, &args.this::<Generator>()?, sent, Finish::Raise)
        }),
        native("throw", |vm, args| {
            let thrown = super::super::types::exception::to_raise(&args.expect("throw", 1, 1)?[0])?;
            throw(vm, &args.this::<Generator>()?, thrown, Finish::Raise)
        }),
        native("close", |vm, args| {
            args.expect("close", 0, 0)?;
            close(vm, &args.this::<Generator>()?)
        }),
    ],
    attribute: no_attributes,
};

pub struct Generator {
    name: Arc<str>,
    state: Mutex<State>,
}

enum State {
    /// Not started, or stopped at a `yield`.
    Suspended(Box<Frame>),
    Running,
    Finished,
}

/// What becomes of a generator's run when it ends (returns), for whoever resumed it.
#[derive(Debug)]
pub enum Finish {
    /// `next(gen)`, `gen.send(x)`: `StopIteration` in the caller.
    Raise,
    /// `next(gen, default)`: the default.
    Default(Value),
    /// A `for` loop's next item: the loop ends, jumping to this instruction.
    EndLoop(u32),
    /// `yield from`'s next item: its return value is the expression's, which goes on at this
    /// instruction.
    Delegated(u32),
    /// `generator.close()`: it should end; a `yield` instead is an error.
    Closing,
    /// `await agen.__anext__()` of an async generator: `StopAsyncIteration` in the caller.
    AsyncStop,
    /// A native that needs every item (`list(gen)`): the generator runs to its end, each
    /// item collected here (no switch of frames per item), and the list is the result.
    Collect(Vec<Value>),
    /// A native that needs only the first items (`islice(gen, 5)`, of a generator that may
    /// never end): collected as in `Collect`, this many, the generator left suspended after
    /// the last.
    Take(Vec<Value>, usize),
}

/// A generator's frame while it runs: its generator, and what its end gives.
#[derive(Debug)]
pub struct Resumed {
    pub generator: Arc<Generator>,
    pub finish: Finish,
}

impl Generator {
    pub fn made(frame: Box<Frame>) -> Value {
        Value::Object(Generator::new(frame))
    }

    /// A generator for `frame`, not yet started (an async generator's too).
    pub fn new(frame: Box<Frame>) -> Arc<Generator> {
        Arc::new(Generator {
            name: frame.name().into(),
            state: Mutex::new(State::Suspended(frame)),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl PyObject for Generator {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }

    fn repr(&self) -> String {
        format!(
            "<generator object {} at {:#x}>",
            self.name, self as *const Self as usize
        )
    }
}

impl std::fmt::Debug for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.repr())
    }
}

/// `value` as a generator, if it is one.
pub fn as_generator(value: &Value) -> Option<Arc<Generator>> {
    downcast::<Generator>(value)
}

/// Runs the generator until it yields (its value is the call's) or ends (see [`Finish`]);
/// `sent` is what its paused `yield` gives.
pub fn resume(
    vm: &mut Vm,
    generator: &Arc<Generator>,
    sent: Value,
    finish: Finish,
) -> PyResult<Invoked> {
    let state = std::mem::replace(&mut *lock(&generator.state), State::Running);
    let mut frame = match state {
        State::Suspended(frame) => frame,
        State::Running => {
            *lock(&generator.state) = State::Running;
            return raise(ValueError, "generator already executing");
        }
        State::Finished => {
            *lock(&generator.state) = State::Finished;
            return ended(vm, finish, Value::None);
        }
    };
    if frame.pc > 0 {
        frame.stack.push(sent);
    } else if !matches!(sent, Value::None) {
        *lock(&generator.state) = State::Suspended(frame);
        return raise(
            TypeError,
            "can't send non-None value to a just-started generator",
        );
    }
    frame.resumed = Some(Box::new(Resumed {
        generator: Arc::clone(generator),
        finish,
    }));
    Ok(Invoked::Frame(frame))
}

/// `gen.throw(exception)`: the exception is raised where the generator is paused, as if its
/// `yield` raised it; what the generator does then (catch it and yield, return, or let it
/// out) is the call's result, as for `send`, and `finish` says what its end gives. A
/// generator not yet started ends at once.
pub fn throw(
    vm: &mut Vm,
    generator: &Arc<Generator>,
    thrown: Exception,
    finish: Finish,
) -> PyResult<Invoked> {
    let started = matches!(&*lock(&generator.state), State::Suspended(frame) if frame.pc > 0);
    if !started {
        *lock(&generator.state) = State::Finished;
        return Err(thrown);
    }
    let Invoked::Frame(mut frame) = resume(vm, generator, Value::None, finish)? else {
        return raise(RuntimeError, "a generator lost its frame");
    };
    let Some((delegate, end)) = delegate(&frame) else {
        vm.thread.frames.push(frame);
        return Err(thrown);
    };
    // Paused in a `yield from`: the exception goes to the generator it delegates to. What
    // that one yields, this one yields (its `yield` runs again, without the value `resume`
    // gave it); what it returns is the expression's value; what it raises comes out here.
    frame.stack.pop();
    frame.pc -= 1;
    vm.thread.frames.push(frame);
    throw(vm, &delegate, thrown, Finish::Delegated(end))
}

/// The generator a frame paused in a `yield from` delegates to, and the instruction after
/// the expression. Such a frame is paused at the `yield` that `Op::Send`'s loop jumps back
/// from (see `compile::yield_from`).
fn delegate(frame: &Frame) -> Option<(Arc<Generator>, u32)> {
    let ops = &frame.code().ops;
    let Some(Op::Jump(start)) = ops.get(frame.pc) else {
        return None;
    };
    let Some(Op::Send(end)) = ops.get(*start as usize) else {
        return None;
    };
    match frame.iters.last() {
        Some(ItemIter::Generator(generator)) => Some((Arc::clone(generator), *end)),
        _ => None,
    }
}

/// What a generator's end gives whoever resumed it; `returned` is its return value.
fn ended(vm: &mut Vm, finish: Finish, returned: Value) -> PyResult<Invoked> {
    match finish {
        Finish::Raise => Err(stop_iteration(returned)),
        Finish::Default(value) => done(value),
        Finish::EndLoop(end) => {
            if let Some(frame) = vm.thread.frames.last_mut() {
                frame.iters.pop();
                frame.pc = end as usize;
            }
            Ok(Invoked::Switched)
        }
        Finish::Delegated(end) => {
            if let Some(frame) = vm.thread.frames.last_mut() {
                frame.iters.pop();
                frame.stack.push(returned);
                frame.pc = end as usize;
            }
            Ok(Invoked::Switched)
        }
        Finish::Collect(items) | Finish::Take(items, _) => done(Value::list(items)),
        Finish::Closing => done(Value::None),
        Finish::AsyncStop => raise(StopAsyncIteration, ""),
    }
}

/// `gen.close()`: `GeneratorExit` is raised where the generator is paused, so its `except`
/// and `finally` bodies run; its leaving (or a return) ends the call with `None`.
fn close(vm: &mut Vm, generator: &Arc<Generator>) -> PyResult<Invoked> {
    close_then(vm, generator, Then::new(|_, value| done(value)))
}

/// Whether a `for` loop leaving `generator` unfinished (a `break`, a `return`) drops the last
/// reference to it while it is paused inside a `try` or `with`: CPython then closes it at
/// once, so its `finally` runs before the loop's next statement.
pub fn closes_when_dropped(generator: &Arc<Generator>) -> bool {
    Arc::strong_count(generator) == 1
        && matches!(
            &*lock(&generator.state),
            State::Suspended(frame) if frame.pc > 0 && !(frame.catches.is_empty() && frame.withs.is_empty())
        )
}

/// Closes a generator a loop dropped (see [`closes_when_dropped`]); the loop's frame goes on
/// once it is closed, with nothing pushed.
pub fn close_dropped(vm: &mut Vm, generator: &Arc<Generator>) -> PyResult<Invoked> {
    close_then(vm, generator, Then::new(|_, _| Ok(Invoked::Switched)))
}

/// `gen.close()` with its result going to `then` (an async generator's `aclose()` too).
pub fn close_then(vm: &mut Vm, generator: &Arc<Generator>, then: Then) -> PyResult<Invoked> {
    let started = matches!(&*lock(&generator.state), State::Suspended(frame) if frame.pc > 0);
    if !started {
        *lock(&generator.state) = State::Finished;
        return then.call(vm, Value::None);
    }
    let Invoked::Frame(mut frame) = resume(vm, generator, Value::None, Finish::Closing)? else {
        return raise(RuntimeError, "a generator lost its frame");
    };
    frame.then = Some(then.or_closed());
    vm.thread.frames.push(frame);
    Err(Exception::new(GeneratorExit, ""))
}

fn stop_iteration(returned: Value) -> Exception {
    match returned {
        Value::None => Exception::new(StopIteration, ""),
        value => exception::with_args(StopIteration, &[value]),
    }
}

impl Vm<'_, '_> {
    /// The innermost frame, a generator's, yielded `value`: it is kept in its generator, and
    /// the value goes to whoever resumed it.
    pub(super) fn generator_yielded(&mut self, value: Value) -> PyResult<Invoked> {
        let Some(mut frame) = self.thread.frames.pop() else {
            return raise(RuntimeError, "a generator lost its frame");
        };
        let then = frame.then.take();
        let Some(resumed) = frame.resumed.take() else {
            return raise(RuntimeError, "a generator lost its frame");
        };
        *lock(&resumed.generator.state) = State::Suspended(frame);
        match then {
            Some(then) => then.call(self, value),
            None => done(value),
        }
    }

    /// The innermost frame, a generator's, returned `value`: the generator is finished.
    pub(super) fn generator_returned(&mut self, value: Value) -> PyResult<Invoked> {
        let Some(mut frame) = self.thread.frames.pop() else {
            return raise(RuntimeError, "a generator lost its frame");
        };
        let then = frame.then.take();
        let resumed = frame.resumed.take();
        frame.retire(&mut self.thread.spare_frames);
        let Some(resumed) = resumed else {
            return raise(RuntimeError, "a generator lost its frame");
        };
        *lock(&resumed.generator.state) = State::Finished;
        let invoked = ended(self, resumed.finish, value)?;
        match then {
            Some(then) => self.then_after(invoked, then),
            None => Ok(invoked),
        }
    }

    /// `list(gen)` and the like: the generator's items, collected as it runs to its end, go
    /// to `then`.
    pub fn generator_items(&mut self, generator: &Arc<Generator>, then: Then) -> PyResult<Invoked> {
        let invoked = resume(self, generator, Value::None, Finish::Collect(Vec::new()))?;
        self.then_after(invoked, then)
    }

    /// The generator's first `count` items (fewer if it ends first), collected as it runs,
    /// go to `then`; the rest stay in it.
    pub fn generator_take(
        &mut self,
        generator: &Arc<Generator>,
        count: usize,
        then: Then,
    ) -> PyResult<Invoked> {
        if count == 0 {
            return then.call(self, Value::list(Vec::new()));
        }
        let finish = Finish::Take(Vec::with_capacity(count.min(1024)), count);
        let invoked = resume(self, generator, Value::None, finish)?;
        self.then_after(invoked, then)
    }
}

/// The natives that take every item of an iterable argument: a generator passed to one runs to
/// its end first, and the native gets the list of its items.
const CONSUMERS: &[&str] = &[
    "list",
    "array",
    "tuple",
    "set",
    "frozenset",
    "sorted",
    "sum",
    "min",
    "max",
    "any",
    "all",
    "dict",
    "join",
    "extend",
    "update",
    "reduce",
    "Counter",
    "deque",
    "starmap",
    "imap",
    "imap_unordered",
    "reversed",
    "OrderedDict",
    "defaultdict",
    "subtract",
    "extendleft",
    "_make",
    "cycle",
    "islice",
    "chain",
    "from_iterable",
    "product",
    "permutations",
    "combinations",
    "combinations_with_replacement",
    "accumulate",
    "groupby",
    "takewhile",
    "dropwhile",
    "zip_longest",
    "pairwise",
    "tee",
];

const PULLERS: &[&str] = &[
    "enumerate",
    "zip",
    "map",
    "filter",
    "filterfalse",
    "compress",
];

/// Whether native `name` takes its arguments' items as it is asked for its own (see
/// `types/pulled.rs`).
pub fn takes_lazily(name: &str) -> bool {
    PULLERS.contains(&name)
}

/// The natives among `CONSUMERS` that take a generator's first items themselves (see
/// `Finish::Take`): it may never end.
const TAKERS: &[&str] = &["islice", "takewhile"];

/// The first argument of a call of native `name` that is a generator, an instance with
/// `__iter__` or a native iterator, if the native consumes its arguments' items. A lazy
/// iterator is left to the native: it may never end, and the native takes what it needs.
pub fn consumed_iterable(name: &str, positional: &[Value]) -> Option<usize> {
    // They take items as they are asked for theirs (see `types/pulled.rs`): only an instance's
    // `__iter__` is called first.
    if PULLERS.contains(&name) {
        return positional
            .iter()
            .position(|value| iter_method(value).is_some());
    }
    if !CONSUMERS.contains(&name) {
        return None;
    }
    positional.iter().position(|value| {
        (as_generator(value).is_some() && !TAKERS.contains(&name))
            || iter_method(value).is_some()
            || (name != "islice"
                && matches!(value, Value::Object(object) if object.as_iterator().is_some() && !is_lazy(value)))
    })
}

/// `__iter__` of an instance's class.
pub fn iter_method(value: &Value) -> Option<Value> {
    match value {
        Value::Instance(instance) => instance.class.lookup("__iter__"),
        _ => None,
    }
}

/// Whether the top of the stack is a generator, an iterator that may run Python code or an
/// instance with `__iter__` (which an instruction that takes every item, unpacking or `*args`,
/// collects first).
#[inline]
pub fn on_top(stack: &[Value]) -> bool {
    stack
        .last()
        .is_some_and(|value| runs_python(value) || iter_method(value).is_some())
}

/// A generator frame unwound by an exception is finished.
pub fn unwound(frame: &mut Frame) {
    if let Some(resumed) = frame.resumed.take() {
        *lock(&resumed.generator.state) = State::Finished;
    }
}

/// Collects a yielded item in `Finish::Collect` and `Finish::Take` mode (giving back the
/// list, to yield, once `Take` has its count); gives it back in the others.
#[inline]
pub fn collect(
    resumed: &mut Option<Box<Resumed>>,
    item: Value,
) -> Result<Option<Value>, Exception> {
    let (items, wanted) = match resumed.as_deref_mut() {
        Some(Resumed {
            finish: Finish::Collect(items),
            ..
        }) => (items, None),
        Some(Resumed {
            finish: Finish::Take(items, wanted),
            ..
        }) => (items, Some(*wanted)),
        Some(Resumed {
            finish: Finish::Closing,
            ..
        }) => {
            return Err(Exception::new(
                RuntimeError,
                "generator ignored GeneratorExit",
            ))
        }
        _ => return Ok(Some(item)),
    };
    if items.len() >= MAX_SEQUENCE_LEN {
        return Err(Exception::new(
            MemoryError,
            "generator gave too many items to collect",
        ));
    }
    items.push(item);
    if wanted.is_some_and(|wanted| items.len() >= wanted) {
        return Ok(Some(Value::list(std::mem::take(items))));
    }
    Ok(None)
}
