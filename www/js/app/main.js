// Wires the page: reads the link, runs scenarios on the thread pool (or the process pool),
// shows the output, timeline, summary and code.
//
// Test hook (the one global): `window.threadplay` = { config, notices, flags, lastRun, run(),
// stop(), compare(), stats(), positions() }. `config.code` is the Python program that runs
// (empty when the settings drive the run). `run()` runs `config` and resolves with the run
// record; after every run the record is also at `lastRun` and in a `threadplay:run-complete`
// event's `detail` on `window`. `stop()` ends the run in progress within one iteration (its
// status: `stopped`). `compare()` runs `config` under every model and resolves with
// `{ model: wallMs }`. `positions()` returns `[{ thread, line }]`: where each live thread of the
// running program is in its code. An embed (embed=1) without autorun or controls starts its
// workers at its first run; until then `config` has only `code`.
import { createCodePanel } from '../views/code-panel.js';
import { createComparison } from '../views/compare.js';
import { createControls } from './controls.js';
import { checkProgram } from '../transport/program-check.js';
import { OutputLog } from '../views/output-log.js';
import { ThreadPositions } from '../views/positions.js';
import { settleIsolation, sharedMemoryProblem } from './isolation.js';
import { createRunner } from '../transport/runners.js';
import { Runs } from './runs.js';
import { showStatus } from '../views/summary.js';
import { Timeline } from '../views/timeline.js';
import { applyViewFlags, hostProgram, wireCopyButtons } from './share.js';
import {
  configToQuery,
  currentQuery,
  linkedProgram,
  readPageFlags,
  showInAddressBar,
  waitsForFirstRun,
} from './url-state.js';

/**
 * @typedef {import('./url-state.js').Config} Config
 * @typedef {import('./runs.js').RunRecord} RunRecord
 */

const $ = (id) => document.getElementById(id);
const page = {
  form: /** @type {HTMLFormElement} */ ($('controls')),
  status: $('status'),
  notices: $('notices'),
  isolation: $('isolation'),
  summary: $('summary'),
  log: new OutputLog($('log'), (line) => page.code.selectLine(line)),
  timeline: new Timeline(/** @type {HTMLCanvasElement} */ ($('timeline')), $('timeline-details'), (line) =>
    page.code.selectLine(line),
  ),
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
const positions = new ThreadPositions((places) => page.code.showThreads(places));
const runs = new Runs({ ...page, positions });
/** @type {import('../transport/runners.js').Runner} */
let runner;
const { flags, notices: flagNotices } = readPageFlags();
const view = applyViewFlags(flags, {
  settings: [$('run-settings'), $('settings')].map((element) => /** @type {HTMLFieldSetElement} */ (element)),
  openFull: /** @type {HTMLAnchorElement} */ ($('open-full')),
});
page.code.setReadOnly(flags.readonly);
/** How long typing in the editor pauses before the link follows. */
const EDIT_SETTLE_MS = 300;
let editTimer = 0;
/**
 * The reader's edits so far (each key in the editor, each field changed). The core answers a
 * little after each: an answer to an older edit must not overwrite a newer one (see adoptEdit).
 */
let edits = 0;

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
  /** @returns {Promise<import('../transport/runners.js').RunnerStats>} to check that runs leak nothing */
  stats: () => runner.stats(),
  /** @returns {{ thread: string, line: number }[]} where the running program's threads are */
  positions: () => positions.places().map(({ thread, line }) => ({ thread, line })),
};

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
  const hostCode = flags.embed ? hostProgram() : undefined;
  if (waitsForFirstRun(flags)) await showBeforeStart(hostCode);
  else await start(hostCode);
  // A link that carries a program opens on it (a narrow screen puts the settings above it); an
  // embed must not scroll its host page.
  if (threadplay.config.code && !flags.embed) $('code-section').scrollIntoView({ block: 'nearest' });
  showStatus(page.status, 'Ready. Press Run (or Ctrl+Enter).');
  view.reportHeight();
  window.threadplay = threadplay;
  upgradeEditorsWhenIdle();
  if (flags.autorun) await run();
}

/** @type {Promise<void> | null} the workers' and the form's start, once begun */
let started = null;

/**
 * Starts the workers and the form, then shows the link's configuration (the first time only).
 * @param {string} [code] the program to show instead of the link's
 * @returns {Promise<void>}
 */
function start(code) {
  started ??= startWorkers().then(() => adopt(currentQuery(), { code }).then(() => {}));
  return started;
}

/**
 * An embed before its first Run: the program from its host or its link, without the core. Run
 * (or Ctrl+Enter) starts the workers, then runs; the form's own handlers take over from then.
 * @param {string | undefined} hostCode
 */
async function showBeforeStart(hostCode) {
  // A link's program the browser cannot unpack is the core's to explain.
  const code = hostCode ?? (await linkedProgram().catch(() => null));
  if (code === null) return start();
  threadplay.config = { code };
  view.followSettings();
  const placeholder = '# Press Run: the program\n# for these settings\n# shows here.\n';
  page.code.show({ python: code ? '' : placeholder, rust: '' }, code);
  showIsolation();
  const startAndRun = (event) => {
    if (event.type === 'keydown' && !(event.key === 'Enter' && (event.ctrlKey || event.metaKey))) return;
    event.preventDefault();
    page.form.removeEventListener('submit', startAndRun);
    document.removeEventListener('keydown', startAndRun);
    page.form.noValidate = false;
    run().catch(() => {});
  };
  // Its fields are empty until the core fills them: Run must not wait for them to be valid.
  page.form.noValidate = true;
  page.form.addEventListener('submit', startAndRun);
  document.addEventListener('keydown', startAndRun);
}

/** Starts the runner (falling back to one without shared memory if it must) and the form. */
async function startWorkers() {
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
  wireCopyButtons({ link: $('copy-link'), embed: $('copy-embed') }, () => threadplay.config.code ?? '');
  for (const button of document.querySelectorAll('[data-download]')) {
    button.addEventListener('click', () => runs.download(button.dataset.download));
  }
  for (const radio of document.querySelectorAll('input[name="timeline-rows"]')) {
    radio.addEventListener('change', () => page.timeline.setRows(radio.value));
  }
}

/**
 * Swaps CodeMirror in once the ready page has painted, in an idle moment (or within a second):
 * compiling it before would hold back Run and the program's first paint.
 */
function upgradeEditorsWhenIdle() {
  const whenIdle = () =>
    requestAnimationFrame(() => {
      if (window.requestIdleCallback) requestIdleCallback(upgrade, { timeout: 1000 });
      else setTimeout(upgrade, 0);
    });
  // Not while a run is queued or going: the compile is one long task, which its frames would feel.
  const upgrade = () => (runs.pending > 0 ? setTimeout(whenIdle, 200) : page.code.upgrade().catch(showFailure));
  whenIdle();
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
  const parsed = await runner.plan(query, code);
  if (superseded()) return parsed;
  threadplay.config = { ...parsed.scenario, preset: parsed.preset, code: parsed.code };
  threadplay.notices = [...flagNotices, ...parsed.notices];
  page.notices.textContent = threadplay.notices.join(' · ');
  page.notices.hidden = threadplay.notices.length === 0;
  controls.show(threadplay.config);
  showInAddressBar(parsed.query);
  view.followSettings();
  page.code.show(parsed.listings, parsed.code);
  // A program shown is likely run: its interpreter loads now, not when Run is pressed.
  if (parsed.code) runner.preparePrograms();
  return parsed;
}

/** Settings a program keeps when they change: they choose how it runs, not what it is. */
const PROGRAM_SETTINGS = ['model', 'threads'];

/** @param {string} changed the name of the control the user changed */
function adoptForm(changed) {
  edits += 1;
  // This answer carries the program typed so far (or replaces it): the typing's own is not needed.
  clearTimeout(editTimer);
  const values = controls.read();
  const query = changed === 'preset' && values.preset ? `preset=${values.preset}` : configToQuery(values);
  // Other settings regenerate the code, replacing an edited program.
  const code = PROGRAM_SETTINGS.includes(changed) ? threadplay.config.code : '';
  adoptEdit(query, code, values);
}

/**
 * The reader edited the program (or handed the run back to the settings with ''): it is the
 * configuration's at once, and the link follows when the typing pauses.
 * @param {string} code
 */
function adoptCode(code) {
  threadplay.config = { ...threadplay.config, code };
  // Before the workers start (an embed), the first Run reads it.
  if (!started) return;
  edits += 1;
  clearTimeout(editTimer);
  editTimer = setTimeout(() => {
    // The form as it is now: a field changed since the last answer is kept, not put back.
    const values = controls?.read() ?? null;
    adoptEdit(configToQuery(values ?? threadplay.config), code, values);
  }, EDIT_SETTLE_MS);
}

/**
 * Asks the core to read the reader's latest edit. Its answer rewrites the form, the program and
 * the link, so it is dropped if the reader edited again before it came (a key in the editor, a
 * field changed, or one typed in and not yet left): nothing they typed is lost, and the last
 * edit wins, whichever the two were. The newer edit has an answer of its own coming, except a
 * field still being typed in, whose change comes when it is left.
 * @param {string} query
 * @param {string | undefined} code
 * @param {import('./url-state.js').Config | null} values the form's values the query was read from
 */
function adoptEdit(query, code, values) {
  const asked = edits;
  const formNow = () => (values ? configToQuery(controls.read()) : '');
  const formThen = values ? configToQuery(values) : '';
  const superseded = () => edits !== asked || formNow() !== formThen;
  adopt(query, { code, superseded }).catch(showFailure);
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
  return runs.enqueue(runOnce);
}

/** @returns {Promise<RunRecord>} */
async function runOnce() {
  await start(threadplay.config.code || undefined);
  clearTimeout(editTimer);
  const plan = await adopt(configToQuery(threadplay.config), { code: threadplay.config.code ?? '' });
  const config = threadplay.config;
  const program = config.code;
  const fallbacks = program ? programsWithoutSharedMemory : withoutSharedMemory;
  const model = runner.sharedMemory ? config.model : (fallbacks[config.model] ?? config.model);
  controls.setBusy(true);
  let record;
  try {
    record = await runs.execute({
      runner,
      config,
      plan,
      model,
      isolation: isolation(),
      fallbackReason: model === config.model ? undefined : fallbackReason(config, model),
      quietFallback: flags.embed,
    });
  } finally {
    controls.setBusy(false);
  }
  threadplay.lastRun = record;
  window.dispatchEvent(new CustomEvent('threadplay:run-complete', { detail: record }));
  return record;
}

/**
 * Why a run fell back to `model`, for the status line and the record.
 * @param {Config} config
 * @param {string} model
 */
function fallbackReason(config, model) {
  return config.code
    ? `Free threading needs shared memory, and this page has none because ` +
        `${noSharedMemoryBecause}: your program ran under ${model}, its threads taking turns on ` +
        `one worker. Open it in its own tab (Open in threadplay ↗) for threads in parallel.`
    : `This page has no shared memory for ${config.model} because ${noSharedMemoryBecause}; ` +
        `it ran under ${model} instead.`;
}

/**
 * Ends the run in progress (if any) within one iteration.
 * @returns {Promise<void>}
 */
async function stop() {
  // The button stays enabled (a second stop is harmless) so that it keeps the focus.
  if (!runs.running) return;
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
    // An embed says only what it lacks.
    framed: flags.embed ? '' : 'Real threads: this frame is cross-origin isolated.',
    // One line in an embed, its reason in the title (Open in threadplay has real threads).
    none: flags.embed
      ? 'This frame has no shared memory: threads run as processes, the GIL as the event loop.'
      : 'This page has no shared memory: threads run as processes, the GIL as the event loop. ' +
        `That is because ${noSharedMemoryBecause}.`,
  };
  page.isolation.textContent = lines[isolation()];
  page.isolation.hidden = !page.isolation.textContent;
  page.isolation.title = noSharedMemoryBecause ? `No shared memory because ${noSharedMemoryBecause}.` : '';
}

function showFailure(error) {
  showStatus(page.status, String(error?.message ?? error));
  page.status.classList.add('error');
}

boot().catch(showFailure);
