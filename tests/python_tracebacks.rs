//! Tracebacks against python3's: uncaught ones, and those `logging` (`exception`,
//! `exc_info=True`) and `traceback` print. The same program runs under both, and threadplay
//! prints the traceback lines python3 prints, chained exceptions included. python3 also prints
//! each line's source and the frames of its own `threading.py`, `asyncio/` and
//! `multiprocessing/` and `concurrent/futures/`; threadplay names the file `<program>` and
//! shows the source in the editor instead, so those are left out of the comparison, and the
//! program's path in an asyncio handle's name and a warning's place is `<program>`. Object ids (`at 0x7f…`) differ
//! from run to run and are masked on both sides.
mod common;

use common::{printed, run_python};
use std::process::Command;
use threadplay::scenario::Model;

/// python3's output for `path`, its two streams merged as a terminal shows them, without the
/// lines threadplay does not print.
fn python3_traceback_lines(path: &str) -> Vec<String> {
    let output = Command::new("sh")
        .args(["-c", "exec python3 -u \"$0\" 2>&1"])
        .arg(path)
        .output()
        .expect("python3 is installed (./build.sh test needs it)");
    let mut lines = Vec::new();
    let mut after_warning = false;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        // A warning's line (`path:16: RuntimeWarning: …`) is followed by its source.
        if std::mem::take(&mut after_warning) && line.starts_with("  ") {
            continue;
        }
        if let Some(rest) = line.strip_prefix(&format!("{path}:")) {
            after_warning = true;
            lines.push(format!("<program>:{rest}"));
            continue;
        }
        // An exception group's lines are inside its boxes: `  | ` before each.
        let (margin, line) = split_margin(line);
        if let Some(rest) = line.strip_prefix("  File \"") {
            let library = [
                "threading.py\"",
                "/asyncio/",
                "/multiprocessing/",
                "/concurrent/futures/",
                "/logging/",
            ];
            if !library.iter().any(|file| rest.contains(file)) {
                let after_path = &rest[rest.find('"').map_or(0, |at| at + 1)..];
                lines.push(format!("{margin}  File \"<program>\"{after_path}"));
            }
        } else if !line.starts_with("    ") || line.trim_start().starts_with('+') {
            // Not a line of source, nor the marks under it (a box's edge is kept).
            let line = line.replace(&format!(" at {path}:"), " at <program>:");
            lines.push(format!("{margin}{line}"));
        }
    }
    lines
}

/// A traceback line's margin of exception-group boxes (`    | `), and the rest.
fn split_margin(line: &str) -> (&str, &str) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    match line[indent..].strip_prefix("| ") {
        Some(rest) => (&line[..line.len() - rest.len()], rest),
        None => ("", line),
    }
}

/// Runs `tests/programs/{name}` under threadplay and checks that it printed python3's lines;
/// returns threadplay's report.
fn run_beside_python3(name: &str) -> threadplay::python::ProgramReport {
    let path = format!("{}/tests/programs/{name}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).expect("the program is there");
    let (events, report) = run_python(&source, Model::Gil, 2);
    let masked = |lines: Vec<String>| lines.iter().map(|line| mask_ids(line)).collect::<Vec<_>>();
    assert_eq!(
        masked(printed(&events)),
        masked(python3_traceback_lines(&path))
    );
    report
}

/// `line` with each `0x` and hex digits after it (an object's id in a repr) as `0x…`.
fn mask_ids(line: &str) -> String {
    let mut masked = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("0x") {
        masked.push_str(&rest[..at + 2]);
        rest = rest[at + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
        masked.push('…');
    }
    masked + rest
}

#[test]
fn chained_exceptions_print_every_traceback_of_the_chain_as_python3_does() {
    let report = run_beside_python3("chained_exceptions.py");
    // The run's error, for the page, is the first thread's.
    let error = report
        .error
        .expect("an uncaught exception is the run's error");
    assert_eq!(error.message, "KeyError: 'no number'");
    assert_eq!(error.thread.as_deref(), Some("context"));
    assert!(
        error
            .traceback
            .iter()
            .any(|line| line.starts_with("During handling")),
        "the page's traceback is chained too: {:?}",
        error.traceback
    );
}

#[test]
fn logged_exceptions_print_the_handled_exceptions_traceback_as_python3_does() {
    let report = run_beside_python3("logged_exceptions.py");
    assert_eq!(report.error, None);
}

#[test]
fn an_exception_leaving_an_asyncio_callback_is_logged_and_the_loop_goes_on_as_in_python3() {
    let report = run_beside_python3("asyncio_callback_error.py");
    assert_eq!(report.error, None);
}

#[test]
fn exception_groups_are_split_by_except_star_and_print_in_boxes_as_in_python3() {
    let report = run_beside_python3("exception_groups.py");
    let error = report
        .error
        .expect("the last TaskGroup's failures end the run");
    assert_eq!(
        error.message,
        "ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)"
    );
}

#[test]
fn what_except_star_clauses_raise_ends_the_program_in_one_group_as_in_python3() {
    let report = run_beside_python3("except_star_gathered.py");
    let error = report.error.expect("the gathered group ends the run");
    assert_eq!(error.message, "ExceptionGroup:  (2 sub-exceptions)");
    // The page points at the clauses that gathered it.
    assert_eq!(error.line, 13);
}

#[test]
fn an_exception_raised_on_by_a_with_a_finally_or_a_bare_raise_keeps_its_line_as_in_python3() {
    let report = run_beside_python3("reraised_lines.py");
    assert_eq!(report.error, None);
}

#[test]
fn the_traceback_module_prints_what_python3_prints() {
    let report = run_beside_python3("traceback_module.py");
    assert_eq!(report.error, None);
}

#[test]
fn each_way_a_process_ends_gives_python3s_exitcode_and_an_exception_its_header() {
    let report = run_beside_python3("process_exit_codes.py");
    // Its exception is the process's: the run reports it, as it does a thread's.
    let error = report
        .error
        .expect("the process's exception is the run's error");
    assert_eq!(error.message, "ValueError: no such order");
    assert_eq!(error.thread.as_deref(), Some("raises"));
}

#[test]
fn a_failing_done_callback_or_exit_hook_is_printed_and_the_program_goes_on_as_in_python3() {
    let report = run_beside_python3("failing_callbacks.py");
    // CPython catches them: the program ends well.
    assert_eq!(report.error, None);
}

#[test]
fn a_coroutine_never_awaited_is_warned_about_and_a_task_exception_never_retrieved_is_logged_as_in_python3(
) {
    let report = run_beside_python3("unawaited.py");
    assert_eq!(report.error, None);
}

#[test]
fn the_programs_own_hooks_get_uncaught_exceptions_and_can_print_them_as_in_python3() {
    let report = run_beside_python3("excepthooks.py");
    // The main thread's hook printed it, and the program failed all the same.
    let error = report
        .error
        .expect("the main thread's exception ends the run");
    assert_eq!(error.message, "KeyError: 'path'");
}

#[test]
fn a_logging_call_that_cannot_be_written_is_reported_and_the_program_goes_on() {
    let report = run_beside_python3("logging_errors.py");
    assert!(report.error.is_none(), "{:?}", report.error);
}

#[test]
fn threads_the_thread_module_starts_run_after_their_starter_goes_on_and_name_their_function_when_they_fail(
) {
    let report = run_beside_python3("low_level_threads.py");
    let error = report
        .error
        .expect("the failing thread's exception is the run's");
    assert_eq!(error.message, "ValueError: a thread's own failure");
}
