//! What a program prints: each completed line becomes a `line` event on the lane of the thread
//! that completed it, marked with the stream it went to. As in a terminal, threads and
//! processes share the streams: text one thread printed without a newline is continued by the
//! next thread that prints (a spinner's `\r` line, then the answer), and is printed when the
//! program exits if none does.

use super::super::error::{PyResult, PROGRAM_FILE};
use super::super::types::redirect::redirected;
use super::Vm;
use crate::event::{lock, Stream};
use std::sync::Arc;

/// The longest line the log receives; longer ones are cut.
const MAX_LINE_CHARS: usize = 10_000;

/// Text printed without a newline yet, and where it went.
#[derive(Default)]
pub struct PartialLine {
    pub text: String,
    pub stream: Stream,
}

impl Vm<'_, '_> {
    /// Writes printed text to `stream`; each completed line becomes a `line` event. An
    /// unfinished line on the other stream ends first: each line of the log has one stream.
    pub fn write(&mut self, text: &str, stream: Stream) -> PyResult<()> {
        if let Some(file) = redirected(&self.thread.process.redirects, stream) {
            return file.write_text(text).map(drop);
        }
        let mut completed = Vec::new();
        {
            let mut partial = lock(&self.run.partial_line);
            if partial.stream != stream && !partial.text.is_empty() {
                completed.push((std::mem::take(&mut partial.text), partial.stream));
            }
            partial.stream = stream;
            let mut rest = text;
            while let Some(newline) = rest.find('\n') {
                let (line, after) = rest.split_at(newline);
                let mut whole = std::mem::take(&mut partial.text);
                whole.push_str(line);
                completed.push((whole, stream));
                rest = &after[1..];
            }
            if partial.text.len() + rest.len() > MAX_LINE_CHARS * 4 {
                completed.push((std::mem::take(&mut partial.text) + rest, stream));
            } else {
                partial.text.push_str(rest);
            }
        }
        for (line, stream) in completed {
            self.emit_line(&line, stream)?;
        }
        Ok(())
    }

    /// Prints what is left of the unfinished line, as Python does at exit.
    pub fn flush(&mut self) -> PyResult<()> {
        let (line, stream) = {
            let mut partial = lock(&self.run.partial_line);
            (std::mem::take(&mut partial.text), partial.stream)
        };
        if line.is_empty() {
            return Ok(());
        }
        self.emit_line(&line, stream)
    }

    /// A `DeprecationWarning` for a call at the current line, as CPython prints one for code in
    /// `__main__` under its default filters.
    pub fn warn_deprecated(&mut self, message: &'static str) -> PyResult<()> {
        self.warn("DeprecationWarning", message, "")
    }

    /// CPython's `RuntimeWarning` for a coroutine let go of without being awaited (or made a
    /// task): `test()` as a statement, where the program meant `await test()`.
    pub fn warn_never_awaited(&mut self, coroutine: &str) -> PyResult<()> {
        let message = format!("coroutine '{coroutine}' was never awaited");
        let tracemalloc =
            "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
        self.warn("RuntimeWarning", &message, tracemalloc)
    }

    /// A warning at the current line, with what CPython prints after it: once per line and
    /// message, as its default filters show them, on stderr, without the source line (which
    /// it cannot find for a program that is not a file).
    fn warn(&mut self, category: &str, message: &str, after: &str) -> PyResult<()> {
        let line = self.thread.frames.last().map_or(0, |frame| frame.line());
        if !self.run.first_warning_at(line, message) {
            return Ok(());
        }
        let file = PROGRAM_FILE;
        self.write(
            &format!("{file}:{line}: {category}: {message}\n{after}"),
            Stream::Stderr,
        )
    }

    fn emit_line(&mut self, line: &str, stream: Stream) -> PyResult<()> {
        self.run.count_line()?;
        let text: Arc<str> = match line.char_indices().nth(MAX_LINE_CHARS) {
            Some((cut, _)) => format!("{}…", &line[..cut]).into(),
            None => line.into(),
        };
        let line = self.thread.frames.last().map(|frame| frame.line());
        self.run
            .recorder
            .print_line(self.thread.lane, text, stream, line);
        Ok(())
    }
}
