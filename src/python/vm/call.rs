//! Calls: Python functions become frames on the thread's heap stack; builtins and methods run
//! at once, or block the thread (a sleep, a lock, a join), which resumes with their result.

use super::super::asyncio::never_awaited;
use super::super::code::Op;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::format::format_value;
use super::super::ir::Conversion;
use super::super::registry::{Args, Native, PyObject};
use super::super::sched::Exit;
use super::super::types::attribute;
use super::super::types::class;
use super::super::types::exception::PyException;
use super::super::types::instance_iterator::InstanceIterator;
use super::super::types::kinds;
use super::super::types::pulled::{is_exhausted, or_at_end};
use super::super::value::{check_len, Value};
use super::generator::{
    as_generator, close_dropped, consumed_iterable, iter_method, resume, takes_lazily, Finish,
    Generator,
};
use super::{keys, operators};
use super::{Frame, Invoked, ItemIter, Text, Then, Vm, CHECK_EVERY_STEPS};
use crate::event::lock;
use std::sync::Arc;

/// CPython's default recursion limit (`sys.getrecursionlimit()`): frames a thread may have.
pub const RECURSION_LIMIT: usize = 1000;

impl Vm<'_, '_> {
    pub(super) fn slow_op(&mut self, op: Op) -> PyResult<Option<Exit>> {
        let Some(frame) = self.thread.frames.last_mut() else {
            return Ok(None);
        };
        let invoked = match op {
            Op::Call(argc) => {
                let positional = frame.stack.split_off(frame.stack.len() - argc as usize);
                self.call_popped(positional, Vec::new())?
            }
            Op::CallKw { argc, names } => {
                let keywords = take_keywords(frame, names);
                let positional = frame.stack.split_off(frame.stack.len() - argc as usize);
                self.call_popped(positional, keywords)?
            }
            Op::CallList { names } => {
                let keywords = take_keywords(frame, names);
                let positional = frame.stack.pop().unwrap_or(Value::None).items()?;
                self.call_popped(positional, keywords)?
            }
            Op::LoadAttr(index) => {
                let object = frame.stack.pop().unwrap_or(Value::None);
                let name = Arc::clone(&frame.function.code.names[index as usize]);
                class::attribute_invoked(self, &object, &name)?
            }
            Op::StoreAttr(index) => {
                let object = frame.stack.pop().unwrap_or(Value::None);
                let value = frame.stack.pop().unwrap_or(Value::None);
                let name = Arc::clone(&frame.function.code.names[index as usize]);
                class::set_attribute_invoked(self, &object, &name, value)?
            }
            Op::ForIter(end) => match frame.iters.last() {
                Some(ItemIter::Generator(generator)) => {
                    let generator = Arc::clone(generator);
                    resume(self, &generator, Value::None, Finish::EndLoop(end))?
                }
                Some(ItemIter::Native(object)) => {
                    let object = Arc::clone(object);
                    self.native_next(&object, end, None)?
                }
                _ => return raise(RuntimeError, "a loop lost its iterator"),
            },
            Op::Pop => {
                let top = frame.stack.pop().unwrap_or_default();
                if let Some(name) = never_awaited(&top) {
                    self.warn_never_awaited(name)?;
                }
                Invoked::Switched
            }
            Op::PopIter => match frame.iters.pop() {
                Some(ItemIter::Generator(generator)) => close_dropped(self, &generator)?,
                _ => Invoked::Switched,
            },
            Op::Send(end) => {
                let sent = frame.stack.pop().unwrap_or_default();
                match frame.iters.last() {
                    Some(ItemIter::Generator(generator)) => {
                        let generator = Arc::clone(generator);
                        resume(self, &generator, sent, Finish::Delegated(end))?
                    }
                    Some(ItemIter::Native(object)) if matches!(sent, Value::None) => {
                        let object = Arc::clone(object);
                        self.native_next(&object, end, Some(Value::None))?
                    }
                    Some(ItemIter::Native(object)) => {
                        return raise(
                            AttributeError,
                            format!("'{}' object has no attribute 'send'", object.type_name()),
                        )
                    }
                    _ => return raise(RuntimeError, "a yield from lost its iterator"),
                }
            }
            Op::UnpackSequence(_) | Op::UnpackStarred { .. } | Op::ListExtend(_) => {
                let value = frame.stack.pop().unwrap_or(Value::None);
                // The instruction runs again, on the list.
                let again = Then::new(|vm, items| {
                    if let Some(frame) = vm.thread.frames.last_mut() {
                        frame.pc -= 1;
                    }
                    Ok(Invoked::Value(items))
                });
                self.collect_items(value, again)?
            }
            Op::Binary(_)
            | Op::InPlace(_)
            | Op::Compare(_)
            | Op::CompareJumpIfFalse(..)
            | Op::PopJumpIfFalse(_)
            | Op::PopJumpIfTrue(_)
            | Op::GetItem
            | Op::StoreItem
            | Op::Unary(_)
            | Op::GetIter => operators::slow_op(self, op)?,
            Op::BuildSet(_) | Op::BuildDict(_) | Op::SetAdd | Op::DictAdd | Op::DeleteItem => {
                keys::keyed_op(self, op)?
            }
            Op::CallMapping => {
                let keywords = match frame.stack.pop() {
                    Some(Value::Dict(pairs)) => lock(&pairs)
                        .iter()
                        .map(|(key, value)| (key.to_str().into(), value.clone()))
                        .collect(),
                    _ => Vec::new(),
                };
                let positional = frame.stack.pop().unwrap_or(Value::None).items()?;
                self.call_popped(positional, keywords)?
            }
            Op::BuildClass { bases } => {
                let bases = frame.stack.split_off(frame.stack.len() - bases as usize);
                let body = frame.stack.pop().unwrap_or(Value::None);
                let Value::Function(function) = &body else {
                    return raise(RuntimeError, "a class lost its body");
                };
                let name = Arc::clone(&function.code.name);
                let doc = function.code.doc.clone().map_or(Value::None, Value::Str);
                let ran = self.invoke(&body, Args::default())?;
                self.then_after(
                    ran,
                    Then::new(move |_, namespace| {
                        let Value::Dict(pairs) = namespace else {
                            return raise(RuntimeError, "a class body lost its namespace");
                        };
                        let mut namespace: Vec<(Arc<str>, Value)> = lock(&pairs)
                            .iter()
                            .map(|(key, value)| (key.to_str().into(), value.clone()))
                            .collect();
                        // Each class's own, as CPython's: `None` rather than a base's.
                        if !namespace.iter().any(|(key, _)| &**key == "__doc__") {
                            namespace.push(("__doc__".into(), doc));
                        }
                        class::PyClass::make(name, &bases, namespace).map(Invoked::Value)
                    }),
                )?
            }
            Op::FormatValue {
                conversion,
                has_spec,
            } => {
                let spec = if has_spec {
                    frame.stack.pop().unwrap_or(Value::None).to_str()
                } else {
                    String::new()
                };
                let value = frame.stack.pop().unwrap_or(Value::None);
                // The class's own `__format__` makes the text (with a spec of its own:
                // `f"{money:USD}"`), as CPython's `format()` calls it.
                let own_format = match (&value, conversion) {
                    (Value::Instance(instance), Conversion::None) => {
                        instance.class.lookup("__format__")
                    }
                    _ => None,
                };
                if let Some(method) = own_format {
                    self.invoke(&method, Args::new(vec![value, Value::str(spec)]))?
                } else {
                    if let (Value::Instance(_), Conversion::None, false) =
                        (&value, conversion, spec.is_empty())
                    {
                        return raise(
                            TypeError,
                            format!(
                                "unsupported format string passed to {}.__format__",
                                value.type_name()
                            ),
                        );
                    }
                    let text = match conversion {
                        Conversion::Repr => Text::Repr,
                        Conversion::None | Conversion::Str => Text::Str,
                    };
                    self.texts(vec![(value, text)], move |_, texts| {
                        let text = Value::str(texts.concat());
                        format_value(&text, &spec).map(|text| Invoked::Value(Value::str(text)))
                    })?
                }
            }
            Op::Await => {
                let awaited = frame.stack.pop().unwrap_or(Value::None);
                self.await_value(awaited)?
            }
            Op::EnterWith => {
                let manager = frame.stack.pop().unwrap_or(Value::None);
                frame.withs.push(manager.clone());
                self.enter(&manager)?
            }
            Op::ExitWith => {
                let manager = frame.withs.pop().unwrap_or(Value::None);
                self.exit(&manager)?
            }
            Op::ExitWithException => {
                let manager = frame.withs.pop().unwrap_or(Value::None);
                let exception = frame.stack.last().cloned().unwrap_or_default();
                let kind = kinds::type_of(&exception)?;
                self.call_special(&manager, "__exit__", vec![kind, exception, Value::None])?
            }
            other => return raise(RuntimeError, format!("{other:?} is not a call")),
        };
        self.take(invoked)
    }

    /// Enters a `with` block: the manager's `__enter__`.
    fn enter(&mut self, manager: &Value) -> PyResult<Invoked> {
        self.call_special(manager, "__enter__", Vec::new())
    }

    /// Leaves a `with` block: the manager's `__exit__(None, None, None)`.
    fn exit(&mut self, manager: &Value) -> PyResult<Invoked> {
        self.call_special(manager, "__exit__", vec![Value::None; 3])
    }

    /// Leaves a `with` block an exception passes through, without waiting (an executor's
    /// `__exit__` would wait for its jobs).
    pub(super) fn exit_quietly(&mut self, manager: &Value) {
        if let Ok(Invoked::Block(block)) = self.exit(manager) {
            self.run.scheduler.cancel(block.wait);
        }
    }

    fn call_special(&mut self, object: &Value, name: &str, args: Vec<Value>) -> PyResult<Invoked> {
        let Ok(method) = attribute(object, name) else {
            return raise(
                TypeError,
                format!(
                    "'{}' object does not support the context manager protocol",
                    object.type_name()
                ),
            );
        };
        self.invoke(&method, Args::new(args))
    }

    /// Calls the function under the arguments just taken off the innermost frame's stack.
    fn call_popped(
        &mut self,
        positional: Vec<Value>,
        keywords: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Invoked> {
        let func = self
            .thread
            .frames
            .last_mut()
            .and_then(|frame| frame.stack.pop())
            .unwrap_or(Value::None);
        let args = Args {
            positional,
            keywords,
            ..Args::default()
        };
        self.invoke(&func, args)
    }

    /// Carries out what a call gave, in the calling frame (or, with none, for the thread's
    /// entry).
    pub(super) fn take(&mut self, mut invoked: Invoked) -> PyResult<Option<Exit>> {
        loop {
            return match invoked {
                Invoked::Value(value) => {
                    self.deliver(Ok(value));
                    Ok(None)
                }
                Invoked::Frame(frame) => self.push_frame(frame),
                Invoked::Block(block) => Ok(Some(Exit::Block(block))),
                Invoked::Switched => Ok(None),
                Invoked::CallThen(func, args, then) => {
                    // A loop, not recursion: a native key over a million items calls back a
                    // million times.
                    let called = self.invoke(&func, args)?;
                    invoked = self.then_after(called, then)?;
                    continue;
                }
            };
        }
    }

    pub(super) fn push_frame(&mut self, frame: Box<Frame>) -> PyResult<Option<Exit>> {
        if self.thread.frames.len() >= RECURSION_LIMIT {
            return raise(RecursionError, "maximum recursion depth exceeded");
        }
        self.thread.frames.push(frame);
        // A call is a place to switch threads, as CPython's function entry is.
        if self.ticks >= CHECK_EVERY_STEPS {
            return self.check();
        }
        Ok(None)
    }

    /// Starts a call with no frame to return to: a thread's target, an executor job, a
    /// callback; what it gives goes to the thread's entry.
    pub(in crate::python) fn start_call(&mut self, func: &Value, args: Args) -> Option<Exit> {
        match self
            .invoke(func, args)
            .and_then(|invoked| self.take(invoked))
        {
            Ok(exit) => exit,
            Err(error) => {
                self.thread.resume = Some(Err(error));
                None
            }
        }
    }

    /// The next item of a native iterator, for a loop or a `yield from` ending at `end`; at
    /// its end the iterator is dropped (and `at_end` pushed, for a `yield from`).
    fn native_next(
        &mut self,
        object: &Arc<dyn PyObject>,
        end: u32,
        at_end: Option<Value>,
    ) -> PyResult<Invoked> {
        let next = object
            .as_iterator()
            .map(|iterator| iterator.next_item(self));
        let end_loop = move |vm: &mut Vm| {
            if let Some(frame) = vm.thread.frames.last_mut() {
                frame.iters.pop();
                frame.stack.extend(at_end);
                frame.pc = end as usize;
            }
            Ok(Invoked::Switched)
        };
        match next.transpose()?.flatten() {
            Some(item) => or_at_end(self, item, end_loop),
            None => end_loop(self),
        }
    }

    /// Calls native `func` once argument `index` is a list of its items (see
    /// [`Vm::collect_items`]), or for a native that takes items as it is asked for its own
    /// (`zip`, `map`), an iterator.
    fn consume_argument(
        &mut self,
        func: Value,
        native: &Native,
        mut args: Args,
        index: usize,
    ) -> PyResult<Invoked> {
        let iterable = std::mem::take(&mut args.positional[index]);
        let then = Then::new(move |vm, items| {
            args.positional[index] = items;
            vm.invoke(&func, args)
        });
        if takes_lazily(native.name) {
            return self.iterator_of(iterable, then);
        }
        self.collect_items(iterable, then)
    }

    /// Gives `then` the items of an iterable whose items Python code makes, as a list: a
    /// generator's, a native iterator's, or those of what an instance's `__iter__` gives. Any
    /// other value goes to `then` as it is.
    pub fn collect_items(&mut self, iterable: Value, then: Then) -> PyResult<Invoked> {
        if let Some(generator) = as_generator(&iterable) {
            return self.generator_items(&generator, then);
        }
        if let Value::Object(object) = &iterable {
            if object.as_iterator().is_some() {
                return collect_native(self, Arc::clone(object), usize::MAX, Vec::new(), then);
            }
        }
        if iter_method(&iterable).is_none() {
            return then.call(self, iterable);
        }
        let items = Then::new(|vm, iterator| vm.collect_items(iterator, then));
        self.iterator_of(iterable, items)
    }

    /// Gives `then` a list of the first `limit` items of a native iterator whose items may run
    /// Python code (`islice(map(f, count()), 3)`: it may never end).
    pub fn take_native(
        &mut self,
        object: Arc<dyn PyObject>,
        limit: usize,
        then: Then,
    ) -> PyResult<Invoked> {
        collect_native(self, object, limit, Vec::new(), then)
    }

    /// Gives `then` what the `__iter__` of instance `iterable` gives (an instance of an
    /// iterator class as a native iterator).
    fn iterator_of(&mut self, iterable: Value, then: Then) -> PyResult<Invoked> {
        let method = iter_method(&iterable).unwrap_or_default();
        let iterator = self.invoke(&method, Args::new(vec![iterable]))?;
        let wrapped =
            Then::new(|vm, iterator| then.call(vm, InstanceIterator::from_iter_method(iterator)?));
        self.then_after(iterator, wrapped)
    }

    /// Calls anything callable.
    pub fn invoke(&mut self, func: &Value, mut args: Args) -> PyResult<Invoked> {
        let native = match func {
            Value::Builtin(native) => Some(*native),
            Value::Method(method) => Some(method.1),
            _ => None,
        };
        if let Some(native) = native {
            if let Some(index) = consumed_iterable(native.name, &args.positional) {
                return self.consume_argument(func.clone(), native, args, index);
            }
        }
        match func {
            Value::Function(function) if function.code.is_async && function.code.is_generator => {
                Ok(Invoked::Value(super::super::asyncio::AsyncGenerator::made(
                    Frame::bind(function, args)?,
                )))
            }
            Value::Function(function) if function.code.is_async => {
                Ok(Invoked::Value(Value::Coroutine(Arc::new(
                    super::super::asyncio::Coroutine::new(Frame::bind(function, args)?),
                ))))
            }
            Value::Function(function) if function.code.is_generator => Ok(Invoked::Value(
                Generator::made(Frame::bind(function, args)?),
            )),
            Value::Function(function) => Ok(Invoked::Frame(Frame::bind(function, args)?)),
            Value::Builtin(native) => keys::call_native(self, Value::None, native, args),
            Value::Class(class) => class::instantiate(self, class, args),
            Value::Instance(instance) => match instance.class.lookup("__call__") {
                Some(method) => {
                    args.positional.insert(0, func.clone());
                    self.invoke(&method, args)
                }
                None => raise(
                    TypeError,
                    format!("'{}' object is not callable", instance.class.name),
                ),
            },
            Value::BoundMethod(method) => {
                let (instance, function) = &**method;
                args.positional.insert(0, instance.clone());
                self.invoke(function, args)
            }
            Value::ExceptionClass(kind) => {
                args.no_more_keywords(kind.name())?;
                Ok(Invoked::Value(PyException::made(*kind, &args.positional)))
            }
            Value::Method(method) => {
                let (receiver, native) = &**method;
                keys::call_native(self, receiver.clone(), native, args)
            }
            Value::Object(object) => Arc::clone(object).call(self, args),
            other => raise(
                TypeError,
                format!("'{}' object is not callable", other.type_name()),
            ),
        }
    }
}

/// `[func, list, dict, mapping] -> [func, list, dict]`: a `**mapping` argument's items added
/// to the call's keywords, which are strings and given once.
pub(super) fn merge_keywords(stack: &mut Vec<Value>) -> PyResult<()> {
    let mapping = stack.pop().unwrap_or(Value::None);
    let callee = match stack.len().checked_sub(3).map(|at| &stack[at]) {
        Some(Value::Function(function)) => format!("__main__.{}", function.qualname),
        Some(Value::Builtin(native)) => native.name.to_string(),
        Some(other) => other.type_name().into_owned(),
        None => String::new(),
    };
    let (Some(Value::Dict(keywords)), Value::Dict(more)) = (stack.last(), &mapping) else {
        return raise(
            TypeError,
            format!(
                "{callee}() argument after ** must be a mapping, not {}",
                mapping.type_name()
            ),
        );
    };
    let more = lock(more).clone();
    let mut keywords = lock(keywords);
    for (key, value) in more {
        let Value::Str(name) = &key else {
            return raise(TypeError, "keywords must be strings");
        };
        if keywords.iter().any(|(known, _)| known.to_str() == **name) {
            return raise(
                TypeError,
                format!("{callee}() got multiple values for keyword argument '{name}'"),
            );
        }
        keywords.push((key, value));
    }
    Ok(())
}

/// Takes every item of a native iterator, one at a time (each may block), then gives the list
/// to `then`. Items given at once are taken in a loop: a callback per item would nest a call
/// per item on the worker's stack.
fn collect_native(
    vm: &mut Vm,
    object: Arc<dyn PyObject>,
    limit: usize,
    mut items: Vec<Value>,
    then: Then,
) -> PyResult<Invoked> {
    let Some(iterator) = object.as_iterator() else {
        return then.call(vm, Value::list(items));
    };
    loop {
        if items.len() >= limit {
            return then.call(vm, Value::list(items));
        }
        check_len(items.len() + 1)?;
        match iterator.next_item(vm)? {
            None => return then.call(vm, Value::list(items)),
            Some(Invoked::Value(item)) if is_exhausted(&item) => {
                return then.call(vm, Value::list(items))
            }
            Some(Invoked::Value(item)) => items.push(item),
            Some(next) => {
                let more = Then::new(move |vm, item| {
                    if is_exhausted(&item) {
                        return then.call(vm, Value::list(items));
                    }
                    items.push(item);
                    collect_native(vm, object, limit, items, then)
                });
                return vm.then_after(next, more);
            }
        }
    }
}

/// A call's keyword arguments, named by the code's tuple `names`, off the frame's stack.
fn take_keywords(frame: &mut Frame, names: u32) -> Vec<(Arc<str>, Value)> {
    let names = &frame.function.code.keyword_names[names as usize];
    let values = frame.stack.split_off(frame.stack.len() - names.len());
    names.iter().cloned().zip(values).collect()
}
