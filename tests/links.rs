//! Every setting travels in a link and comes back unchanged.
use threadplay::preset::Preset;
use threadplay::query;
use threadplay::scenario::{Model, Scenario, SyncMode, Work, LIMITS};

fn all_choices() -> impl Iterator<Item = Scenario> {
    Model::ALL.iter().flat_map(|&model| {
        Work::ALL.iter().flat_map(move |&work| {
            SyncMode::ALL.iter().map(move |&sync| Scenario {
                model,
                work,
                sync,
                ..Scenario::new(7, 3, 250, 5).unwrap()
            })
        })
    })
}

#[test]
fn every_choice_round_trips_through_a_link() {
    for scenario in all_choices() {
        for preset in std::iter::once(None).chain(Preset::ALL.iter().copied().map(Some)) {
            let link = query::to_query(&scenario, preset);
            let parsed = query::parse(&link);
            assert_eq!(parsed.scenario, scenario, "{link}");
            assert_eq!(parsed.preset, preset, "{link}");
            assert_eq!(parsed.query, link);
            assert!(parsed.notices.is_empty(), "{link}: {:?}", parsed.notices);
        }
    }
}

#[test]
fn every_number_at_its_limits_round_trips() {
    for limit in LIMITS {
        for value in [limit.min, limit.max] {
            let link = format!("{}={value}", limit.name);
            let parsed = query::parse(&link);
            let mut expected = Scenario::default();
            *expected.number_mut(limit.name).unwrap() = value;
            assert_eq!(parsed.scenario, expected, "{link}");
        }
    }
}

#[test]
fn presets_load_from_their_name_alone() {
    for &preset in Preset::ALL {
        let parsed = query::parse(&format!("preset={preset}"));
        assert_eq!(parsed.scenario, preset.scenario());
        assert_eq!(parsed.query, format!("preset={preset}"));
    }
}

#[test]
fn unknown_models_and_presets_fall_back_with_a_notice() {
    let parsed = query::parse("model=green-threads&preset=nope&work=cpu");
    assert_eq!(parsed.scenario.model, Model::Threads);
    assert_eq!(parsed.scenario.work, Work::Cpu);
    assert_eq!(parsed.preset, None);
    assert_eq!(parsed.notices.len(), 2, "{:?}", parsed.notices);
    assert!(parsed.notices[0].starts_with("preset: \"nope\" is not one of tutorial,"));
    assert!(parsed.notices[1].starts_with("model: \"green-threads\" is not one of sequential,"));
}
