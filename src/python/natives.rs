//! The builtins that act rather than only compute (`print`, `time`, `random`), and where a
//! call to a builtin or a method goes: `builtins.rs` for those that only compute, the module
//! files for threads, executors and asyncio.

use super::builtins::{Args, Builtin, Method};
use super::error::{raise, ExceptionKind::*, PyResult};
use super::value::{as_int, Int, Value};
use super::vm::{Invoked, Vm};
use crate::event::EventKind;

impl Vm<'_, '_> {
    pub(super) fn call_builtin(&mut self, builtin: Builtin, args: Args) -> PyResult<Invoked> {
        let name = builtin.name();
        let value = match builtin {
            Builtin::Print => self.print(args)?,
            Builtin::Sleep => {
                let seconds = seconds_arg(args.expect(name, 1, 1)?)?;
                let wait = self.waker();
                return Ok(self.block(
                    wait,
                    Some(seconds * 1000.0),
                    Ok(Value::None),
                    EventKind::Sleep,
                ));
            }
            Builtin::PerfCounter | Builtin::Monotonic => {
                args.expect(name, 0, 0)?;
                Value::Float(self.now_ms() / 1000.0)
            }
            Builtin::Time => {
                args.expect(name, 0, 0)?;
                Value::Float((self.run.recorder.origin_ms() + self.now_ms()) / 1000.0)
            }
            Builtin::Random => {
                args.expect(name, 0, 0)?;
                Value::Float(self.run.random())
            }
            Builtin::Uniform => {
                let bounds = args.expect(name, 2, 2)?;
                let (low, high) = (real(&bounds[0])?, real(&bounds[1])?);
                Value::Float(low + (high - low) * self.run.random())
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
                Value::Int(low + (self.run.random() * span) as Int)
            }
            Builtin::CpuCount => {
                args.expect(name, 0, 0)?;
                Value::Int(self.run.workers.into())
            }
            Builtin::Thread
            | Builtin::Process
            | Builtin::Lock
            | Builtin::CurrentThread
            | Builtin::ActiveCount => return self.threading_builtin(builtin, args),
            Builtin::ThreadPoolExecutor | Builtin::Pool => return self.new_executor(builtin, args),
            Builtin::AsyncioRun | Builtin::AsyncioSleep | Builtin::Gather | Builtin::CreateTask => {
                return self.asyncio_builtin(builtin, args)
            }
            other => {
                return raise(
                    TypeError,
                    format!("{}() is not callable here", other.name()),
                )
            }
        };
        Ok(Invoked::Value(value))
    }

    pub(super) fn call_method(
        &mut self,
        receiver: &Value,
        method: Method,
        args: Args,
    ) -> PyResult<Invoked> {
        self.threading_method(receiver, method, args)
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
