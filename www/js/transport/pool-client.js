// The page's side of a coordinator worker, which owns a shared-memory rayon pool. The pool's
// size is fixed per wasm instance, so a run on a different pool size replaces the coordinator
// (terminating it also ends its pool workers) before it starts.
import { WorkerConnection } from './worker-rpc.js';

/**
 * @typedef {{ name: string, min: number, max: number, default: number }} Limit
 * @typedef {{ limits: Limit[], choices: Record<string, string[]>,
 *             presets: { name: string, title: string }[] }} Settings
 * @typedef {import('./worker-rpc.js').RunListener} RunListener
 * @typedef {{ wallMs: number, sequentialMs: number, idealMs: number, parallelism: number,
 *             speedup: number, efficiency: number, finishedLine: string,
 *             counter: { expected: number, actual: number } | null }} RunReport
 * @typedef {{ message: string, line: number, column: number, thread?: string,
 *             traceback?: string[] }} ProgramError
 * @typedef {{ wallMs: number, threads: number, lines: number, stopped: boolean,
 *             originMs: number, error?: ProgramError }} ProgramReport
 * @typedef {{ scenario: Record<string, number | string>, preset: string | null,
 *             notices: string[], query: string, code: string,
 *             listings: { python: string, rust: string }, poolSize: number }} RunPlan a link's
 *   query read by the core (`planRun` in src/web.rs): the settings, the listings behind them
 *   and the pool the run needs
 */

const COORDINATOR = new URL('../workers/scenario-coordinator.js', import.meta.url);
/** The coordinator with the module that also has the Python interpreter. */
const PYTHON_COORDINATOR = new URL('../workers/program-coordinator.js', import.meta.url);
/** The coordinator never blocks (the pool does the work), so a short silence means trouble. */
const SILENCE_LIMIT_MS = 5000;

/** @type {WorkerConnection | null} the scenarios' coordinator, started before the page's modules load */
let prestarted = null;

/**
 * Starts the scenarios' coordinator now (see prestart.js); the first `PoolClient` for
 * scenarios takes it over.
 */
export function prestartScenarios() {
  try {
    prestarted ??= connect(COORDINATOR);
  } catch {
    // The runner starts its own and, if that fails too, says why.
  }
}

/** @param {URL} url */
function connect(url) {
  return new WorkerConnection(url, 'threadplay-coordinator', SILENCE_LIMIT_MS);
}

export class PoolClient {
  #url;
  /** @type {WorkerConnection | null} */
  #coordinator = null;
  #poolThreads = 0;
  /** Whether `stop` was called since the current run began. */
  #stopRequested = false;

  /**
   * @param {{ python: boolean }} module whether the coordinator loads the module with the
   *   Python interpreter (programs) or the page's first, smaller one (scenarios)
   */
  constructor({ python }) {
    this.#url = python ? PYTHON_COORDINATOR : COORDINATOR;
    if (!python) [this.#coordinator, prestarted] = [prestarted, null];
  }

  /**
   * Starts the coordinator (once) and resolves with the settings the controls offer.
   * @returns {Promise<Settings>}
   */
  start() {
    this.#coordinator ??= connect(this.#url);
    return this.#coordinator.ready;
  }

  /** Starts the coordinator and runs its interpreter's warm-up (see `warmUp` in src/web.rs). */
  async warmUp() {
    await this.start();
    return this.#coordinator.request('warmUp', {});
  }

  /** Ends the pool's workers, if it has any, so that another pool can have the cores. */
  releasePool() {
    if (this.#poolThreads !== 0) this.reset();
  }

  /**
   * Reads a link's query string with the core's rules.
   * @param {string} query
   * @param {string} [code] the program, instead of the one the link carries
   * @returns {Promise<RunPlan>}
   */
  async plan(query, code) {
    await this.start();
    return this.#coordinator.request('plan', { query, code });
  }

  /**
   * Makes sure a pool of `threads` workers is up, replacing the coordinator if its pool differs.
   * @param {number} threads
   * @returns {Promise<void>}
   */
  async #usePool(threads) {
    await this.start();
    if (this.#poolThreads !== 0 && this.#poolThreads !== threads) this.reset();
    await this.start();
    this.#poolThreads = threads;
    try {
      await this.#coordinator.request('pool', { threads });
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  /**
   * Runs a scenario on the pool; `listener` gets its events while it runs.
   * @param {string} query the scenario as a query string
   * @param {number} threads the pool size the scenario asks for
   * @param {RunListener} listener
   * @returns {Promise<RunReport>}
   */
  async run(query, threads, listener) {
    this.#stopRequested = false;
    await this.#usePool(threads);
    return this.#follow('run', { query, threads }, listener);
  }

  /**
   * Runs a Python program on a pool of `poolSize` (the plan's).
   * @param {string} code
   * @param {string} query the settings (model, threads) as a query string
   * @param {number} poolSize
   * @param {RunListener} listener
   * @returns {Promise<ProgramReport>}
   */
  async runProgram(code, query, poolSize, listener) {
    this.#stopRequested = false;
    await this.#usePool(poolSize);
    return this.#follow('program', { code, query, poolSize }, listener);
  }

  async #follow(kind, request, listener) {
    const reply = this.#coordinator.request(kind, request, listener);
    // A stop that came while the pool was (re)starting reaches the coordinator after the run.
    if (this.#stopRequested) this.stop();
    try {
      return await reply;
    } catch (error) {
      // A failed run leaves a broken pool (a trapped worker, a scope that never ends).
      this.reset();
      throw error;
    }
  }

  /** Ends the coordinator and its pool; the next request starts fresh ones. */
  reset() {
    this.#coordinator?.terminate();
    this.#coordinator = null;
    this.#poolThreads = 0;
  }

  /** @returns {Promise<{ wasmMemoryBytes: number, stepsPerMs: number }>} */
  async stats() {
    await this.start();
    return this.#coordinator.request('stats', {});
  }

  /**
   * Asks the run in progress to stop; its `run()` then resolves with a stopped report. A
   * coordinator replaced meanwhile has nothing left to stop.
   * @returns {Promise<void>}
   */
  async stop() {
    this.#stopRequested = true;
    await this.#coordinator?.request('stop', {}).catch(() => {});
  }
}
