//! The conformance suite: every program in `tests/conformance/` runs under `python3` and under
//! threadplay (natively, under the GIL on 2 workers, as the page opens), and threadplay prints
//! the lines python3 prints (on standard output and error, as a terminal shows them). Each program is one of ours, written to exercise what tutorials
//! use; none prints times or ids.
mod common;

use common::{printed, run_python};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use threadplay::scenario::Model;

/// Starts python3 on the program: it runs beside threadplay's run of it (most programs mostly
/// sleep, so the two overlap). Its output is standard error (where `logging` writes) in its
/// place among the rest: unbuffered, the two streams merged.
fn start_python3(path: &Path) -> Child {
    Command::new("sh")
        .args(["-c", "exec python3 -u \"$0\" 2>&1"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is installed (./build.sh test needs it)")
}

/// The lines python3, started by [`start_python3`], printed.
fn python3_lines(path: &Path, python3: Child) -> Vec<String> {
    let output = python3
        .wait_with_output()
        .expect("python3's output is readable");
    assert!(
        output.status.success(),
        "{}: python3 failed\n{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn every_conformance_program_prints_what_python3_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/conformance exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 3, "{} programs", programs.len());
    for path in &programs {
        let source = std::fs::read_to_string(path).expect("a readable program");
        let python3 = start_python3(path);
        let (events, report) = run_python(&source, Model::Gil, 2);
        assert!(
            report.error.is_none(),
            "{}: {:?}",
            path.display(),
            report.error
        );
        assert_eq!(
            printed(&events),
            python3_lines(path, python3),
            "{} prints what python3 prints",
            path.display()
        );
    }
}
