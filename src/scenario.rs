//! The scenario a user runs: how many tasks, how much each does, and how big the pool is.
//!
//! Every limit lives here, once. The CLI refuses values outside them with a clear error
//! ([`Scenario::new`]); links are forgiving instead and clamp or fall back, saying what they
//! adjusted ([`Scenario::from_query`]).

use serde::Serialize;
use std::fmt;

/// The range and default of one numeric setting, named as in links (`sleep_ms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limit {
    pub name: &'static str,
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

impl Limit {
    fn check(&self, value: u32) -> Result<u32, ScenarioError> {
        if (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            Err(ScenarioError {
                setting: self.name,
                value,
                min: self.min,
                max: self.max,
            })
        }
    }
}

/// Tasks submitted to the pool, numbered from 1 like the tutorials' `task1`, `task2`.
pub const TASKS: Limit = Limit {
    name: "tasks",
    min: 1,
    max: 256,
    default: 2,
};
/// Lines each task prints; one sleep follows each line.
pub const ITERATIONS: Limit = Limit {
    name: "iterations",
    min: 1,
    max: 10_000,
    default: 5,
};
/// Sleep after each line, like the tutorial's `time.sleep(1)`.
pub const SLEEP_MS: Limit = Limit {
    name: "sleep_ms",
    min: 0,
    max: 60_000,
    default: 1000,
};
/// Worker threads in the pool. 64 keeps a browser tab's worker count sane.
pub const THREADS: Limit = Limit {
    name: "threads",
    min: 1,
    max: 64,
    default: 2,
};

/// All limits, in the order the controls show them.
pub const LIMITS: [Limit; 4] = [TASKS, ITERATIONS, SLEEP_MS, THREADS];

/// A validated scenario: every field is inside its [`Limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub tasks: u32,
    pub iterations: u32,
    pub sleep_ms: u32,
    pub threads: u32,
}

impl Default for Scenario {
    /// The tutorial's first example: 2 tasks × 5 iterations, 1 s apart, on 2 threads.
    fn default() -> Self {
        Self {
            tasks: TASKS.default,
            iterations: ITERATIONS.default,
            sleep_ms: SLEEP_MS.default,
            threads: THREADS.default,
        }
    }
}

/// A setting outside its limits, as the CLI reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    pub setting: &'static str,
    pub value: u32,
    pub min: u32,
    pub max: u32,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be between {} and {} (got {})",
            self.setting, self.min, self.max, self.value
        )
    }
}

impl std::error::Error for ScenarioError {}

/// A scenario read from a link, with one human-readable notice per adjusted setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedQuery {
    pub scenario: Scenario,
    pub notices: Vec<String>,
}

impl Scenario {
    /// Builds a scenario, refusing any value outside its limit.
    pub fn new(
        tasks: u32,
        iterations: u32,
        sleep_ms: u32,
        threads: u32,
    ) -> Result<Self, ScenarioError> {
        Ok(Self {
            tasks: TASKS.check(tasks)?,
            iterations: ITERATIONS.check(iterations)?,
            sleep_ms: SLEEP_MS.check(sleep_ms)?,
            threads: THREADS.check(threads)?,
        })
    }

    /// Reads a link's query string (with or without the leading `?`).
    ///
    /// Unknown keys are ignored (the page keeps its own, such as `autorun`); a value that is not
    /// a whole number falls back to the default and one out of range is clamped, each with a
    /// notice. When a key repeats, the last one wins, as with `URLSearchParams::get` in reverse.
    pub fn from_query(query: &str) -> ParsedQuery {
        let mut scenario = Scenario::default();
        let mut notices = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let Some(limit) = LIMITS.iter().find(|limit| limit.name == key) else {
                continue;
            };
            let (value, notice) = read_setting(limit, &value);
            *scenario.field_mut(limit.name) = value;
            notices.extend(notice);
        }
        ParsedQuery { scenario, notices }
    }

    /// The query string that [`Scenario::from_query`] reads back to this scenario.
    pub fn to_query(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                LIMITS
                    .iter()
                    .zip(self.values())
                    .map(|(limit, value)| (limit.name, value.to_string())),
            )
            .finish()
    }

    /// The smallest wall time this scenario can take: its tasks' sleeps, in rounds of `threads`.
    pub fn ideal_wall_ms(&self) -> f64 {
        let rounds = self.tasks.div_ceil(self.threads);
        f64::from(rounds) * f64::from(self.iterations) * f64::from(self.sleep_ms)
    }

    /// The fields in the order of [`LIMITS`].
    fn values(&self) -> [u32; 4] {
        [self.tasks, self.iterations, self.sleep_ms, self.threads]
    }

    fn field_mut(&mut self, name: &str) -> &mut u32 {
        match name {
            "tasks" => &mut self.tasks,
            "iterations" => &mut self.iterations,
            "sleep_ms" => &mut self.sleep_ms,
            _ => &mut self.threads,
        }
    }
}

/// One link value for `limit`: parsed, clamped, or replaced by the default, and why.
fn read_setting(limit: &Limit, raw: &str) -> (u32, Option<String>) {
    let shown = abbreviate(raw);
    // Whole decimal numbers only: "1e3", "0x10" and "2.5" are typos in a link, not intents.
    let trimmed = raw.trim();
    let (negative, digits) = match trimmed.strip_prefix('-') {
        Some(magnitude) => (true, magnitude),
        None => (false, trimmed),
    };
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        let notice = format!(
            "{}: {shown:?} is not a whole number; using {}",
            limit.name, limit.default
        );
        return (limit.default, Some(notice));
    }
    if negative && digits.bytes().any(|byte| byte != b'0') {
        let notice = format!(
            "{}: {shown} is below {}; using {}",
            limit.name, limit.min, limit.min
        );
        return (limit.min, Some(notice));
    }
    match digits.parse::<u32>() {
        Ok(value) if value < limit.min => {
            let notice = format!(
                "{}: {value} is below {}; using {}",
                limit.name, limit.min, limit.min
            );
            (limit.min, Some(notice))
        }
        Ok(value) if value <= limit.max => (value, None),
        // Above the limit, or too many digits for a u32: both mean "too big".
        _ => {
            let notice = format!(
                "{}: {shown} is above {}; using {}",
                limit.name, limit.max, limit.max
            );
            (limit.max, Some(notice))
        }
    }
}

/// Keeps notices short when a link carries a huge value.
fn abbreviate(raw: &str) -> String {
    const SHOWN_CHARS: usize = 24;
    if raw.chars().count() <= SHOWN_CHARS {
        raw.to_string()
    } else {
        let head: String = raw.chars().take(SHOWN_CHARS).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_first_tutorial_example() {
        assert_eq!(Scenario::default(), Scenario::new(2, 5, 1000, 2).unwrap());
    }

    #[test]
    fn query_round_trips() {
        let scenario = Scenario::new(3, 4, 100, 2).unwrap();
        let parsed = Scenario::from_query(&format!("?{}", scenario.to_query()));
        assert_eq!(parsed.scenario, scenario);
        assert!(parsed.notices.is_empty());
    }

    #[test]
    fn unknown_keys_are_ignored_and_last_repeat_wins() {
        let parsed = Scenario::from_query("autorun=1&tasks=3&tasks=4&colour=red");
        assert_eq!(parsed.scenario.tasks, 4);
        assert!(parsed.notices.is_empty());
    }

    #[test]
    fn ideal_wall_time_counts_rounds_of_the_pool() {
        let scenario = Scenario::new(3, 4, 100, 2).unwrap();
        assert_eq!(scenario.ideal_wall_ms(), 800.0);
    }
}
