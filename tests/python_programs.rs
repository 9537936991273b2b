//! Python programs run natively: the tutorials' own programs, the lessons they teach (threads
//! overlap sleeps, the GIL serialises computation, unprotected counters lose updates, asyncio
//! runs on one thread), and errors that name their line.

mod common;

use common::{printed, run_python, run_python_with};
use std::collections::HashSet;
use threadplay::event::{Event, EventKind, Stream};
use threadplay::python::{Program, ProgramSettings};
use threadplay::scenario::Model;
use threadplay::task::StopSignal;

const TWO_TASKS: &str = include_str!("programs/two_tasks.py");
const DO_SOMETHING: &str = include_str!("programs/do_something.py");

#[test]
fn the_two_task_tutorial_runs_unchanged_and_its_threads_overlap() {
    let (events, report) = run_python(TWO_TASKS, Model::Threads, 2);
    let lines = printed(&events);
    assert_eq!(lines.len(), 11, "{lines:#?}");
    for task in 1..=2 {
        let own: Vec<_> = lines
            .iter()
            .filter(|line| line.starts_with(&format!("Task {task}")))
            .collect();
        let expected: Vec<_> = (0..5)
            .map(|i| format!("Task {task} - Iteration {i}"))
            .collect();
        assert_eq!(own, expected.iter().collect::<Vec<_>>());
    }
    // Both threads print each iteration before either prints the next: they run together.
    let first_two: HashSet<_> = lines[..2].iter().cloned().collect();
    assert_eq!(
        first_two,
        HashSet::from([
            "Task 1 - Iteration 0".to_string(),
            "Task 2 - Iteration 0".to_string()
        ])
    );
    assert_eq!(
        lines.last().map(String::as_str),
        Some("Both threads have finished.")
    );
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.threads, 2);
    // Five one-second sleeps side by side: five seconds, not ten.
    assert!(
        (4900.0..7000.0).contains(&report.wall_ms),
        "took {} ms",
        report.wall_ms
    );
    // Side by side: each iteration's two lines come together, a second after the last two.
    let times: Vec<f64> = events
        .iter()
        .filter(|event| event.kind == EventKind::Line)
        .map(|event| event.t_ms)
        .collect();
    for iteration in 0..5 {
        let (a, b) = (times[2 * iteration], times[2 * iteration + 1]);
        assert!(
            (b - a).abs() < 100.0,
            "iteration {iteration}: {a} ms and {b} ms"
        );
    }
}

#[test]
fn do_something_prints_its_own_finished_line_with_the_real_time() {
    let (events, report) = run_python(DO_SOMETHING, Model::Gil, 2);
    let lines = printed(&events);
    assert_eq!(
        &lines[..2],
        ["Sleeping for 1 second", "Sleeping for 1 second"]
    );
    assert_eq!(&lines[2..4], ["Done sleeping", "Done sleeping"]);
    let finished = finished_seconds(&lines);
    assert!((0.99..1.6).contains(&finished), "{lines:?}");
    assert!(
        (990.0..1600.0).contains(&report.wall_ms),
        "took {} ms",
        report.wall_ms
    );
}

/// The seconds in the program's last line, `Finished in 0.2 second(s)`.
fn finished_seconds(lines: &[String]) -> f64 {
    lines
        .last()
        .and_then(|line| line.strip_prefix("Finished in "))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or_else(|| panic!("no finish line in {lines:?}"))
}

#[test]
fn shorter_sleeps_shorten_the_run() {
    let source = DO_SOMETHING.replace("time.sleep(1)", "time.sleep(0.2)");
    let (events, report) = run_python(&source, Model::Threads, 2);
    let lines = printed(&events);
    // The program's own clock: the sleep, and no more than a busy machine adds.
    let finished = finished_seconds(&lines);
    assert!((0.19..0.8).contains(&finished), "{lines:?}");
    assert!(
        (190.0..800.0).contains(&report.wall_ms),
        "took {} ms",
        report.wall_ms
    );
}

#[test]
fn one_worker_still_overlaps_the_threads_sleeps() {
    // A sleeping thread is parked, not holding the worker: the pool bounds only computation.
    let source = DO_SOMETHING.replace("time.sleep(1)", "time.sleep(0.2)");
    let (events, report) = run_python(&source, Model::Threads, 1);
    let lines = printed(&events);
    let finished = finished_seconds(&lines);
    assert!((0.19..0.8).contains(&finished), "{lines:?}");
    assert!(
        (190.0..800.0).contains(&report.wall_ms),
        "took {} ms",
        report.wall_ms
    );
}

const COUNTER: &str = r#"
import threading

counter = 0
lock = threading.Lock()

def safe(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1

def unsafe(n):
    global counter
    for _ in range(n):
        seen = counter
        counter = seen + 1

threads = [threading.Thread(target=WORK, args=(TIMES,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
"#;

#[test]
fn a_lock_keeps_the_counter_exact() {
    let source = COUNTER.replace("WORK", "safe").replace("TIMES", "20000");
    let (events, report) = run_python(&source, Model::Threads, 4);
    assert_eq!(printed(&events), ["80000"], "{:?}", report.error);
}

#[test]
fn an_unprotected_read_modify_write_loses_updates_on_parallel_workers() {
    // Long enough for the threads to overlap for a while even on a busy machine: a thread
    // starts when the one before it has run its first 1,024 instructions, and 20,000 turns
    // were over in a millisecond once the interpreter got faster.
    let source = COUNTER.replace("WORK", "unsafe").replace("TIMES", "200000");
    let (events, _) = run_python(&source, Model::Threads, 4);
    let counted: u64 = printed(&events)[0].parse().expect("a number");
    assert!(counted < 800_000, "no update was lost: {counted}");
    let workers = workers_running(&events);
    assert!(workers >= 2, "ran on {workers} worker(s)");
}

#[test]
fn sys_tells_a_free_threaded_run_from_one_under_the_gil() {
    // Python 3.13's free-threaded build answers `sys._is_gil_enabled()`; the model decides it.
    let source = "import sys\nprint(sys._is_gil_enabled())\n";
    for (model, answer) in [(Model::Gil, "True"), (Model::Threads, "False")] {
        let (events, report) = run_python(source, model, 2);
        assert_eq!(printed(&events), [answer], "{model:?}: {:?}", report.error);
    }
}

#[test]
fn args_that_are_not_a_tuple_fail_in_the_thread_not_where_it_is_made() {
    // `args=(5)` is an int: CPython's thread fails when it calls its target, and the program
    // goes on (its traceback names threading.py's frames, so this is not a conformance program).
    let source = "import threading\n\
        def work(n):\n    print(n)\n\
        t = threading.Thread(target=work, args=(5))\n\
        t.start()\n\
        t.join()\n\
        print('main goes on')\n";
    let (events, report) = run_python(source, Model::Gil, 2);
    assert_eq!(
        printed(&events),
        [
            "Exception in thread Thread-1 (work):",
            "TypeError: __main__.work() argument after * must be an iterable, not int",
            "main goes on"
        ]
    );
    let error = report
        .error
        .expect("the thread's exception is the run's error");
    assert_eq!(error.thread.as_deref(), Some("Thread-1 (work)"));
}

fn workers_running(events: &[Event]) -> usize {
    events
        .iter()
        .filter(|event| event.kind == EventKind::Start)
        .map(|event| event.worker)
        .collect::<HashSet<_>>()
        .len()
}

#[test]
fn asyncio_tasks_share_one_thread_and_overlap_their_sleeps() {
    let source = r#"
import asyncio
import time

async def job(n):
    print(f"job {n} starts")
    await asyncio.sleep(0.3)
    print(f"job {n} ends")
    return n * 10

async def main():
    results = await asyncio.gather(job(1), job(2), job(3))
    print(results)

start = time.perf_counter()
asyncio.run(main())
print(f"{time.perf_counter() - start:.1f}")
"#;
    let (events, report) = run_python(source, Model::Gil, 2);
    let lines = printed(&events);
    assert_eq!(
        &lines[..3],
        ["job 1 starts", "job 2 starts", "job 3 starts"],
        "{:?}",
        report.error
    );
    assert_eq!(lines[6], "[10, 20, 30]");
    assert_eq!(lines[7], "0.3");
    let line_workers: HashSet<_> = events
        .iter()
        .filter(|event| event.kind == EventKind::Line)
        .map(|event| event.worker)
        .collect();
    assert_eq!(line_workers.len(), 1, "asyncio runs on one thread");
}

#[test]
fn an_executor_runs_at_most_its_workers_at_once() {
    let source = r#"
import concurrent.futures
import time

def job(n):
    time.sleep(0.2)
    return n * n

start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as executor:
    futures = [executor.submit(job, n) for n in range(4)]
    print([f.result() for f in futures])
    print(list(executor.map(job, [5, 6])))
print(round(time.perf_counter() - start, 1))
"#;
    let (events, report) = run_python(source, Model::Threads, 4);
    assert_eq!(
        printed(&events),
        ["[0, 1, 4, 9]", "[25, 36]", "0.6"],
        "{:?}",
        report.error
    );
}

#[test]
fn a_process_works_on_its_own_copy_of_memory() {
    let source = r#"
import multiprocessing

items = []

def add():
    items.append(1)
    print("child sees", len(items))

p = multiprocessing.Process(target=add)
p.start()
p.join()
print("parent sees", len(items))
"#;
    let (events, _) = run_python(source, Model::Processes, 2);
    assert_eq!(printed(&events), ["child sees 1", "parent sees 0"]);
}

#[test]
fn a_runtime_error_prints_a_traceback_and_names_its_line() {
    let source = "import threading\n\ndef task():\n    x = 1\n    print(x / 0)\n\nt = threading.Thread(target=task)\nt.start()\nt.join()\nprint('main goes on')\n";
    let (events, report) = run_python(source, Model::Gil, 2);
    let lines = printed(&events);
    assert_eq!(
        lines,
        [
            "Exception in thread Thread-1 (task):",
            "Traceback (most recent call last):",
            "  File \"<program>\", line 5, in task",
            "ZeroDivisionError: division by zero",
            "main goes on",
        ]
    );
    let error = report.error.expect("the error is recorded");
    assert_eq!(
        (error.message.as_str(), error.line, error.column),
        ("ZeroDivisionError: division by zero", 5, 11)
    );
    assert_eq!(error.thread.as_deref(), Some("Thread-1 (task)"));
}

/// What a terminal shows on each stream: CPython writes tracebacks, `logging` and
/// `print(file=sys.stderr)` to standard error, and everything else to standard output.
#[test]
fn tracebacks_logging_and_stderr_prints_are_lines_on_standard_error() {
    let source = r#"
import logging, sys, threading

logging.basicConfig(format="%(levelname)s %(message)s")
print("out")
print("err", file=sys.stderr)
logging.warning("careful")
sys.stdout.write("partly ")
sys.stderr.write("to err\n")
print("done")

class BadInput(ValueError):
    pass

def fail():
    raise BadInput("bad")

t = threading.Thread(target=fail, name="failing")
t.start()
t.join()
"#;
    let (events, _) = run_python(source, Model::Gil, 2);
    let lines: Vec<(&str, Stream)> = events
        .iter()
        .filter(|event| event.kind == EventKind::Line)
        .map(|event| (event.text.as_deref().unwrap_or_default(), event.stream))
        .collect();
    use Stream::*;
    assert_eq!(
        lines,
        [
            ("out", Stdout),
            ("err", Stderr),
            ("WARNING careful", Stderr),
            ("partly ", Stdout),
            ("to err", Stderr),
            ("done", Stdout),
            ("Exception in thread failing:", Stderr),
            ("Traceback (most recent call last):", Stderr),
            ("  File \"<program>\", line 16, in fail", Stderr),
            // A class of the program's own, under its plain name (not `__main__.BadInput`).
            ("BadInput: bad", Stderr),
        ]
    );
}

/// The names threading had before Python 3.10 still work, each with CPython's
/// `DeprecationWarning` on standard error, once per line (a loop warns once), at the line of
/// the call, with no source line (CPython finds none for a program that is not a file).
#[test]
fn the_old_camel_case_names_work_and_warn_once_per_line() {
    let source = r#"
import threading

done = threading.Event()
condition = threading.Condition()
for _ in range(3):
    with condition:
        condition.notifyAll()
t = threading.Thread(target=print, args=("in the thread",))
t.setDaemon(True)
t.setName("worker")
t.start()
t.join()
me = threading.currentThread()
print(t.getName(), me.getName(), me.isDaemon(), done.isSet(), threading.activeCount())
timer = threading.Timer(0.01, print, args=("the timer ran",))
timer.setName("alarm")
timer.start()
timer.join()
print(timer.getName())
"#;
    let (events, report) = run_python(source, Model::Gil, 2);
    assert!(report.error.is_none(), "{:?}", report.error);
    let lines: Vec<(String, Stream)> = events
        .iter()
        .filter(|event| event.kind == EventKind::Line)
        .map(|event| {
            (
                event.text.as_deref().unwrap_or_default().to_string(),
                event.stream,
            )
        })
        .collect();
    let warning = |line: u32, name: &str, instead: &str| {
        let text = format!("<program>:{line}: DeprecationWarning: {name} is deprecated, {instead}");
        (text, Stream::Stderr)
    };
    let printed = |text: &str| (text.to_string(), Stream::Stdout);
    assert_eq!(
        lines,
        [
            warning(8, "notifyAll()", "use notify_all() instead"),
            warning(10, "setDaemon()", "set the daemon attribute instead"),
            warning(11, "setName()", "set the name attribute instead"),
            printed("in the thread"),
            warning(14, "currentThread()", "use current_thread() instead"),
            warning(15, "getName()", "get the name attribute instead"),
            warning(15, "isDaemon()", "get the daemon attribute instead"),
            warning(15, "isSet()", "use is_set() instead"),
            warning(15, "activeCount()", "use active_count() instead"),
            printed("worker MainThread False False 1"),
            // A timer is a thread, with the same accessors.
            warning(17, "setName()", "set the name attribute instead"),
            printed("the timer ran"),
            warning(20, "getName()", "get the name attribute instead"),
            printed("alarm"),
        ]
    );
}

#[test]
fn a_name_error_in_main_stops_the_program_there() {
    let (events, report) = run_python(
        "print('a')\nprint(undefined_name)\nprint('b')\n",
        Model::Gil,
        1,
    );
    let lines = printed(&events);
    assert_eq!(lines[0], "a");
    assert_eq!(
        lines.last().map(String::as_str),
        Some("NameError: name 'undefined_name' is not defined")
    );
    assert!(!lines.iter().any(|line| line == "b"));
    let error = report.error.expect("recorded");
    assert_eq!((error.line, error.column), (2, 7));
}

/// Compiles `source`, expecting an error that names `what` at `line`:`column`.
fn refused(source: &str, what: &str, line: u32, column: u32) {
    let error = Program::compile(source).expect_err(source);
    assert!(
        error.message.contains(what),
        "{source:?}: {}",
        error.message
    );
    assert_eq!(
        (error.line, error.column),
        (line, column),
        "{source:?}: {}",
        error.message
    );
}

#[test]
fn each_unsupported_construct_is_named_with_its_place() {
    refused(
        "match x:\n    case 1:\n        pass\n",
        "`match` statements",
        1,
        1,
    );
    // CPython's own refusal: a clause may not leave early.
    refused(
        "for i in range(2):\n    try:\n        pass\n    except* ValueError:\n        break\n",
        "SyntaxError: 'break', 'continue' and 'return' cannot appear in an except* block",
        5,
        9,
    );
    refused("class A:\n    yield 1\n", "'yield' outside function", 2, 5);
    refused(
        "async def f():\n    return (x async for x in g())\n",
        "asynchronous generator expressions",
        2,
        12,
    );
    refused("x = 1j\n", "complex numbers", 1, 5);
    refused(
        "x = 1\nprint('a \\N{BULLET} b')\n",
        "`\\N{…}` character names in strings",
        2,
        10,
    );
    refused(
        "import threading\nthreading.Thred()\n",
        "module 'threading' has no attribute 'Thred'",
        2,
        11,
    );
    refused("import numpy\n", "no module named 'numpy'", 1, 8);
    refused(
        "from time import nothing\n",
        "cannot import name 'nothing'",
        1,
        18,
    );
    refused(
        "def f():\n    nonlocal x\n",
        "no binding for nonlocal 'x' found",
        2,
        14,
    );
    refused("x = 1\nprint(f'{x!a}')\n", "`!a` conversions", 2, 9);
    refused(
        "def f():\n    return [x async for x in g()]\n",
        "asynchronous comprehension outside of an asynchronous function",
        2,
        12,
    );
    refused(
        "def f():\n    await g()\n",
        "'await' outside async function",
        2,
        5,
    );
    refused(
        "x = 10 ** 30 + 1000000000000000000000000000000000000000000\n",
        "integer literal too large",
        1,
        16,
    );
    refused("print(super().x)\n", "`super()` outside a method", 1, 7);
}

#[test]
fn a_syntax_error_names_its_place() {
    let error =
        Program::compile("print('a')\nfor i in range(3)\n    print(i)\n").expect_err("no colon");
    assert!(
        error.message.starts_with("SyntaxError: "),
        "{}",
        error.message
    );
    assert_eq!(error.line, 2);
}

#[test]
fn an_endless_loop_is_ended_by_a_stop() {
    let (events, report) = common::run_python_stopped(
        "print('spinning')\nwhile True:\n    pass\n",
        ProgramSettings::new(Model::Gil, 1),
        std::time::Duration::from_millis(300),
    );
    assert_eq!(printed(&events), ["spinning"]);
    assert!(report.stopped && report.error.is_none(), "{report:?}");
    assert!(report.wall_ms < 2000.0, "took {} ms", report.wall_ms);
}

#[test]
fn an_endless_loop_meets_the_step_limit() {
    let settings = ProgramSettings {
        max_steps: 100_000,
        ..ProgramSettings::new(Model::Gil, 1)
    };
    let (_, report) = run_python_with(
        "n = 0\nwhile True:\n    n += 1\n",
        settings,
        &StopSignal::default(),
    );
    let error = report.error.expect("the limit is an error");
    assert!(error.message.contains("100000 steps"), "{}", error.message);
    assert_eq!(error.line, 3);
}

#[test]
fn deep_recursion_is_a_recursion_error_not_a_crash() {
    let (_, report) = run_python("def f(n):\n    return f(n + 1)\nf(0)\n", Model::Gil, 1);
    let error = report.error.expect("recursion is bounded");
    assert!(
        error.message.starts_with("RecursionError"),
        "{}",
        error.message
    );
}

#[test]
fn a_regex_that_backtracks_without_end_fails_instead_of_holding_its_worker() {
    // CPython would run `(a+)+b` over 40 a's for longer than the universe has existed; the
    // matcher stops at its step limit, and a group repeated past what its stack allows stops
    // there, with a message the program can catch.
    let source = r#"
import re
for pattern, text in [(r"(a+)+b", "a" * 40), (r"(ab)*c", "ab" * 5000)]:
    try:
        re.search(pattern, text)
    except RecursionError as error:
        print("RecursionError:", error)
print(re.search(r"(ab)*c", "ab" * 100 + "c").span())
"#;
    let (events, report) = run_python(source, Model::Gil, 1);
    assert!(report.error.is_none(), "{:?}", report.error);
    let lines = printed(&events);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0].contains("100,000,000 steps"), "{lines:?}");
    assert!(lines[1].contains("too many times"), "{lines:?}");
    assert_eq!(lines[2], "(0, 201)");
}

#[test]
fn huge_values_are_a_memory_error_not_an_exhausted_machine() {
    let (_, report) = run_python("x = 'ab' * 10**9\n", Model::Gil, 1);
    assert!(report
        .error
        .expect("refused")
        .message
        .starts_with("MemoryError"));
    let (_, report) = run_python("x = [0] * 10**9\n", Model::Gil, 1);
    assert!(report
        .error
        .expect("refused")
        .message
        .starts_with("MemoryError"));
}

#[test]
fn files_that_fill_their_memory_are_a_full_disk_not_an_exhausted_machine() {
    // 64 MB of files at most: a program writing in a loop gets the OSError a full disk gives,
    // and so does one making files without end.
    let source = r#"
chunk = "x" * 1_000_000
try:
    with open("big.txt", "w") as big:
        for _ in range(100):
            big.write(chunk)
except OSError as error:
    print("big:", error)
import os
print(os.path.getsize("big.txt") <= 64 * 2**20)
try:
    for n in range(20_000):
        open(f"f{n}.txt", "w").close()
except OSError as error:
    print("many:", error, len(os.listdir()) < 20_000)
"#;
    let (events, report) = run_python(source, Model::Gil, 1);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(
        printed(&events),
        [
            "big: [Errno 28] No space left on device",
            "True",
            "many: [Errno 28] No space left on device True",
        ]
    );
}

#[test]
fn what_the_subset_lacks_at_run_time_fails_with_a_message_and_its_line() {
    for (source, line, message) in [
        (
            "data = b'abc'\ndata.decode('utf-16')\n",
            2,
            "LookupError: threadplay's subset has the encodings utf-8, ascii and latin-1, not 'utf-16'",
        ),
        (
            "open('a.txt', 'w').close()\nopen('a.txt', encoding='latin-1')\n",
            2,
            "ValueError: threadplay's files are UTF-8: encoding='latin-1' is not supported",
        ),
        (
            "import timeit\n\ntimeit.timeit('x = 1')\n",
            3,
            "TypeError: threadplay's timeit times functions",
        ),
    ] {
        let (_, report) = run_python(source, Model::Gil, 1);
        let error = report.error.expect("refused");
        assert!(error.message.starts_with(message), "{}", error.message);
        assert_eq!(error.line, line, "{source}");
    }
}

#[test]
fn each_run_starts_with_no_files() {
    let source =
        "import os\nprint(os.listdir(), os.path.exists('/tmp'))\nopen('left.txt', 'w').close()\n";
    for _ in 0..2 {
        let (events, _) = run_python(source, Model::Gil, 1);
        assert_eq!(printed(&events), ["[] True"]);
    }
}

#[test]
fn the_subset_computes_like_python() {
    let source = r#"
values = [3, 1, 2]
values.append(10)
print(sorted(values), len(values), sum(values), max(values), min(values))
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10, 7 / 2, round(2.675, 2), round(2.5), round(3.5))
print(f"{3.14159:.2f}|{42:>5}|{1234567:,}|{0.25:.0%}|{'x':*^5}|{7!r}|{'a'!r}")
print("a", "b", sep="-", end="!\n")
print("no newline", end="")
print(" then newline")
words = "the quick brown fox".split()
print(", ".join(w.upper() for w in words if len(w) > 3))
d = {"a": 1}
d["b"] = 2
print(d, d.get("c", 0), list(d.items()))
t = (1, 2)
a, b = t
print(a + b, t[-1], values[1:3], "hello"[::-1])
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    if n == 4:
        break
else:
    print("never")
print(n, 1 < 2 < 3, not None, 0.1 + 0.2, int("42") + float("0.5"), str(1.0))
"#;
    let (events, report) = run_python(source, Model::Gil, 1);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(
        printed(&events),
        [
            "[1, 2, 3, 10] 4 16 10 1",
            "3 -4 1 2 1024 3.5 2.67 2 4",
            "3.14|   42|1,234,567|25%|**x**|7|'a'",
            "a-b!",
            "no newline then newline",
            "QUICK, BROWN",
            "{'a': 1, 'b': 2} 0 [('a', 1), ('b', 2)]",
            "3 2 [1, 2] olleh",
            "4 True True 0.30000000000000004 42.5 1.0",
        ]
    );
}

#[test]
fn the_tutorials_cpu_sum_runs_as_python_computes_it() {
    // realpython's CPU-bound example: beyond 64 bits, and ten million terms never made a list.
    let source =
        "print(sum(i * i for i in range(10**7)))\nprint(sum(range(10**7)), 0x1F, 2 ** 100)\n";
    let (events, report) = run_python(source, Model::Gil, 1);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(
        printed(&events),
        [
            "333333283333335000000",
            "49999995000000 31 1267650600228229401496703205376"
        ]
    );
}

#[test]
fn a_container_inside_itself_prints_as_python_prints_it_and_compares_without_hanging() {
    let source = "a = [1]\na.append(a)\nprint(a)\nd = {'k': 1}\nd['self'] = d\nprint(d)\nx = []\ny = [x]\nx.append(y)\nprint([x] == [x], x == x)\n";
    let (events, report) = run_python(source, Model::Gil, 1);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(
        printed(&events),
        ["[1, [...]]", "{'k': 1, 'self': {...}}", "True True"]
    );
}

#[test]
fn await_works_anywhere_in_an_async_function() {
    // In sums, comprehensions, call arguments and f-strings, as python3 prints it.
    let (events, report) = run_python(include_str!("programs/await_anywhere.py"), Model::Gil, 1);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(printed(&events), ["6", "[0, 2, 4] 10", "task gave 20"]);
    // Six 50 ms sleeps one after another, and two side by side in `gather`.
    assert!(
        (340.0..1000.0).contains(&report.wall_ms),
        "took {} ms",
        report.wall_ms
    );
}

/// CPython's `submit` starts a worker thread with `Thread.start()`, which lets the new thread
/// run first: the job it was started for prints before the caller's next line (as python3
/// prints this in a terminal). A job queued for a worker already running waits its turn.
#[test]
fn a_job_that_starts_a_pool_thread_runs_before_the_caller_goes_on() {
    let source = r#"
from concurrent.futures import ThreadPoolExecutor
import time
def job(n):
    print(f"job {n} running")
    time.sleep(0.1)
    return n
with ThreadPoolExecutor(max_workers=2) as ex:
    futures = []
    for n in range(3):
        futures.append(ex.submit(job, n))
        print(f"submitted {n}")
print([f.result() for f in futures])
"#;
    let (events, report) = run_python(source, Model::Gil, 2);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(
        printed(&events),
        [
            "job 0 running",
            "submitted 0",
            "job 1 running",
            "submitted 1",
            "submitted 2",
            "job 2 running",
            "[0, 1, 2]"
        ]
    );
}
