//! What a thread prints: each completed line becomes a `line` event on the thread's lane, marked
//! with the stream it went to.

use super::super::error::{PyResult, PROGRAM_FILE};
use super::Vm;
use crate::event::Stream;
use std::sync::Arc;

/// The longest line the log receives; longer ones are cut.
const MAX_LINE_CHARS: usize = 10_000;

/// Text a thread printed without a newline yet, and where it went.
#[derive(Default)]
pub struct PartialLine {
    text: String,
    stream: Stream,
}

impl Vm<'_, '_> {
    /// Writes printed text to `stream`; each completed line becomes a `line` event. An
    /// unfinished line on the other stream ends first: each line of the log has one stream.
    pub fn write(&mut self, text: &str, stream: Stream) -> PyResult<()> {
        if self.thread.partial_line.stream != stream {
            self.flush()?;
            self.thread.partial_line.stream = stream;
        }
        let mut rest = text;
        while let Some(newline) = rest.find('\n') {
            let (line, after) = rest.split_at(newline);
            let mut whole = std::mem::take(&mut self.thread.partial_line.text);
            whole.push_str(line);
            self.emit_line(&whole, stream)?;
            rest = &after[1..];
        }
        if self.thread.partial_line.text.len() + rest.len() > MAX_LINE_CHARS * 4 {
            let whole = std::mem::take(&mut self.thread.partial_line.text) + rest;
            return self.emit_line(&whole, stream);
        }
        self.thread.partial_line.text.push_str(rest);
        Ok(())
    }

    /// Prints what is left of an unfinished line, as Python does at exit.
    pub fn flush(&mut self) -> PyResult<()> {
        if self.thread.partial_line.text.is_empty() {
            return Ok(());
        }
        let line = std::mem::take(&mut self.thread.partial_line.text);
        self.emit_line(&line, self.thread.partial_line.stream)
    }

    /// A `DeprecationWarning` for a call at the current line, as CPython prints one for code in
    /// `__main__` under its default filters: once per line and message, on stderr, without
    /// the source line (which it cannot find for a program that is not a file).
    pub fn warn_deprecated(&mut self, message: &'static str) -> PyResult<()> {
        let line = self.thread.frames.last().map_or(0, |frame| frame.line());
        if !self.run.first_warning_at(line, message) {
            return Ok(());
        }
        let file = PROGRAM_FILE;
        self.write(
            &format!("{file}:{line}: DeprecationWarning: {message}\n"),
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
