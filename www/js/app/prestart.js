// Starts the scenarios' coordinator while the page's other modules load. Its wasm start is most
// of the wait before Run is enabled (README: startup_ms) and needs none of them; index.html
// runs this small module first. main.js's runner takes the coordinator over; it starts one
// itself wherever this does not (a page without shared memory, an embed before its first Run).
import { sharedMemoryProblem } from './isolation.js';
import { prestartScenarios } from '../transport/pool-client.js';
import { readPageFlags, waitsForFirstRun } from './url-state.js';

// A page not isolated yet may be about to reload for it (isolation.js): it starts nothing.
if (sharedMemoryProblem() === null && !waitsForFirstRun(readPageFlags().flags)) prestartScenarios();
