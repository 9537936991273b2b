//! What a thread prints: each completed line becomes a `line` event on the thread's lane.

use super::super::error::PyResult;
use super::Vm;
use crate::event::EventKind;
use std::sync::Arc;

/// The longest line the log receives; longer ones are cut.
const MAX_LINE_CHARS: usize = 10_000;

impl Vm<'_, '_> {
    /// Writes printed text; each completed line becomes a `line` event.
    pub fn write(&mut self, text: &str) -> PyResult<()> {
        let mut rest = text;
        while let Some(newline) = rest.find('\n') {
            let (line, after) = rest.split_at(newline);
            let mut whole = std::mem::take(&mut self.thread.partial_line);
            whole.push_str(line);
            self.emit_line(&whole)?;
            rest = &after[1..];
        }
        if self.thread.partial_line.len() + rest.len() > MAX_LINE_CHARS * 4 {
            let whole = std::mem::take(&mut self.thread.partial_line) + rest;
            return self.emit_line(&whole);
        }
        self.thread.partial_line.push_str(rest);
        Ok(())
    }

    /// Prints what is left of an unfinished line, as Python does at exit.
    pub fn flush(&mut self) -> PyResult<()> {
        if self.thread.partial_line.is_empty() {
            return Ok(());
        }
        let line = std::mem::take(&mut self.thread.partial_line);
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
            .emit_text(EventKind::Line, self.thread.lane, text);
        Ok(())
    }
}
