// The page's side of the coordinator worker: requests with promises, events with a callback.
// The rayon pool's size is fixed per wasm instance, so a run on a different pool size replaces
// the coordinator (terminating it also ends its pool workers) before it starts.
import { unpackEvents } from './events.js';

/**
 * @typedef {{ name: string, min: number, max: number, default: number }} Limit
 * @typedef {import('./events.js').RunEvent} RunEvent
 * @typedef {{ wallMs: number, sequentialMs: number }} RunReport
 */

export class PoolClient {
  /** @type {Worker | null} */
  #worker = null;
  /** @type {Promise<Limit[]> | null} */
  #ready = null;
  #poolThreads = 0;
  #nextId = 1;
  /** @type {Map<number, { resolve: Function, reject: Function, onEvents?: (events: RunEvent[]) => void }>} */
  #pending = new Map();

  /**
   * Starts the coordinator (once) and resolves with the settings' limits.
   * @returns {Promise<Limit[]>}
   */
  start() {
    this.#ready ??= this.#spawn();
    return this.#ready;
  }

  /**
   * Reads a link's query string with the core's rules.
   * @param {string} query
   * @returns {Promise<{ scenario: Record<string, number>, notices: string[] }>}
   */
  parse(query) {
    return this.#request('parse', { query });
  }

  /**
   * Makes sure a pool of `threads` workers is up, replacing the coordinator if its pool differs.
   * @param {number} threads
   * @returns {Promise<void>}
   */
  async usePool(threads) {
    if (this.#poolThreads !== 0 && this.#poolThreads !== threads) this.#restart();
    this.#poolThreads = threads;
    await this.#request('pool', { threads });
  }

  /**
   * Runs a scenario; `onEvents` gets each batch of events while it runs.
   * @param {string} query the scenario as a query string
   * @param {number} threads the pool size the scenario asks for
   * @param {(events: RunEvent[]) => void} onEvents
   * @returns {Promise<RunReport>}
   */
  async run(query, threads, onEvents) {
    await this.usePool(threads);
    return this.#request('run', { query, threads }, onEvents);
  }

  #spawn() {
    const worker = new Worker(new URL('./coordinator.js', import.meta.url), {
      type: 'module',
      name: 'threadplay-coordinator',
    });
    this.#worker = worker;
    return new Promise((resolve, reject) => {
      worker.addEventListener('message', ({ data }) => {
        if (data?.type === 'threadplay:ready') resolve(data.limits);
        else if (data?.type === 'threadplay:failed') reject(new Error(data.error));
        else this.#receive(data);
      });
      worker.addEventListener('error', (event) => {
        const error = new Error(event.message || 'the coordinator worker failed to start');
        reject(error);
        this.#failAll(error);
      });
    });
  }

  #restart() {
    this.#worker?.terminate();
    this.#failAll(new Error('the pool was replaced'));
    this.#ready = this.#spawn();
  }

  async #request(verb, payload, onEvents) {
    await this.start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onEvents });
      this.#worker.postMessage({ type: `threadplay:${verb}`, id, ...payload });
    });
  }

  #receive(data) {
    const pending = this.#pending.get(data?.id);
    if (!pending) return;
    if (data.type === 'threadplay:events') {
      pending.onEvents?.(unpackEvents(data.packed));
    } else if (data.type === 'threadplay:reply') {
      this.#pending.delete(data.id);
      if (data.ok) pending.resolve(data.value);
      else pending.reject(new Error(data.error));
    }
  }

  #failAll(error) {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
