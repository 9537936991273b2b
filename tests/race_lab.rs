//! The race lab: a shared counter is exact with a mutex or atomics, and without either only
//! when one thread does all the counting.
mod common;

use threadplay::scenario::{Model, Scenario, SyncMode, Work};

fn counting(sync: SyncMode, threads: u32, model: Model) -> Scenario {
    Scenario {
        work: Work::Count,
        increments: 50_000,
        sync,
        model,
        ..Scenario::new(4, 4, 0, threads).unwrap()
    }
}

fn count(scenario: &Scenario) -> (u64, u64) {
    let (_, report) = common::run_scenario(scenario);
    let counter = report.counter.expect("count work reports its counter");
    (counter.expected, counter.actual)
}

#[test]
fn mutex_and_atomic_counters_are_exact_on_four_threads() {
    for sync in [SyncMode::Mutex, SyncMode::Atomic] {
        let (expected, actual) = count(&counting(sync, 4, Model::Threads));
        assert_eq!(expected, 800_000);
        assert_eq!(actual, expected, "{sync}");
    }
}

#[test]
fn an_unsynchronised_counter_is_exact_on_one_thread() {
    let (expected, actual) = count(&counting(SyncMode::None, 1, Model::Threads));
    assert_eq!(actual, expected);
}

#[test]
fn an_unsynchronised_counter_loses_updates_on_two_threads() {
    // Lost updates need the threads to overlap; on a loaded machine one attempt may not.
    let scenario = Scenario {
        increments: 500_000,
        ..counting(SyncMode::None, 2, Model::Threads)
    };
    // And they overlap only on two free cores (the other tests here run beside this one).
    common::on_two_free_cores(|| {
        let lost = (0..5).any(|_| {
            let (expected, actual) = count(&scenario);
            actual < expected
        });
        if lost {
            Ok(())
        } else {
            Err("no update was lost in 5 runs of 2 threads".into())
        }
    });
}
