//! A call in progress, on the heap: its code, where it is, its locals, its operand stack, its
//! open loops' iterators and its open `with` managers. Nothing of it lives on the worker's
//! stack, so a thread can stop at any instruction and go on later on any worker.

use super::super::code::Code;
use super::super::error::{Exception, PyResult};
use super::super::registry::{Args, PyObject};
use super::super::value::{range_len, Function, Value};
use super::bind::bind_args;
use super::generator::{as_generator, Generator, Resumed};
use super::Then;
use std::sync::Arc;

/// Finished frames a thread keeps for reuse while it runs: recursion this deep comes and goes
/// without allocating.
const SPARE_FRAMES: usize = 256;

/// What it keeps between turns (see `trim_spares`): little enough for ten thousand threads.
const SPARE_FRAMES_BETWEEN_TURNS: usize = 4;

/// In wasm one heap serves every worker, and two threads' frames allocated side by side shared
/// cache lines that both write on every instruction: two computing threads ran at 1.65×, not
/// 1.8×, one thread's speed. So a frame has cache lines of its own (64-byte aligned, 128
/// bytes), and a frame made by `bind` (a thread's first, among others) gets its operand stack,
/// locals and loop iterators with room for `BUFFER_ROOM` values, which keeps the ends that are
/// written apart from the neighbours'. Frames of quick calls do without: deep recursion in
/// big frames ran 8% slower natively.
const BUFFER_ROOM: usize = 8;

#[derive(Debug)]
#[repr(align(64))]
pub struct Frame {
    /// The function called, which keeps its code alive. Moved in from the caller's stack, not
    /// cloned: a reference count is an atomic that threads calling one function contend for.
    /// A spare frame keeps its last function until it is reused.
    pub function: Arc<Function>,
    /// The next instruction.
    pub pc: usize,
    pub locals: Vec<Option<Value>>,
    pub stack: Vec<Value>,
    pub iters: Vec<ItemIter>,
    pub withs: Vec<Value>,
    /// The open `try` bodies' handlers, innermost last.
    pub catches: Vec<Catch>,
    /// The exceptions its `except` clauses (and `finally` bodies) are handling, innermost last.
    pub caught: Vec<Exception>,
    /// Where the frame's return value goes when a native called it (see `Invoked::CallThen`);
    /// `None`: onto the caller's stack.
    pub then: Option<Then>,
    /// A generator's frame, while it runs: its generator and what its end gives.
    pub resumed: Option<Box<Resumed>>,
}

impl Frame {
    /// A frame whose buffers start with room for `room` values (see `BUFFER_ROOM`).
    fn new(function: Arc<Function>, locals: Vec<Option<Value>>, room: usize) -> Box<Frame> {
        Box::new(Frame {
            function,
            pc: 0,
            locals,
            stack: Vec::with_capacity(room),
            iters: Vec::with_capacity(room),
            withs: Vec::new(),
            catches: Vec::new(),
            caught: Vec::new(),
            then: None,
            resumed: None,
        })
    }

    /// A frame for `function` called with `args`, bound as Python binds them.
    pub fn bind(function: &Arc<Function>, args: Args) -> PyResult<Box<Frame>> {
        let mut locals = Vec::with_capacity(function.code.local_names.len().max(BUFFER_ROOM));
        locals.resize(function.code.local_names.len(), None);
        bind_args(function, args, &mut locals)?;
        Ok(Frame::new(Arc::clone(function), locals, BUFFER_ROOM))
    }

    /// Whether `function` can be called with `count` positional arguments and nothing else.
    #[inline]
    fn fits_positional(function: &Function, count: usize) -> bool {
        let params = function.code.param_count;
        count <= params && count + function.defaults.len() >= params
    }

    /// The common call, made fast: a Python function (not async, unless the call is
    /// `awaited` at once) called with just the `argc` positional arguments on top of `stack`,
    /// below them the function, which it takes. `None` (and the stack as it was) for any
    /// other call.
    #[inline]
    pub fn quick_call(
        stack: &mut Vec<Value>,
        argc: u32,
        awaited: bool,
        spare_frames: &mut Vec<Box<Frame>>,
    ) -> Option<Box<Frame>> {
        let at = stack.len().checked_sub(argc as usize + 1)?;
        let Value::Function(function) = &stack[at] else {
            return None;
        };
        if !Frame::takes_quickly(function, argc, awaited) {
            return None;
        }
        // Taken, not cloned.
        let Value::Function(function) = std::mem::take(&mut stack[at]) else {
            unreachable!("matched above");
        };
        let mut frame = match spare_frames.pop() {
            Some(mut frame) => {
                frame.function = function;
                frame.pc = 0;
                frame
            }
            None => Frame::new(function, Vec::new(), 0),
        };
        frame.bind_from(stack, argc);
        stack.pop();
        Some(frame)
    }

    /// `quick_call` of a global function, which is lent, not on the stack. A spare frame
    /// keeps its last function, so calling the same one again (recursion, a loop) touches
    /// no reference count: an atomic that threads calling one function contend for.
    #[inline(always)]
    pub fn quick_call_lent(
        function: &Arc<Function>,
        stack: &mut Vec<Value>,
        argc: u32,
        awaited: bool,
        spare_frames: &mut Vec<Box<Frame>>,
    ) -> Option<Box<Frame>> {
        if !Frame::takes_quickly(function, argc, awaited) || stack.len() < argc as usize {
            return None;
        }
        let mut frame = match spare_frames.pop() {
            Some(mut frame) => {
                if !Arc::ptr_eq(&frame.function, function) {
                    frame.function = Arc::clone(function);
                }
                frame.pc = 0;
                frame
            }
            None => Frame::new(Arc::clone(function), Vec::new(), 0),
        };
        frame.bind_from(stack, argc);
        Some(frame)
    }

    #[inline]
    fn takes_quickly(function: &Function, argc: u32, awaited: bool) -> bool {
        let code = &function.code;
        (code.quick_call || awaited && code.quick_await)
            && Frame::fits_positional(function, argc as usize)
    }

    /// Binds the `argc` arguments on top of the caller's `stack`, which it takes, and the
    /// defaults after them, into this (empty) frame's locals.
    #[inline(always)]
    fn bind_from(&mut self, stack: &mut Vec<Value>, argc: u32) {
        let code = &self.function.code;
        let (param_count, local_count) = (code.param_count, code.local_names.len());
        let argc = argc as usize;
        // Popped, last argument first, then put in order: a drain or an extend cost more per
        // call than the moves do (fib's one argument took 97 machine instructions to bind).
        for _ in 0..argc {
            self.locals.push(stack.pop());
        }
        match argc {
            0 | 1 => {}
            // The common two: a swap, not the general reverse's loop.
            2 => self.locals.swap(0, 1),
            _ => self.locals.reverse(),
        }
        if argc == local_count {
            return;
        }
        let defaults = &self.function.defaults;
        let first_default = param_count - defaults.len();
        for slot in argc..param_count {
            self.locals
                .push(Some(defaults[slot - first_default].clone()));
        }
        self.locals.resize(local_count, None);
    }

    /// Puts a finished frame, emptied, among the spare ones if there is room.
    #[inline(always)]
    pub fn retire(mut self: Box<Self>, spare_frames: &mut Vec<Box<Frame>>) {
        if spare_frames.len() < SPARE_FRAMES {
            self.clear();
            spare_frames.push(self);
        }
    }

    /// Frees the spare frames a thread need not keep between turns.
    pub fn trim_spares(spare_frames: &mut Vec<Box<Frame>>) {
        spare_frames.truncate(SPARE_FRAMES_BETWEEN_TURNS);
    }

    /// Empties a finished frame, keeping its buffers for another call. What a call seldom
    /// uses is looked at before it is cleared: clearing an empty buffer is still a call.
    #[inline(always)]
    fn clear(&mut self) {
        // Dropped in place: moving each value out to drop it copied it through the stack in
        // two overlapping halves, which stalled the load that read it back.
        self.locals.clear();
        if !self.stack.is_empty() {
            self.stack.clear();
        }
        if !self.iters.is_empty() {
            self.iters.clear();
        }
        if !self.withs.is_empty() {
            self.withs.clear();
        }
        if !self.catches.is_empty() {
            self.catches.clear();
        }
        if !self.caught.is_empty() {
            self.caught.clear();
        }
        if self.then.is_some() {
            self.then = None;
        }
        if self.resumed.is_some() {
            self.resumed = None;
        }
    }

    pub fn code(&self) -> &Code {
        &self.function.code
    }

    pub fn name(&self) -> &str {
        &self.code().name
    }

    /// The line of the instruction the frame is at (the one that called, if it called).
    pub fn line(&self) -> u32 {
        self.code().position(self.pc.saturating_sub(1)).line
    }
}

/// An open `try` body's handler: where an exception goes, and how much of the frame's stacks
/// was there when the body began.
#[derive(Debug, Clone, Copy)]
pub struct Catch {
    pub target: u32,
    pub stack_len: u32,
    pub iters_len: u32,
    pub withs_len: u32,
    pub caught_len: u32,
}

/// A loop's iterator: a range counts, anything else is iterated over a snapshot of its items.
#[derive(Debug)]
pub enum ItemIter {
    Range {
        next: i64,
        left: i64,
        step: i64,
    },
    Items(std::vec::IntoIter<Value>),
    /// A generator, resumed for each item (by `ForIter` outside the instruction loop).
    Generator(Arc<Generator>),
    /// A native iterator (see `NativeIterator`), asked for each item outside the loop too.
    Native(Arc<dyn PyObject>),
}

impl ItemIter {
    pub fn over(value: &Value) -> PyResult<ItemIter> {
        Ok(match *value {
            Value::Range(start, _, step) => ItemIter::Range {
                next: start,
                left: range_len(value),
                step,
            },
            Value::Object(ref object) => match as_generator(value) {
                Some(generator) => ItemIter::Generator(generator),
                None if object.as_iterator().is_some() => ItemIter::Native(Arc::clone(object)),
                None => ItemIter::Items(value.items()?.into_iter()),
            },
            _ => ItemIter::Items(value.items()?.into_iter()),
        })
    }

    #[inline]
    pub fn next_item(&mut self) -> Option<Value> {
        match self {
            ItemIter::Range { next, left, step } => {
                if *left <= 0 {
                    return None;
                }
                let item = *next;
                *left -= 1;
                *next = next.wrapping_add(*step);
                Some(Value::Int(item.into()))
            }
            ItemIter::Items(items) => items.next(),
            ItemIter::Generator(_) | ItemIter::Native(_) => None,
        }
    }
}
