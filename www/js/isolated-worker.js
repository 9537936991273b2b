// A worker with its own wasm instance and memory (the build without shared memory), so it runs
// on any page, cross-origin isolated or not. The processes model starts several, each running
// one task at a time as the page asks, like a multiprocessing worker; on a page without
// isolation one more reads links and runs the one-thread models. Sleeps are timers, so the
// worker never blocks.
//
// Requests (see worker-rpc.js): calibrate → steps per ms; task { query, task, worker,
// originMs } → { taskMs, counted }; report { query, wallMs, sequentialMs, counted } → the
// run's report; parse { query }; code { query }; loop { query } → the report of a sequential
// or async run. Its greeting is the settings the controls offer.
import init, { calibrate, codeFor, LoopRun, parseQuery, ProcessTask, reportFor, settings } from '../pkg-isolated/threadplay.js';
import { postEvents, serveRequests } from './worker-rpc.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

serveRequests(
  {
    /** Measures this instance's CPU speed (once), so that no run pays for it. */
    calibrate() {
      return calibrate();
    },

    async task({ id, query, task, worker, originMs }) {
      const process = new ProcessTask(query, task, worker, originMs);
      try {
        for (;;) {
          const sleepMs = process.step();
          postEvents(id, process.drain());
          if (sleepMs < 0) return JSON.parse(process.outcome());
          await sleep(sleepMs);
        }
      } finally {
        process.free();
      }
    },

    report({ query, wallMs, sequentialMs, counted }) {
      return JSON.parse(reportFor(query, wallMs, sequentialMs, counted));
    },

    parse({ query }) {
      return JSON.parse(parseQuery(query));
    },

    code({ query }) {
      return JSON.parse(codeFor(query));
    },

    async loop({ id, query }) {
      const run = new LoopRun(query);
      try {
        for (;;) {
          const waitMs = run.poll();
          postEvents(id, run.drain());
          if (waitMs < 0) return JSON.parse(run.report());
          await sleep(waitMs);
        }
      } finally {
        run.free();
      }
    },
  },
  init().then(() => JSON.parse(settings())),
);
