//! Scenarios in links: `?preset=race&sync=mutex&tasks=8`, and a program the reader wrote in
//! a parameter of its own, last: `?model=gil&code=…` (deflated, in base64url).
//!
//! Reading is forgiving: unknown keys are ignored (the page keeps its own, such as `autorun`),
//! a number out of range is clamped, anything else unreadable falls back, and each adjustment
//! gets one human-readable notice. Writing is canonical and short: the preset, then only the
//! settings that differ from it (or from the defaults).
//!
//! Because links leave out what equals the defaults and presets, those values are part of the
//! link format: this is version 1 of it (`v=1`, or no `v`), and the test
//! `link_version_1_is_frozen` holds its baseline. Changing a default or a preset means a new
//! version whose links carry `v=2`, while version 1 keeps reading old links as they were.

use crate::preset::Preset;
use crate::program::MAX_SOURCE_BYTES;
use crate::scenario::{Fault, Limit, Model, Scenario, SyncMode, Work, LIMITS};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;

/// A scenario read from a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedQuery {
    pub scenario: Scenario,
    pub preset: Option<Preset>,
    /// What was adjusted, one sentence each.
    pub notices: Vec<String>,
    /// The canonical link query for this scenario and program (see [`to_query`]).
    pub query: String,
    /// The program the link carries; empty when the settings drive the run.
    pub code: String,
}

/// Reads a link's query string (with or without the leading `?`). When a key repeats, the last
/// one wins.
pub fn parse(query: &str) -> ParsedQuery {
    let parsed = parse_settings(query);
    let pairs = last_of_each_key(query.strip_prefix('?').unwrap_or(query));
    let Some((_, packed)) = pairs.iter().find(|(key, _)| key == "code") else {
        return parsed;
    };
    match unpack_code(packed) {
        Ok(code) => parsed.with_code(code),
        Err(why) => {
            let mut parsed = parsed;
            parsed.notices.push(format!(
                "code: the program in this link {why}; the settings drive the run"
            ));
            parsed
        }
    }
}

impl ParsedQuery {
    /// The same settings with `code` as the program (empty: the settings drive the run).
    pub fn with_code(self, code: String) -> ParsedQuery {
        let mut query = to_query(&self.scenario, self.preset);
        if !code.is_empty() {
            let separator = if query.is_empty() { "" } else { "&" };
            query = format!("{query}{separator}code={}", pack_code(&code));
        }
        ParsedQuery {
            query,
            code,
            ..self
        }
    }
}

/// A program as a link parameter: deflated, then base64url (which needs no escaping).
pub fn pack_code(code: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(code.as_bytes(), 9))
}

/// Reads a packed program; the error says what was wrong.
pub fn unpack_code(packed: &str) -> Result<String, &'static str> {
    let deflated = URL_SAFE_NO_PAD
        .decode(packed.trim().trim_end_matches('='))
        .map_err(|_| "is not base64url")?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_SOURCE_BYTES)
        .map_err(|error| match error.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => "is over 64 KB",
            _ => "is damaged",
        })?;
    String::from_utf8(bytes).map_err(|_| "is not UTF-8 text")
}

/// The settings a query string holds, without its program.
fn parse_settings(query: &str) -> ParsedQuery {
    let query = query.strip_prefix('?').unwrap_or(query);
    let pairs = last_of_each_key(query);
    let mut notices = Vec::new();
    read_version(&pairs, &mut notices);
    let preset = read_preset(&pairs, &mut notices);
    let mut scenario = preset.map_or_else(Scenario::default, Preset::scenario);
    for (key, raw) in &pairs {
        if let Some(limit) = LIMITS.iter().find(|limit| limit.name == key) {
            let (value, notice) = read_number(limit, raw);
            if let Some(number) = scenario.number_mut(limit.name) {
                *number = value;
            }
            notices.extend(notice);
        } else {
            match key.as_str() {
                "model" => read_choice(key, raw, Model::ALL, &mut scenario.model, &mut notices),
                "work" => read_choice(key, raw, Work::ALL, &mut scenario.work, &mut notices),
                "sync" => read_choice(key, raw, SyncMode::ALL, &mut scenario.sync, &mut notices),
                "fault" => read_choice(key, raw, Fault::ALL, &mut scenario.fault, &mut notices),
                _ => {}
            }
        }
    }
    ParsedQuery {
        query: to_query(&scenario, preset),
        scenario,
        preset,
        notices,
        code: String::new(),
    }
}

/// The canonical query: `preset` if any, then each setting that differs from the preset's (or
/// the default) value, numbers first, in a fixed order.
pub fn to_query(scenario: &Scenario, preset: Option<Preset>) -> String {
    let base = preset.map_or_else(Scenario::default, Preset::scenario);
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(preset) = preset {
        query.append_pair("preset", preset.name());
    }
    for ((limit, value), base_value) in LIMITS.iter().zip(scenario.numbers()).zip(base.numbers()) {
        if value != base_value {
            query.append_pair(limit.name, &value.to_string());
        }
    }
    let choices = [
        ("model", scenario.model.name(), base.model.name()),
        ("work", scenario.work.name(), base.work.name()),
        ("sync", scenario.sync.name(), base.sync.name()),
        ("fault", scenario.fault.name(), base.fault.name()),
    ];
    for (key, value, base_value) in choices {
        if value != base_value {
            query.append_pair(key, value);
        }
    }
    query.finish()
}

/// The link's pairs, each key once: when a key repeats, the last one wins and the others are
/// not read at all (so they raise no notices).
fn last_of_each_key(query: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()).into_owned() {
        pairs.retain(|(seen, _)| *seen != key);
        pairs.push((key, value));
    }
    pairs
}

/// The link format this playground reads and writes.
pub const LINK_VERSION: u32 = 1;

fn read_version(pairs: &[(String, String)], notices: &mut Vec<String>) {
    let Some((_, raw)) = pairs.iter().rev().find(|(key, _)| key == "v") else {
        return;
    };
    if raw.trim() != LINK_VERSION.to_string() {
        notices.push(format!(
            "v: {:?} is not a link version this playground knows; reading it as version {LINK_VERSION}",
            abbreviate(raw)
        ));
    }
}

fn read_preset(pairs: &[(String, String)], notices: &mut Vec<String>) -> Option<Preset> {
    let (_, raw) = pairs.iter().rev().find(|(key, _)| key == "preset")?;
    let preset = Preset::from_name(raw.trim());
    if preset.is_none() && !raw.trim().is_empty() {
        notices.push(format!(
            "preset: {:?} is not one of {}; using the defaults",
            abbreviate(raw),
            names(Preset::ALL)
        ));
    }
    preset
}

fn read_choice<T: Copy + std::fmt::Display>(
    key: &str,
    raw: &str,
    all: &[T],
    value: &mut T,
    notices: &mut Vec<String>,
) {
    match all.iter().find(|choice| choice.to_string() == raw.trim()) {
        Some(choice) => *value = *choice,
        None => notices.push(format!(
            "{key}: {:?} is not one of {}; using {value}",
            abbreviate(raw),
            names(all)
        )),
    }
}

fn names<T: std::fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One link number for `limit`: parsed, clamped, or replaced by the default, and why.
fn read_number(limit: &Limit, raw: &str) -> (u32, Option<String>) {
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
    fn the_default_scenario_has_an_empty_query() {
        assert_eq!(to_query(&Scenario::default(), None), "");
    }

    #[test]
    fn unknown_keys_are_ignored_and_last_repeat_wins() {
        let parsed = parse("autorun=1&tasks=3&tasks=4&colour=red");
        assert_eq!(parsed.scenario.tasks, 4);
        assert!(parsed.notices.is_empty());
        assert_eq!(parsed.query, "tasks=4");
    }

    /// The baseline links of version 1 leave out. If this fails, a default or a preset
    /// changed: old links would change meaning, so add a link version instead.
    #[test]
    fn link_version_1_is_frozen() {
        let frozen = [
            ("", "tasks=2&iterations=5&sleep_ms=1000&threads=2&cpu_ms=100&increments=10000&model=threads&work=io&sync=none"),
            ("tutorial", "tasks=2&iterations=5&sleep_ms=1000&threads=2&cpu_ms=100&increments=10000&model=threads&work=io&sync=none"),
            ("do-something", "tasks=2&iterations=1&sleep_ms=1000&threads=2&cpu_ms=100&increments=10000&model=threads&work=io&sync=none"),
            ("cpu-threads", "tasks=2&iterations=4&sleep_ms=1000&threads=2&cpu_ms=250&increments=10000&model=threads&work=cpu&sync=none"),
            ("cpu-gil", "tasks=2&iterations=4&sleep_ms=1000&threads=2&cpu_ms=250&increments=10000&model=gil&work=cpu&sync=none"),
            ("cpu-processes", "tasks=2&iterations=4&sleep_ms=1000&threads=2&cpu_ms=250&increments=10000&model=processes&work=cpu&sync=none"),
            ("many-io", "tasks=16&iterations=2&sleep_ms=250&threads=4&cpu_ms=100&increments=10000&model=threads&work=io&sync=none"),
            ("race", "tasks=4&iterations=5&sleep_ms=1000&threads=4&cpu_ms=100&increments=200000&model=threads&work=count&sync=none"),
            ("async", "tasks=3&iterations=3&sleep_ms=300&threads=2&cpu_ms=100&increments=10000&model=async&work=io&sync=none"),
        ];
        assert_eq!(frozen.len(), Preset::ALL.len() + 1);
        for (preset, explicit) in frozen {
            let baseline = parse(&format!("preset={preset}")).scenario;
            assert_eq!(baseline, parse(explicit).scenario, "preset {preset:?}");
        }
    }

    #[test]
    fn unknown_link_versions_are_read_as_this_one_with_a_notice() {
        assert!(parse("v=1&tasks=3").notices.is_empty());
        let parsed = parse("v=9&tasks=3");
        assert_eq!(parsed.scenario.tasks, 3);
        assert_eq!(parsed.notices.len(), 1, "{:?}", parsed.notices);
    }

    #[test]
    fn a_program_travels_in_its_own_last_parameter() {
        let code = "import time\nprint('héllo')\ntime.sleep(1)\n".to_string();
        let parsed = parse("preset=cpu-gil").with_code(code.clone());
        let (settings, packed) = parsed.query.split_once("&code=").expect("a code parameter");
        assert_eq!(settings, "preset=cpu-gil");
        assert!(
            packed
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{packed}"
        );
        let read = parse(&parsed.query);
        assert_eq!((read.code.as_str(), read.notices.len()), (code.as_str(), 0));
        assert_eq!(read.query, parsed.query);
    }

    #[test]
    fn a_damaged_or_oversized_program_is_a_notice() {
        for packed in ["%%%", "AAAA", &pack_code(&"x".repeat(MAX_SOURCE_BYTES + 1))] {
            let parsed = parse(&format!("tasks=3&code={packed}"));
            assert_eq!(parsed.code, "");
            assert_eq!(parsed.scenario.tasks, 3);
            assert!(
                parsed.notices[0].starts_with("code: "),
                "{:?}",
                parsed.notices
            );
        }
    }

    #[test]
    fn settings_beside_a_preset_override_it() {
        let parsed = parse("?sync=mutex&preset=race");
        assert_eq!(parsed.preset, Some(Preset::Race));
        assert_eq!(parsed.scenario.work, Work::Count);
        assert_eq!(parsed.scenario.sync, SyncMode::Mutex);
        assert_eq!(parsed.query, "preset=race&sync=mutex");
    }
}
