//! `datetime.strptime(text, format)` and `fromisoformat(text)`: a date and time read from
//! text, with CPython's errors. `strptime` reads as CPython's `_strptime` does: each directive
//! takes the digits or names it allows (`%m` takes `1` to `12`, one or two digits), a run of
//! whitespace in the format takes any run of whitespace, and other characters match
//! themselves, letters in either case.

use super::super::calendar::{MONTHS, WEEKDAYS};
use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::value::Value;

/// The fields a parsed text gives: year, month, day, hour, minute, second, microsecond.
pub type Fields = [i64; 7];

/// `strptime(text, format)`'s fields, or its `ValueError`.
pub fn strptime(text: &str, format: &str) -> PyResult<Fields> {
    let mismatch = || {
        raise(
            ValueError,
            format!(
                "time data {} does not match format {}",
                Value::str(text).repr(),
                Value::str(format).repr()
            ),
        )
    };
    let mut reader = Reader {
        text: text.chars().collect(),
        at: 0,
    };
    let mut parsed = Parsed::default();
    let mut directives = format.chars().peekable();
    while let Some(c) = directives.next() {
        if c.is_whitespace() {
            while directives.next_if(|c| c.is_whitespace()).is_some() {}
            if !reader.whitespace() {
                return mismatch();
            }
            continue;
        }
        if c != '%' {
            if !reader.literal(c) {
                return mismatch();
            }
            continue;
        }
        let Some(directive) = directives.next() else {
            return raise(ValueError, "stray % in format ''");
        };
        let read = match directive {
            'Y' => reader.number(4, 4).map(|year| parsed.year = year),
            'y' => reader.number(2, 2).map(|year| {
                parsed.year = if year >= 69 { 1900 + year } else { 2000 + year };
            }),
            'm' => reader.ranged(1, 12).map(|month| parsed.month = month),
            'd' => reader.ranged(1, 31).map(|day| parsed.day = day),
            'H' => reader.ranged(0, 23).map(|hour| parsed.hour = hour),
            'I' => reader.ranged(1, 12).map(|hour| parsed.hour12 = Some(hour)),
            'M' => reader.ranged(0, 59).map(|minute| parsed.minute = minute),
            'S' => reader.ranged(0, 61).map(|second| parsed.second = second),
            'j' => reader
                .ranged(1, 366)
                .map(|day| parsed.day_of_year = Some(day)),
            'f' => reader.fraction().map(|micros| parsed.micros = micros),
            'p' => reader
                .name(&["AM", "PM"], 2)
                .map(|pm| parsed.pm = Some(pm == 1)),
            'b' | 'h' => reader
                .name(&MONTHS, 3)
                .map(|month| parsed.month = month + 1),
            'B' => reader
                .name(&MONTHS, 0)
                .map(|month| parsed.month = month + 1),
            // The weekday is read and, as in CPython, decides nothing when the date is given.
            'a' => reader.name(&WEEKDAYS, 3).map(|_| ()),
            'A' => reader.name(&WEEKDAYS, 0).map(|_| ()),
            '%' => reader.literal('%').then_some(()),
            other => {
                return raise(
                    ValueError,
                    format!(
                        "'{other}' is a bad directive in format {}",
                        Value::str(format).repr()
                    ),
                )
            }
        };
        if read.is_none() {
            return mismatch();
        }
    }
    if reader.at < reader.text.len() {
        let rest: String = reader.text[reader.at..].iter().collect();
        return raise(ValueError, format!("unconverted data remains: {rest}"));
    }
    parsed.fields()
}

/// `fromisoformat(text)`: `YYYY-MM-DD`, then for a datetime, after `T` or a space,
/// `HH[:MM[:SS[.ffffff]]]`.
pub fn from_iso(text: &str, is_date: bool) -> PyResult<Fields> {
    let invalid = || {
        raise(
            ValueError,
            format!("Invalid isoformat string: {}", Value::str(text).repr()),
        )
    };
    let mut reader = Reader {
        text: text.chars().collect(),
        at: 0,
    };
    let mut fields = [1900, 1, 1, 0, 0, 0, 0];
    let date = [(0, 4), (1, 2), (2, 2)];
    for (place, &(field, digits)) in date.iter().enumerate() {
        if place > 0 && !reader.literal('-') {
            return invalid();
        }
        match reader.number(digits, digits) {
            Some(value) => fields[field] = value,
            None => return invalid(),
        }
    }
    if !is_date && reader.at < reader.text.len() {
        if !(reader.literal('T') || reader.literal(' ')) {
            return invalid();
        }
        for (place, field) in [3, 4, 5].into_iter().enumerate() {
            if place > 0 && !reader.literal(':') {
                break;
            }
            match reader.number(2, 2) {
                Some(value) => fields[field] = value,
                None => return invalid(),
            }
        }
        if reader.literal('.') {
            match reader.fraction() {
                Some(micros) => fields[6] = micros,
                None => return invalid(),
            }
        }
    }
    if reader.at < reader.text.len() {
        return invalid();
    }
    Ok(fields)
}

/// What `strptime` has read so far; the rest defaults as in CPython (1900-01-01 00:00).
struct Parsed {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    hour12: Option<i64>,
    pm: Option<bool>,
    minute: i64,
    second: i64,
    micros: i64,
    day_of_year: Option<i64>,
}

impl Default for Parsed {
    fn default() -> Self {
        Parsed {
            year: 1900,
            month: 1,
            day: 1,
            hour: 0,
            hour12: None,
            pm: None,
            minute: 0,
            second: 0,
            micros: 0,
            day_of_year: None,
        }
    }
}

impl Parsed {
    fn fields(self) -> PyResult<Fields> {
        let hour = match (self.hour12, self.pm) {
            (Some(hour), Some(true)) => hour % 12 + 12,
            (Some(hour), _) => hour % 12,
            (None, _) => self.hour,
        };
        let (month, day) = match self.day_of_year {
            Some(day_of_year) => month_and_day(self.year, day_of_year)?,
            None => (self.month, self.day),
        };
        Ok([
            self.year,
            month,
            day,
            hour,
            self.minute,
            self.second,
            self.micros,
        ])
    }
}

/// The month and day of a year's day (`%j`).
fn month_and_day(year: i64, day_of_year: i64) -> PyResult<(i64, i64)> {
    let mut left = day_of_year;
    for month in 1..=12 {
        let days = days_in_month(year, month);
        if left <= days {
            return Ok((month, left));
        }
        left -= days;
    }
    raise(ValueError, "day is out of range for month")
}

pub fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

struct Reader {
    text: Vec<char>,
    at: usize,
}

impl Reader {
    fn literal(&mut self, wanted: char) -> bool {
        let matches = self
            .text
            .get(self.at)
            .is_some_and(|c| c.to_lowercase().eq(wanted.to_lowercase()));
        self.at += usize::from(matches);
        matches
    }

    fn whitespace(&mut self) -> bool {
        let start = self.at;
        while self.text.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
        self.at > start
    }

    /// A number of `min` to `max` digits, as many as there are.
    fn number(&mut self, min: usize, max: usize) -> Option<i64> {
        let digits: String = self.text[self.at..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.len() < min {
            return None;
        }
        self.at += digits.len();
        digits.parse().ok()
    }

    /// A number from `low` to `high` in one or two digits (three for `%j`): two if those two
    /// are in range, as the directive's pattern prefers.
    fn ranged(&mut self, low: i64, high: i64) -> Option<i64> {
        let widest = if high > 99 { 3 } else { 2 };
        let start = self.at;
        for width in (1..=widest).rev() {
            self.at = start;
            if let Some(value) = self.number(width, width) {
                if (low..=high).contains(&value) {
                    return Some(value);
                }
            }
        }
        self.at = start;
        None
    }

    /// `%f`: one to six digits, as microseconds.
    fn fraction(&mut self) -> Option<i64> {
        let start = self.at;
        let value = self.number(1, 6)?;
        let digits = (self.at - start) as u32;
        Some(value * 10i64.pow(6 - digits))
    }

    /// One of `names` (or of their first `abbreviated` letters), in either case; its index.
    fn name(&mut self, names: &[&str], abbreviated: usize) -> Option<i64> {
        let rest: String = self.text[self.at..]
            .iter()
            .collect::<String>()
            .to_lowercase();
        names.iter().enumerate().find_map(|(index, name)| {
            let name = match abbreviated {
                0 => name.to_lowercase(),
                letters => name[..letters.min(name.len())].to_lowercase(),
            };
            rest.starts_with(&name).then(|| {
                self.at += name.chars().count();
                index as i64
            })
        })
    }
}
