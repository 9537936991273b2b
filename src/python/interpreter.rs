//! Runs one Python thread: statements as a resumable machine (so a coroutine can stop at an
//! `await` and go on later), expressions by recursion, calls, and the builtins that print,
//! sleep and read clocks.

use super::asyncio::Coroutine;
use super::builtins::{call_data_method, call_pure, get_item, set_item, Args, Builtin, Method};
use super::concurrency::ThreadHandle;
use super::error::{raise, Exception, ExceptionKind::*, PyResult, TraceEntry};
use super::format::format_value;
use super::ir::*;
use super::run::{ProcessState, RunState};
use super::value::{as_int, binary, check_len, compare, range_len, Function, Value};
use crate::event::{lock, EventKind};
use rayon::ScopeFifo;
use std::sync::Arc;

/// How deeply Python calls may nest (CPython allows 1000; the workers' stacks are smaller).
pub const MAX_CALL_DEPTH: usize = 100;

/// Statements between checks for a stop, the step limit and a GIL handover.
const CHECK_EVERY_STEPS: u64 = 1024;

/// The longest line the log receives; longer ones are cut.
const MAX_LINE_CHARS: usize = 10_000;

/// A call in progress: its locals, and where it is in its blocks.
#[derive(Debug)]
pub struct Frame {
    code: Arc<FunctionCode>,
    locals: Vec<Option<Value>>,
    cursors: Vec<Cursor>,
    /// Set while the frame waits for an `await` to deliver its value.
    awaiting: bool,
    /// The statement the frame is at.
    pos: Pos,
}

#[derive(Debug)]
struct Cursor {
    stmts: Block,
    next: usize,
    kind: CursorKind,
}

#[derive(Debug)]
enum CursorKind {
    Block,
    While(Arc<WhileLoop>),
    For(Arc<ForLoop>, ItemIter),
    /// A `with` body: the manager is exited when the body ends, however it ends.
    With(Value),
}

#[derive(Debug)]
enum ItemIter {
    Range { next: i64, left: i64, step: i64 },
    Items(std::vec::IntoIter<Value>),
}

impl ItemIter {
    fn over(value: &Value) -> PyResult<ItemIter> {
        Ok(match *value {
            Value::Range(start, _, step) => ItemIter::Range {
                next: start,
                left: range_len(value),
                step,
            },
            _ => ItemIter::Items(value.items()?.into_iter()),
        })
    }

    fn next(&mut self) -> Option<Value> {
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

impl Frame {
    /// A frame for `function` called with `args`, bound as Python binds them.
    pub fn bind(function: &Function, mut args: Args) -> PyResult<Frame> {
        let code = &function.code;
        let name = &code.name;
        let params = &code.params;
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
        for (slot, param) in params.iter().enumerate() {
            if let Some(value) = args.keyword(&param.name) {
                if locals[slot].is_some() {
                    return raise(
                        TypeError,
                        format!("{name}() got multiple values for argument '{}'", param.name),
                    );
                }
                locals[slot] = Some(value);
            }
            if locals[slot].is_none() {
                match &function.defaults[slot] {
                    Some(default) => locals[slot] = Some(default.clone()),
                    None => {
                        return raise(
                            TypeError,
                            format!(
                                "{name}() missing required positional argument: '{}'",
                                param.name
                            ),
                        )
                    }
                }
            }
        }
        args.no_more_keywords(name)?;
        Ok(Frame::new(Arc::clone(code), locals))
    }

    pub fn new(code: Arc<FunctionCode>, locals: Vec<Option<Value>>) -> Frame {
        let body = code.body.clone();
        Frame {
            pos: code.pos,
            code,
            locals,
            cursors: vec![Cursor {
                stmts: body,
                next: 0,
                kind: CursorKind::Block,
            }],
            awaiting: false,
        }
    }

    pub fn name(&self) -> &str {
        &self.code.name
    }

    /// The line of the statement the frame is at.
    pub fn line(&self) -> u32 {
        self.pos.line
    }
}

/// How a frame stopped running.
pub enum Outcome {
    Returned(Value),
    /// Suspended at an `await` of this value; resume with what it delivers.
    Awaits(Value),
}

/// What a statement asks of the machine.
enum Flow {
    Next,
    /// Run this block (a branch, a loop, a `with` body) next.
    Enter(Cursor),
    Break,
    Continue,
    Return(Value),
    Await(Value),
}

/// A frame's local variables, by slot.
type Locals = [Option<Value>];

/// One Python thread (or process's thread) as it runs on a worker.
pub struct Interpreter<'s, 'r> {
    pub run: &'r RunState<'r>,
    pub scope: &'s ScopeFifo<'r>,
    pub process: Arc<ProcessState>,
    pub thread: Arc<ThreadHandle>,
    /// The event lane this thread's lines go to (a coroutine's, while one runs).
    pub task: u32,
    steps: u64,
    depth: usize,
    /// Text printed without a newline yet.
    partial_line: String,
    /// `threading.Lock`s this thread holds: it must not run other threads' work while it
    /// waits, or one of them could wait for these forever.
    pub locks_held: u32,
    /// When this thread last took the GIL, on the run's clock.
    gil_since_ms: f64,
    /// Coroutines `asyncio.create_task` scheduled since the event loop last looked.
    pub new_async_tasks: Vec<(Arc<super::asyncio::TaskSlot>, Arc<Coroutine>)>,
    pub in_event_loop: bool,
}

impl<'s, 'r> Interpreter<'s, 'r> {
    pub fn new(
        run: &'r RunState<'r>,
        scope: &'s ScopeFifo<'r>,
        process: Arc<ProcessState>,
        thread: Arc<ThreadHandle>,
    ) -> Self {
        Self {
            run,
            scope,
            process,
            thread,
            task: 0,
            steps: 0,
            depth: 0,
            partial_line: String::new(),
            locks_held: 0,
            gil_since_ms: 0.0,
            new_async_tasks: Vec::new(),
            in_event_loop: false,
        }
    }

    pub fn emit(&self, kind: EventKind) -> f64 {
        self.run.recorder.emit(kind, self.task, None)
    }

    // ---- the GIL -------------------------------------------------------------------------

    /// Takes this process's GIL (if the model has one), recording a wait if it is held.
    pub fn acquire_gil(&mut self) {
        if let Some(gil) = &self.process.gil {
            let (recorder, task) = (&self.run.recorder, self.task);
            gil.acquire(|| {
                recorder.emit(EventKind::Wait, task, None);
            });
            self.gil_since_ms = self.run.recorder.elapsed_ms();
        }
    }

    pub fn release_gil(&self) {
        if let Some(gil) = &self.process.gil {
            gil.release();
        }
    }

    /// Counts a step; now and then checks for a stop and the step limit, and hands the GIL
    /// over if another thread has waited a switch interval for it.
    fn tick(&mut self) -> PyResult<()> {
        self.steps += 1;
        if !self.steps.is_multiple_of(CHECK_EVERY_STEPS) {
            return Ok(());
        }
        if self.run.stop.is_stopped() {
            return Err(Exception::stopped());
        }
        self.run.count_steps(CHECK_EVERY_STEPS)?;
        if let Some(gil) = &self.process.gil {
            let held_ms = self.run.recorder.elapsed_ms() - self.gil_since_ms;
            if held_ms >= crate::gil::SWITCH_INTERVAL_MS && gil.is_wanted() {
                gil.release();
                self.acquire_gil();
                self.emit(EventKind::Cpu);
            }
        }
        Ok(())
    }

    // ---- output ----------------------------------------------------------------------------

    /// Writes printed text; each completed line becomes a `line` event.
    pub fn write(&mut self, text: &str) -> PyResult<()> {
        let mut rest = text;
        while let Some(newline) = rest.find('\n') {
            let (line, after) = rest.split_at(newline);
            let mut whole = std::mem::take(&mut self.partial_line);
            whole.push_str(line);
            self.emit_line(&whole)?;
            rest = &after[1..];
        }
        if self.partial_line.len() + rest.len() > MAX_LINE_CHARS * 4 {
            let whole = std::mem::take(&mut self.partial_line) + rest;
            return self.emit_line(&whole);
        }
        self.partial_line.push_str(rest);
        Ok(())
    }

    /// Prints what is left of an unfinished line, as Python does at exit.
    pub fn flush(&mut self) -> PyResult<()> {
        if self.partial_line.is_empty() {
            return Ok(());
        }
        let line = std::mem::take(&mut self.partial_line);
        self.emit_line(&line)
    }

    fn emit_line(&mut self, line: &str) -> PyResult<()> {
        self.run.count_line()?;
        let text: Arc<str> = match line.char_indices().nth(MAX_LINE_CHARS) {
            Some((cut, _)) => format!("{}…", &line[..cut]).into(),
            None => line.into(),
        };
        self.run
            .recorder
            .emit_text(EventKind::Line, self.task, text);
        Ok(())
    }

    // ---- statements ------------------------------------------------------------------------

    /// Runs `frame` until it returns or awaits. `sent` is the value an awaited thing delivered,
    /// when the frame is resumed after an `await`.
    pub fn run_frame(&mut self, frame: &mut Frame, sent: Value) -> PyResult<Outcome> {
        let outcome = self.resume_frame(frame, sent);
        if outcome.is_err() {
            self.unwind(frame);
        }
        outcome.map_err(|error| {
            let mut error = error.at(frame.pos);
            if error.kind != Stopped {
                error.traceback.push(TraceEntry {
                    function: frame.code.name.to_string(),
                    line: frame.pos.line,
                });
            }
            error
        })
    }

    fn resume_frame(&mut self, frame: &mut Frame, sent: Value) -> PyResult<Outcome> {
        if std::mem::take(&mut frame.awaiting) {
            let Some(cursor) = frame.cursors.last() else {
                return Ok(Outcome::Returned(sent));
            };
            let stmts = cursor.stmts.clone();
            let StmtKind::Await { then, .. } = &stmts[cursor.next - 1].kind else {
                unreachable!("a frame awaits only at an await statement");
            };
            match then {
                AfterAwait::Discard => {}
                AfterAwait::Assign(target) => self.assign(&mut frame.locals, target, sent)?,
                AfterAwait::Return => {
                    self.unwind(frame);
                    return Ok(Outcome::Returned(sent));
                }
            }
        }
        loop {
            self.tick()?;
            let Some(cursor) = frame.cursors.last_mut() else {
                return Ok(Outcome::Returned(Value::None));
            };
            if cursor.next >= cursor.stmts.len() {
                self.end_of_block(frame)?;
                continue;
            }
            cursor.next += 1;
            // Borrowed, not cloned: two threads running the same code would otherwise contend
            // for the block's reference count at every statement.
            let stmt = &cursor.stmts[cursor.next - 1];
            frame.pos = stmt.pos;
            match self
                .execute(&mut frame.locals, stmt)
                .map_err(|error| error.at(stmt.pos))?
            {
                Flow::Next => {}
                Flow::Enter(cursor) => frame.cursors.push(cursor),
                Flow::Break => self.leave_loop(frame, true),
                Flow::Continue => self.leave_loop(frame, false),
                Flow::Return(value) => {
                    self.unwind(frame);
                    return Ok(Outcome::Returned(value));
                }
                Flow::Await(value) => {
                    frame.awaiting = true;
                    return Ok(Outcome::Awaits(value));
                }
            }
        }
    }

    /// Leaves every block of `frame`, exiting its `with` managers.
    pub fn unwind(&mut self, frame: &mut Frame) {
        while let Some(cursor) = frame.cursors.pop() {
            if let CursorKind::With(manager) = cursor.kind {
                self.exit(&manager);
            }
        }
    }

    fn end_of_block(&mut self, frame: &mut Frame) -> PyResult<()> {
        let Some(cursor) = frame.cursors.last_mut() else {
            return Ok(());
        };
        let orelse = match &mut cursor.kind {
            CursorKind::Block => None,
            CursorKind::While(while_loop) => {
                if self.eval(&mut frame.locals, &while_loop.test)?.is_truthy() {
                    cursor.next = 0;
                    return Ok(());
                }
                Some(while_loop.orelse.clone())
            }
            CursorKind::For(for_loop, items) => match items.next() {
                Some(item) => {
                    self.assign(&mut frame.locals, &for_loop.target, item)?;
                    cursor.next = 0;
                    return Ok(());
                }
                None => Some(for_loop.orelse.clone()),
            },
            CursorKind::With(manager) => {
                let manager = manager.clone();
                frame.cursors.pop();
                self.exit(&manager);
                return Ok(());
            }
        };
        frame.cursors.pop();
        if let Some(orelse) = orelse.filter(|block| !block.is_empty()) {
            frame.cursors.push(Cursor {
                stmts: orelse,
                next: 0,
                kind: CursorKind::Block,
            });
        }
        Ok(())
    }

    fn execute(&mut self, locals: &mut Locals, stmt: &Stmt) -> PyResult<Flow> {
        match &stmt.kind {
            StmtKind::Expr(expr) => {
                self.eval(locals, expr)?;
            }
            StmtKind::Assign { targets, value } => {
                let value = self.eval(locals, value)?;
                for target in targets {
                    self.assign(locals, target, value.clone())?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.augmented_assign(locals, target, *op, value)?
            }
            StmtKind::If { test, body, orelse } => {
                let branch = if self.eval(locals, test)?.is_truthy() {
                    body
                } else {
                    orelse
                };
                if !branch.is_empty() {
                    return Ok(Flow::Enter(Cursor {
                        stmts: branch.clone(),
                        next: 0,
                        kind: CursorKind::Block,
                    }));
                }
            }
            StmtKind::While(while_loop) => {
                // Entered at its end, so the test runs first.
                let body = while_loop.body.clone();
                let next = body.len();
                return Ok(Flow::Enter(Cursor {
                    stmts: body,
                    next,
                    kind: CursorKind::While(Arc::clone(while_loop)),
                }));
            }
            StmtKind::For(for_loop) => {
                let items = ItemIter::over(&self.eval(locals, &for_loop.iter)?)?;
                let body = for_loop.body.clone();
                let next = body.len();
                return Ok(Flow::Enter(Cursor {
                    stmts: body,
                    next,
                    kind: CursorKind::For(Arc::clone(for_loop), items),
                }));
            }
            StmtKind::With {
                manager,
                target,
                body,
            } => {
                let manager = self.eval(locals, manager)?;
                let entered = self.enter(&manager)?;
                if let Some(target) = target {
                    if let Err(error) = self.assign(locals, target, entered) {
                        self.exit(&manager);
                        return Err(error);
                    }
                }
                return Ok(Flow::Enter(Cursor {
                    stmts: body.clone(),
                    next: 0,
                    kind: CursorKind::With(manager),
                }));
            }
            StmtKind::Return(value) => {
                let value = match value {
                    Some(value) => self.eval(locals, value)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(value));
            }
            StmtKind::Await { value, .. } => return Ok(Flow::Await(self.eval(locals, value)?)),
            StmtKind::Assert { test, message } => {
                if !self.eval(locals, test)?.is_truthy() {
                    let message = match message {
                        Some(message) => self.eval(locals, message)?.to_str(),
                        None => String::new(),
                    };
                    return raise(AssertionError, message);
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
        }
        Ok(Flow::Next)
    }

    /// `break` leaves the innermost loop (skipping its `else`); `continue` goes to its next turn.
    fn leave_loop(&mut self, frame: &mut Frame, leave: bool) {
        while let Some(cursor) = frame.cursors.last_mut() {
            match cursor.kind {
                CursorKind::While(_) | CursorKind::For(..) => {
                    if leave {
                        frame.cursors.pop();
                    } else {
                        cursor.next = cursor.stmts.len();
                    }
                    return;
                }
                _ => {
                    if let Some(Cursor {
                        kind: CursorKind::With(manager),
                        ..
                    }) = frame.cursors.pop()
                    {
                        self.exit(&manager);
                    }
                }
            }
        }
    }

    fn assign(&mut self, locals: &mut Locals, target: &Target, value: Value) -> PyResult<()> {
        match target {
            Target::Var(Var::Local(slot, _)) => locals[*slot] = Some(value),
            Target::Var(Var::Global(name)) => {
                lock(&self.process.globals).insert(Arc::clone(name), value);
            }
            Target::Item { object, index } => {
                let object = self.eval(locals, object)?;
                let index = self.eval(locals, index)?;
                set_item(&object, &index, value)?;
            }
            Target::Unpack(targets) => {
                let items = value.items()?;
                if items.len() != targets.len() {
                    return raise(
                        ValueError,
                        format!(
                            "expected {} values to unpack, got {}",
                            targets.len(),
                            items.len()
                        ),
                    );
                }
                for (target, item) in targets.iter().zip(items) {
                    self.assign(locals, target, item)?;
                }
            }
        }
        Ok(())
    }

    /// `x op= value`: reads, computes and writes as separate steps, as CPython does, so another
    /// thread can write in between (the race the lessons show). Lists grow in place.
    fn augmented_assign(
        &mut self,
        locals: &mut Locals,
        target: &Target,
        op: BinOp,
        value: &Expr,
    ) -> PyResult<()> {
        match target {
            Target::Var(var) => {
                let current = self.load(locals, var)?;
                let operand = self.eval(locals, value)?;
                let result = in_place(op, &current, &operand)?;
                self.assign(locals, target, result)
            }
            Target::Item { object, index } => {
                let object = self.eval(locals, object)?;
                let index = self.eval(locals, index)?;
                let current = get_item(&object, &index)?;
                let operand = self.eval(locals, value)?;
                set_item(&object, &index, in_place(op, &current, &operand)?)
            }
            Target::Unpack(_) => raise(TypeError, "illegal expression for augmented assignment"),
        }
    }

    // ---- expressions -----------------------------------------------------------------------

    fn load(&self, locals: &Locals, var: &Var) -> PyResult<Value> {
        match var {
            Var::Local(slot, name) => locals[*slot].clone().map_or_else(
                || raise(UnboundLocalError, format!("cannot access local variable '{name}' where it is not associated with a value")),
                Ok,
            ),
            Var::Global(name) => {
                if let Some(value) = lock(&self.process.globals).get(name) {
                    return Ok(value.clone());
                }
                Builtin::global(name)
                    .map(Value::Builtin)
                    .map_or_else(|| raise(NameError, format!("name '{name}' is not defined")), Ok)
            }
        }
    }

    pub fn eval(&mut self, locals: &mut Locals, expr: &Expr) -> PyResult<Value> {
        self.eval_kind(locals, &expr.kind)
            .map_err(|error| error.at(expr.pos))
    }

    fn eval_kind(&mut self, locals: &mut Locals, kind: &ExprKind) -> PyResult<Value> {
        Ok(match kind {
            ExprKind::Const(value) => value.clone(),
            ExprKind::Load(var) => self.load(locals, var)?,
            ExprKind::List(items) => Value::list(self.eval_all(locals, items)?),
            ExprKind::Tuple(items) => Value::Tuple(self.eval_all(locals, items)?.into()),
            ExprKind::Dict(pairs) => {
                let dict = Value::Dict(Arc::default());
                for (key, value) in pairs {
                    let key = self.eval(locals, key)?;
                    let value = self.eval(locals, value)?;
                    set_item(&dict, &key, value)?;
                }
                dict
            }
            ExprKind::Binary(left, op, right) => {
                let left = self.eval(locals, left)?;
                let right = self.eval(locals, right)?;
                binary(*op, &left, &right)?
            }
            ExprKind::Unary(op, operand) => unary(*op, &self.eval(locals, operand)?)?,
            ExprKind::And(left, right) => {
                let left = self.eval(locals, left)?;
                if left.is_truthy() {
                    self.eval(locals, right)?
                } else {
                    left
                }
            }
            ExprKind::Or(left, right) => {
                let left = self.eval(locals, left)?;
                if left.is_truthy() {
                    left
                } else {
                    self.eval(locals, right)?
                }
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(locals, first)?;
                for (op, right) in rest {
                    let right = self.eval(locals, right)?;
                    if !compare(*op, &left, &right)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right;
                }
                Value::Bool(true)
            }
            ExprKind::IfElse { test, body, orelse } => {
                let branch = if self.eval(locals, test)?.is_truthy() {
                    body
                } else {
                    orelse
                };
                self.eval(locals, branch)?
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let func = self.eval(locals, func)?;
                if let Some(summed) = self.streamed_sum(locals, &func, args, keywords) {
                    return summed;
                }
                let mut positional = Vec::with_capacity(args.len());
                for arg in args {
                    match arg {
                        Arg::Plain(expr) => positional.push(self.eval(locals, expr)?),
                        Arg::Star(expr) => positional.extend(self.eval(locals, expr)?.items()?),
                    }
                }
                let mut named = Vec::with_capacity(keywords.len());
                for (name, expr) in keywords {
                    named.push((Arc::clone(name), self.eval(locals, expr)?));
                }
                self.call(
                    &func,
                    Args {
                        positional,
                        keywords: named,
                    },
                )?
            }
            ExprKind::Attribute(object, name) => attribute(&self.eval(locals, object)?, name)?,
            ExprKind::Subscript(object, index) => {
                let object = self.eval(locals, object)?;
                let index = self.eval(locals, index)?;
                get_item(&object, &index)?
            }
            ExprKind::Slice(parts) => {
                let mut values = Vec::with_capacity(3);
                for part in parts {
                    values.push(match part {
                        Some(part) => self.eval(locals, part)?,
                        None => Value::None,
                    });
                }
                Value::Tuple(values.into())
            }
            ExprKind::FString(parts) => Value::str(self.fstring(locals, parts)?),
            ExprKind::Comprehension(comprehension) => self.comprehension(locals, comprehension)?,
            ExprKind::Function(code) | ExprKind::Lambda(code) => {
                let mut defaults = Vec::with_capacity(code.params.len());
                for param in &code.params {
                    defaults.push(match &param.default {
                        Some(default) => Some(self.eval(locals, default)?),
                        None => None,
                    });
                }
                Value::Function(Arc::new(Function {
                    code: Arc::clone(code),
                    defaults,
                }))
            }
        })
    }

    fn eval_all(&mut self, locals: &mut Locals, exprs: &[Expr]) -> PyResult<Vec<Value>> {
        exprs.iter().map(|expr| self.eval(locals, expr)).collect()
    }

    fn fstring(&mut self, locals: &mut Locals, parts: &[FStringPart]) -> PyResult<String> {
        let mut text = String::new();
        for part in parts {
            match part {
                FStringPart::Literal(literal) => text.push_str(literal),
                FStringPart::Value {
                    expr,
                    conversion,
                    spec,
                } => {
                    let value = self.eval(locals, expr)?;
                    let value = match conversion {
                        Conversion::None => value,
                        Conversion::Str => Value::str(value.to_str()),
                        Conversion::Repr => Value::str(value.repr()),
                    };
                    let spec = self.fstring(locals, spec)?;
                    text.push_str(&format_value(&value, &spec)?);
                }
            }
            if text.len() > super::value::MAX_SEQUENCE_LEN {
                return raise(MemoryError, "string too long");
            }
        }
        Ok(text)
    }

    fn comprehension(
        &mut self,
        locals: &mut Locals,
        comprehension: &Comprehension,
    ) -> PyResult<Value> {
        let mut results = Vec::new();
        self.each_element(locals, comprehension, |element| {
            check_len(results.len() + 1)?;
            results.push(element);
            Ok(())
        })?;
        Ok(Value::list(results))
    }

    /// Calls `visit` with each element a comprehension makes, one at a time.
    fn each_element(
        &mut self,
        locals: &mut Locals,
        comprehension: &Comprehension,
        mut visit: impl FnMut(Value) -> PyResult<()>,
    ) -> PyResult<()> {
        let mut items = ItemIter::over(&self.eval(locals, &comprehension.iter)?)?;
        'items: while let Some(item) = items.next() {
            self.tick()?;
            self.assign(locals, &comprehension.target, item)?;
            for condition in &comprehension.conditions {
                if !self.eval(locals, condition)?.is_truthy() {
                    continue 'items;
                }
            }
            visit(self.eval(locals, &comprehension.element)?)?;
        }
        Ok(())
    }

    /// `sum(x for …)` and `sum(range(…))` add as they go, as Python's do, instead of making a
    /// list first: `sum(i * i for i in range(10**7))` is how tutorials make CPU work. `None`
    /// for any other call.
    fn streamed_sum(
        &mut self,
        locals: &mut Locals,
        func: &Value,
        args: &[Arg],
        keywords: &[(Name, Expr)],
    ) -> Option<PyResult<Value>> {
        let ([Arg::Plain(iterable)], [], Value::Builtin(Builtin::Sum)) = (args, keywords, func)
        else {
            return None;
        };
        let mut total = Value::Int(0);
        let mut add = |item: Value| -> PyResult<()> {
            total = binary(BinOp::Add, &total, &item)?;
            Ok(())
        };
        let summed = match &iterable.kind {
            ExprKind::Comprehension(comprehension) if comprehension.is_generator => {
                self.each_element(locals, comprehension, &mut add)
            }
            _ => match self.eval(locals, iterable) {
                Ok(range @ Value::Range(..)) => ItemIter::over(&range).and_then(|mut items| {
                    while let Some(item) = items.next() {
                        self.tick()?;
                        add(item)?;
                    }
                    Ok(())
                }),
                Ok(other) => {
                    let mut args = Args {
                        positional: vec![other],
                        keywords: Vec::new(),
                    };
                    return call_pure(Builtin::Sum, &mut args);
                }
                Err(error) => Err(error),
            },
        };
        Some(summed.map(|()| total))
    }

    // ---- calls -----------------------------------------------------------------------------

    pub fn call(&mut self, func: &Value, mut args: Args) -> PyResult<Value> {
        match func {
            Value::Function(function) if function.code.is_async => Ok(Value::Coroutine(Arc::new(
                Coroutine::new(Frame::bind(function, args)?),
            ))),
            Value::Function(function) => {
                let frame = Frame::bind(function, args)?;
                self.call_frame(frame)
            }
            Value::Builtin(builtin) => match call_pure(*builtin, &mut args) {
                Some(result) => result,
                None => self.call_builtin(*builtin, args),
            },
            Value::Method(method) => {
                let (receiver, method) = &**method;
                match call_data_method(receiver, *method, &mut args) {
                    Some(result) => result,
                    None => self.call_method(receiver, *method, args),
                }
            }
            other => raise(
                TypeError,
                format!("'{}' object is not callable", other.type_name()),
            ),
        }
    }

    /// Runs a (not `async`) function's frame to its end.
    pub fn call_frame(&mut self, mut frame: Frame) -> PyResult<Value> {
        if self.depth >= MAX_CALL_DEPTH {
            return raise(RecursionError, format!("maximum recursion depth exceeded (threadplay's limit is {MAX_CALL_DEPTH} calls)"));
        }
        self.depth += 1;
        let outcome = self.run_frame(&mut frame, Value::None);
        self.depth -= 1;
        match outcome? {
            Outcome::Returned(value) => Ok(value),
            Outcome::Awaits(_) => raise(RuntimeError, "await outside a coroutine"),
        }
    }

    fn call_builtin(&mut self, builtin: Builtin, args: Args) -> PyResult<Value> {
        let name = builtin.name();
        match builtin {
            Builtin::Print => self.print(args),
            Builtin::Sleep => {
                let seconds = seconds_arg(args.expect(name, 1, 1)?)?;
                self.sleep(seconds * 1000.0)?;
                Ok(Value::None)
            }
            Builtin::PerfCounter | Builtin::Monotonic => {
                args.expect(name, 0, 0)?;
                Ok(Value::Float(self.run.recorder.elapsed_ms() / 1000.0))
            }
            Builtin::Time => {
                args.expect(name, 0, 0)?;
                let recorder = &self.run.recorder;
                Ok(Value::Float(
                    (recorder.origin_ms() + recorder.elapsed_ms()) / 1000.0,
                ))
            }
            Builtin::Random => {
                args.expect(name, 0, 0)?;
                Ok(Value::Float(self.run.random()))
            }
            Builtin::Uniform => {
                let bounds = args.expect(name, 2, 2)?;
                let (low, high) = (real(&bounds[0])?, real(&bounds[1])?);
                Ok(Value::Float(low + (high - low) * self.run.random()))
            }
            Builtin::Randint => {
                let bounds = args.expect(name, 2, 2)?;
                let (Some(low), Some(high)) = (as_int(&bounds[0]), as_int(&bounds[1])) else {
                    return raise(TypeError, "randint() takes integers");
                };
                if high < low {
                    return raise(
                        ValueError,
                        format!(
                            "empty range in randrange({low}, {})",
                            high.saturating_add(1)
                        ),
                    );
                }
                let span = (high - low).saturating_add(1) as f64;
                Ok(Value::Int(
                    low + (self.run.random() * span) as super::value::Int,
                ))
            }
            Builtin::CpuCount => {
                args.expect(name, 0, 0)?;
                Ok(Value::Int(self.run.workers.into()))
            }
            _ => self.call_concurrency(builtin, args),
        }
    }

    fn print(&mut self, mut args: Args) -> PyResult<Value> {
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
        args.no_more_keywords("print")?;
        let mut text = args
            .positional
            .iter()
            .map(Value::to_str)
            .collect::<Vec<_>>()
            .join(&sep);
        text.push_str(&end);
        self.write(&text)?;
        Ok(Value::None)
    }

    /// `time.sleep`: releases the GIL, records the sleep, and wakes early for a stop.
    pub fn sleep(&mut self, ms: f64) -> PyResult<()> {
        self.emit(EventKind::Sleep);
        self.release_gil();
        self.run.sleep(ms);
        self.acquire_gil();
        self.emit(EventKind::Cpu);
        if self.run.stop.is_stopped() {
            return Err(Exception::stopped());
        }
        Ok(())
    }

    // ---- `with` ----------------------------------------------------------------------------

    fn enter(&mut self, manager: &Value) -> PyResult<Value> {
        match manager {
            Value::Lock(_) | Value::Executor(_) => {
                if let Value::Lock(lock) = manager {
                    self.acquire_lock(lock)?;
                }
                Ok(manager.clone())
            }
            other => raise(
                TypeError,
                format!(
                    "'{}' object does not support the context manager protocol",
                    other.type_name()
                ),
            ),
        }
    }

    /// Leaves a `with` block: releases its lock, or waits for its executor's work.
    fn exit(&mut self, manager: &Value) {
        match manager {
            Value::Lock(lock) if lock.release().is_ok() => {
                self.locks_held = self.locks_held.saturating_sub(1);
            }
            Value::Executor(executor) => {
                // A stop ends the wait; the executor's threads end at their next step.
                let _ = self.shutdown(executor);
            }
            _ => {}
        }
    }
}

/// `x op= y`: lists are extended in place (so every name for the list sees it), the rest as `op`.
fn in_place(op: BinOp, current: &Value, operand: &Value) -> PyResult<Value> {
    if let (BinOp::Add, Value::List(items)) = (op, current) {
        let more = operand.items()?;
        lock(items).extend(more);
        return Ok(current.clone());
    }
    binary(op, current, operand)
}

fn unary(op: UnaryOp, value: &Value) -> PyResult<Value> {
    match (op, value) {
        (UnaryOp::Not, value) => Ok(Value::Bool(!value.is_truthy())),
        (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
        (UnaryOp::Pos, Value::Float(f)) => Ok(Value::Float(*f)),
        (op, value) => match (op, as_int(value)) {
            (UnaryOp::Neg, Some(i)) => i
                .checked_neg()
                .map(Value::Int)
                .map_or_else(|| raise(OverflowError, "integer too large"), Ok),
            (UnaryOp::Pos, Some(i)) => Ok(Value::Int(i)),
            (UnaryOp::Invert, Some(i)) => Ok(Value::Int(!i)),
            _ => raise(
                TypeError,
                format!(
                    "bad operand type for unary operator: '{}'",
                    value.type_name()
                ),
            ),
        },
    }
}

fn attribute(object: &Value, name: &str) -> PyResult<Value> {
    match object {
        Value::Module(module) => module.member(name).map_or_else(
            || {
                raise(
                    AttributeError,
                    format!(
                        "module '{}' has no attribute '{name}' in threadplay's subset",
                        module.name()
                    ),
                )
            },
            Ok,
        ),
        Value::Thread(thread) if name == "name" => Ok(Value::str(thread.name())),
        Value::Thread(thread) if name == "daemon" => Ok(Value::Bool(thread.is_daemon())),
        Value::Coroutine(coroutine) if name == "__name__" => Ok(Value::str(coroutine.name())),
        Value::Function(function) if name == "__name__" => Ok(Value::str(&*function.code.name)),
        _ => Method::of(object, name)
            .map(|method| Value::Method(Arc::new((object.clone(), method))))
            .map_or_else(
                || {
                    raise(
                        AttributeError,
                        format!("'{}' object has no attribute '{name}'", object.type_name()),
                    )
                },
                Ok,
            ),
    }
}

fn real(value: &Value) -> PyResult<f64> {
    match *value {
        Value::Float(f) => Ok(f),
        ref other => as_int(other).map(|i| i as f64).map_or_else(
            || {
                raise(
                    TypeError,
                    format!(
                        "'{}' object cannot be interpreted as a number",
                        other.type_name()
                    ),
                )
            },
            Ok,
        ),
    }
}

/// A number of seconds from a call's only argument.
pub fn seconds_arg(args: &[Value]) -> PyResult<f64> {
    let seconds = real(&args[0])?;
    if seconds.is_nan() {
        return raise(ValueError, "Invalid value NaN (not a number)");
    }
    if seconds < 0.0 {
        return raise(ValueError, "sleep length must be non-negative");
    }
    Ok(seconds)
}
