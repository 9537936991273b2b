//! Each thread's place in the code while a program runs: what the editor marks in its gutter.
//! Sampled by the VM, read by the page (here, by the test) while the run goes on.
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use threadplay::event::{EventBuffer, EventKind};
use threadplay::python::{run_on_new_pool, Program, ProgramSettings};
use threadplay::scenario::Model;
use threadplay::task::StopSignal;

/// Runs `source` and, while it runs, reads the positions until `seen` accepts a table (lane to
/// line); returns that table, the lanes' thread names and the table left after the run.
fn positions_while_running(
    source: &str,
    model: Model,
    seen: impl Fn(&BTreeMap<u32, u32>) -> bool,
) -> (BTreeMap<u32, u32>, BTreeMap<u32, String>, Vec<u32>) {
    let program = Program::compile(source).expect("the program compiles");
    let events = EventBuffer::default();
    let stop = StopSignal::default();
    let found = std::thread::scope(|scope| {
        let run = scope.spawn(|| {
            run_on_new_pool(&program, ProgramSettings::new(model, 2), &events, &stop)
                .expect("the pool starts")
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut version = 0;
        let mut found = None;
        while found.is_none() && !run.is_finished() && Instant::now() < deadline {
            if let (Some(table), now) = events.positions_since(version) {
                version = now;
                let table: BTreeMap<u32, u32> = table.chunks(2).map(|p| (p[0], p[1])).collect();
                found = seen(&table).then_some(table);
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        if found.is_none() {
            stop.stop();
        }
        let report = run.join().expect("the run ends");
        assert!(report.error.is_none(), "{:?}", report.error);
        found.expect("the positions were seen while the program ran")
    });
    let names = events
        .drain()
        .into_iter()
        .filter(|event| event.kind == EventKind::Start)
        .filter_map(|event| Some((event.task, event.text?.to_string())))
        .collect();
    let left = events.positions_since(u64::MAX).0.unwrap_or_default();
    (found, names, left)
}

const SLEEPERS: &str = "\
import threading
import time

def worker(n):
    time.sleep(0.4)

threads = [threading.Thread(target=worker, args=(n,)) for n in range(10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('done')
";

#[test]
fn sleeping_threads_are_at_their_sleep_and_the_main_thread_at_its_join() {
    for model in [Model::Gil, Model::Threads] {
        let (table, names, left) = positions_while_running(SLEEPERS, model, |table| {
            table.values().filter(|&&line| line == 5).count() == 10
                && table.values().any(|&line| line == 11)
        });
        let at = |line| {
            let mut threads: Vec<&str> = table
                .iter()
                .filter(|(_, &at)| at == line)
                .map(|(lane, _)| names[lane].as_str())
                .collect();
            threads.sort();
            threads
        };
        assert_eq!(at(11), ["MainThread"], "{model}: {table:?}");
        assert_eq!(at(5).len(), 10, "{model}: {table:?}");
        assert!(at(5).iter().all(|name| name.starts_with("Thread-")));
        assert!(
            left.is_empty(),
            "{model}: ended threads have no place: {left:?}"
        );
    }
}

#[test]
fn a_computing_thread_is_seen_moving_through_its_loop() {
    let source = "\
import threading

def spin():
    total = 0
    for i in range(5_000_000):
        total += i
    print(total)

t = threading.Thread(target=spin, name='spinner')
t.start()
t.join()
";
    let (table, names, _) = positions_while_running(source, Model::Threads, |table| {
        table.values().any(|&line| line == 5 || line == 6)
    });
    let spinner = table
        .iter()
        .find(|(lane, _)| names[lane] == "spinner")
        .map(|(_, &line)| line);
    assert!(matches!(spinner, Some(5 | 6)), "{table:?}");
}
