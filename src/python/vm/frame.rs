//! A call in progress, on the heap: its code, where it is, its locals, its operand stack, its
//! open loops' iterators and its open `with` managers. Nothing of it lives on the worker's
//! stack, so a thread can stop at any instruction and go on later on any worker.

use super::super::code::Code;
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::Args;
use super::super::value::{range_len, Function, Value};
use super::Then;
use std::sync::Arc;

#[derive(Debug)]
pub struct Frame {
    pub code: Arc<Code>,
    /// The next instruction.
    pub pc: usize,
    pub locals: Vec<Option<Value>>,
    pub stack: Vec<Value>,
    pub iters: Vec<ItemIter>,
    pub withs: Vec<Value>,
    /// Where the frame's return value goes when a native called it (see `Invoked::CallThen`);
    /// `None`: onto the caller's stack.
    pub then: Option<Then>,
}

impl Frame {
    pub fn new(code: Arc<Code>, locals: Vec<Option<Value>>) -> Frame {
        Frame {
            code,
            pc: 0,
            locals,
            stack: Vec::new(),
            iters: Vec::new(),
            withs: Vec::new(),
            then: None,
        }
    }

    /// A frame for `function` called with `args`, bound as Python binds them.
    pub fn bind(function: &Function, mut args: Args) -> PyResult<Frame> {
        let code = &function.code;
        let name = &code.name;
        let params = &code.local_names[..code.param_count];
        if args.positional.len() > params.len() {
            return raise(
                TypeError,
                format!(
                    "{name}() takes {} positional arguments but {} were given",
                    params.len(),
                    args.positional.len()
                ),
            );
        }
        let mut locals = vec![None; code.local_names.len()];
        for (slot, value) in args.positional.drain(..).enumerate() {
            locals[slot] = Some(value);
        }
        let first_default = params.len() - function.defaults.len();
        for (slot, param) in params.iter().enumerate() {
            if let Some(value) = args.keyword(param) {
                if locals[slot].is_some() {
                    return raise(
                        TypeError,
                        format!("{name}() got multiple values for argument '{param}'"),
                    );
                }
                locals[slot] = Some(value);
            }
            if locals[slot].is_none() {
                match slot.checked_sub(first_default) {
                    Some(default) => locals[slot] = Some(function.defaults[default].clone()),
                    None => {
                        return raise(
                            TypeError,
                            format!("{name}() missing required positional argument: '{param}'"),
                        )
                    }
                }
            }
        }
        args.no_more_keywords(name)?;
        Ok(Frame::new(Arc::clone(code), locals))
    }

    /// Whether `function` can be called with `count` positional arguments and nothing else.
    #[inline]
    pub fn fits_positional(function: &Function, count: usize) -> bool {
        let params = function.code.param_count;
        count <= params && count + function.defaults.len() >= params
    }

    /// A frame for `function` called with exactly `positional` (see `fits_positional`), taken
    /// from the caller's stack without an argument list in between, in a finished frame's
    /// buffers: the common call, made fast.
    pub fn bind_positional(
        function: &Function,
        positional: impl ExactSizeIterator<Item = Value>,
        spare: Option<Frame>,
    ) -> Frame {
        let code = &function.code;
        let given = positional.len();
        let mut frame = match spare {
            Some(mut frame) => {
                frame.code = Arc::clone(code);
                frame.pc = 0;
                frame
            }
            None => Frame::new(Arc::clone(code), Vec::with_capacity(code.local_names.len())),
        };
        frame.locals.extend(positional.map(Some));
        let first_default = code.param_count - function.defaults.len();
        for slot in given..code.param_count {
            frame
                .locals
                .push(Some(function.defaults[slot - first_default].clone()));
        }
        frame.locals.resize(code.local_names.len(), None);
        frame
    }

    /// Empties a finished frame, keeping its buffers for another call.
    pub fn clear(&mut self) {
        self.locals.clear();
        self.stack.clear();
        self.iters.clear();
        self.withs.clear();
        self.then = None;
    }

    pub fn name(&self) -> &str {
        &self.code.name
    }

    /// The line of the instruction the frame is at (the one that called, if it called).
    pub fn line(&self) -> u32 {
        self.code.position(self.pc.saturating_sub(1)).line
    }
}

/// A loop's iterator: a range counts, anything else is iterated over a snapshot of its items.
#[derive(Debug)]
pub enum ItemIter {
    Range { next: i64, left: i64, step: i64 },
    Items(std::vec::IntoIter<Value>),
}

impl ItemIter {
    pub fn over(value: &Value) -> PyResult<ItemIter> {
        Ok(match *value {
            Value::Range(start, _, step) => ItemIter::Range {
                next: start,
                left: range_len(value),
                step,
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
        }
    }
}
