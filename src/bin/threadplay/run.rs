//! `threadplay run` and `threadplay code`: the tutorial's program in a terminal.

use crate::processes;
use clap::builder::TypedValueParser;
use serde::Serialize;
use std::error::Error;
use std::io::Write;
use threadplay::codegen::code_for;
use threadplay::engine::{self, RunReport};
use threadplay::event::{Event, EventBuffer, EventKind, EventSink, Stream};
use threadplay::preset::Preset;
use threadplay::python::{self, Program, ProgramReport, ProgramSettings};
use threadplay::scenario::{Fault, Model, Scenario, SyncMode, Work};
use threadplay::task::StopSignal;

/// A scenario's settings; any left out come from the preset, or the tutorial's defaults.
#[derive(clap::Args)]
pub struct ScenarioArgs {
    /// Start from a preset (tutorial, do-something, cpu-threads, cpu-gil, cpu-processes,
    /// many-io, race, async).
    #[arg(long, value_parser = named(Preset::ALL, Preset::name))]
    preset: Option<Preset>,
    /// Execution model.
    #[arg(long, value_parser = named(Model::ALL, Model::name))]
    model: Option<Model>,
    /// What each iteration does after its line.
    #[arg(long, value_parser = named(Work::ALL, Work::name))]
    work: Option<Work>,
    /// How `count` work protects the shared counter.
    #[arg(long, value_parser = named(SyncMode::ALL, SyncMode::name))]
    sync: Option<SyncMode>,
    /// Tasks to submit (1–256).
    #[arg(long)]
    tasks: Option<u32>,
    /// Lines each task prints (1–10000).
    #[arg(long)]
    iterations: Option<u32>,
    /// Sleep per iteration in ms, for io and mixed work (0–60000).
    #[arg(long)]
    sleep_ms: Option<u32>,
    /// Threads (or processes) in the pool (1–64).
    #[arg(long)]
    threads: Option<u32>,
    /// Computation per iteration in ms, for cpu and mixed work (0–10000).
    #[arg(long)]
    cpu_ms: Option<u32>,
    /// Counter increments per iteration, for count work (1–1000000).
    #[arg(long)]
    increments: Option<u32>,
    /// A fault to inject, for testing (panic: task 1 panics at iteration 1).
    #[arg(long, hide = true, value_parser = named(Fault::ALL, Fault::name))]
    fault: Option<Fault>,
}

impl ScenarioArgs {
    fn scenario(&self) -> Result<Scenario, Box<dyn Error>> {
        let mut scenario = self.preset.map_or_else(Scenario::default, Preset::scenario);
        scenario.model = self.model.unwrap_or(scenario.model);
        scenario.work = self.work.unwrap_or(scenario.work);
        scenario.sync = self.sync.unwrap_or(scenario.sync);
        scenario.fault = self.fault.unwrap_or(scenario.fault);
        let numbers = [
            ("tasks", self.tasks),
            ("iterations", self.iterations),
            ("sleep_ms", self.sleep_ms),
            ("threads", self.threads),
            ("cpu_ms", self.cpu_ms),
            ("increments", self.increments),
        ];
        for (name, value) in numbers {
            if let (Some(value), Some(number)) = (value, scenario.number_mut(name)) {
                *number = value;
            }
        }
        Ok(scenario.validate()?)
    }
}

/// A clap parser for a named enum, listing its names in `--help` and errors.
fn named<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    let names: Vec<&'static str> = all.iter().map(|&value| name(value)).collect();
    clap::builder::PossibleValuesParser::new(names).map(move |chosen| {
        *all.iter()
            .find(|&&value| name(value) == chosen)
            .expect("clap only passes listed names")
    })
}

#[derive(clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    scenario: ScenarioArgs,
    /// Print the run record as JSON (events, report) instead of the lines.
    #[arg(long)]
    json: bool,
    /// Run this Python program (`-` reads it from standard input) instead of the scenario;
    /// `--model` and `--threads` still choose the GIL and the workers for its threads.
    #[arg(long, value_name = "FILE")]
    file: Option<std::path::PathBuf>,
}

#[derive(clap::Args)]
pub struct CodeArgs {
    #[command(flatten)]
    scenario: ScenarioArgs,
    /// Which listing.
    #[arg(long, default_value = "python", value_parser = ["python", "rust"])]
    lang: String,
}

pub fn run(args: RunArgs) -> Result<(), Box<dyn Error>> {
    let scenario = args.scenario.scenario()?;
    if let Some(path) = &args.file {
        return run_file(path, &scenario, args.json);
    }
    if args.json {
        let events = EventBuffer::default();
        let report = run_scenario(&scenario, &events)?;
        let record = JsonRecord {
            config: scenario,
            report,
            events: events.drain(),
        };
        say(format_args!("{}", serde_json::to_string(&record)?));
        return Ok(());
    }
    let report = run_scenario(&scenario, &TerminalSink)?;
    print_summary(&scenario, &report);
    Ok(())
}

/// Runs a Python program; its lines (and an uncaught exception's traceback) print as they
/// happen, and a program that fails makes the command fail.
fn run_file(path: &std::path::Path, scenario: &Scenario, json: bool) -> Result<(), Box<dyn Error>> {
    let source = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?
    };
    let settings = ProgramSettings::new(scenario.model, scenario.threads);
    let stop = StopSignal::default();
    let program = Program::compile(&source);
    if json {
        let events = EventBuffer::default();
        let report = match &program {
            Ok(program) => python::run_on_new_pool(program, settings, &events, &stop)?,
            Err(error) => ProgramReport::failed_before_run(error.clone()),
        };
        let record = JsonProgramRecord {
            code: &source,
            report,
            events: events.drain(),
        };
        say(format_args!("{}", serde_json::to_string(&record)?));
        return Ok(());
    }
    let report = python::run_on_new_pool(&program?, settings, &TerminalSink, &stop)?;
    if let Some(error) = report.error {
        return Err(format!(
            "the program failed in {}: {}",
            error.thread.unwrap_or_default(),
            error.message
        )
        .into());
    }
    say(format_args!(
        "Ran in {:.2} s with {} thread(s) on {} worker(s) under {}",
        report.wall_ms / 1000.0,
        report.threads,
        settings.workers,
        settings.model
    ));
    Ok(())
}

#[derive(Serialize)]
struct JsonProgramRecord<'a> {
    code: &'a str,
    report: ProgramReport,
    events: Vec<Event>,
}

pub fn code(args: CodeArgs) -> Result<(), Box<dyn Error>> {
    let code = code_for(&args.scenario.scenario()?);
    let listing = if args.lang == "rust" {
        code.rust
    } else {
        code.python
    };
    // A closed pipe (`| head`) ends the output, not the program.
    let _ = write!(std::io::stdout().lock(), "{listing}");
    Ok(())
}

fn run_scenario(scenario: &Scenario, sink: &dyn EventSink) -> Result<RunReport, Box<dyn Error>> {
    if scenario.model == Model::Processes {
        processes::run(scenario, sink)
    } else {
        engine::run_on_new_pool(scenario, sink, &StopSignal::default())
    }
}

fn print_summary(scenario: &Scenario, report: &RunReport) {
    if let Some(counter) = report.counter {
        say(format_args!(
            "Counter: {} (expected {}, {} lost)",
            counter.actual,
            counter.expected,
            counter.expected.saturating_sub(counter.actual)
        ));
    }
    say(format_args!("{}", report.finished_line));
    say(format_args!(
        "Sequential {:.2} s, ideal {:.2} s, speedup {:.2}x ({:.0}% of {} at once) under {}",
        report.sequential_ms / 1000.0,
        report.ideal_ms / 1000.0,
        report.speedup,
        report.efficiency * 100.0,
        report.parallelism,
        scenario.model
    ));
}

#[derive(Serialize)]
struct JsonRecord {
    config: Scenario,
    report: RunReport,
    events: Vec<Event>,
}

/// Prints a line to standard output; a closed pipe (`| head`) ends the output, not the program.
fn say(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Prints each line as it happens, with its time and worker, like the page's log.
struct TerminalSink;

impl EventSink for TerminalSink {
    fn emit(&self, event: Event) {
        if event.kind != EventKind::Line {
            return;
        }
        if let Some(text) = event.text() {
            let line = format!("{:>9.1} ms  worker {:<2}  {text}", event.t_ms, event.worker);
            // A closed pipe (`| head`) must not panic a worker thread; the run just goes unseen.
            let _ = match event.stream {
                Stream::Stdout => writeln!(std::io::stdout().lock(), "{line}"),
                Stream::Stderr => writeln!(std::io::stderr().lock(), "{line}"),
            };
        }
    }
}
