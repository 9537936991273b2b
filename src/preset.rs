//! Ready-made scenarios for the lessons the tutorials teach (`preset=` in links).

use crate::scenario::{named_enum, Model, Scenario, SyncMode, Work};

named_enum! {
    /// A named starting point; settings given beside it in a link override its values.
    Preset {
        /// Two tasks print 5 lines, 1 s apart, on two threads: 5 s, not 10.
        Tutorial = "tutorial",
        /// Two `do_something` calls that each sleep 1 s finish in about 1 s together.
        DoSomething = "do-something",
        /// CPU-bound tasks on threads: they run in parallel.
        CpuThreads = "cpu-threads",
        /// The same CPU-bound tasks under a GIL: they take turns.
        CpuGil = "cpu-gil",
        /// The same CPU-bound tasks in processes: parallel again, memory not shared.
        CpuProcesses = "cpu-processes",
        /// Many waiting tasks on a small pool: rounds of `threads`.
        ManyIo = "many-io",
        /// Tasks increment one counter without a lock and lose updates.
        Race = "race",
        /// `asyncio.gather`: one thread, tasks take turns at each sleep.
        Async = "async",
    }
}

impl Preset {
    /// A one-line description for the preset picker.
    pub fn title(self) -> &'static str {
        match self {
            Preset::Tutorial => "Tutorial: 2 threads × 5 lines, 1 s apart",
            Preset::DoSomething => "Tutorial: do_something() twice, 1 s each",
            Preset::CpuThreads => "CPU-bound on threads",
            Preset::CpuGil => "CPU-bound under a GIL",
            Preset::CpuProcesses => "CPU-bound in processes",
            Preset::ManyIo => "16 I/O tasks on a pool of 4",
            Preset::Race => "Race lab: a shared counter without a lock",
            Preset::Async => "asyncio.gather: 3 tasks on one thread",
        }
    }

    pub fn scenario(self) -> Scenario {
        let tutorial = Scenario::default();
        let cpu_bound = Scenario {
            tasks: 2,
            iterations: 4,
            cpu_ms: 250,
            work: Work::Cpu,
            ..tutorial
        };
        match self {
            Preset::Tutorial => tutorial,
            Preset::DoSomething => Scenario {
                iterations: 1,
                ..tutorial
            },
            Preset::CpuThreads => cpu_bound,
            Preset::CpuGil => Scenario {
                model: Model::Gil,
                ..cpu_bound
            },
            Preset::CpuProcesses => Scenario {
                model: Model::Processes,
                ..cpu_bound
            },
            Preset::ManyIo => Scenario {
                tasks: 16,
                iterations: 2,
                sleep_ms: 250,
                threads: 4,
                ..tutorial
            },
            Preset::Race => Scenario {
                tasks: 4,
                iterations: 5,
                threads: 4,
                increments: 200_000,
                work: Work::Count,
                sync: SyncMode::None,
                ..tutorial
            },
            Preset::Async => Scenario {
                tasks: 3,
                iterations: 3,
                sleep_ms: 300,
                model: Model::Async,
                ..tutorial
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_inside_the_limits() {
        for preset in Preset::ALL {
            assert!(preset.scenario().validate().is_ok(), "{preset}");
        }
    }
}
