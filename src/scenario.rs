//! The scenario a user runs: how many tasks, what each does per iteration, and the execution
//! model and pool that run them.
//!
//! Every limit lives here, once. The CLI refuses values outside them with a clear error
//! ([`Scenario::validate`]); links are forgiving instead and clamp or fall back, saying what they
//! adjusted (see [`crate::query`]).

use serde::Serialize;
use std::fmt;

/// The range and default of one numeric setting, named as in links (`sleep_ms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limit {
    pub name: &'static str,
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

impl Limit {
    fn check(&self, value: u32) -> Result<(), ScenarioError> {
        if (self.min..=self.max).contains(&value) {
            Ok(())
        } else {
            Err(ScenarioError {
                setting: self.name,
                value,
                min: self.min,
                max: self.max,
            })
        }
    }
}

/// Tasks submitted to the pool, numbered from 1 like the tutorials' `task1`, `task2`.
pub const TASKS: Limit = Limit {
    name: "tasks",
    min: 1,
    max: 256,
    default: 2,
};
/// Lines each task prints; the iteration's work follows each line.
pub const ITERATIONS: Limit = Limit {
    name: "iterations",
    min: 1,
    max: 10_000,
    default: 5,
};
/// Sleep per iteration (`io` and `mixed` work), like the tutorial's `time.sleep(1)`.
pub const SLEEP_MS: Limit = Limit {
    name: "sleep_ms",
    min: 0,
    max: 60_000,
    default: 1000,
};
/// Worker threads (or processes) in the pool. 64 keeps a browser tab's worker count sane.
pub const THREADS: Limit = Limit {
    name: "threads",
    min: 1,
    max: 64,
    default: 2,
};
/// Computation per iteration (`cpu` and `mixed` work), in milliseconds of this machine's time.
pub const CPU_MS: Limit = Limit {
    name: "cpu_ms",
    min: 0,
    max: 10_000,
    default: 100,
};
/// Increments of the shared counter per iteration (`count` work, the race lab).
pub const INCREMENTS: Limit = Limit {
    name: "increments",
    min: 1,
    max: 1_000_000,
    default: 10_000,
};

/// All numeric limits, in the order the controls show them.
pub const LIMITS: [Limit; 6] = [TASKS, ITERATIONS, SLEEP_MS, THREADS, CPU_MS, INCREMENTS];

/// An enum whose variants have stable link names, with the list of all of them.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in links, the CLI and the run record.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.name() == name)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
pub(crate) use named_enum;

named_enum! {
    /// How the tasks are executed: the ways Python tutorials run them.
    Model {
        /// One task after another on one thread: the baseline.
        Sequential = "sequential",
        /// A pool of threads sharing memory, running at once.
        Threads = "threads",
        /// Threads as CPython runs them: only the holder of one global lock computes.
        Gil = "gil",
        /// Isolated workers with their own memory, like `multiprocessing`.
        Processes = "processes",
        /// One thread and an event loop, like `asyncio.gather`: tasks switch only at a sleep.
        Async = "async",
    }
}

impl Model {
    /// The closest model that runs without shared memory, for pages that are not cross-origin
    /// isolated: processes for threads (parallel, memory not shared), the event loop for the
    /// GIL (one computes at a time, waiting overlaps).
    /// What a Python program runs under on a page without shared memory: its threads take
    /// turns on one worker, so free threading becomes the GIL.
    pub fn program_without_shared_memory(self) -> Model {
        match self {
            Model::Threads => Model::Gil,
            model => model,
        }
    }

    pub fn without_shared_memory(self) -> Model {
        match self {
            Model::Threads => Model::Processes,
            Model::Gil => Model::Async,
            Model::Sequential | Model::Processes | Model::Async => self,
        }
    }
}

named_enum! {
    /// What each iteration does after printing its line.
    Work {
        /// Sleep `sleep_ms`: waiting on I/O.
        Io = "io",
        /// Compute for about `cpu_ms`.
        Cpu = "cpu",
        /// Compute for about `cpu_ms`, then sleep `sleep_ms`.
        Mixed = "mixed",
        /// Increment the shared counter `increments` times (the race lab).
        Count = "count",
    }
}

named_enum! {
    /// How `count` work protects the shared counter.
    SyncMode {
        /// Read, then write: concurrent tasks lose updates.
        None = "none",
        /// A lock around each increment.
        Mutex = "mutex",
        /// One atomic read-modify-write per increment.
        Atomic = "atomic",
    }
}

named_enum! {
    /// A fault to inject, for testing that the playground survives it (`fault=` in links).
    Fault {
        /// Nothing goes wrong.
        None = "none",
        /// Task 1 panics at iteration 1.
        Panic = "panic",
    }
}

/// A validated scenario: every number is inside its [`Limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub tasks: u32,
    pub iterations: u32,
    pub sleep_ms: u32,
    pub threads: u32,
    pub cpu_ms: u32,
    pub increments: u32,
    pub model: Model,
    pub work: Work,
    pub sync: SyncMode,
    pub fault: Fault,
}

impl Default for Scenario {
    /// The tutorial's first example: 2 tasks × 5 iterations, 1 s apart, on 2 threads.
    fn default() -> Self {
        Self {
            tasks: TASKS.default,
            iterations: ITERATIONS.default,
            sleep_ms: SLEEP_MS.default,
            threads: THREADS.default,
            cpu_ms: CPU_MS.default,
            increments: INCREMENTS.default,
            model: Model::Threads,
            work: Work::Io,
            sync: SyncMode::None,
            fault: Fault::None,
        }
    }
}

/// A setting outside its limits, as the CLI reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    pub setting: &'static str,
    pub value: u32,
    pub min: u32,
    pub max: u32,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} must be between {} and {} (got {})",
            self.setting, self.min, self.max, self.value
        )
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// The tutorial's scenario with these numbers, refusing any value outside its limit.
    pub fn new(
        tasks: u32,
        iterations: u32,
        sleep_ms: u32,
        threads: u32,
    ) -> Result<Self, ScenarioError> {
        Self {
            tasks,
            iterations,
            sleep_ms,
            threads,
            ..Self::default()
        }
        .validate()
    }

    /// Returns the scenario if every number is inside its limit.
    pub fn validate(self) -> Result<Self, ScenarioError> {
        for (limit, value) in LIMITS.iter().zip(self.numbers()) {
            limit.check(value)?;
        }
        Ok(self)
    }

    /// The numbers in the order of [`LIMITS`].
    pub fn numbers(&self) -> [u32; 6] {
        [
            self.tasks,
            self.iterations,
            self.sleep_ms,
            self.threads,
            self.cpu_ms,
            self.increments,
        ]
    }

    /// The number named `name` in [`LIMITS`].
    pub fn number_mut(&mut self, name: &str) -> Option<&mut u32> {
        Some(match name {
            "tasks" => &mut self.tasks,
            "iterations" => &mut self.iterations,
            "sleep_ms" => &mut self.sleep_ms,
            "threads" => &mut self.threads,
            "cpu_ms" => &mut self.cpu_ms,
            "increments" => &mut self.increments,
            _ => return None,
        })
    }

    /// How many tasks can be in progress at once under this model: computing, sleeping or
    /// waiting for their turn.
    pub fn parallelism(&self) -> u32 {
        match self.model {
            Model::Sequential => 1,
            Model::Async => self.tasks,
            Model::Threads | Model::Gil | Model::Processes => self.threads.min(self.tasks),
        }
    }

    /// How many tasks can compute at the same instant under this model.
    pub fn compute_lanes(&self) -> u32 {
        match self.model {
            Model::Sequential | Model::Async | Model::Gil => 1,
            Model::Threads | Model::Processes => self.threads.min(self.tasks),
        }
    }

    /// The wall time this model would take with no overhead: rounds of `parallelism` tasks,
    /// unless computing through `compute_lanes` takes longer. `None` for `count` work, whose
    /// duration depends on the machine.
    pub fn ideal_ms(&self) -> Option<f64> {
        if self.work == Work::Count {
            return None;
        }
        let cpu_ms = if self.computes() { self.cpu_ms } else { 0 };
        let iteration_ms = f64::from(cpu_ms) + f64::from(self.sleep_per_iteration_ms());
        let task_ms = f64::from(self.iterations) * iteration_ms;
        let rounds = f64::from(self.tasks.div_ceil(self.parallelism()));
        let all_cpu_ms = f64::from(self.tasks) * f64::from(self.iterations) * f64::from(cpu_ms);
        Some((rounds * task_ms).max(all_cpu_ms / f64::from(self.compute_lanes())))
    }

    /// Whether an iteration computes.
    pub fn computes(&self) -> bool {
        matches!(self.work, Work::Cpu | Work::Mixed) && self.cpu_ms > 0
    }

    /// The milliseconds an iteration sleeps.
    pub fn sleep_per_iteration_ms(&self) -> u32 {
        match self.work {
            Work::Io | Work::Mixed => self.sleep_ms,
            Work::Cpu | Work::Count => 0,
        }
    }

    /// What the shared counter should read after `count` work if no update is lost.
    pub fn expected_count(&self) -> u64 {
        u64::from(self.tasks) * u64::from(self.iterations) * u64::from(self.increments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_first_tutorial_example() {
        assert_eq!(Scenario::default(), Scenario::new(2, 5, 1000, 2).unwrap());
        assert_eq!(Scenario::default().model, Model::Threads);
        assert_eq!(Scenario::default().work, Work::Io);
    }

    #[test]
    fn names_round_trip() {
        for model in Model::ALL {
            assert_eq!(Model::from_name(model.name()), Some(*model));
        }
        assert_eq!(Work::from_name("cpu"), Some(Work::Cpu));
        assert_eq!(SyncMode::from_name("MUTEX"), None);
    }

    #[test]
    fn parallelism_follows_the_model() {
        let mut scenario = Scenario::new(3, 1, 0, 8).unwrap();
        assert_eq!(scenario.parallelism(), 3);
        scenario.model = Model::Sequential;
        assert_eq!(scenario.parallelism(), 1);
        scenario.model = Model::Async;
        assert_eq!((scenario.parallelism(), scenario.compute_lanes()), (3, 1));
    }

    #[test]
    fn ideal_time_follows_the_model() {
        let io = Scenario::new(3, 4, 100, 2).unwrap();
        assert_eq!(io.ideal_ms(), Some(800.0));
        let cpu = Scenario {
            work: Work::Cpu,
            cpu_ms: 100,
            ..Scenario::new(2, 2, 0, 2).unwrap()
        };
        assert_eq!(cpu.ideal_ms(), Some(200.0));
        let gil = Scenario {
            model: Model::Gil,
            ..cpu
        };
        assert_eq!(gil.ideal_ms(), Some(400.0));
    }
}
