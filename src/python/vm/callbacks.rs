//! Calls a thread makes before it goes on with its entry: a done future's callbacks (in the
//! thread that finished it), `atexit`'s calls, a pool's initializer, a thread hook. What is
//! printed when one raises depends on what it is, as in CPython.

use super::super::error::{Exception, ExceptionKind};
use super::super::registry::Args;
use super::super::value::Value;
use super::Vm;
use crate::event::Stream;

pub struct Callback {
    pub function: Value,
    pub args: Args,
    pub kind: CallbackKind,
}

/// What a callback is, for what its exception does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CallbackKind {
    /// Its exception is the thread's, uncaught (an initializer, `threading.excepthook`).
    Uncaught,
    /// `add_done_callback`'s: CPython logs an `Exception` it raises and goes on.
    FutureDone,
    /// `atexit`'s: CPython prints anything it raises, `SystemExit` too, and goes on.
    AtExit,
    /// The program's module, run first by a process started afresh (`spawn`): what it raises
    /// ends the process before its work.
    SpawnedModule,
}

impl Callback {
    pub fn new(function: Value, args: Args, kind: CallbackKind) -> Self {
        Callback {
            function,
            args,
            kind,
        }
    }

    /// What CPython's message about its exception names: the future, or the function.
    pub fn subject(&self) -> Value {
        match self.kind {
            CallbackKind::FutureDone => self.args.positional.first().cloned().unwrap_or_default(),
            _ => self.function.clone(),
        }
    }
}

impl Vm<'_, '_> {
    /// Prints `error`, raised by a callback of `kind` about `subject`, as CPython does, and
    /// goes on; `false` if CPython would not catch it there (it is then the thread's).
    pub fn callback_failed(
        &mut self,
        kind: CallbackKind,
        subject: &Value,
        error: &Exception,
    ) -> bool {
        let header = match kind {
            CallbackKind::FutureDone if error.kind.is_subclass_of(ExceptionKind::Exception) => {
                format!("exception calling callback for {}", subject.repr())
            }
            CallbackKind::AtExit if error.kind != ExceptionKind::Stopped => {
                format!("Exception ignored in atexit callback: {}", subject.repr())
            }
            _ => return false,
        };
        let _ = self.write(&format!("{header}\n"), Stream::Stderr);
        for line in error.traceback_lines() {
            let _ = self.write(&format!("{line}\n"), Stream::Stderr);
        }
        true
    }
}
