//! The native side of threadplay: run a scenario in the terminal, print its code, or serve the
//! playground.

mod processes;
mod run;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "threadplay", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario on real OS threads (or processes) and print its lines as they happen.
    Run(run::RunArgs),
    /// Print the Python (or Rust) behind a scenario.
    Code(run::CodeArgs),
    /// Serve the playground with the headers that give it SharedArrayBuffer.
    Serve(serve::ServeArgs),
    /// Print how many steps of CPU work this machine does per millisecond (natively).
    Calibrate,
    /// Run one task of a `processes` run (the parent starts this; not for people).
    #[command(hide = true)]
    Task(processes::TaskArgs),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Run(args) => run::run(args),
        Command::Code(args) => run::code(args),
        Command::Serve(args) => serve::serve(args),
        Command::Calibrate => {
            let cpu =
                threadplay::cpu::CpuWork::calibrated(&threadplay::clock::InstantClock::default());
            println!("{:.0}", cpu.steps_per_ms());
            Ok(())
        }
        Command::Task(args) => processes::task(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("threadplay: {error}");
            ExitCode::FAILURE
        }
    }
}
