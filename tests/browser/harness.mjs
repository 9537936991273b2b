// Shared setup for the browser tests: the real server on a free port and one headless browser
// (Chromium, Firefox ESR or WebKit, see browsers.mjs).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, beforeEach } from 'node:test';
import { IN_WEBKIT, launchBrowser } from './browsers.mjs';
import { assertTimingBound, measuringOtherLoad } from './machine-load.mjs';

export {
  BROWSER,
  IN_FIREFOX,
  IN_WEBKIT,
  SHARED_MEMORY,
  SKIP_WITHOUT_INIT_SCRIPTS,
  SKIP_WITHOUT_THREADS,
  launchBrowser,
} from './browsers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The server binary, from the repository's root: the release build unless told otherwise. */
const SERVER = `${ROOT}${process.env.THREADPLAY_SERVER ?? 'target/release/threadplay'}`;

/**
 * Starts the server and a browser before a test file's tests and stops them after.
 * @param {(session: object) => Promise<void>} [setUp] more set-up, once both are running
 * @returns {{ server: { url: string }, browser: import('playwright-core').Browser }} filled in
 *   once the tests start
 */
export function useServerAndBrowser(setUp = async () => {}) {
  const session = { server: null, browser: null };
  before(async () => {
    session.server = await startServer();
    session.browser = await launchBrowser();
    await setUp(session);
  });
  after(async () => {
    await session.browser?.close();
    session.server?.stop();
  });
  return session;
}

/**
 * Starts `threadplay serve` on a free loopback port.
 * @param {string} [dir] the site folder; the built `www/` by default
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
export async function startServer(dir = `${ROOT}www`) {
  const server = spawn(SERVER, ['serve', '--port', '0', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.setEncoding('utf8');
  for await (const chunk of server.stdout) {
    output += chunk;
    const match = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (match) {
      // A test file ended early must not leave it running (it holds the runner's stderr open).
      const stop = () => server.kill();
      process.once('exit', stop);
      return { url: match[0], stop };
    }
  }
  throw new Error(`the server exited before printing its address: ${output}`);
}

/**
 * The pages `openPage` opened during the running test, closed after it: a page left open keeps
 * its coordinator and its workers, and a WebKit window compiles the modules again, so a file's
 * later tests ran slower. Pages opened before the tests (a file's shared page) are left open.
 */
const pagesOfTheTest = new Set();
let testRunning = false;
beforeEach(() => {
  testRunning = true;
});
afterEach(async () => {
  testRunning = false;
  const pages = [...pagesOfTheTest];
  pagesOfTheTest.clear();
  // A page the test closed itself is closed already; closing it again is no test's failure.
  await Promise.all(pages.map((page) => page.close().catch(() => {})));
});

/**
 * Opens a page, waits until it is ready and its editor is CodeMirror's, and records every
 * console error and uncaught exception on it. Opened during a test, it is closed after it.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ initScript?: () => void }} [options] `initScript` runs before the page's own scripts
 */
export async function openPage(browser, url, { initScript } = {}) {
  const page = await browser.newPage();
  if (testRunning) pagesOfTheTest.add(page);
  if (initScript) await page.addInitScript(initScript);
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.threadplay?.config, null, { timeout: 20_000 });
  } catch (error) {
    const status = await page.evaluate(() => document.getElementById('status')?.textContent);
    throw new Error(`the page never got ready (status: ${status}; errors: ${errors.join(' | ')})`, { cause: error });
  }
  // CodeMirror replaces the plain text right after (lazy-editor.js); the tests use its views.
  await page.waitForFunction(() => document.querySelector('#code-editor .cm-editor'), null, { timeout: 20_000 });
  return { page, errors };
}

/**
 * Replaces the program in the Python editor as a reader would: a click into it, Ctrl+A, then
 * the keys of `text` (Enter for each newline; the editor indents new lines by itself).
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
export async function typeInEditor(page, text) {
  await page.locator('#code-editor .cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/**
 * The whole text of the CodeMirror view in `selector` (the page draws only the lines in view),
 * read with CodeMirror's own `EditorView.findFromDOM`.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @returns {Promise<string>}
 */
export async function editorText(page, selector) {
  // CodeMirror replaces the plain text once the page is ready (lazy-editor.js).
  await page.waitForFunction((selector) => document.querySelector(`${selector} .cm-editor`), selector);
  return page.evaluate(async (selector) => {
    const { EditorView } = await import(new URL('lib/codemirror.js', document.baseURI).href);
    return EditorView.findFromDOM(document.querySelector(selector)).state.doc.toString();
  }, selector);
}

/**
 * Waits until the CodeMirror view in `selector` holds text that matches `pattern`.
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 * @param {RegExp} pattern
 * @returns {Promise<string>} the text
 */
export async function waitForEditorText(page, selector, pattern, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await editorText(page, selector);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the editor never matched ${pattern}: ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs the page's current configuration through the test hook, noting when the first output
 * line appeared in the log and when the run ended (both on the page's clock).
 * @param {import('playwright-core').Page} page
 * @param {{ eventKinds?: string[] | null }} [options] the kinds of event to bring back, when not
 *   all: a lock handed over 80,000 times records 160,000 state changes, and copying them out of
 *   the page took 10 s a run
 */
export function runAndWatch(page, { eventKinds = null } = {}) {
  return page.evaluate(async (eventKinds) => {
    const log = document.getElementById('log');
    let firstLineAt = null;
    const observer = new MutationObserver(() => {
      if (firstLineAt === null && log.querySelector('.line')) firstLineAt = performance.now();
    });
    observer.observe(log, { childList: true });
    const startedAt = performance.now();
    const record = await window.threadplay.run();
    const endedAt = performance.now();
    observer.disconnect();
    const rows = [...log.querySelectorAll('.line .text')].map((row) => row.textContent);
    const { events, ...rest } = record;
    const kept = eventKinds ? { ...rest, events: events.filter((event) => eventKinds.includes(event.kind)) } : record;
    return { record: kept, rows, firstLineMs: firstLineAt - startedAt, endedMs: endedAt - startedAt };
  }, eventKinds);
}

/** The settings a tutorial scenario is made of, picked from a configuration or form values. */
/**
 * The seconds of a program's `Finished in 0.25 second(s)` line: a time it measured, which a
 * busy machine makes longer, so tests bound it instead of comparing it.
 * @param {string} line
 * @returns {number}
 */
export function finishedSeconds(line) {
  const match = /^Finished in (\d+(?:\.\d+)?) second\(s\)$/.exec(line);
  if (!match) throw new Error(`not a finish line: ${line}`);
  return Number(match[1]);
}

export const tutorialSettings = ({ tasks, iterations, sleep_ms, threads }) => ({ tasks, iterations, sleep_ms, threads });

/**
 * The longest main-thread task a test allows while a run fills the cores: twice the Long Tasks
 * API's 50 ms, which is the benchmark's goal (`longest_main_thread_task_ms`). On 2 cores the
 * run's own workers stretch the page's tasks: a quiet machine measured 0 to 50 ms in Chromium.
 */
export const LONG_TASK_MS = 100;
/**
 * WebKit under Xvfb, where a 5 ms timer measures every stall of the main thread, the engine's
 * as well as the page's: about 180 floods of 2,560,000 lines in one session stalled it for
 * 30-68 ms now and then and once for 144 ms (CI runs saw 101 and 112), while the page's own
 * message handlers and frames inside those stalls took 0-5 ms (its longest anywhere in a
 * flood: 19 and 35 ms). The engine's collections (pauses of up to 27 ms) and its software
 * compositing share the two cores with the run's workers. There the bound is for a page that
 * freezes, not for the machine.
 */
const WEBKIT_LONG_TASK_MS = 250;
/** Even on a busy machine, a stall this long would be the page freezing, not the load. */
export const FROZEN_MS = 2000;

/**
 * Checks the longest main-thread task of a run: under `boundMs` on a machine left to the test;
 * on a busy one only under FROZEN_MS, saying so (the load stretches every task).
 * @param {import('node:test').TestContext} t
 * @param {{ longestTaskMs: number, otherCores: number }} measured
 * @param {number} [boundMs]
 */
export function checkLongestTask(t, { longestTaskMs, otherCores }, boundMs = IN_WEBKIT ? WEBKIT_LONG_TASK_MS : LONG_TASK_MS) {
  const took = `a main-thread task took ${longestTaskMs.toFixed(0)} ms`;
  assertTimingBound(t, longestTaskMs < boundMs, otherCores, took);
  assert.ok(longestTaskMs < FROZEN_MS, took);
}

/**
 * Runs the page's current configuration while watching for long main-thread tasks, until the
 * log has stopped changing after the run's end. Where the browser has the Long Tasks API
 * (Chromium) it reports tasks of 50 ms or more (0 means none); elsewhere (Firefox, WebKit) a
 * 5 ms timer measures the longest stall between its ticks, which a long task would cause.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ status: string, wallMs: number, lineCount: number, eventCount: number,
 *   pageMs: number, longestTaskMs: number, rows: number, marker: string | undefined,
 *   otherCores: number }>} `otherCores`: how busy the rest of the machine was meanwhile
 */
export async function runWatchingLongTasks(page) {
  const { value, otherCores } = await measuringOtherLoad(() => watchingLongTasks(page));
  return { ...value, otherCores };
}

function watchingLongTasks(page) {
  return page.evaluate(async () => {
    let longestTaskMs = 0;
    const stop = watchMainThread((ms) => {
      longestTaskMs = Math.max(longestTaskMs, ms);
    });
    const started = performance.now();
    const record = await window.threadplay.run();
    const pageMs = performance.now() - started;
    // The log fills its window a frame at a time after the run: watch until its rows have
    // stayed the same for 300 ms (frames come late in WebKit under Xvfb on a busy machine).
    const rowCount = () => document.querySelectorAll('#log .line').length;
    let rows = rowCount();
    let settledAt = performance.now();
    while (performance.now() - settledAt < 300) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (rowCount() !== rows) {
        rows = rowCount();
        settledAt = performance.now();
      }
    }
    stop();
    return {
      status: record.status,
      wallMs: record.wallMs,
      lineCount: record.lineCount,
      eventCount: record.eventCount,
      pageMs,
      longestTaskMs,
      rows: document.querySelectorAll('#log .line').length,
      marker: document.querySelector('#log .earlier')?.textContent,
    };

    /** Calls `report` with each long task's length; returns a function that stops watching. */
    function watchMainThread(report) {
      if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) report(entry.duration);
        });
        observer.observe({ type: 'longtask' });
        return () => observer.disconnect();
      }
      const TICK_MS = 5;
      let last = performance.now();
      let timer = 0;
      const tick = () => {
        const now = performance.now();
        const stall = now - last - TICK_MS;
        if (stall >= 50) report(stall);
        last = now;
        timer = setTimeout(tick, TICK_MS);
      };
      timer = setTimeout(tick, TICK_MS);
      return () => clearTimeout(timer);
    }
  });
}
