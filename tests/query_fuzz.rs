//! Property tests of the link parser: whatever a link holds, reading it never panics, always
//! yields a scenario inside the limits, and its canonical query reads back to the same thing.
use proptest::prelude::*;
use threadplay::query;
use threadplay::scenario::LIMITS;

const KEYS: [&str; 13] = [
    "tasks",
    "iterations",
    "sleep_ms",
    "threads",
    "cpu_ms",
    "increments",
    "model",
    "work",
    "sync",
    "preset",
    "v",
    "autorun",
    "",
];

/// Values a hostile or mistyped link might carry.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        Just("1e309".to_string()),
        Just("0x10".to_string()),
        Just("NaN".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("\"'><img src=x onerror=alert(1)>".to_string()),
        "[0-9]{1,40}",
        "-[0-9]{1,12}",
        "(threads|gil|race|async|processes|cpu|io|mutex|none|tutorial)",
    ]
}

fn link() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(KEYS.to_vec()), value()), 0..12).prop_map(|pairs| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    })
}

proptest! {
    #[test]
    fn any_link_reads_into_the_limits_and_round_trips(link in link()) {
        let parsed = query::parse(&link);
        prop_assert!(parsed.scenario.validate().is_ok());
        for (limit, value) in LIMITS.iter().zip(parsed.scenario.numbers()) {
            prop_assert!((limit.min..=limit.max).contains(&value));
        }
        let again = query::parse(&parsed.query);
        prop_assert_eq!(again.scenario, parsed.scenario);
        prop_assert!(again.notices.is_empty());
        for notice in &parsed.notices {
            prop_assert!(notice.chars().count() < 200, "a long notice: {}", notice);
        }
    }

    #[test]
    fn any_bytes_read_without_panicking(raw in any::<Vec<u8>>()) {
        let text = String::from_utf8_lossy(&raw);
        let parsed = query::parse(&text);
        prop_assert!(parsed.scenario.validate().is_ok());
    }
}
