//! Malformed and odd programs never panic the interpreter: any text either compiles or names
//! its problem, and whatever compiles runs to an end (within a stop and a step limit).

mod common;

use common::run_python_with;
use proptest::prelude::*;
use threadplay::python::{Program, ProgramSettings};
use threadplay::scenario::Model;
use threadplay::task::StopSignal;

const TWO_TASKS: &str = include_str!("programs/two_tasks.py");
const DO_SOMETHING: &str = include_str!("programs/do_something.py");

/// Pieces programs are made of, so random ones get past the parser often.
const PIECES: &[&str] = &[
    "import threading\n",
    "import time\n",
    "import asyncio\n",
    "from concurrent.futures import ThreadPoolExecutor\n",
    "import multiprocessing\n",
    "def f(n=1):\n",
    "async def g():\n",
    "    ",
    "\n",
    "return ",
    "await ",
    "global x\n",
    "for i in range(3):\n",
    "while x < 3:\n",
    "if x:\n",
    "else:\n",
    "with lock:\n",
    "x = ",
    "x += ",
    "y = [",
    "]",
    "(",
    ")",
    ", ",
    "1",
    "0",
    "-1",
    "2.5",
    "'s'",
    "f'{x:>4}'",
    "None",
    "True",
    "x",
    "y",
    "f",
    "g()",
    "f(x)",
    " + ",
    " / ",
    " // ",
    " % ",
    " * ",
    " ** ",
    " == ",
    " < ",
    " and ",
    " not ",
    "print(",
    "len(",
    "str(",
    "int(",
    "round(",
    "time.sleep(0.01)",
    "time.perf_counter()",
    "threading.Thread(target=f, args=(1,))",
    ".start()",
    ".join()",
    "lock = threading.Lock()\n",
    "asyncio.run(g())",
    "asyncio.gather(g(), g())",
    "asyncio.sleep(0)",
    "ThreadPoolExecutor(2)",
    ".submit(f, 1)",
    ".result()",
    "multiprocessing.Process(target=f)",
    "[0] * 3",
    "y[0]",
    "x[1:]",
    "{'a': 1}",
    "break\n",
    "continue\n",
    "pass\n",
    ":",
    "=",
    "lambda n: n",
    "sorted(y)",
];

fn settings() -> ProgramSettings {
    ProgramSettings {
        max_steps: 50_000,
        ..ProgramSettings::new(Model::Gil, 2)
    }
}

/// Runs `program` for at most about half a second of sleeps.
fn run_briefly(program: &str) {
    let stop = StopSignal::default();
    std::thread::scope(|scope| {
        let runner = scope.spawn(|| run_python_with(program, settings(), &stop));
        let started = std::time::Instant::now();
        while !runner.is_finished() {
            if started.elapsed() > std::time::Duration::from_millis(500) {
                stop.stop();
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let (_, report) = runner.join().expect("the interpreter does not panic");
        assert!(
            report.wall_ms < 5000.0,
            "{program}\nran {} ms",
            report.wall_ms
        );
    });
}

fn compile_and_maybe_run(source: &str) {
    match Program::compile(source) {
        Ok(_) => run_briefly(source),
        Err(error) => {
            assert!(!error.message.is_empty());
            assert!(
                error.line >= 1 && error.column >= 1,
                "{source:?}: {error:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_text_compiles_or_names_its_problem(source in "\\PC{0,200}") {
        if let Err(error) = Program::compile(&source) {
            prop_assert!(error.line >= 1 && error.column >= 1, "{:?}", error);
        }
    }

    #[test]
    fn programs_made_of_python_pieces_never_panic(pieces in proptest::collection::vec(0..PIECES.len(), 0..40)) {
        let source: String = pieces.iter().map(|&piece| PIECES[piece]).collect();
        compile_and_maybe_run(&source);
    }

    #[test]
    fn the_tutorials_damaged_anywhere_never_panic(
        which in 0..2usize,
        cut in 0..600usize,
        len in 0..20usize,
        insert in proptest::sample::select(PIECES),
    ) {
        let original = if which == 0 { TWO_TASKS } else { DO_SOMETHING }.replace("time.sleep(1)", "time.sleep(0.01)");
        let mut source: Vec<char> = original.chars().collect();
        let at = cut.min(source.len());
        let end = (at + len).min(source.len());
        source.splice(at..end, insert.chars());
        compile_and_maybe_run(&source.into_iter().collect::<String>());
    }
}

#[test]
fn deeply_nested_expressions_are_refused_not_overflowed() {
    for depth in [100, 1000, 10_000] {
        let source = format!("x = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
        let error = Program::compile(&source).expect_err("too deep");
        assert!(error.message.contains("nested"), "{}", error.message);
        let source = format!("x = {}1\n", "-".repeat(depth));
        assert!(Program::compile(&source).is_err());
    }
}
