// The coordinator worker: owns the wasm module and its rayon pool, so the page's main thread
// never blocks. A run starts and returns at once; this worker then drains the run's events on
// a short timer and forwards them, so lines reach the page while the run is still going.
//
// Protocol (every message has a `threadplay:` type and the request's `id`):
//   page → here:  pool { threads } | parse { query } | run { query, threads }
//   here → page:  ready { limits } once; events { packed } during a run; reply { ok, value | error }
import init, { initThreadPool, limits, parseQuery, startRun } from '../pkg/threadplay.js';

/** How often a run's events are forwarded; about one frame's quarter. */
const DRAIN_INTERVAL_MS = 4;

const moduleReady = init();
let poolThreads = 0;
/** @type {Promise<void> | null} settles when the pool's workers are all running */
let poolReady = null;

const handlers = {
  /** Builds the pool once; a different size needs a fresh coordinator (the client makes one). */
  async pool({ threads }) {
    if (poolReady === null) {
      poolThreads = threads;
      poolReady = initThreadPool(threads);
    }
    if (poolThreads !== threads) {
      throw new Error(`this pool has ${poolThreads} threads, not ${threads}`);
    }
    // Every caller waits: a run started before the pool is built would make rayon build a
    // default pool of its own, which wasm cannot.
    await poolReady;
    return poolThreads;
  },

  parse({ query }) {
    return JSON.parse(parseQuery(query));
  },

  async run({ id, query, threads }) {
    await handlers.pool({ threads });
    const run = startRun(query);
    try {
      for (;;) {
        // Read the report before draining: it is stored after the last event, so this drain
        // then takes everything that is left.
        const report = run.report();
        const packed = run.drain();
        if (packed.length > 0) {
          postMessage({ type: 'threadplay:events', id, packed }, [packed.buffer]);
        }
        if (report !== undefined) return JSON.parse(report);
        await new Promise((resolve) => setTimeout(resolve, DRAIN_INTERVAL_MS));
      }
    } finally {
      run.free();
    }
  },
};

self.addEventListener('message', async ({ data }) => {
  const verb = data?.type?.replace(/^threadplay:/, '');
  if (!Object.hasOwn(handlers, verb)) return;
  try {
    await moduleReady;
    const value = await handlers[verb](data);
    postMessage({ type: 'threadplay:reply', id: data.id, ok: true, value });
  } catch (error) {
    postMessage({ type: 'threadplay:reply', id: data.id, ok: false, error: String(error?.message ?? error) });
  }
});

moduleReady.then(
  () => postMessage({ type: 'threadplay:ready', limits: JSON.parse(limits()) }),
  (error) => postMessage({ type: 'threadplay:failed', error: String(error?.message ?? error) }),
);
