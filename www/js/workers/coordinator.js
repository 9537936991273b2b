// What a coordinator worker does: it owns the shared-memory wasm module and its rayon pool, so the page's
// main thread never blocks. A run starts and returns at once; this worker then drains the
// run's events on a short timer and forwards them, so lines reach the page while the run goes.
//
// Requests (see worker-rpc.js): pool { threads }; plan { query, code? } → what the page shows
// and runs (see `planRun` in src/web.rs); run { query, threads } → the run's report; program
// { code, query, poolSize } → the program run's report (programs' coordinator only); warmUp
// (programs' coordinator only: see `warmUp` in src/web.rs); stop; stats.
//
// Its module is the page's first, which runs scenarios (scenario-coordinator.js), or the larger
// one that also has the Python interpreter (program-coordinator.js; build.sh builds both): a
// page that never runs a program never loads it.
import { postEvents, serveRequests } from '../transport/worker-rpc.js';
import { startWorkersOnPage } from '../transport/workers-on-page.js';

/** @type {typeof import('../../pkg-python/threadplay.js')} this worker's module */
let wasm;

/** How often a run's events are forwarded. */
const DRAIN_INTERVAL_MS = 4;

let poolThreads = 0;
/** @type {WebAssembly.Memory} */
let wasmMemory;
/** The run in progress, if any, so that `stop` can reach it. */
let current = null;
/** A stop that arrived while the run was still starting (waiting for its pool). */
let stopRequested = false;
/**
 * Why the pool broke, if it did. A task that panics traps its pool worker (panic=abort), whose
 * uncaught error then reaches this worker's global scope; the run can never finish, so it
 * fails, and the page replaces this coordinator.
 */
let poolFailure = null;
self.addEventListener('error', (event) => {
  poolFailure ??= event.message || 'a pool worker crashed';
});

/** Throws if a task panicked or a pool worker died. */
function checkPool() {
  const panic = wasm.takePanic();
  if (panic) poolFailure = `a task panicked: ${panic}`;
  if (poolFailure) throw new Error(poolFailure);
}
/** @type {Promise<void> | null} settles when the pool's workers are all running */
let poolReady = null;

const handlers = {
  /** Builds the pool once; a different size needs a fresh coordinator (the client makes one). */
  async pool({ threads }) {
    if (poolReady === null) {
      poolThreads = threads;
      poolReady = wasm.initThreadPool(threads);
    }
    if (poolThreads !== threads) {
      throw new Error(`this pool has ${poolThreads} threads, not ${threads}`);
    }
    // Every caller waits: a run started before the pool is built would make rayon build a
    // default pool of its own, which wasm cannot.
    await poolReady;
    return poolThreads;
  },

  plan({ query, code }) {
    return JSON.parse(wasm.planRun(query, code));
  },

  async run({ id, query, threads }) {
    stopRequested = false;
    await handlers.pool({ threads });
    return follow(id, wasm.startRun(query));
  },

  /** A Python program, on a pool of the plan's `poolSize`. */
  async program({ id, code, query, poolSize }) {
    stopRequested = false;
    await handlers.pool({ threads: poolSize });
    return follow(id, wasm.startProgram(code, query));
  },

  /** Runs the interpreter's warm-up, once per instance (programs' coordinator only). */
  warmUp() {
    wasm.warmUp();
  },

  /**
   * The wasm memory's size, to check that runs leave nothing behind, and this
   * instance's CPU speed (steps per ms, measured once), to compare with native code.
   */
  stats() {
    return { wasmMemoryBytes: wasmMemory.buffer.byteLength, stepsPerMs: wasm.calibrate() };
  },

  /** Ends the run in progress within one iteration; its report says `stopped`. */
  stop() {
    stopRequested = true;
    current?.stop();
  },
};

/**
 * Forwards a run's events until it ends; resolves with its report.
 * @param {number} id the request
 * @param {ReturnType<typeof wasm.startRun>} run
 */
async function follow(id, run) {
  current = run;
  if (stopRequested) run.stop();
  try {
    for (;;) {
      // Read the report before draining: it is stored after the last event, so this drain
      // then takes everything that is left.
      const report = run.report();
      postEvents(id, run);
      if (report !== undefined) return JSON.parse(report);
      checkPool();
      await new Promise((resolve) => setTimeout(resolve, DRAIN_INTERVAL_MS));
    }
  } finally {
    current = null;
    run.free();
  }
}

/**
 * Serves the page's requests with `module` (a wasm-bindgen module, not yet initialised).
 * @param {typeof import('../../pkg-python/threadplay.js')} module
 */
export function serveCoordinator(module) {
  wasm = module;
  startWorkersOnPage();
  // The greeting is what the controls offer. The CPU's speed is measured by the first run that
  // computes, before its clock starts, so that the page is ready sooner.
  serveRequests(
    handlers,
    wasm.default().then((exports) => {
      wasmMemory = exports.memory;
      wasm.recordPanics();
      return JSON.parse(wasm.settings());
    }),
  );
}
