// One "process" of the processes model: a worker with its own wasm instance and memory (the
// build without shared memory), running one task at a time as the page asks, like a
// multiprocessing worker. Sleeps are timers, so the worker never blocks.
//
// Requests (see worker-rpc.js): calibrate → steps per ms; task { query, task, worker,
// originMs } → { taskMs, counted }; report { query, wallMs, sequentialMs, counted } → the
// run's report.
import init, { calibrate, ProcessTask, reportFor } from '../pkg-isolated/threadplay.js';
import { postEvents, serveRequests } from './worker-rpc.js';

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
          await new Promise((resolve) => setTimeout(resolve, sleepMs));
        }
      } finally {
        process.free();
      }
    },

    report({ query, wallMs, sequentialMs, counted }) {
      return JSON.parse(reportFor(query, wallMs, sequentialMs, counted));
    },
  },
  init().then(() => 'ready'),
);
