// The core's compile check of the reader's program, as they type: syntax errors and constructs
// outside the subset, with their place, the same check a run makes first. It runs in a worker
// of its own with the build without shared memory (any page has one): a check never waits
// behind a run, and never touches the one program that an instance of that build can run.
import { WorkerConnection } from './worker-rpc.js';

const CHECKER = new URL('../workers/isolated-worker.js', import.meta.url);
/** Compiling even the largest program the core takes is quick. */
const SILENCE_LIMIT_MS = 10_000;

/** @type {WorkerConnection | null} started by the first check, so a page nobody edits has none */
let checker = null;

/**
 * @param {string} code
 * @returns {Promise<import('./pool-client.js').ProgramError | null>} the error that keeps
 *   `code` from running, or null if it compiles
 */
export async function checkProgram(code) {
  checker ??= new WorkerConnection(CHECKER, 'threadplay-check', SILENCE_LIMIT_MS);
  try {
    return await checker.request('check', { code });
  } catch (error) {
    // A checker that failed is replaced at the next check; a run still reports the error.
    checker.terminate();
    checker = null;
    throw error;
  }
}
