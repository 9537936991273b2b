//! Python threads are green threads on the pool's workers: a thread that sleeps or waits is
//! parked and holds no worker, the GIL is a policy the scheduler follows, locks hand over in
//! first-come order, and any thread can pause inside calls and expressions.

mod common;

use common::{printed, run_python};
use threadplay::event::{Event, EventKind};
use threadplay::scenario::Model;

/// `count` threads that each sleep `seconds`, started in a loop: the tutorials' next lesson.
fn sleepers(count: u32, seconds: f64) -> String {
    include_str!("programs/ten_sleepers.py")
        .replace("range(10)", &format!("range({count})"))
        .replace("[1.5]", &format!("[{seconds:?}]"))
}

#[test]
fn ten_sleeping_threads_overlap_on_one_or_two_workers() {
    for workers in [1, 2] {
        let (events, report) = run_python(&sleepers(10, 1.5), Model::Gil, workers);
        let lines = printed(&events);
        assert_eq!(lines.len(), 21, "{lines:?} {:?}", report.error);
        assert!(lines[..10].iter().all(|line| line == "napping 1.5 s"));
        assert!(lines[10..20].iter().all(|line| line == "awake"));
        let finished: f64 = lines[20]
            .strip_prefix("Finished in ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|seconds| seconds.parse().ok())
            .unwrap_or_else(|| panic!("no finish line: {}", lines[20]));
        assert!((1.5..2.3).contains(&finished), "{}", lines[20]);
        assert!(
            (1490.0..2300.0).contains(&report.wall_ms),
            "{workers} worker(s): {} ms",
            report.wall_ms
        );
    }
}

#[test]
fn a_thousand_sleeping_threads_take_a_second() {
    for workers in [1, 2] {
        let (events, report) = run_python(&sleepers(1000, 1.0), Model::Gil, workers);
        let lines = printed(&events);
        assert_eq!(lines.len(), 2001, "{:?}", report.error);
        assert_eq!(report.threads, 1000);
        assert!(
            (990.0..2500.0).contains(&report.wall_ms),
            "{workers} worker(s): {} ms",
            report.wall_ms
        );
    }
}

#[test]
fn threads_that_join_threads_never_deadlock_one_worker() {
    let source = r#"
import threading

def link(before, n):
    if before is not None:
        before.join()
    print("link", n)

chain = []
previous = None
for n in range(20):
    t = threading.Thread(target=link, args=(previous, n))
    t.start()
    chain.append(t)
    previous = t
chain[-1].join()
print("done")
"#;
    let (events, report) = run_python(source, Model::Threads, 1);
    let mut expected: Vec<String> = (0..20).map(|n| format!("link {n}")).collect();
    expected.push("done".into());
    assert_eq!(printed(&events), expected, "{:?}", report.error);
}

#[test]
fn a_released_lock_goes_to_the_thread_that_waited_longest() {
    let source = r#"
import threading

gate = threading.Lock()
order = []

def queue_up(n):
    with gate:
        order.append(n)

gate.acquire()
waiting = [threading.Thread(target=queue_up, args=(n,)) for n in range(10)]
for t in waiting:
    t.start()
gate.release()
for t in waiting:
    t.join()
print(order)
"#;
    for model in [Model::Gil, Model::Threads] {
        let (events, report) = run_python(source, model, 2);
        assert_eq!(
            printed(&events),
            ["[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"],
            "{model}: {:?}",
            report.error
        );
    }
}

/// How long each thread computed at a stretch before the GIL went to the other, in ms.
fn turns_ms(events: &[Event]) -> Vec<f64> {
    let mut computing_since = std::collections::HashMap::new();
    let mut turns = Vec::new();
    for event in events {
        match event.kind {
            EventKind::Cpu => {
                computing_since.insert(event.task, event.t_ms);
            }
            EventKind::Wait | EventKind::End | EventKind::Sleep => {
                if let Some(since) = computing_since.remove(&event.task) {
                    turns.push(event.t_ms - since);
                }
            }
            _ => {}
        }
    }
    turns
}

#[test]
fn two_computing_threads_under_the_gil_take_turns_every_switch_interval() {
    let source = r#"
import threading

def spin():
    x = 0
    for i in range(2000000):
        x = (x + i) % 1000003

pair = [threading.Thread(target=spin) for _ in range(2)]
for t in pair:
    t.start()
for t in pair:
    t.join()
"#;
    let (events, report) = run_python(source, Model::Gil, 2);
    assert!(report.error.is_none(), "{:?}", report.error);
    let threads: Vec<u32> = events
        .iter()
        .filter(|event| event.kind == EventKind::Start)
        .map(|event| event.task)
        .skip(1)
        .collect();
    let spinning: Vec<Event> = events
        .into_iter()
        .filter(|event| threads.contains(&event.task))
        .collect();
    let mut turns = turns_ms(&spinning);
    // The last turn of each ends with the thread, not at a switch.
    turns.sort_by(f64::total_cmp);
    assert!(turns.len() >= 6, "only {} turns", turns.len());
    let median = turns[turns.len() / 2];
    assert!(
        (4.5..9.0).contains(&median),
        "turns of {median:.2} ms (median of {turns:?})"
    );
}

#[test]
fn recursion_goes_as_deep_as_cpythons_limit() {
    let source = r#"
def down(n):
    if n == 0:
        return 0
    return 1 + down(n - 1)

print(down(990))
print(down(1000))
"#;
    let (events, report) = run_python(source, Model::Gil, 1);
    assert_eq!(printed(&events)[0], "990");
    let error = report.error.expect("past the limit");
    assert_eq!(
        error.message,
        "RecursionError: maximum recursion depth exceeded"
    );
}

#[test]
fn a_thread_pauses_inside_nested_calls_and_expressions() {
    // Each thread sleeps deep inside a call inside an expression; on one worker the sleeps
    // still overlap, so the threads were parked mid-expression and resumed there.
    let source = r#"
import threading
import time

def inner(n):
    time.sleep(0.3)
    return n * 10

def outer(n):
    return [1 + inner(n), inner(n) - 1][0] + len([inner(k) for k in range(2)])

def run(n):
    print(f"{n} {outer(n) + inner(0)}")

began = time.perf_counter()
ts = [threading.Thread(target=run, args=(n,)) for n in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(round(time.perf_counter() - began, 1))
"#;
    let (events, report) = run_python(source, Model::Threads, 1);
    let mut lines = printed(&events);
    assert_eq!(lines.len(), 4, "{lines:?} {:?}", report.error);
    // The three wake at about the same time, in any order.
    lines[..3].sort();
    assert_eq!(lines, ["0 3", "1 13", "2 23", "1.5"]);
}

/// Runs `program` on one worker, with and without the GIL, and returns its lines each time.
fn on_one_worker(program: &str) -> Vec<Vec<String>> {
    [Model::Gil, Model::Threads]
        .into_iter()
        .map(|model| {
            let (events, report) = run_python(program, model, 1);
            assert!(report.error.is_none(), "{model}: {:?}", report.error);
            printed(&events)
        })
        .collect()
}

/// The lines sorted: where CPython's order depends on the OS's scheduling, only which lines
/// came is the same from run to run.
fn sorted(mut lines: Vec<String>) -> Vec<String> {
    lines.sort();
    lines
}

#[test]
fn threads_waiting_on_an_event_all_go_when_it_is_set() {
    for lines in on_one_worker(include_str!("programs/sync_event.py")) {
        assert_eq!(
            &lines[..4],
            [
                "runner 0 ready",
                "runner 1 ready",
                "runner 2 ready",
                "runner 3 ready"
            ]
        );
        assert_eq!(lines[4], "set: False");
        assert_eq!(
            sorted(lines[5..9].to_vec()),
            [
                "runner 0 off",
                "runner 1 off",
                "runner 2 off",
                "runner 3 off"
            ]
        );
        assert_eq!(lines[9], "timed out: True");
    }
}

#[test]
fn consumers_waiting_on_a_condition_each_take_one_item() {
    for lines in on_one_worker(include_str!("programs/sync_condition.py")) {
        assert_eq!(lines.len(), 5, "{lines:?}");
        let takers: Vec<String> = lines[..3]
            .iter()
            .map(|line| line[..10].to_string())
            .collect();
        assert_eq!(sorted(takers), ["consumer 0", "consumer 1", "consumer 2"]);
        let items: Vec<&str> = lines[..3]
            .iter()
            .map(|line| &line[line.len() - 1..])
            .collect();
        assert_eq!(items, ["0", "1", "2"], "items leave the shelf in order");
        assert_eq!(
            &lines[3..],
            ["notified in time: False", "shelf empty: True"]
        );
    }
}

#[test]
fn a_bounded_queue_hands_jobs_to_a_worker_and_join_waits_for_them() {
    for lines in on_one_worker(include_str!("programs/sync_queue.py")) {
        assert_eq!(
            lines,
            [
                "working on 0",
                "working on 1",
                "working on 2",
                "working on 3",
                "working on 4",
                "all work completed 0 True"
            ]
        );
    }
}

#[test]
fn a_semaphore_lets_two_threads_in_at_a_time() {
    for lines in on_one_worker(include_str!("programs/sync_semaphore.py")) {
        assert_eq!(lines, ["0.6 s"]);
    }
}

#[test]
fn a_program_whose_threads_all_wait_forever_ends_with_a_deadlock_error() {
    // CPython would hang; the page says why the program can go no further.
    let source = "import threading\nlock = threading.Lock()\nlock.acquire()\nprint('once')\nlock.acquire()\nprint('never')\n";
    let (events, report) = run_python(source, Model::Gil, 2);
    assert_eq!(printed(&events), ["once"]);
    let error = report.error.expect("a deadlock is an error");
    assert!(error.message.contains("deadlock"), "{}", error.message);
    assert!(report.wall_ms < 1000.0, "took {} ms", report.wall_ms);
}

#[test]
fn a_daemon_thread_still_computing_does_not_keep_the_program_alive() {
    let source = r#"
import threading

def forever():
    while True:
        pass

threading.Thread(target=forever, daemon=True).start()
print("main ends")
"#;
    for model in [Model::Gil, Model::Threads] {
        let (events, report) = run_python(source, model, 2);
        assert_eq!(
            printed(&events),
            ["main ends"],
            "{model}: {:?}",
            report.error
        );
        assert!(
            report.wall_ms < 1000.0,
            "{model}: took {} ms",
            report.wall_ms
        );
    }
}
