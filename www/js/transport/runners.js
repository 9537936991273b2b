// Where runs happen. A page with shared memory (cross-origin isolated, see isolation.js): a
// coordinator's rayon pool runs the in-process models, another's (its module has the Python
// interpreter, loaded when a program is first shown or run) runs programs. Any other page (an iframe on an ordinary
// tutorial page, a host without the headers) has none: one isolated worker reads links and
// runs the one-thread models and programs (their threads on its one thread, under the GIL),
// and models that need shared memory fall back. Both run `processes` on the process pool.
import { PoolClient } from './pool-client.js';
import { ISOLATED_SILENCE_LIMIT_MS, ProcessPool } from './process-pool.js';
import { liveWorkerCount, WorkerConnection } from './worker-rpc.js';

/**
 * @typedef {import('./pool-client.js').Settings} Settings
 * @typedef {import('./pool-client.js').RunPlan} RunPlan
 * @typedef {import('./pool-client.js').RunReport} RunReport
 * @typedef {import('./worker-rpc.js').RunListener} RunListener
 * @typedef {import('./pool-client.js').ProgramReport} ProgramReport
 * @typedef {{ sharedMemory: boolean, start(): Promise<Settings>,
 *   plan(query: string, code?: string): Promise<RunPlan>,
 *   run(query: string, config: object, listener: RunListener): Promise<RunReport>,
 *   runProgram(code: string, query: string, poolSize: number, listener: RunListener): Promise<ProgramReport>,
 *   preparePrograms(): void, stop(): Promise<void>, stats(): Promise<RunnerStats> }} Runner
 * @typedef {{ wasmMemoryBytes: number, workers: number, stepsPerMs?: number }} RunnerStats the
 *   wasm memory of the worker that runs in-process models, every worker alive (pool threads
 *   included), and the pool's CPU speed
 */

/**
 * @param {boolean} sharedMemory whether the page can share memory with its workers
 * @returns {Runner} the runner this page can have
 */
export function createRunner(sharedMemory) {
  return sharedMemory ? new ThreadedRunner() : new IsolatedRunner();
}

class ThreadedRunner {
  sharedMemory = true;
  /** Scenarios, on the page's first module: the page is ready once it has started. */
  #scenarios = new PoolClient({ python: false });
  /** Programs, on the larger module with the interpreter, loaded when first needed. */
  #programs = new PoolClient({ python: true });
  /** The pool that ran last, whose memory `stats` reports. */
  #lastPool = this.#scenarios;
  #processes = new ProcessPool();

  start() {
    return this.#scenarios.start();
  }

  plan(query, code) {
    return this.#scenarios.plan(query, code);
  }

  /**
   * Loads the interpreter's module ahead of a program's first run (no pool yet) and warms it
   * up, so that the browser compiles the interpreter before the run's clock starts.
   */
  preparePrograms() {
    this.#programs.warmUp().catch(() => {});
  }

  runProgram(code, query, poolSize, listener) {
    return this.#use(this.#programs).runProgram(code, query, poolSize, listener);
  }

  run(query, config, listener) {
    return config.model === 'processes'
      ? this.#processes.run(query, config, listener)
      : this.#use(this.#scenarios).run(query, Number(config.threads), listener);
  }

  /** The pool that runs next; the other one's workers end, so that the two never share the cores. */
  #use(pool) {
    (pool === this.#scenarios ? this.#programs : this.#scenarios).releasePool();
    this.#lastPool = pool;
    return pool;
  }

  async stop() {
    await Promise.all([this.#scenarios.stop(), this.#programs.stop(), this.#processes.stop()]);
  }

  /** Ends its workers, for a page that gives up on shared memory. */
  close() {
    this.#scenarios.reset();
    this.#programs.reset();
  }

  async stats() {
    const { wasmMemoryBytes, stepsPerMs } = await this.#lastPool.stats();
    return { wasmMemoryBytes, workers: liveWorkerCount(), stepsPerMs };
  }
}

const ISOLATED = new URL('../workers/isolated-worker.js', import.meta.url);

class IsolatedRunner {
  sharedMemory = false;
  #worker = this.#spawn();
  #processes = new ProcessPool();

  #spawn() {
    return new WorkerConnection(ISOLATED, 'threadplay-isolated', ISOLATED_SILENCE_LIMIT_MS);
  }

  start() {
    return this.#worker.ready;
  }

  plan(query, code) {
    return this.#worker.request('plan', { query, code });
  }

  /** Its one module has the interpreter: it warms up before the program's first run. */
  preparePrograms() {
    this.#worker.request('warmUp', {}).catch(() => {});
  }

  /** A program's threads take turns on this worker's one thread, under the GIL. */
  runProgram(code, query, poolSize, listener) {
    return this.#request('program', { code, query }, listener);
  }

  run(query, config, listener) {
    if (config.model === 'processes') return this.#processes.run(query, config, listener);
    return this.#request('loop', { query }, listener);
  }

  async #request(type, message, listener) {
    try {
      return await this.#worker.request(type, message, listener);
    } catch (error) {
      // A panic traps the worker's instance: replace it.
      this.#worker.terminate();
      this.#worker = this.#spawn();
      throw error;
    }
  }

  async stop() {
    await Promise.all([this.#worker.request('stop', {}), this.#processes.stop()]);
  }

  async stats() {
    const { wasmMemoryBytes } = await this.#worker.request('stats', {});
    return { wasmMemoryBytes, workers: liveWorkerCount() };
  }
}
