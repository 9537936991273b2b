//! A short program run once before a page's first program, its output discarded. A browser
//! compiles a wasm function when it is first called (WebKit first interprets it), so a fresh
//! page ran the interpreter's common paths up to ten times slower: in WebKit with shared
//! memory, a program's first 200 ms of Python took 150-200 ms longer than its second run, which
//! moved a 10 ms timer behind a 100 ms one. Warming up moves that cost before the run's clock.

use super::{Program, ProgramReport, ProgramSettings, RunState};
use crate::clock::Clock;
use crate::event::{Event, EventSink};
use crate::scenario::Model;
use crate::task::StopSignal;

const PROGRAM: &str = include_str!("warm_up.py");

/// How long one turn of the warm-up may run; it never sleeps, so it ends within its turns.
const TURN_MS: f64 = 50.0;

struct Discard;

impl EventSink for Discard {
    fn emit(&self, _event: Event) {}
}

/// Runs the warm-up program on this thread, under the GIL.
pub fn warm_up(clock: &dyn Clock) -> ProgramReport {
    let program = Program::compile(PROGRAM).expect("the warm-up program compiles");
    let stop = StopSignal::new();
    let run = RunState::start(
        &program,
        ProgramSettings::new(Model::Gil, 1),
        clock,
        &Discard,
        &stop,
        true,
    );
    // A wait would mean a sleep crept into the program: give up rather than spin.
    while run.poll(TURN_MS) == Some(0.0) {}
    run.report()
}

#[cfg(test)]
mod tests {
    use crate::clock::InstantClock;

    #[test]
    fn the_warm_up_program_runs_to_its_end_without_waiting() {
        let report = super::warm_up(&InstantClock::default());
        assert_eq!((report.error, report.lines), (None, 8));
    }
}
