//! Python for each model, in the tutorials' idiom: `threading.Thread` with `start`/`join`,
//! `ThreadPoolExecutor` when the pool is smaller than the task count, `multiprocessing`,
//! `asyncio.gather`, and a `Lock` in the race lab.

use super::Listing;
use crate::scenario::{Model, Scenario, SyncMode, Work};

/// CPython's speed at `cpu_work`'s loop on a typical machine (about 16,500 steps per ms
/// measured here), so the Python computes for about as long as the playground does.
const PYTHON_STEPS_PER_MS: u32 = 15_000;

pub fn program(scenario: &Scenario) -> String {
    let mut code = Listing::default();
    imports(&mut code, scenario);
    if scenario.computes() {
        cpu_work(&mut code, scenario);
    }
    if scenario.work == Work::Count {
        counter(&mut code, scenario);
    }
    task(&mut code, scenario);
    code.blank();
    match scenario.model {
        Model::Sequential => sequential_main(&mut code, scenario),
        Model::Threads | Model::Gil => threads_main(&mut code, scenario),
        Model::Processes => processes_main(&mut code, scenario),
        Model::Async => async_main(&mut code, scenario),
    }
    code.finish()
}

fn imports(code: &mut Listing, scenario: &Scenario) {
    match scenario.model {
        Model::Threads | Model::Gil if scenario.tasks > scenario.threads => {
            code.line("import concurrent.futures");
        }
        Model::Processes => {
            code.line("import multiprocessing");
        }
        Model::Async => {
            code.line("import asyncio");
        }
        _ => {}
    }
    if uses_threading(scenario) {
        code.line("import threading");
    }
    code.line("import time").blank();
    match scenario.model {
        Model::Gil => code
            .line("# CPython's GIL lets one thread run Python code at a time: threads that")
            .line("# compute take turns (about every 5 ms); threads that sleep still overlap."),
        Model::Threads => code
            .line("# In CPython the GIL makes CPU work take turns (model=gil); threadplay's")
            .line("# threads, like free-threaded Python 3.13t, compute in parallel."),
        Model::Processes => code
            .line("# Each process has its own interpreter and memory: CPU work runs in")
            .line("# parallel, and nothing is shared unless sent between processes."),
        Model::Async => {
            code.line("# One thread, one event loop: tasks switch only where they await.")
        }
        Model::Sequential => code.line("# One task after another: the baseline."),
    };
    code.blank();
}

fn uses_threading(scenario: &Scenario) -> bool {
    let threaded = matches!(scenario.model, Model::Threads | Model::Gil);
    let starts_threads = threaded && scenario.tasks <= scenario.threads;
    let locks = threaded && scenario.work == Work::Count && scenario.sync != SyncMode::None;
    starts_threads || locks
}

fn cpu_work(code: &mut Listing, scenario: &Scenario) {
    code.line("def cpu_work(steps):")
        .indent()
        .line(format!(
            "\"\"\"Real computation: {} steps take about {} ms.\"\"\"",
            steps(scenario),
            scenario.cpu_ms
        ))
        .line("x = 0")
        .line("for _ in range(steps):")
        .indent()
        .line("x = (x * 1103515245 + 12345) & 0x7FFFFFFF")
        .dedent()
        .line("return x")
        .dedent()
        .blank()
        .blank();
}

fn steps(scenario: &Scenario) -> u32 {
    scenario.cpu_ms * PYTHON_STEPS_PER_MS
}

fn counter(code: &mut Listing, scenario: &Scenario) {
    code.line("counter = 0");
    let threaded = matches!(scenario.model, Model::Threads | Model::Gil);
    if threaded && scenario.sync != SyncMode::None {
        if scenario.sync == SyncMode::Atomic {
            code.line("# Python has no atomic integers; a Lock is how it makes += indivisible.");
        }
        code.line("lock = threading.Lock()");
    }
    code.blank().blank();
}

fn task(code: &mut Listing, scenario: &Scenario) {
    let is_async = scenario.model == Model::Async;
    code.line(format!(
        "{}def task(n):",
        if is_async { "async " } else { "" }
    ))
    .indent();
    if scenario.work == Work::Count {
        code.line("global counter");
    }
    code.line(format!("for i in range({}):", scenario.iterations))
        .indent()
        .line("print(f\"Task {n} - Iteration {i}\", flush=True)");
    if scenario.computes() {
        code.line(format!("cpu_work({})", steps(scenario)));
    }
    if scenario.work == Work::Count {
        increments(code, scenario);
    }
    let sleep_ms = scenario.sleep_per_iteration_ms();
    if sleep_ms > 0 {
        let seconds = seconds(sleep_ms);
        if is_async {
            code.line(format!("await asyncio.sleep({seconds})"));
        } else {
            code.line(format!("time.sleep({seconds})"));
        }
    }
    code.dedent().dedent();
}

fn increments(code: &mut Listing, scenario: &Scenario) {
    code.line(format!("for _ in range({}):", scenario.increments))
        .indent();
    let threaded = matches!(scenario.model, Model::Threads | Model::Gil);
    if threaded && scenario.sync != SyncMode::None {
        code.line("with lock:")
            .indent()
            .line("counter += 1")
            .dedent();
    } else if threaded {
        code.line("seen = counter  # read, then write: another thread may write in between")
            .line("counter = seen + 1");
    } else {
        code.line("counter += 1");
    }
    code.dedent();
}

/// Seconds as Python writes them: `1` for 1000 ms, `0.25` for 250 ms.
fn seconds(ms: u32) -> String {
    if ms.is_multiple_of(1000) {
        (ms / 1000).to_string()
    } else {
        let text = format!("{:.3}", f64::from(ms) / 1000.0);
        text.trim_end_matches('0').to_string()
    }
}

fn timed(code: &mut Listing, body: impl FnOnce(&mut Listing)) {
    code.line("start = time.perf_counter()");
    body(code);
    code.line("finish = time.perf_counter()")
        .line("print(f'Finished in {round(finish-start,2)} second(s)')");
}

fn report_counter(code: &mut Listing, scenario: &Scenario) {
    if scenario.work == Work::Count {
        code.line(format!(
            "print(f\"Counter: {{counter}} (expected {})\")",
            scenario.expected_count()
        ));
    }
}

fn sequential_main(code: &mut Listing, scenario: &Scenario) {
    timed(code, |code| {
        code.line(format!("for n in range(1, {}):", scenario.tasks + 1))
            .indent()
            .line("task(n)")
            .dedent();
    });
    report_counter(code, scenario);
}

fn threads_main(code: &mut Listing, scenario: &Scenario) {
    timed(code, |code| {
        if scenario.tasks <= scenario.threads {
            start_and_join(code, scenario, "thread", "threading.Thread");
        } else {
            code.line(format!(
                "with concurrent.futures.ThreadPoolExecutor(max_workers={}) as executor:",
                scenario.threads
            ))
            .indent()
            .line(format!(
                "list(executor.map(task, range(1, {})))",
                scenario.tasks + 1
            ))
            .dedent();
        }
    });
    report_counter(code, scenario);
}

fn processes_main(code: &mut Listing, scenario: &Scenario) {
    code.line("if __name__ == \"__main__\":").indent();
    timed(code, |code| {
        if scenario.tasks <= scenario.threads {
            start_and_join(code, scenario, "process", "multiprocessing.Process");
        } else {
            code.line(format!(
                "with multiprocessing.Pool(processes={}) as pool:",
                scenario.threads
            ))
            .indent()
            .line(format!("pool.map(task, range(1, {}))", scenario.tasks + 1))
            .dedent();
        }
    });
    if scenario.work == Work::Count {
        code.line("# Each process incremented its own copy: this one's is untouched.");
    }
    report_counter(code, scenario);
    code.dedent();
}

/// One `Thread` or `Process` per task, started together and joined, as the tutorials do.
fn start_and_join(code: &mut Listing, scenario: &Scenario, name: &str, class: &str) {
    code.line(format!(
        "{name}s = [{class}(target=task, args=(n,)) for n in range(1, {})]",
        scenario.tasks + 1
    ))
    .line(format!("for {name} in {name}s:"))
    .indent()
    .line(format!("{name}.start()"))
    .dedent()
    .line(format!("for {name} in {name}s:"))
    .indent()
    .line(format!("{name}.join()"))
    .dedent();
}

fn async_main(code: &mut Listing, scenario: &Scenario) {
    code.line("async def main():")
        .indent()
        .line(format!(
            "await asyncio.gather(*(task(n) for n in range(1, {})))",
            scenario.tasks + 1
        ))
        .dedent()
        .blank()
        .blank();
    timed(code, |code| {
        code.line("asyncio.run(main())");
    });
    report_counter(code, scenario);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_read_like_python() {
        assert_eq!(seconds(1000), "1");
        assert_eq!(seconds(250), "0.25");
        assert_eq!(seconds(1), "0.001");
    }

    #[test]
    fn the_tutorial_scenario_uses_start_and_join() {
        let code = program(&Scenario::default());
        assert!(
            code.contains("threading.Thread(target=task, args=(n,))"),
            "{code}"
        );
        assert!(code.contains("thread.join()"), "{code}");
        assert!(code.contains("time.sleep(1)"), "{code}");
    }
}
