// Requests between the page and its workers. Every message has a `threadplay:` type and the
// request's `id`; a worker posts `ready` (with its greeting) once it can take requests, may post
// `events { id, events }` and `positions { id, positions }` while one runs, and ends each with
// `reply { id, ok, value | error }`.
import { compact, EVENTS_PER_MESSAGE, transferables, EventBatch } from './events.js';
import { startRequestedWorker } from './workers-on-page.js';

/**
 * What a run tells the page while it goes: its events, and for a program, where its live
 * threads are in the code (`[lane, line, …]`), each time that changes.
 * @typedef {{ events(batch: EventBatch): void, positions?(table: Uint32Array): void }} RunListener
 */

/** How often a busy worker says it is alive, so the page can tell a hung one from a slow run. */
const HEARTBEAT_MS = 1000;

/**
 * The worker's side: answers requests with `handlers[verb](message)` once `ready` settles, and
 * posts `alive` every second while any request is in progress.
 * @param {Record<string, (message: any) => unknown>} handlers
 * @param {Promise<unknown>} ready resolves with the greeting sent in `ready`
 * @param {(error: unknown) => string} [explain] the message for a failed request
 */
export function serveRequests(handlers, ready, explain = errorText) {
  let busy = 0;
  setInterval(() => busy > 0 && postMessage({ type: 'threadplay:alive' }), HEARTBEAT_MS);
  self.addEventListener('message', async ({ data }) => {
    const verb = data?.type?.replace(/^threadplay:/, '');
    if (!Object.hasOwn(handlers, verb)) return;
    busy += 1;
    try {
      await ready;
      const value = await handlers[verb](data);
      postMessage({ type: 'threadplay:reply', id: data.id, ok: true, value });
    } catch (error) {
      postMessage({ type: 'threadplay:reply', id: data.id, ok: false, error: explain(error) });
    } finally {
      busy -= 1;
    }
  });
  ready.then(
    (greeting) => postMessage({ type: 'threadplay:ready', greeting }),
    (error) => postMessage({ type: 'threadplay:failed', error: errorText(error) }),
  );
}

/**
 * Forwards a run's events to the page (from a worker), one message per drained slice, until a
 * slice is not full; then its threads' places as they were before the drain, if they changed.
 * Not until one is empty: while a run's threads go on, the next drain always finds a few new
 * events, and a worker that chased them sent WebKit's page hundreds of tiny messages in a row
 * (four threads handing a lock over 80,000 times), which held its main thread for 120 ms.
 * @param {number} id
 * @param {{ drain(maxEvents: number): Float64Array, texts?(): string[],
 *   positions?(): Uint32Array | undefined }} run `texts`: what the last drained slice refers to
 */
export function postEvents(id, run) {
  // The places first: a thread's start event (its name) comes before its first place, so the
  // drain below takes the start of every thread in the table, and the page gets it first.
  const positions = run.positions?.();
  for (;;) {
    const events = compact(run.drain(EVENTS_PER_MESSAGE), run.texts?.() ?? []);
    // Read before posting, which hands the arrays over and leaves them empty here.
    const count = events.meta.length;
    if (count > 0) postMessage({ type: 'threadplay:events', id, events }, transferables(events));
    if (count < EVENTS_PER_MESSAGE) break;
  }
  if (positions) postMessage({ type: 'threadplay:positions', id, positions }, [positions.buffer]);
}

/** @param {unknown} error */
export function errorText(error) {
  return String(/** @type {any} */ (error)?.message ?? error);
}

let liveWorkers = 0;
/** Loading and compiling a module takes seconds on a busy machine; longer is a start that hangs. */
const START_LIMIT_MS = 30_000;

/** @returns {number} the workers this page has started and not yet terminated */
export function liveWorkerCount() {
  return liveWorkers;
}

/**
 * The page's side of one module worker. A watchdog fails the pending requests if the worker,
 * while busy, says nothing (not even `alive`) for too long: a hung or crashed worker does not
 * leave the page waiting forever. Workers it asks the page to start (see workers-on-page.js)
 * end with it.
 */
export class WorkerConnection {
  #worker;
  /** @type {Worker[]} */
  #startedForIt = [];
  #name;
  #nextId = 1;
  /** @type {Map<number, { verb: string, resolve: Function, reject: Function, listener?: RunListener }>} */
  #pending = new Map();
  #silenceLimitMs;
  #lastHeardAt = 0;
  #watchdog = 0;
  #ended = false;
  /** @type {Promise<any>} resolves with the worker's greeting */
  ready;

  /**
   * @param {URL} url a module worker script that calls `serveRequests`
   * @param {string} name shown in the browser's developer tools
   * @param {number} silenceLimitMs how long a busy worker may say nothing; longer than its
   *   longest blocking step
   */
  constructor(url, name, silenceLimitMs) {
    this.#name = name;
    this.#silenceLimitMs = silenceLimitMs;
    this.#worker = new Worker(url, { type: 'module', name });
    liveWorkers += 1;
    this.ready = new Promise((resolve, reject) => {
      // A worker whose script or module never arrives may send nothing at all, not even an error.
      const startLimit = setTimeout(() => {
        reject(new Error(`the ${name} worker did not start within ${START_LIMIT_MS / 1000} s`));
        this.#end();
      }, START_LIMIT_MS);
      this.#worker.addEventListener('message', ({ data }) => {
        this.#lastHeardAt = performance.now();
        const started = startRequestedWorker(data);
        if (started) {
          this.#startedForIt.push(started);
          liveWorkers += 1;
        } else if (data?.type === 'threadplay:ready') {
          clearTimeout(startLimit);
          resolve(data.greeting);
        } else if (data?.type === 'threadplay:failed') {
          clearTimeout(startLimit);
          reject(new Error(data.error));
        } else this.#receive(data);
      });
      this.#worker.addEventListener('error', (event) => {
        clearTimeout(startLimit);
        const error = new Error(event.message || `the ${name} worker failed to start`);
        reject(error);
        this.#failAll(error);
      });
    });
  }

  /**
   * @param {string} verb
   * @param {object} payload
   * @param {RunListener} [listener] gets what the request sends while it runs
   * @returns {Promise<any>}
   */
  async request(verb, payload, listener) {
    await this.ready;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { verb, resolve, reject, listener });
      this.#worker.postMessage({ ...payload, type: `threadplay:${verb}`, id });
      this.#lastHeardAt = performance.now();
      this.#watchdog ||= setInterval(() => this.#checkAlive(), this.#silenceLimitMs / 4);
    });
  }

  /** Ends the worker (and any workers it started); pending requests fail. */
  terminate() {
    this.#end();
    this.#failAll(new Error('the worker was stopped'));
  }

  #end() {
    if (this.#ended) return;
    this.#ended = true;
    for (const worker of [this.#worker, ...this.#startedForIt]) {
      worker.terminate();
      liveWorkers -= 1;
    }
  }

  #checkAlive() {
    if (this.#pending.size === 0) {
      clearInterval(this.#watchdog);
      this.#watchdog = 0;
    } else if (performance.now() - this.#lastHeardAt > this.#silenceLimitMs) {
      this.#end();
      const seconds = Math.round(this.#silenceLimitMs / 1000);
      const waiting = [...new Set([...this.#pending.values()].map((pending) => pending.verb))].join(', ');
      this.#failAll(
        new Error(`the ${this.#name} worker stopped answering for ${seconds} s (during: ${waiting}) and was shut down`),
      );
    }
  }

  #receive(data) {
    const pending = this.#pending.get(data?.id);
    if (!pending) return;
    if (data.type === 'threadplay:events') {
      pending.listener?.events(new EventBatch(data.events));
    } else if (data.type === 'threadplay:positions') {
      pending.listener?.positions?.(data.positions);
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
