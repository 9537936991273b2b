//! JSON text as Python values, as CPython's decoder reads it, with its error messages.

use super::super::super::error::{Exception, ExceptionKind::*, PyResult};
use super::super::super::value::{Int, Value};
use std::sync::{Arc, Mutex};

/// How deep arrays and objects may nest.
const MAX_DEPTH: usize = 900;

pub fn loads(text: &str) -> PyResult<Value> {
    let mut reader = Reader {
        chars: text.chars().collect(),
        at: 0,
    };
    reader.skip_space();
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < reader.chars.len() {
        return Err(reader.error("Extra data", reader.at));
    }
    Ok(value)
}

struct Reader {
    chars: Vec<char>,
    at: usize,
}

impl Reader {
    /// CPython's `JSONDecodeError` message: where, by line and column and character.
    fn error(&self, message: &str, at: usize) -> Exception {
        let before = &self.chars[..at.min(self.chars.len())];
        let line = before.iter().filter(|&&c| c == '\n').count() + 1;
        let column = match before.iter().rposition(|&c| c == '\n') {
            Some(newline) => at - newline,
            None => at + 1,
        };
        Exception::new(
            JSONDecodeError,
            format!("{message}: line {line} column {column} (char {at})"),
        )
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.at += 1;
        }
    }

    fn starts_with(&self, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.at + i) == Some(&c))
    }

    fn value(&mut self, depth: usize) -> PyResult<Value> {
        if depth > MAX_DEPTH {
            return Err(Exception::new(
                RecursionError,
                "maximum recursion depth exceeded while decoding a JSON document",
            ));
        }
        let words = [
            ("null", Value::None),
            ("true", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("NaN", Value::Float(f64::NAN)),
            ("Infinity", Value::Float(f64::INFINITY)),
            ("-Infinity", Value::Float(f64::NEG_INFINITY)),
        ];
        match self.peek() {
            Some('"') => self.string().map(Value::str),
            Some('[') => self.array(depth),
            Some('{') => self.object(depth),
            Some('-' | '0'..='9') if !self.starts_with("-Infinity") => self.number(),
            _ => {
                for (word, value) in words {
                    if self.starts_with(word) {
                        self.at += word.chars().count();
                        return Ok(value);
                    }
                }
                Err(self.error("Expecting value", self.at))
            }
        }
    }

    fn number(&mut self) -> PyResult<Value> {
        let start = self.at;
        let digits = |reader: &mut Reader| {
            let from = reader.at;
            while matches!(reader.peek(), Some('0'..='9')) {
                reader.at += 1;
            }
            reader.at > from
        };
        if self.peek() == Some('-') {
            self.at += 1;
        }
        if self.peek() == Some('0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(self.error("Expecting value", start));
        }
        let mut is_float = false;
        if self.peek() == Some('.') && matches!(self.chars.get(self.at + 1), Some('0'..='9')) {
            self.at += 1;
            digits(self);
            is_float = true;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let mark = self.at;
            self.at += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.at += 1;
            }
            if digits(self) {
                is_float = true;
            } else {
                self.at = mark;
            }
        }
        let text: String = self.chars[start..self.at].iter().collect();
        if is_float {
            return Ok(Value::Float(text.parse().unwrap_or(f64::NAN)));
        }
        text.parse::<Int>().map(Value::Int).map_err(|_| {
            Exception::new(OverflowError, "int too large for threadplay's 128-bit ints")
        })
    }

    fn string(&mut self) -> PyResult<String> {
        let start = self.at;
        self.at += 1;
        let mut text = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("Unterminated string starting at", start));
            };
            self.at += 1;
            match c {
                '"' => return Ok(text),
                '\\' => text.push(self.escape(start)?),
                c if (c as u32) < 0x20 => {
                    return Err(self.error("Invalid control character at", self.at - 1))
                }
                c => text.push(c),
            }
        }
    }

    /// The character an escape after a backslash stands for.
    fn escape(&mut self, start: usize) -> PyResult<char> {
        let Some(c) = self.peek() else {
            return Err(self.error("Unterminated string starting at", start));
        };
        self.at += 1;
        Ok(match c {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let unit = self.hex_unit()?;
                if (0xd800..0xdc00).contains(&unit) && self.starts_with("\\u") {
                    let mark = self.at;
                    self.at += 2;
                    let low = self.hex_unit()?;
                    if (0xdc00..0xe000).contains(&low) {
                        let code = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                        return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    self.at = mark;
                }
                char::from_u32(unit).unwrap_or('\u{fffd}')
            }
            _ => return Err(self.error("Invalid \\escape", self.at - 2)),
        })
    }

    fn hex_unit(&mut self) -> PyResult<u32> {
        let digits: String = self.chars.iter().skip(self.at).take(4).collect();
        match u32::from_str_radix(&digits, 16) {
            Ok(unit) if digits.len() == 4 => {
                self.at += 4;
                Ok(unit)
            }
            _ => Err(self.error("Invalid \\uXXXX escape", self.at - 1)),
        }
    }

    fn array(&mut self, depth: usize) -> PyResult<Value> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(']') {
            self.at += 1;
            return Ok(Value::list(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(']') => {
                    self.at += 1;
                    return Ok(Value::list(items));
                }
                Some(',') => self.at += 1,
                _ => return Err(self.error("Expecting ',' delimiter", self.at)),
            }
        }
    }

    fn object(&mut self, depth: usize) -> PyResult<Value> {
        self.at += 1;
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        self.skip_space();
        if self.peek() == Some('}') {
            self.at += 1;
            return Ok(Value::Dict(Arc::new(Mutex::new(pairs))));
        }
        loop {
            self.skip_space();
            if self.peek() != Some('"') {
                return Err(
                    self.error("Expecting property name enclosed in double quotes", self.at)
                );
            }
            let key = Value::str(self.string()?);
            self.skip_space();
            if self.peek() != Some(':') {
                return Err(self.error("Expecting ':' delimiter", self.at));
            }
            self.at += 1;
            self.skip_space();
            let value = self.value(depth + 1)?;
            // A repeated key keeps its first place and takes the last value, as a dict does.
            match pairs
                .iter_mut()
                .find(|(known, _)| known.to_str() == key.to_str())
            {
                Some((_, slot)) => *slot = value,
                None => pairs.push((key, value)),
            }
            self.skip_space();
            match self.peek() {
                Some('}') => {
                    self.at += 1;
                    return Ok(Value::Dict(Arc::new(Mutex::new(pairs))));
                }
                Some(',') => self.at += 1,
                _ => return Err(self.error("Expecting ',' delimiter", self.at)),
            }
        }
    }
}
