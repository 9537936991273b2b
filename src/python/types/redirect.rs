//! `contextlib.redirect_stdout(f)` and `redirect_stderr(f)`: for the `with` block, what the
//! process prints to that stream (its threads' tracebacks too) goes to `f`, an `io.StringIO`
//! or an open text file, as CPython's `sys.stdout` becomes `f`.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{done, downcast, native, no_attributes, Args, PyObject, TypeDef};
use super::super::value::Value;
use super::super::vm::{Invoked, Vm};
use super::text_file::TextFile;
use crate::event::{lock, Stream};
use std::sync::{Arc, Mutex};

static TYPE: TypeDef = TypeDef {
    name: "redirect_stream",
    methods: &[
        native("__enter__", |vm, args| {
            let redirect = args.this::<Redirect>()?;
            lock(&vm.thread.process.redirects).push((redirect.stream, Arc::clone(&redirect.file)));
            done(Value::Object(Arc::clone(&redirect.file) as _))
        }),
        native("__exit__", |vm, args| {
            let redirect = args.this::<Redirect>()?;
            let mut redirects = lock(&vm.thread.process.redirects);
            if let Some(last) = redirects
                .iter()
                .rposition(|(stream, _)| *stream == redirect.stream)
            {
                redirects.remove(last);
            }
            done(Value::Bool(false))
        }),
    ],
    attribute: no_attributes,
};

/// The files a process's streams go to while redirected, the latest last.
pub type Redirects = Mutex<Vec<(Stream, Arc<TextFile>)>>;

/// The file `stream` goes to now, if it is redirected.
pub fn redirected(redirects: &Redirects, stream: Stream) -> Option<Arc<TextFile>> {
    let redirects = lock(redirects);
    let (_, file) = redirects.iter().rev().find(|(to, _)| *to == stream)?;
    Some(Arc::clone(file))
}

struct Redirect {
    stream: Stream,
    file: Arc<TextFile>,
}

impl PyObject for Redirect {
    fn type_def(&self) -> &'static TypeDef {
        &TYPE
    }
}

/// `redirect_stdout(new_target)` or `redirect_stderr(new_target)`.
pub fn new(_: &mut Vm, args: Args, stream: Stream) -> PyResult<Invoked> {
    let [target] = args.bind("redirect", ["new_target"], 1)?;
    let target = target.unwrap_or_default();
    let Some(file) = downcast::<TextFile>(&target) else {
        return raise(
            TypeError,
            format!(
                "threadplay redirects a stream to an io.StringIO or an open text file, not {}",
                target.type_name()
            ),
        );
    };
    done(Value::Object(Arc::new(Redirect { stream, file })))
}
