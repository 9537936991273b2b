// Wires the page: reads the link, runs scenarios on the thread pool (or the process pool),
// shows the output, timeline, summary and code.
//
// Test hook (the one global): `window.threadplay` = { config, notices, flags, lastRun, run(),
// stop(), compare(), stats() }. `config.code` is the Python program that runs (empty when the
// settings drive the run). `run()` runs `config` and resolves with the run record; after every run
// the record is also at `lastRun` and in a `threadplay:run-complete` event's `detail` on
// `window`. `stop()` ends the run in progress within one iteration (its status: `stopped`).
// `compare()` runs `config` under every model and resolves with `{ model: wallMs }`.
import { createCodePanel } from './code-panel.js';
import { createComparison } from './compare.js';
import { createControls } from './controls.js';
import { checkProgram } from './program-check.js';
import { OutputLog } from './output-log.js';
import { settleIsolation, sharedMemoryProblem } from './isolation.js';
import { EventStore } from './event-store.js';
import { createRunner } from './runners.js';
import { showProgramSummary, showStatus, showSummary } from './summary.js';
import { Timeline } from './timeline.js';
import { applyViewFlags, wireCopyButtons } from './share.js';
import { configToQuery, currentQuery, readPageFlags, showInAddressBar } from './url-state.js';

/**
 * @typedef {import('./url-state.js').Config} Config
 * @typedef {import('./events.js').RunEvent} RunEvent
 * @typedef {import('./pool-client.js').RunReport} RunReport
 * @typedef {Partial<RunReport> & { config: Config, status: 'running' | 'completed' | 'stopped' | 'failed',
 *             wallMs: number | null, crossOriginIsolated: boolean, events: RunEvent[],
 *             lineCount: number, eventCount: number, deliveryMs?: { p50: number, p95: number } | null,
 *             code?: string, error?: string | import('./pool-client.js').ProgramError }} RunRecord
 *   `error` is a program's exception ({ message, line, column }) or why the run itself failed
 */

const $ = (id) => document.getElementById(id);
const page = {
  form: /** @type {HTMLFormElement} */ ($('controls')),
  status: $('status'),
  notices: $('notices'),
  isolation: $('isolation'),
  summary: $('summary'),
  log: new OutputLog($('log')),
  timeline: new Timeline(/** @type {HTMLCanvasElement} */ ($('timeline')), $('timeline-details')),
  comparison: createComparison($('compare'), /** @type {HTMLOListElement} */ ($('compare-chart'))),
  code: createCodePanel(
    {
      python: $('tab-python'),
      rust: $('tab-rust'),
      panel: $('code-panel'),
      editor: $('code-editor'),
      rustView: $('code-rust'),
      copy: $('copy-code'),
      note: $('code-note'),
      reset: $('code-reset'),
      error: $('code-error'),
    },
    { onEdit: adoptCode, check: checkProgram },
  ),
};
/** @type {import('./runners.js').Runner} */
let runner;
const { flags, notices: flagNotices } = readPageFlags();
const view = applyViewFlags(flags, {
  settings: /** @type {HTMLFieldSetElement} */ ($('settings')),
  openFull: /** @type {HTMLAnchorElement} */ ($('open-full')),
});
page.code.setReadOnly(flags.readonly);
/** How long typing in the editor pauses before the link follows. */
const EDIT_SETTLE_MS = 300;
let editTimer = 0;

const threadplay = {
  /** @type {Config} */
  config: {},
  /** @type {string[]} what was adjusted in the last configuration read (and the page's flags) */
  notices: [],
  /** the page's flags: embed, readonly, theme, autorun */
  flags,
  /** @type {RunRecord | null} */
  lastRun: null,
  run,
  stop,
  compare,
  /** @returns {Promise<import('./runners.js').RunnerStats>} to check that runs leak nothing */
  stats: () => runner.stats(),
};

/** @type {Promise<unknown>} one run at a time: a second `run()` waits for the first */
let queue = Promise.resolve();
/** Whether a run is in progress (so a stop has something to end). */
let running = false;
/** @type {EventStore | null} the last run's events, for downloads */
let lastStore = null;
let controls;
/** @type {string[]} */
let models = [];
/** @type {Record<string, string>} the model each shared-memory model falls back to */
let withoutSharedMemory = {};
/** @type {string | null} why this page has no shared memory, if it has none */
let noSharedMemoryBecause = null;
/** @type {Record<string, string>} the same for programs */
let programsWithoutSharedMemory = {};

async function boot() {
  noSharedMemoryBecause = sharedMemoryProblem(await settleIsolation());
  runner = createRunner(noSharedMemoryBecause === null);
  showStatus(page.status, 'Starting the workers…');
  let settings;
  try {
    settings = await runner.start();
  } catch (error) {
    // The threaded module did not start (a browser that promised shared memory and could not
    // keep the promise): the page still works, without it, and says why.
    if (!runner.sharedMemory) throw error;
    runner.close();
    noSharedMemoryBecause = `its threaded module failed to start (${error?.message ?? error})`;
    runner = createRunner(false);
    settings = await runner.start();
  }
  models = settings.choices.model;
  withoutSharedMemory = settings.withoutSharedMemory;
  programsWithoutSharedMemory = settings.programsWithoutSharedMemory;
  showIsolation();
  controls = createControls(page.form, settings, { onRun: runFromForm, onStop: stop, onEdit: adoptForm });
  $('compare-button').addEventListener('click', () => compare().catch(() => {}));
  wireCopyButtons({ link: $('copy-link'), embed: $('copy-embed') });
  for (const button of document.querySelectorAll('[data-download]')) {
    button.addEventListener('click', () => download(button.dataset.download));
  }
  for (const radio of document.querySelectorAll('input[name="timeline-rows"]')) {
    radio.addEventListener('change', () => page.timeline.setRows(radio.value));
  }
  // The pool starts when a run first needs it: a tutorial with several embeds starts none
  // until its reader presses Run.
  await adopt(currentQuery());
  showStatus(page.status, 'Ready. Press Run (or Ctrl+Enter).');
  window.threadplay = threadplay;
  if (flags.autorun) await run();
}

/**
 * Reads a query string with the core's rules and makes it the page's configuration: the form,
 * the address bar and the code panel follow.
 * @param {string} query
 * @param {{ code?: string, superseded?: () => boolean }} [options] `code`: the program (plain
 *   text) instead of the one the link carries; `superseded`: true if, by the time the core
 *   answers, the answer is out of date and must not overwrite the form
 */
async function adopt(query, { code, superseded = () => false } = {}) {
  const parsed = await runner.parse(query, code);
  if (superseded()) return parsed;
  threadplay.config = { ...parsed.scenario, preset: parsed.preset, code: parsed.code };
  markProgram(parsed.code);
  threadplay.notices = [...flagNotices, ...parsed.notices];
  page.notices.textContent = threadplay.notices.join(' · ');
  page.notices.hidden = threadplay.notices.length === 0;
  controls.show(threadplay.config);
  showInAddressBar(parsed.query);
  view.followSettings();
  page.code.show(await runner.code(parsed.query), parsed.code);
  return parsed;
}

/**
 * Marks the page as running the reader's program (an embed then shows its code).
 * @param {string} code
 */
function markProgram(code) {
  document.documentElement.toggleAttribute('data-program', code !== '');
}

/** Settings a program keeps when they change: they choose how it runs, not what it is. */
const PROGRAM_SETTINGS = ['model', 'threads'];

/** @param {string} changed the name of the control the user changed */
function adoptForm(changed) {
  const values = controls.read();
  const query = changed === 'preset' && values.preset ? `preset=${values.preset}` : configToQuery(values);
  // Other settings regenerate the code, replacing an edited program.
  const code = PROGRAM_SETTINGS.includes(changed) ? threadplay.config.code : '';
  // The user may go on typing while the core reads this edit; their newer values win.
  const superseded = () => configToQuery(controls.read()) !== configToQuery(values);
  adopt(query, { code, superseded }).catch(showFailure);
}

/**
 * The reader edited the program (or handed the run back to the settings with ''): it is the
 * configuration's at once, and the link follows when the typing pauses.
 * @param {string} code
 */
function adoptCode(code) {
  threadplay.config = { ...threadplay.config, code };
  markProgram(code);
  clearTimeout(editTimer);
  editTimer = setTimeout(() => {
    const superseded = () => threadplay.config.code !== code;
    adopt(configToQuery(threadplay.config), { code, superseded }).catch(showFailure);
  }, EDIT_SETTLE_MS);
}

function runFromForm() {
  threadplay.config = { ...controls.read(), code: threadplay.config.code };
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
  clearTimeout(editTimer);
  await adopt(configToQuery(threadplay.config), { code: threadplay.config.code ?? '' });
  const config = threadplay.config;
  const program = config.code;
  const fallbacks = program ? programsWithoutSharedMemory : withoutSharedMemory;
  const model = runner.sharedMemory ? config.model : (fallbacks[config.model] ?? config.model);
  const fallback = model !== config.model;
  const store = new EventStore();
  lastStore = store;
  /** @type {RunRecord} */
  const record = {
    config,
    model,
    fallback,
    status: 'running',
    wallMs: null,
    crossOriginIsolated: window.crossOriginIsolated,
    isolation: isolation(),
    lineCount: 0,
    eventCount: 0,
  };
  if (program) record.code = program;
  // The events as objects, made on first use: a flood's record stays small unless asked.
  let events = null;
  Object.defineProperty(record, 'events', { enumerable: true, get: () => (events ??= store.toArray()) });
  if (fallback) {
    record.fallbackReason = program
      ? `Free threading needs shared memory, and this page has none because ` +
        `${noSharedMemoryBecause}: your program ran under ${model}, its threads taking turns on ` +
        `one worker. Open it in its own tab (Open in threadplay ↗) for threads in parallel.`
      : `This page has no shared memory for ${config.model} because ${noSharedMemoryBecause}; ` +
        `it ran under ${model} instead.`;
  }
  const runConfig = { ...config, model };
  controls.setBusy(true);
  running = true;
  page.log.clear();
  page.summary.replaceChildren();
  page.code.showError(null);
  page.timeline.reset(program ? { tasks: 1, threads: Number(config.threads) + 1, model } : runConfig);
  showStatus(
    page.status,
    program
      ? `Running your program under ${model}, its threads on ${runner.sharedMemory ? config.threads : 1} worker(s)…`
      : `Running ${config.tasks} task(s) under ${model} on ${config.threads} worker(s)…`,
  );
  const onEvents = (batch) => {
    store.append(batch, performance.timeOrigin + performance.now());
    page.log.append(batch);
    page.timeline.add(batch);
  };
  try {
    const query = configToQuery(runConfig);
    const report = program
      ? await runner.runProgram(program, query, runConfig, onEvents)
      : await runner.run(query, runConfig, onEvents);
    const status = report.error ? 'failed' : report.stopped ? 'stopped' : 'completed';
    Object.assign(record, report, { status });
    record.deliveryMs = store.deliveryMs(report.originMs);
    page.timeline.finish(report.wallMs);
    if (program) {
      showProgramSummary(page.summary, { ...report, config: runConfig });
      page.code.showError(report.error, program);
    } else {
      showSummary(page.summary, { ...report, config: runConfig });
    }
    // A stopped or failed run says so; the isolation line already tells why there is no
    // shared memory.
    const ended = report.error || report.stopped;
    showStatus(page.status, ended ? doneText(report) : (record.fallbackReason ?? doneText(report)));
  } catch (error) {
    Object.assign(record, { status: 'failed', error: String(error?.message ?? error) });
    page.timeline.finish(0);
    showStatus(page.status, `The run failed: ${record.error}`);
  } finally {
    running = false;
    record.lineCount = store.lineCount;
    record.eventCount = store.length;
    page.log.showLast(store);
    controls.setBusy(false);
  }
  threadplay.lastRun = record;
  window.dispatchEvent(new CustomEvent('threadplay:run-complete', { detail: record }));
  return record;
}

/** @param {{ wallMs: number, stopped: boolean, error?: { message: string } }} report */
function doneText(report) {
  if (report.error) return `The program failed: ${report.error.message}`;
  if (report.stopped) return `Stopped after ${(report.wallMs / 1000).toFixed(2)} s; the lines so far are kept.`;
  return 'Done. Edit the settings (or the program) and run again.';
}

/**
 * Saves the last run's printed lines as a file.
 * @param {'text' | 'csv'} format
 */
async function download(format) {
  if (!lastStore) return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await lastStore.download(format));
  link.download = `threadplay-log.${format === 'csv' ? 'csv' : 'txt'}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * Ends the run in progress (if any) within one iteration.
 * @returns {Promise<void>}
 */
async function stop() {
  // The button stays enabled (a second stop is harmless) so that it keeps the focus.
  if (!running) return;
  await runner.stop();
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
    await adopt(configToQuery(base), { code: base.code ?? '' });
  }
  return Object.fromEntries(results);
}

/**
 * How this page got (or did not get) shared memory.
 * @returns {'top-level' | 'framed' | 'none'} isolated by its own headers as the top page; isolated
 *   inside a frame (an isolated host, or Document-Isolation-Policy); no shared memory
 */
function isolation() {
  if (noSharedMemoryBecause !== null) return 'none';
  return window.top === window ? 'top-level' : 'framed';
}

/** One line on what kind of threads this page has. */
function showIsolation() {
  const lines = {
    'top-level': '',
    framed: 'Real threads: this frame is cross-origin isolated.',
    none:
      'This page has no shared memory: threads run as processes, the GIL as the event loop. ' +
      `That is because ${noSharedMemoryBecause}.`,
  };
  page.isolation.textContent = lines[isolation()];
  page.isolation.hidden = !page.isolation.textContent;
}

function showFailure(error) {
  showStatus(page.status, String(error?.message ?? error));
  page.status.classList.add('error');
}

boot().catch(showFailure);
