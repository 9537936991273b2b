// Wires the page: reads the link, runs scenarios on the thread pool (or the process pool),
// shows the output, timeline, summary and code.
//
// Test hook (the one global): `window.threadplay` = { config, notices, lastRun, run(),
// compare() }. `run()` runs `config` and resolves with the run record; after every run the
// record is also at `lastRun` and in a `threadplay:run-complete` event's `detail` on `window`.
// `compare()` runs `config` under every model and resolves with `{ model: wallMs }`.
import { createCodePanel } from './code-panel.js';
import { createComparison } from './compare.js';
import { createControls } from './controls.js';
import { OutputLog } from './output-log.js';
import { PoolClient } from './pool-client.js';
import { ProcessPool } from './process-pool.js';
import { showStatus, showSummary } from './summary.js';
import { Timeline } from './timeline.js';
import { configToQuery, currentQuery, showInAddressBar, wantsAutorun } from './url-state.js';

/**
 * @typedef {import('./url-state.js').Config} Config
 * @typedef {import('./events.js').RunEvent} RunEvent
 * @typedef {import('./pool-client.js').RunReport} RunReport
 * @typedef {Partial<RunReport> & { config: Config, status: 'running' | 'completed' | 'failed',
 *             wallMs: number | null, crossOriginIsolated: boolean, events: RunEvent[],
 *             error?: string }} RunRecord
 */

const $ = (id) => document.getElementById(id);
const page = {
  form: /** @type {HTMLFormElement} */ ($('controls')),
  status: $('status'),
  notices: $('notices'),
  summary: $('summary'),
  log: new OutputLog($('log')),
  timeline: new Timeline(/** @type {HTMLCanvasElement} */ ($('timeline')), $('timeline-details')),
  comparison: createComparison($('compare'), /** @type {HTMLOListElement} */ ($('compare-chart'))),
  code: createCodePanel({ python: $('tab-python'), rust: $('tab-rust'), text: $('code-text'), copy: $('copy-code') }),
};
const threadPool = new PoolClient();
const processPool = new ProcessPool();

const threadplay = {
  /** @type {Config} */
  config: {},
  /** @type {string[]} what the core adjusted in the last configuration it read */
  notices: [],
  /** @type {RunRecord | null} */
  lastRun: null,
  run,
  compare,
};

/** @type {Promise<unknown>} one run at a time: a second `run()` waits for the first */
let queue = Promise.resolve();
let controls;
/** @type {string[]} */
let models = [];

async function boot() {
  if (!window.crossOriginIsolated) {
    throw new Error(
      'This page is not cross-origin isolated, so the browser gives it no SharedArrayBuffer and ' +
        'no threads. Serve it with ./build.sh serve (which sends the COOP and COEP headers).',
    );
  }
  showStatus(page.status, 'Starting the worker pool…');
  const settings = await threadPool.start();
  models = settings.choices.model;
  controls = createControls(page.form, settings, { onRun: runFromForm, onEdit: adoptForm });
  $('compare-button').addEventListener('click', () => compare().catch(() => {}));
  for (const radio of page.form.ownerDocument.querySelectorAll('input[name="timeline-rows"]')) {
    radio.addEventListener('change', () => page.timeline.setRows(radio.value));
  }
  await adopt(currentQuery());
  await threadPool.usePool(Number(threadplay.config.threads));
  showStatus(page.status, 'Ready. Press Run (or Ctrl+Enter).');
  window.threadplay = threadplay;
  if (wantsAutorun()) await run();
}

/**
 * Reads a query string with the core's rules and makes it the page's configuration: the form,
 * the address bar and the code panel follow.
 * @param {string} query
 * @param {() => boolean} [superseded] true if, by the time the core answers, the answer is
 *   out of date and must not overwrite the form
 */
async function adopt(query, superseded = () => false) {
  const parsed = await threadPool.parse(query);
  if (superseded()) return parsed;
  threadplay.config = { ...parsed.scenario, preset: parsed.preset };
  threadplay.notices = parsed.notices;
  page.notices.textContent = parsed.notices.join(' · ');
  page.notices.hidden = parsed.notices.length === 0;
  controls.show(threadplay.config);
  showInAddressBar(parsed.query);
  page.code.show(await threadPool.code(parsed.query));
  return parsed;
}

/** @param {string} changed the name of the control the user changed */
function adoptForm(changed) {
  const values = controls.read();
  const query = changed === 'preset' && values.preset ? `preset=${values.preset}` : configToQuery(values);
  // The user may go on typing while the core reads this edit; their newer values win.
  const superseded = () => configToQuery(controls.read()) !== configToQuery(values);
  adopt(query, superseded).catch(showFailure);
}

function runFromForm() {
  threadplay.config = controls.read();
  run().catch(() => {});
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
  const parsed = await adopt(configToQuery(threadplay.config));
  const config = threadplay.config;
  /** @type {RunRecord} */
  const record = {
    config,
    status: 'running',
    wallMs: null,
    crossOriginIsolated: window.crossOriginIsolated,
    events: [],
  };
  controls.setBusy(true);
  page.log.clear();
  page.summary.replaceChildren();
  page.timeline.reset(config);
  showStatus(page.status, `Running ${config.tasks} task(s) under ${config.model} on ${config.threads} worker(s)…`);
  const onEvents = (events) => {
    for (const event of events) record.events.push(event);
    page.log.append(events);
    page.timeline.add(events);
  };
  try {
    const report =
      config.model === 'processes'
        ? await processPool.run(parsed.query, config, onEvents)
        : await threadPool.run(parsed.query, Number(config.threads), onEvents);
    // Processes report by message, so their events can arrive slightly out of time order.
    record.events.sort((a, b) => a.tMs - b.tMs);
    Object.assign(record, report, { status: 'completed' });
    page.timeline.finish(report.wallMs);
    showSummary(page.summary, record);
    showStatus(page.status, 'Done. Edit the settings and run again.');
  } catch (error) {
    Object.assign(record, { status: 'failed', error: String(error?.message ?? error) });
    page.timeline.finish(0);
    showStatus(page.status, `The run failed: ${record.error}`);
  } finally {
    controls.setBusy(false);
  }
  threadplay.lastRun = record;
  window.dispatchEvent(new CustomEvent('threadplay:run-complete', { detail: record }));
  return record;
}

/**
 * Runs the current settings under every model and charts the wall times.
 * @returns {Promise<Record<string, number>>}
 */
async function compare() {
  const base = { ...threadplay.config };
  const results = new Map();
  try {
    for (const model of models) {
      threadplay.config = { ...base, model };
      const record = await run();
      if (record.status !== 'completed') throw new Error(`${model}: ${record.error}`);
      results.set(model, record.wallMs);
      page.comparison.show(results, `${base.tasks} tasks`);
    }
  } finally {
    threadplay.config = base;
    await adopt(configToQuery(base));
  }
  return Object.fromEntries(results);
}

function showFailure(error) {
  showStatus(page.status, String(error?.message ?? error));
  page.status.classList.add('error');
}

boot().catch(showFailure);
