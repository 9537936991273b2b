// A worker with its own wasm instance and memory (the build without shared memory), so it runs
// on any page, cross-origin isolated or not. The processes model starts several, each running
// one task at a time as the page asks, like a multiprocessing worker; on a page without
// isolation one more reads links and runs the one-thread models. Sleeps are timers, so the
// worker never blocks.
//
// Requests (see worker-rpc.js): calibrate → steps per ms; task { query, task, worker,
// originMs } → { taskMs, counted }; report { query, wallMs, sequentialMs, counted } → the
// run's report; plan { query, code? } (see `planRun` in src/web.rs); loop { query } → the report of a sequential
// or async run; program { code, query } → the report of a Python program, its threads on this
// worker's one thread under the GIL; check { code } → the program's compile error or null
// (see program-check.js); warmUp (see `warmUp` in src/web.rs); stop (the task, loop or program
// in progress); stats. Its greeting is
// the settings the controls offer.
import init, {
  calibrate,
  LoopRun,
  planRun,
  ProcessTask,
  ProgramRun,
  recordPanics,
  reportFor,
  settings,
  takePanic,
  warmUp,
} from '../../pkg-isolated/threadplay.js';
import { errorText, postEvents, serveRequests } from '../transport/worker-rpc.js';

/**
 * Advances a wasm run until it is done, forwarding its events after each step and sleeping
 * where it asks; resolves with its final JSON.
 * @param {number} id the request
 * @param {Parameters<typeof postEvents>[1] & { free(): void }} handle
 * @param {() => number} advance runs a step; returns the ms to sleep, or -1 when done
 * @param {() => string} result the final JSON
 */
async function drive(id, handle, advance, result) {
  current = handle;
  try {
    for (;;) {
      const waitMs = advance();
      postEvents(id, handle);
      if (waitMs < 0) return JSON.parse(result());
      await new Promise((resolve) => {
        wake = resolve;
        setTimeout(resolve, waitMs);
      });
    }
  } finally {
    current = null;
    wake = null;
    handle.free();
  }
}

/** @type {WebAssembly.Memory} */
let wasmMemory;

/** The task or loop in progress, if any, so that `stop` can reach it. */
let current = null;
/** Ends the current sleep early, so a stop takes effect at once. */
let wake = null;

serveRequests(
  {
    /** Measures this instance's CPU speed (once), so that no run pays for it. */
    calibrate() {
      return calibrate();
    },

    task({ id, query, task, worker, originMs }) {
      const process = new ProcessTask(query, task, worker, originMs);
      return drive(id, process, () => process.step(), () => process.outcome());
    },

    report({ query, wallMs, sequentialMs, counted }) {
      return JSON.parse(reportFor(query, wallMs, sequentialMs, counted));
    },

    plan({ query, code }) {
      return JSON.parse(planRun(query, code));
    },

    loop({ id, query }) {
      const run = new LoopRun(query);
      return drive(id, run, () => run.poll(), () => run.report());
    },

    program({ id, code, query }) {
      const run = new ProgramRun(code, query);
      return drive(id, run, () => run.poll(), () => run.report());
    },

    /**
     * Compiles a program without running it: a program that does not compile has its report
     * (with the error) as soon as it is made. Making one resets this instance's program events
     * and stop, so only a worker that runs no program may check.
     */
    check({ code }) {
      const run = new ProgramRun(code, '');
      try {
        const report = run.report();
        return report === undefined ? null : JSON.parse(report).error;
      } finally {
        run.free();
      }
    },

    /** Runs the interpreter's warm-up, once per instance. */
    warmUp() {
      warmUp();
    },

    /** The wasm memory's size, to check that runs leave nothing behind. */
    stats() {
      return { wasmMemoryBytes: wasmMemory.buffer.byteLength };
    },

    /** Ends the task or loop in progress: its sleep ends now, and its next step ends it. */
    stop() {
      current?.stop();
      wake?.();
    },
  },
  init().then((exports) => {
    wasmMemory = exports.memory;
    recordPanics();
    return JSON.parse(settings());
  }),
  // A panicking task traps this instance (panic=abort): report its message, not the trap's.
  (error) => {
    const panic = takePanic();
    return panic ? `a task panicked: ${panic}` : errorText(error);
  },
);
