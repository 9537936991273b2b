//! The native side of threadplay: run a scenario in the terminal, or serve the playground.

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
    /// Run a scenario on real OS threads and print its lines as they happen.
    Run(run::RunArgs),
    /// Serve the playground with the headers that give it SharedArrayBuffer.
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Run(args) => run::run(args),
        Command::Serve(args) => serve::serve(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("threadplay: {error}");
            ExitCode::FAILURE
        }
    }
}
