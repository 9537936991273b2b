//! The `processes` model natively: each task runs in a child process (this binary's hidden
//! `task` command) with its own memory, `threads` at a time, taken in submission order, like
//! `multiprocessing.Pool`. Children report their events as JSON lines on stdout.

use std::error::Error;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use threadplay::clock::{Clock, SystemClock};
use threadplay::cpu::CpuWork;
use threadplay::engine::{run_task_alone, RunReport, TaskOutcome};
use threadplay::event::{Event, EventSink};
use threadplay::query;
use threadplay::scenario::{Scenario, Work};

#[derive(clap::Args)]
pub struct TaskArgs {
    /// The scenario, as a link query.
    #[arg(long)]
    query: String,
    #[arg(long)]
    task: u32,
    #[arg(long)]
    worker: u32,
    /// The run's start on the wall clock, which parent and children share.
    #[arg(long)]
    origin_ms: f64,
    /// The parent's CPU calibration, so children compute alike and skip measuring.
    #[arg(long)]
    steps_per_ms: Option<f64>,
}

/// The child's side: run one task, print each event and then the outcome as JSON lines.
pub fn task(args: TaskArgs) -> Result<(), Box<dyn Error>> {
    let scenario = query::parse(&args.query).scenario;
    if let Some(steps_per_ms) = args.steps_per_ms {
        CpuWork::adopt(steps_per_ms);
    }
    let outcome = run_task_alone(
        &scenario,
        args.task,
        args.worker,
        &SystemClock,
        args.origin_ms,
        &JsonLines,
    );
    println!("{}", serde_json::to_string(&outcome)?);
    Ok(())
}

struct JsonLines;

impl EventSink for JsonLines {
    fn emit(&self, event: Event) {
        if let Ok(line) = serde_json::to_string(&event) {
            println!("{line}");
        }
    }
}

/// The parent's side: a pool of `threads` process slots.
pub fn run(scenario: &Scenario, sink: &dyn EventSink) -> Result<RunReport, Box<dyn Error>> {
    let program = std::env::current_exe()?;
    let query = query::to_query(scenario, None);
    // Measured once here, before the run's clock starts, rather than in every child.
    let steps_per_ms = scenario
        .computes()
        .then(|| CpuWork::calibrated(&SystemClock).steps_per_ms());
    let origin_ms = SystemClock.now_ms();
    let next_task = AtomicU32::new(1);
    let sequential_ms = Mutex::new(0.0);
    let slots = scenario.threads.min(scenario.tasks);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..slots)
            .map(|worker| {
                let (program, query, next_task, sequential_ms) =
                    (&program, &query, &next_task, &sequential_ms);
                scope.spawn(move || -> Result<(), String> {
                    loop {
                        let task = next_task.fetch_add(1, Ordering::Relaxed);
                        if task > scenario.tasks {
                            return Ok(());
                        }
                        let child = Child {
                            program,
                            query,
                            task,
                            worker,
                            origin_ms,
                            steps_per_ms,
                        };
                        let outcome = child.run(sink)?;
                        *sequential_ms.lock().unwrap_or_else(|e| e.into_inner()) += outcome.task_ms;
                    }
                })
            })
            .collect();
        workers.into_iter().try_for_each(|worker| {
            worker
                .join()
                .unwrap_or_else(|_| Err("a slot panicked".into()))
        })
    })?;
    let wall_ms = SystemClock.now_ms() - origin_ms;
    let sequential_ms = *sequential_ms.lock().unwrap_or_else(|e| e.into_inner());
    // Every child counted in its own memory; this process's counter was never touched.
    let counted = (scenario.work == Work::Count).then_some(0);
    Ok(RunReport::new(scenario, wall_ms, sequential_ms, counted))
}

struct Child<'a> {
    program: &'a std::path::Path,
    query: &'a str,
    task: u32,
    worker: u32,
    origin_ms: f64,
    steps_per_ms: Option<f64>,
}

impl Child<'_> {
    /// Starts the child, forwards its events as they arrive, and returns its outcome.
    fn run(&self, sink: &dyn EventSink) -> Result<TaskOutcome, String> {
        let mut command = Command::new(self.program);
        command
            .args(["task", "--query", self.query])
            .args(["--task", &self.task.to_string()])
            .args(["--worker", &self.worker.to_string()])
            .args(["--origin-ms", &self.origin_ms.to_string()]);
        if let Some(steps_per_ms) = self.steps_per_ms {
            command.args(["--steps-per-ms", &steps_per_ms.to_string()]);
        }
        let mut child = command.stdout(Stdio::piped()).spawn().map_err(|error| {
            format!("could not start a process for task {}: {error}", self.task)
        })?;
        let stdout = child.stdout.take().ok_or("the child has no stdout")?;
        let mut outcome = None;
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|error| error.to_string())?;
            if let Ok(event) = serde_json::from_str::<Event>(&line) {
                sink.emit(event);
            } else if let Ok(reported) = serde_json::from_str::<TaskOutcome>(&line) {
                outcome = Some(reported);
            }
        }
        let status = child.wait().map_err(|error| error.to_string())?;
        match outcome {
            Some(outcome) if status.success() => Ok(outcome),
            _ => Err(format!(
                "the process for task {} failed ({status})",
                self.task
            )),
        }
    }
}
