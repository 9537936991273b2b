//! `threadplay run`: the tutorial's program in a terminal, on real OS threads.

use std::error::Error;
use std::io::Write;
use threadplay::engine;
use threadplay::event::{Event, EventKind, EventSink};
use threadplay::scenario::{Scenario, ITERATIONS, SLEEP_MS, TASKS, THREADS};

#[derive(clap::Args)]
pub struct RunArgs {
    /// Tasks to submit to the pool (1–256).
    #[arg(long, default_value_t = TASKS.default)]
    tasks: u32,
    /// Lines each task prints, one sleep after each (1–10000).
    #[arg(long, default_value_t = ITERATIONS.default)]
    iterations: u32,
    /// Milliseconds each task sleeps after each line (0–60000).
    #[arg(long, default_value_t = SLEEP_MS.default)]
    sleep_ms: u32,
    /// Threads in the pool (1–64).
    #[arg(long, default_value_t = THREADS.default)]
    threads: u32,
}

pub fn run(args: RunArgs) -> Result<(), Box<dyn Error>> {
    let scenario = Scenario::new(args.tasks, args.iterations, args.sleep_ms, args.threads)?;
    let report = engine::run_on_new_pool(&scenario, &TerminalSink)?;
    println!("{}", report.finished_line());
    println!(
        "Sequential {:.2} second(s), speedup {:.2}x on {} thread(s)",
        report.sequential_ms / 1000.0,
        report.speedup(),
        scenario.threads
    );
    Ok(())
}

/// Prints each line as it happens, with its time and worker, like the page's log.
struct TerminalSink;

impl EventSink for TerminalSink {
    fn emit(&self, event: Event) {
        if event.kind != EventKind::Line {
            return;
        }
        if let Some(text) = event.text() {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) must not panic a worker thread; the run just goes unseen.
            let _ = writeln!(
                stdout,
                "{:>9.1} ms  worker {:<2}  {text}",
                event.t_ms, event.worker
            );
        }
    }
}
