// Embeds on the pages tutorials live on: host pages on another origin (another port), one not
// cross-origin isolated and one isolated. The frame runs, tells its host its height, and has
// real threads where the browser allows (Document-Isolation-Policy, or an isolated host) or
// falls back to a model without shared memory and says so.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { deflateRawSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { BROWSER, SKIP_WITHOUT_THREADS, finishedSeconds, launchBrowser, useServerAndBrowser } from './harness.mjs';
import { readFileSync } from 'node:fs';
import { assertTimingBound, measuringOtherLoad } from './machine-load.mjs';

const session = useServerAndBrowser();
/** Ten threads that each sleep half a second. */
const TEN_SLEEPERS = readFileSync(new URL('../programs/ten_sleepers.py', import.meta.url), 'utf8').replace('[1.5]', '[0.5]');
/** A Chromium without Document-Isolation-Policy, like browsers that do not support it yet. */
let withoutDip;
const hosts = {};

/** A tutorial-like page that frames `src` and records the heights the frame reports. */
function hostPage(src) {
  return `<!doctype html><title>A tutorial</title><h1>Threads in Python</h1>
<iframe src="${src}" title="threadplay" width="100%" height="300" style="border:0" allow="cross-origin-isolated"></iframe>
<script>
  window.heights = [];
  addEventListener('message', (event) => {
    if (event.data?.type === 'threadplay:resize') {
      window.heights.push(event.data.height);
      document.querySelector('iframe').style.height = event.data.height + 'px';
    }
  });
</script>`;
}

/** Serves one host page on a free port; `isolated` adds COOP and COEP to it. */
async function startHost(isolated) {
  const server = createServer((request, response) => {
    const src = new URL(request.url, 'http://host').searchParams.get('src');
    const headers = { 'content-type': 'text/html' };
    if (isolated) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    response.writeHead(200, headers).end(hostPage(src));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

before(async () => {
  hosts.plain = await startHost(false);
  hosts.isolated = await startHost(true);
  withoutDip = await launchBrowser(['--disable-features=DocumentIsolationPolicy']);
});
after(async () => {
  await withoutDip?.close();
  hosts.plain?.close();
  hosts.isolated?.close();
});

/**
 * Opens `host` framing the embed, waits for its autorun, and returns what the frame recorded.
 * @param {import('playwright-core').Browser} browser
 */
async function embedIn(browser, host, query = 'tasks=3&iterations=2&sleep_ms=100&threads=3') {
  const src = `${session.server.url}?${query}&embed=1&autorun=1`;
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${host.url}?src=${encodeURIComponent(src)}`);
  const frame = await playgroundFrame(page);
  await frame.waitForFunction(() => ['completed', 'failed'].includes(window.threadplay?.lastRun?.status), null, {
    timeout: 20_000,
  });
  const record = await frame.evaluate(() => window.threadplay.lastRun);
  const isolationLine = await frame.locator('#isolation').textContent();
  const codeShown = await frame.locator('#code-editor').isVisible();
  await page.waitForFunction(() => window.heights.length > 0);
  const heights = await page.evaluate(() => window.heights);
  const frameHeight = (await page.locator('iframe').boundingBox()).height;
  await page.close();
  return { record, isolationLine, heights, frameHeight, codeShown, errors };
}

/** The host page's playground frame, once it is there. */
async function playgroundFrame(page) {
  // Awaited: WebKit's layer has to ask the browser for its frames.
  for (let waited = 0; waited < 20_000; waited += 50) {
    const frame = (await page.frames()).find((candidate) => candidate.url().startsWith(session.server.url));
    if (frame) return frame;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const urls = (await page.frames()).map((frame) => frame.url());
  throw new Error(`the host page has no playground frame: ${urls.join(', ')}`);
}

/** A link's `code` parameter for `program`, as the core packs it (raw deflate, base64url). */
const packed = (program) => deflateRawSync(Buffer.from(program)).toString('base64url');

function assertRan(record) {
  assert.equal(record.status, 'completed');
  assert.equal(record.events.filter((event) => event.kind === 'line').length, 6);
}

test('on a page without isolation, Document-Isolation-Policy gives the frame real threads (Chromium only: Firefox and WebKit do not support that header)', { skip: BROWSER !== 'chromium' && `${BROWSER} has no Document-Isolation-Policy; the next test is what it does` }, async (t) => {
  const { value: embedded, otherCores } = await measuringOtherLoad(() => embedIn(session.browser, hosts.plain));
  const { record, heights, frameHeight, errors } = embedded;
  assertRan(record);
  assert.equal(record.crossOriginIsolated, true);
  assert.equal(record.isolation, 'framed');
  assert.equal(record.fallback, false);
  assert.equal(record.model, 'threads');
  assert.equal(new Set(record.events.map((event) => event.worker)).size, 3);
  assertTimingBound(t, record.wallMs < 350, otherCores, `wall ${record.wallMs.toFixed(0)} ms: tasks overlapped`);
  assert.ok(heights.at(-1) > 400, `reported height ${heights.at(-1)}`);
  assert.equal(Math.round(frameHeight), heights.at(-1), 'the host applied the reported height');
  assert.deepEqual(errors, []);
});

test('without Document-Isolation-Policy (Firefox, older Chromium) the frame falls back to processes and says so', async (t) => {
  const { value: embedded, otherCores } = await measuringOtherLoad(() => embedIn(withoutDip, hosts.plain));
  const { record, isolationLine, heights, errors } = embedded;
  assertRan(record);
  assert.equal(record.crossOriginIsolated, false);
  assert.equal(record.isolation, 'none');
  assert.equal(record.fallback, true);
  assert.equal(record.model, 'processes');
  assert.match(record.fallbackReason, /not cross-origin isolated.*ran under processes instead/);
  assert.match(isolationLine, /no shared memory: threads run as processes/);
  assertTimingBound(t, record.wallMs < 400, otherCores, `wall ${record.wallMs.toFixed(0)} ms: processes overlapped`);
  assert.ok(heights.length > 0);
  assert.deepEqual(errors, []);
});

test('an isolated host gives the frame real threads in any browser', { skip: SKIP_WITHOUT_THREADS }, async () => {
  const { record, heights, errors } = await embedIn(withoutDip, hosts.isolated);
  assertRan(record);
  assert.equal(record.crossOriginIsolated, true);
  assert.equal(record.fallback, false);
  assert.equal(record.model, 'threads');
  assert.ok(heights.length > 0);
  assert.deepEqual(errors, []);
});

test('an embed carrying a program runs it with threads, and without shared memory under the GIL with the same lines', { skip: SKIP_WITHOUT_THREADS }, async () => {
  const query = `model=threads&code=${packed(TEN_SLEEPERS)}`;
  const threaded = await embedIn(session.browser, hosts.isolated, query);
  assert.equal(threaded.record.status, 'completed', JSON.stringify(threaded.record.error));
  assert.equal(threaded.record.code, TEN_SLEEPERS);
  assert.equal(threaded.record.model, 'threads');
  assert.equal(threaded.codeShown, true, 'the embed shows its program');
  assert.deepEqual(threaded.errors, []);

  const oneWorker = await embedIn(withoutDip, hosts.plain, query);
  assert.equal(oneWorker.record.status, 'completed', JSON.stringify(oneWorker.record.error));
  assert.equal(oneWorker.record.crossOriginIsolated, false);
  assert.equal(oneWorker.record.model, 'gil');
  assert.match(oneWorker.record.fallbackReason, /Free threading needs shared memory.*ran under gil.*own tab/);
  const printed = (record) => record.events.filter((event) => event.kind === 'line').map((event) => event.text);
  // The last line is the time the program measured: bounded below, never compared.
  assert.deepEqual(printed(oneWorker.record).slice(0, -1), printed(threaded.record).slice(0, -1));
  const finished = finishedSeconds(printed(oneWorker.record).at(-1));
  assert.ok(finished >= 0.5 && finished < 1.2, printed(oneWorker.record).at(-1));
  assert.ok(oneWorker.record.wallMs < 1200, `wall ${oneWorker.record.wallMs} ms: the sleeps overlapped`);
  assert.equal(oneWorker.codeShown, true);
  assert.deepEqual(oneWorker.errors, []);
});
