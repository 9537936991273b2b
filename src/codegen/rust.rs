//! The Rust behind a run, condensed from `src/engine.rs` and `src/task.rs` for the current
//! settings: what each pool thread (or worker, or the event loop) really executes.

use super::Listing;
use crate::scenario::{Model, Scenario, SyncMode, Work};

pub fn program(scenario: &Scenario) -> String {
    let mut code = Listing::default();
    code.line(
        "// Condensed from threadplay's engine (src/engine.rs, src/task.rs) for these settings.",
    )
    .line("use std::time::{Duration, Instant};")
    .blank();
    if scenario.work == Work::Count {
        counter(&mut code, scenario);
    }
    if scenario.model == Model::Gil {
        code.line("// A fair lock; a computing holder hands it over every 5 ms if someone waits.")
            .line("static GIL: Gil = Gil::new();")
            .blank();
    }
    task(&mut code, scenario);
    code.blank();
    main(&mut code, scenario);
    code.finish()
}

fn counter(code: &mut Listing, scenario: &Scenario) {
    match (scenario.model, scenario.sync) {
        (Model::Processes, _) => {
            code.line("// Each worker instance has its own memory, so its own counter.")
        }
        (_, SyncMode::Mutex) => code.line("static COUNTER: Mutex<u64> = Mutex::new(0);"),
        _ => code.line("static COUNTER: AtomicU64 = AtomicU64::new(0);"),
    };
    code.blank();
}

fn task(code: &mut Listing, scenario: &Scenario) {
    let is_async = scenario.model == Model::Async;
    if is_async {
        code.line("// A resumable task: runs until its next sleep and returns how long to sleep.")
            .line("fn step(n: u32, next_iteration: &mut u32) -> Option<Duration> {")
            .indent()
            .line(format!(
                "while *next_iteration < {} {{",
                scenario.iterations
            ))
            .indent()
            .line("let i = *next_iteration;")
            .line("*next_iteration += 1;");
    } else {
        code.line("fn task(n: u32) {")
            .indent()
            .line(format!("for i in 0..{} {{", scenario.iterations))
            .indent();
    }
    code.line("println!(\"Task {n} - Iteration {i}\");");
    if scenario.computes() {
        code.line(format!(
            "burn(cpu.steps_for({}.0)); // xorshift steps, calibrated to ~{} ms here",
            scenario.cpu_ms, scenario.cpu_ms
        ));
    }
    if scenario.work == Work::Count {
        increments(code, scenario);
    }
    let sleep_ms = scenario.sleep_per_iteration_ms();
    if sleep_ms > 0 {
        if is_async {
            code.line(format!("return Some(Duration::from_millis({sleep_ms}));"));
        } else if scenario.model == Model::Gil {
            code.line("GIL.release(); // sleeping lets the others run")
                .line(format!(
                    "std::thread::sleep(Duration::from_millis({sleep_ms}));"
                ))
                .line("GIL.acquire();");
        } else {
            code.line(format!(
                "std::thread::sleep(Duration::from_millis({sleep_ms}));"
            ));
        }
    }
    code.dedent().line("}");
    if is_async {
        code.line("None");
    }
    code.dedent().line("}");
}

fn increments(code: &mut Listing, scenario: &Scenario) {
    code.line(format!("for _ in 0..{} {{", scenario.increments))
        .indent();
    match (scenario.model, scenario.sync) {
        (Model::Processes, _) => code.line("own_counter += 1;"),
        (_, SyncMode::None) => code
            .line("let seen = COUNTER.load(Relaxed); // read, then write:")
            .line("COUNTER.store(seen + 1, Relaxed); // a concurrent update is lost"),
        (_, SyncMode::Mutex) => code.line("*COUNTER.lock().unwrap() += 1;"),
        (_, SyncMode::Atomic) => code.line("COUNTER.fetch_add(1, Relaxed);"),
    };
    code.dedent().line("}");
}

fn main(code: &mut Listing, scenario: &Scenario) {
    code.line("fn main() {")
        .indent()
        .line("let start = Instant::now();");
    let tasks = scenario.tasks;
    match scenario.model {
        Model::Threads | Model::Gil => {
            code.line(format!(
                "let pool = rayon::ThreadPoolBuilder::new().num_threads({}).build().unwrap();",
                scenario.threads
            ))
            .line("// Submitted in order; each free thread takes the oldest waiting task.")
            .line("pool.scope_fifo(|scope| {")
            .indent()
            .line(format!("for n in 1..={tasks} {{"))
            .indent();
            if scenario.model == Model::Gil {
                code.line("scope.spawn_fifo(move |_| { GIL.acquire(); task(n); GIL.release(); });");
            } else {
                code.line("scope.spawn_fifo(move |_| task(n));");
            }
            code.dedent().line("}").dedent().line("});");
        }
        Model::Sequential => {
            code.line(format!("for n in 1..={tasks} {{"))
                .indent()
                .line("task(n);")
                .dedent()
                .line("}");
        }
        Model::Processes => {
            code.line(format!(
                "// {} isolated workers (Web Workers with their own wasm instance and memory;",
                scenario.threads
            ))
            .line("// natively, child processes); each free one takes the next task by message.")
            .line(format!(
                "let workers: Vec<Worker> = (0..{}).map(|_| Worker::spawn()).collect();",
                scenario.threads
            ))
            .line(format!(
                "run_fifo(&workers, 1..={tasks}, |worker, n| worker.run(task, n));"
            ));
        }
        Model::Async => {
            code.line(format!(
                "let mut ready: VecDeque<u32> = (1..={tasks}).collect();"
            ))
            .line("let mut sleepers = BinaryHeap::new(); // (wake-up time, task)")
            .line("let mut progress = HashMap::new();")
            .line("loop {")
            .indent()
            .line("while let Some(n) = ready.pop_front() {")
            .indent()
            .line("if let Some(nap) = step(n, progress.entry(n).or_insert(0)) {")
            .indent()
            .line("sleepers.push(Reverse((Instant::now() + nap, n)));")
            .dedent()
            .line("}")
            .dedent()
            .line("}")
            .line("let Some(Reverse((wake, n))) = sleepers.pop() else { break };")
            .line("std::thread::sleep(wake.saturating_duration_since(Instant::now()));")
            .line("ready.push_back(n);")
            .dedent()
            .line("}");
        }
    }
    code.line("println!(\"Finished in {:.2} second(s)\", start.elapsed().as_secs_f64());")
        .dedent()
        .line("}");
}
