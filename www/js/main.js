// Wires the page: reads the link, runs scenarios through the coordinator, shows the results.
//
// Test hook (the one global): `window.threadplay` = { config, notices, lastRun, run() }.
// `run()` runs `config` and resolves with the run record; after every run the record is also
// at `lastRun` and in a `threadplay:run-complete` event's `detail` on `window`.
import { createControls } from './controls.js';
import { OutputLog } from './output-log.js';
import { PoolClient } from './pool-client.js';
import { showStatus, showSummary } from './summary.js';
import { configToQuery, currentQuery, showInAddressBar, wantsAutorun } from './url-state.js';

/**
 * @typedef {import('./url-state.js').Config} Config
 * @typedef {import('./events.js').RunEvent} RunEvent
 * @typedef {{ config: Config, status: 'running' | 'completed' | 'failed', wallMs: number | null,
 *             sequentialMs: number | null, crossOriginIsolated: boolean, events: RunEvent[],
 *             error?: string }} RunRecord
 */

const page = {
  form: /** @type {HTMLFormElement} */ (document.getElementById('controls')),
  status: document.getElementById('status'),
  notices: document.getElementById('notices'),
  summary: document.getElementById('summary'),
  log: new OutputLog(document.getElementById('log')),
};
const client = new PoolClient();

const threadplay = {
  /** @type {Config} */
  config: {},
  /** @type {string[]} what the core adjusted in the last configuration it read */
  notices: [],
  /** @type {RunRecord | null} */
  lastRun: null,
  run,
};

/** @type {Promise<unknown>} runs one at a time: a second `run()` waits for the first */
let queue = Promise.resolve();
let controls;

async function boot() {
  if (!window.crossOriginIsolated) {
    throw new Error(
      'This page is not cross-origin isolated, so the browser gives it no SharedArrayBuffer and ' +
        'no threads. Serve it with ./build.sh serve (which sends the COOP and COEP headers).',
    );
  }
  showStatus(page.status, 'Starting the worker pool…');
  const limits = await client.start();
  controls = createControls(page.form, limits, () => {
    threadplay.config = controls.read();
    run().catch(() => {});
  });
  await adopt(currentQuery());
  await client.usePool(threadplay.config.threads);
  showStatus(page.status, 'Ready. Press Run (or Ctrl+Enter).');
  window.threadplay = threadplay;
  if (wantsAutorun()) await run();
}

/**
 * Reads a query string with the core's rules and makes it the page's configuration.
 * @param {string} query
 */
async function adopt(query) {
  const { scenario, notices } = await client.parse(query);
  threadplay.config = scenario;
  threadplay.notices = notices;
  page.notices.textContent = notices.join(' · ');
  page.notices.hidden = notices.length === 0;
  controls.show(scenario);
}

/**
 * Runs `window.threadplay.config`, after any run in progress.
 * @returns {Promise<RunRecord>}
 */
function run() {
  const next = queue.then(runOnce, runOnce);
  queue = next.catch(() => {});
  return next;
}

/** @returns {Promise<RunRecord>} */
async function runOnce() {
  await adopt(configToQuery(threadplay.config));
  const config = threadplay.config;
  showInAddressBar(config);
  /** @type {RunRecord} */
  const record = {
    config,
    status: 'running',
    wallMs: null,
    sequentialMs: null,
    crossOriginIsolated: window.crossOriginIsolated,
    events: [],
  };
  controls.setRunning(true);
  page.log.clear();
  page.summary.replaceChildren();
  showStatus(page.status, `Running ${config.tasks} task(s) on a pool of ${config.threads} thread(s)…`);
  try {
    const report = await client.run(configToQuery(config), config.threads, (events) => {
      for (const event of events) record.events.push(event);
      page.log.append(events);
    });
    Object.assign(record, report, { status: 'completed' });
    showSummary(page.summary, record);
    showStatus(page.status, 'Done. Edit the settings and run again.');
  } catch (error) {
    Object.assign(record, { status: 'failed', error: String(error?.message ?? error) });
    showStatus(page.status, `The run failed: ${record.error}`);
  } finally {
    controls.setRunning(false);
  }
  threadplay.lastRun = record;
  window.dispatchEvent(new CustomEvent('threadplay:run-complete', { detail: record }));
  return record;
}

boot().catch((error) => {
  showStatus(page.status, String(error?.message ?? error));
  page.status.classList.add('error');
});
