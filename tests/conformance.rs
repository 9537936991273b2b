//! The conformance suite: every program in `tests/conformance/` runs under `python3` and under
//! threadplay (natively, under the GIL on 2 workers, as the page opens), and threadplay prints
//! the lines python3 prints (on standard output and error, as a terminal shows them). Each program is one of ours, written to exercise what tutorials
//! use; none prints times or ids.
//!
//! python3's output for a program both runs agreed on is kept in `target/python3-output/`
//! (see [`keep_for_the_browsers`]): the browser suite reads it instead of running python3 again.
mod common;

use common::{printed, run_python};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use threadplay::scenario::Model;

/// Starts python3 on the program: it runs beside threadplay's run of it (most programs mostly
/// sleep, so the two overlap). Its output is standard error (where `logging` writes) in its
/// place among the rest: unbuffered, the two streams merged. It runs in an empty directory of
/// its own, as threadplay's run starts with no files, and the files it writes go with it.
fn start_python3(path: &Path) -> (Child, TempDir) {
    let dir = TempDir::new(path);
    let python3 = Command::new("sh")
        .args(["-c", "exec python3 -u \"$0\" 2>&1"])
        .arg(path)
        .current_dir(&dir.0)
        // argparse lays its help out for the terminal's width: 80 columns, as threadplay does.
        .env("COLUMNS", "80")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is installed (./build.sh test needs it)");
    (python3, dir)
}

/// An empty directory, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(program: &Path) -> Self {
        let name = program
            .file_stem()
            .expect("a program's name")
            .to_string_lossy();
        let dir = std::env::temp_dir().join(format!(
            "threadplay-conformance-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The lines python3, started by [`start_python3`], printed.
fn python3_lines(path: &Path, (python3, _dir): (Child, TempDir)) -> Vec<String> {
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
    let cache = python3_output_dir();
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
        let expected = python3_lines(path, python3);
        assert_eq!(
            printed(&events),
            expected,
            "{} prints what python3 prints",
            path.display()
        );
        keep_for_the_browsers(&cache, path, &source, &expected);
    }
}

/// Where python3's outputs are kept for this python3 and its `os.cpu_count()`, the layout that
/// tests/browser/conformance.test.mjs reads and writes: `target/python3-output/<version>/cpu-<N>/`.
fn python3_output_dir() -> std::path::PathBuf {
    let ask = |code: &str| {
        let output = Command::new("python3")
            .args(["-c", code])
            .output()
            .expect("python3 runs");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    };
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/python3-output")
        .join(ask(
            "import platform; print('Python-' + platform.python_version())",
        ))
        .join(format!("cpu-{}", ask("import os; print(os.cpu_count())")))
}

/// Keeps python3's output of a program threadplay printed the same: a run that two
/// implementations agree on was not disturbed by the machine, so the next browser may trust it.
fn keep_for_the_browsers(dir: &Path, path: &Path, source: &str, lines: &[String]) {
    let name = path.file_name().expect("a program file").to_string_lossy();
    let kept = serde_json::json!({ "source": source, "lines": lines });
    std::fs::create_dir_all(dir).expect("target/ is writable");
    std::fs::write(dir.join(format!("{name}.json")), kept.to_string())
        .expect("target/ is writable");
}
