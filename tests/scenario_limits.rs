//! Out-of-range settings: the CLI's constructor refuses them, links clamp them and say so.
use threadplay::query;
use threadplay::scenario::{Scenario, LIMITS};

#[test]
fn out_of_range_values_are_refused_with_the_limits() {
    let error = Scenario::new(0, 5, 1000, 2).unwrap_err();
    assert_eq!(error.to_string(), "tasks must be between 1 and 256 (got 0)");
    let error = Scenario::new(2, 5, 1000, 65).unwrap_err();
    assert_eq!(
        error.to_string(),
        "threads must be between 1 and 64 (got 65)"
    );
    assert!(Scenario::new(256, 10_000, 60_000, 64).is_ok());
}

#[test]
fn links_clamp_out_of_range_values_with_a_notice() {
    let parsed = query::parse("?tasks=999&threads=0&sleep_ms=-5&iterations=3");
    assert_eq!(parsed.scenario, Scenario::new(256, 3, 0, 1).unwrap());
    assert_eq!(
        parsed.notices,
        [
            "tasks: 999 is above 256; using 256",
            "threads: 0 is below 1; using 1",
            "sleep_ms: -5 is below 0; using 0",
        ]
    );
}

#[test]
fn links_fall_back_to_defaults_for_values_that_are_not_numbers() {
    for raw in [
        "abc",
        "",
        "1e3",
        "0x10",
        "2.5",
        "NaN",
        "%3Cscript%3E",
        "-",
        "--5",
        "%2B3",
    ] {
        let parsed = query::parse(&format!("tasks={raw}"));
        assert_eq!(parsed.scenario.tasks, 2, "tasks={raw}");
        assert_eq!(parsed.notices.len(), 1, "tasks={raw}");
    }
}

#[test]
fn negative_zero_is_zero() {
    let parsed = query::parse("sleep_ms=-0");
    assert_eq!(parsed.scenario.sleep_ms, 0);
    assert!(parsed.notices.is_empty());
}

#[test]
fn huge_values_clamp_to_the_maximum_and_notices_stay_short() {
    let parsed = query::parse(&format!("iterations={}", "9".repeat(100_000)));
    assert_eq!(parsed.scenario.iterations, 10_000);
    assert!(
        parsed.notices[0].chars().count() < 80,
        "{}",
        parsed.notices[0]
    );
}

#[test]
fn every_limit_admits_its_default() {
    for limit in LIMITS {
        assert!(
            (limit.min..=limit.max).contains(&limit.default),
            "{}",
            limit.name
        );
    }
}
