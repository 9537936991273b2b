// The processes model: isolated workers, each with its own wasm instance and memory, taking
// tasks in submission order as each becomes free, like `multiprocessing.Pool`. Nothing is
// shared between them; they report by message.
import { WorkerConnection } from './worker-rpc.js';

/**
 * @typedef {import('./pool-client.js').RunReport} RunReport
 * @typedef {import('./worker-rpc.js').RunListener} RunListener
 */

const PROCESS = new URL('../workers/isolated-worker.js', import.meta.url);
/** A process blocks while it computes: up to one iteration's CPU work (10 s at most). */
export const ISOLATED_SILENCE_LIMIT_MS = 15_000;

/** `performance.now()` on the clock the workers share (see `PerformanceClock` in src/web.rs). */
const sharedNow = () => performance.timeOrigin + performance.now();

export class ProcessPool {
  /** @type {WorkerConnection[]} */
  #processes = [];
  #stopped = false;

  /**
   * Runs a scenario, one task per process at a time.
   * @param {string} query the scenario as a query string
   * @param {{ tasks: number, threads: number, work: string }} scenario
   * @param {RunListener} listener
   * @returns {Promise<RunReport>}
   */
  async run(query, scenario, listener) {
    await this.#resize(Math.min(scenario.threads, scenario.tasks));
    const originMs = sharedNow();
    let nextTask = 1;
    let sequentialMs = 0;
    this.#stopped = false;
    try {
      await Promise.all(
        this.#processes.map(async (process, worker) => {
          while (nextTask <= scenario.tasks && !this.#stopped) {
            const task = nextTask++;
            const outcome = await process.request('task', { query, task, worker, originMs }, listener);
            sequentialMs += outcome.taskMs;
          }
        }),
      );
    } catch (error) {
      // A failed task may have trapped its process: start the next run with fresh ones.
      this.#stopped = true;
      await this.#resize(0);
      throw error;
    }
    const wallMs = sharedNow() - originMs;
    // Each process counted in its own memory; the page's counter was never touched.
    const counted = scenario.work === 'count' ? 0 : undefined;
    const report = await this.#processes[0].request('report', { query, wallMs, sequentialMs, counted });
    return { ...report, stopped: this.#stopped, originMs };
  }

  /** Hands out no more tasks and ends the ones running at their next step. */
  async stop() {
    this.#stopped = true;
    await Promise.all(this.#processes.map((process) => process.request('stop', {})));
  }

  /** Keeps exactly `count` processes, started and calibrated before the run's clock starts. */
  async #resize(count) {
    if (this.#processes.length === count) return;
    for (const process of this.#processes) process.terminate();
    this.#processes = [];
    // One at a time: calibrations running side by side on a small machine would slow each
    // other down and make every process compute too little. Started one at a time as well:
    // WebKit, offline under the static build's service worker, failed to load the second of
    // two module workers started together (the first started, and so did both on a later run).
    for (let index = 0; index < count; index++) {
      const process = new WorkerConnection(PROCESS, `threadplay-process-${index}`, ISOLATED_SILENCE_LIMIT_MS);
      this.#processes.push(process);
      await process.request('calibrate', {});
    }
  }
}
