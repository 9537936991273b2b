//! The code behind each run: the equivalent Python a tutorial would show, and the Rust that
//! threadplay runs, generated for the current settings.

mod python;
mod rust;

use crate::scenario::Scenario;
use serde::Serialize;

/// Both listings for one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    pub python: String,
    pub rust: String,
}

pub fn code_for(scenario: &Scenario) -> Code {
    Code {
        python: python::program(scenario),
        rust: rust::program(scenario),
    }
}

/// Source text built line by line at an indentation level.
#[derive(Default)]
struct Listing {
    text: String,
    depth: usize,
}

impl Listing {
    fn line(&mut self, line: impl AsRef<str>) -> &mut Self {
        let line = line.as_ref();
        if !line.is_empty() {
            self.text.push_str(&"    ".repeat(self.depth));
            self.text.push_str(line);
        }
        self.text.push('\n');
        self
    }

    fn blank(&mut self) -> &mut Self {
        self.line("")
    }

    fn indent(&mut self) -> &mut Self {
        self.depth += 1;
        self
    }

    fn dedent(&mut self) -> &mut Self {
        self.depth -= 1;
        self
    }

    fn finish(&mut self) -> String {
        std::mem::take(&mut self.text)
    }
}
