// The static build on a plain static server that sends no special headers (python3's
// http.server): the service worker makes the page cross-origin isolated after its first load,
// threads run, and the page still works offline.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { SKIP_WITHOUT_THREADS, launchBrowser } from './harness.mjs';
import { assertTimingBound, measuringOtherLoad } from './machine-load.mjs';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
let server;
let url;
/** Set when the test itself ends the server (to go offline). */
let stopping = false;
/** Why the server is gone, if it ended before the test ended it. */
let serverGone = null;
let browser;

before(async () => {
  server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', DIST], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its request log, kept short: the last lines say why it ended, if it did.
  let log = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-2000);
  });
  server.on('exit', (code, signal) => {
    if (!stopping) serverGone = `the static server exited (${signal ?? code}): ${log}`;
  });
  // Read to the end, not only to the port: python prints the line's newline in a write of its
  // own, and a pipe closed before it ended the server with a BrokenPipeError (1 run in 3 here).
  url = await new Promise((resolve, reject) => {
    let output = '';
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk) => {
      output += chunk;
      // The whole number: a chunk may end in the middle of it.
      const port = output.match(/port (\d+) /)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}/`);
    });
    server.on('exit', () => reject(new Error(`the static server exited before it listened: ${output}`)));
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.kill();
});

const run = (page) => page.evaluate(() => window.threadplay.run());

/** Waits for the page to be ready; if it never is, says where it stopped. */
async function ready(page) {
  try {
    await page.waitForFunction(() => window.threadplay?.config, null, { timeout: 30_000 });
  } catch (error) {
    const state = await page
      .evaluate(() => ({
        status: document.getElementById('status')?.textContent,
        isolated: window.crossOriginIsolated,
        controlled: Boolean(navigator.serviceWorker?.controller),
        href: location.href,
      }))
      .catch((cause) => String(cause));
    throw new Error(`the page never got ready: ${JSON.stringify(state)}; ${serverGone ?? 'the static server was running'}`, {
      cause: error,
    });
  }
}

test('the static build runs threads on a host without headers, then offline', { skip: SKIP_WITHOUT_THREADS }, async (t) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}?tasks=3&iterations=2&sleep_ms=100&threads=3`);
  // The first load registers the service worker and reloads once under it.
  await ready(page);
  assert.equal(await page.evaluate(() => window.crossOriginIsolated), true);
  const { value: online, otherCores } = await measuringOtherLoad(() => run(page));
  assert.equal(online.status, 'completed');
  assert.equal(online.fallback, false);
  assert.equal(new Set(online.events.map((event) => event.worker)).size, 3);
  // 200 ms of sleeps a task: one thread at a time would take 600 ms, and so would no threads.
  const wall = `wall ${online.wallMs.toFixed(0)} ms`;
  assert.ok(online.wallMs < 600, wall);
  assertTimingBound(t, online.wallMs < 350, otherCores, wall);

  // The code editor is a file of the build, cached with the rest.
  const precache = JSON.parse(readFileSync(`${DIST}precache.json`, 'utf8'));
  assert.ok(precache.includes('lib/codemirror.js'), precache.join(' '));

  // Offline: the server is gone, only the service worker's copy is left.
  stopping = true;
  server.kill();
  await once(server, 'exit');
  await page.goto(`${url}?preset=cpu-processes&cpu_ms=20&iterations=2`);
  await ready(page);
  const offline = await run(page);
  assert.equal(offline.status, 'completed', offline.error);
  assert.equal(offline.events.filter((event) => event.kind === 'line').length, 4);
  // CodeMirror, from the cache too, once the run has ended (lazy-editor.js).
  await page.waitForFunction(() => document.querySelector('#code-editor .cm-editor') !== null, null, { timeout: 10_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
