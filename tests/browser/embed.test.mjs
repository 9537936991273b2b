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

/**
 * A tutorial-like page that frames `src` and records the heights the frame reports (and applies
 * them, unless `fixed`: then the frame stays 600×400). `dark`: the host's colour scheme is dark.
 */
function hostPage(src, { fixed = false, dark = false } = {}) {
  const size = fixed ? 'width="600" height="400"' : 'width="100%" height="300"';
  return `<!doctype html><title>A tutorial</title>${dark ? '<meta name="color-scheme" content="dark">' : ''}<h1>Threads in Python</h1>
<iframe src="${src}" title="threadplay" ${size} style="border:0" allow="cross-origin-isolated"></iframe>
<script>
  window.heights = [];
  addEventListener('message', (event) => {
    if (event.data?.type === 'threadplay:resize') {
      window.heights.push(event.data.height);
      if (!${fixed}) document.querySelector('iframe').style.height = event.data.height + 'px';
    }
  });
</script>`;
}

/** A program with characters that mean something in HTML, for a tutorial's `<pre>`. */
const GREETINGS = `import threading

def greet(name):
    print(f"hello from {name}")

for name in ("a", "b"):
    thread = threading.Thread(target=greet, args=(name,))
    thread.start()
    thread.join()
print("done <b>&amp;</b>")
`;
/** What python3 prints for GREETINGS. */
const GREETINGS_PRINT = ['hello from a', 'hello from b', 'done <b>&amp;</b>'];
const escapeHtml = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * A tutorial that includes embed.js, as an author would paste it: a program under the GIL and,
 * below, a block with only settings.
 */
function tutorialPage({ dark = false } = {}) {
  return `<!doctype html><title>A tutorial</title>${dark ? '<meta name="color-scheme" content="dark">' : ''}<h1>Threads in Python</h1>
<script src="${session.server.url}embed.js" defer></script>
<script>
  window.heights = [];
  addEventListener('message', (event) => event.data?.type === 'threadplay:resize' && window.heights.push(event.data.height));
</script>
<pre data-threadplay data-model="gil" data-autorun="1">${escapeHtml(GREETINGS)}</pre>
<p>And the tutorial's first example:</p>
<pre data-threadplay data-preset="do-something" data-sleep_ms="100" data-autorun="1"></pre>`;
}

/** Serves one host page on a free port (and a tutorial at /tutorial); `isolated` adds COOP and COEP. */
async function startHost(isolated) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://host');
    const headers = { 'content-type': 'text/html' };
    if (isolated) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    const options = { fixed: url.searchParams.has('fixed'), dark: url.searchParams.has('dark') };
    response.writeHead(200, headers).end(url.pathname === '/tutorial' ? tutorialPage(options) : hostPage(url.searchParams.get('src'), options));
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
  const isolationLineHeight = await frame.evaluate(() => document.getElementById('isolation').getBoundingClientRect().height);
  const codeShown = await frame.locator('#code-editor').isVisible();
  await page.waitForFunction(() => window.heights.length > 0);
  const heights = await page.evaluate(() => window.heights);
  const frameHeight = (await page.locator('iframe').boundingBox()).height;
  await page.close();
  return { record, isolationLine, isolationLineHeight, heights, frameHeight, codeShown, errors };
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

/** Scrolls to each frame in turn: they load lazily, as they come into view. */
async function scrollFramesIntoView(page) {
  for (let index = 0; index < 2; index++) {
    await page.evaluate((index) => document.querySelectorAll('iframe')[index].scrollIntoView(), index);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
  const { record, isolationLine, isolationLineHeight, heights, errors } = embedded;
  assertRan(record);
  assert.equal(record.crossOriginIsolated, false);
  assert.equal(record.isolation, 'none');
  assert.equal(record.fallback, true);
  assert.equal(record.model, 'processes');
  assert.match(record.fallbackReason, /not cross-origin isolated.*ran under processes instead/);
  assert.match(isolationLine, /no shared memory: threads run as processes/);
  assert.ok(isolationLineHeight < 40, `the fallback notice is one line (${isolationLineHeight} px)`);
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

test('embed.js turns a tutorial\'s blocks into frames that run their program or settings and take their height', async () => {
  const page = await session.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${hosts.plain.url}tutorial`);
  await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
  assert.equal(await page.evaluate(() => document.querySelectorAll('pre').length), 0, 'the blocks became frames');
  await scrollFramesIntoView(page);
  const frames = [];
  for (let waited = 0; frames.length < 2 && waited < 20_000; waited += 50) {
    frames.splice(0, frames.length, ...(await page.frames()).filter((frame) => frame.url().startsWith(session.server.url)));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(frames.length, 2);
  const records = [];
  for (const frame of frames) {
    await frame.waitForFunction(() => ['completed', 'failed'].includes(window.threadplay?.lastRun?.status), null, { timeout: 20_000 });
    records.push(await frame.evaluate(() => window.threadplay.lastRun));
  }
  const [program, scenario] = new URL(frames[0].url()).searchParams.has('preset') ? records.reverse() : records;
  assert.equal(program.status, 'completed', JSON.stringify(program.error));
  assert.equal(program.code, GREETINGS.trimEnd());
  const printed = program.events.filter((event) => event.kind === 'line').map((event) => event.text);
  assert.deepEqual(printed, GREETINGS_PRINT);
  assert.equal(scenario.status, 'completed');
  assert.equal(scenario.code, undefined, 'the settings ran, not a program');
  assert.equal(scenario.events.filter((event) => event.kind === 'line').length, 2, 'do-something: 2 tasks × 1 line');

  // Each frame takes the height it reports, which does not grow with the frame.
  await page.waitForFunction(() => window.heights.length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const heights = await page.evaluate(() => window.heights);
  assert.ok(heights.length <= 6, `two frames reported ${heights.length} heights: ${heights}`);
  assert.ok(Math.max(...heights) < 1000, `heights ${heights}`);
  const boxes = await page.evaluate(() => [...document.querySelectorAll('iframe')].map((element) => element.getBoundingClientRect().height));
  for (const box of boxes) assert.ok(heights.includes(Math.round(box)), `frame height ${box} is one it reported (${heights})`);
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * Opens `host` framing the embed for `query` (no autorun), once the frame is ready.
 * @param {string} [hostOptions] the host page's own parameters (`fixed`, `dark`)
 */
async function quietEmbed(browser, host, query, hostOptions = '') {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const src = `${session.server.url}?${query}&embed=1`;
  await page.goto(`${host.url}?src=${encodeURIComponent(src)}&${hostOptions}`);
  const frame = await playgroundFrame(page);
  await frame.waitForFunction(() => window.threadplay?.config && document.querySelector('#code-editor .cm-editor'), null, { timeout: 20_000 });
  return { page, frame, errors };
}

const GREETINGS_LINK = () => `code=${packed(GREETINGS)}`;

test('a 600×400 embed shows its code and its output without scrolling, and starts no worker before Run', async () => {
  const { page, frame, errors } = await quietEmbed(session.browser, hosts.plain, GREETINGS_LINK(), 'fixed');
  const view = await frame.evaluate(() => {
    const box = (selector) => {
      const { top, bottom, left, right } = document.querySelector(selector).getBoundingClientRect();
      return { top, bottom, left, right };
    };
    return {
      editor: box('#code-editor'),
      log: box('#log'),
      run: box('button[type="submit"]'),
      width: innerWidth,
      height: innerHeight,
      scrollY,
      formShown: getComputedStyle(document.getElementById('settings')).display !== 'none',
      text: document.querySelector('#code-editor .cm-content').textContent,
      workers: performance.getEntriesByType('resource').filter((entry) => /coordinator\.js|isolated-worker\.js|\.wasm/.test(entry.name)).length,
    };
  });
  assert.equal(view.width, 600);
  for (const name of ['editor', 'log', 'run']) {
    const box = view[name];
    assert.ok(box.top >= 0 && box.bottom <= view.height && box.left >= 0 && box.right <= view.width, `${name} in view: ${JSON.stringify(box)}`);
  }
  assert.equal(view.scrollY, 0);
  assert.equal(view.formShown, false, 'no settings form without controls=1');
  assert.match(view.text, /def greet\(name\):/);
  assert.equal(view.workers, 0, 'no worker (nor wasm) before the first Run');

  await frame.locator('button[type="submit"]').click();
  await frame.waitForFunction(() => window.threadplay.lastRun?.status === 'completed', null, { timeout: 20_000 });
  const printed = await frame.evaluate(() => window.threadplay.lastRun.events.filter((event) => event.kind === 'line').map((event) => event.text));
  assert.deepEqual(printed, GREETINGS_PRINT);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an embed reports its height once, which does not grow with the frame; controls=1 shows the form', async () => {
  const { page, frame, errors } = await quietEmbed(session.browser, hosts.plain, GREETINGS_LINK());
  await new Promise((resolve) => setTimeout(resolve, 500));
  const heights = await page.evaluate(() => window.heights);
  assert.equal(heights.length, 1, `heights ${heights}`);
  assert.ok(heights[0] < 700, `height ${heights[0]}`);
  assert.equal(await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)), heights[0]);
  await page.close();

  const withControls = await quietEmbed(session.browser, hosts.plain, 'tasks=2&controls=1');
  assert.equal(await withControls.frame.evaluate(() => getComputedStyle(document.getElementById('settings')).display !== 'none'), true);
  assert.deepEqual([...errors, ...withControls.errors], []);
  await withControls.page.close();
});

test('theme=auto follows the host page’s colour scheme, as embed.js reports it', async () => {
  for (const [hostOptions, dark] of [['?dark', true], ['', false]]) {
    const page = await session.browser.newPage();
    await page.goto(`${hosts.plain.url}tutorial${hostOptions}`);
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
    await scrollFramesIntoView(page);
    const frame = await playgroundFrame(page);
    await frame.waitForFunction(
      (theme) => window.threadplay?.config && document.documentElement.dataset.theme === theme,
      dark ? 'dark' : 'light',
      { timeout: 20_000 },
    );
    // --bg: #16161a dark, #fbfbfa light
    const background = await frame.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(background, dark ? 'rgb(22, 22, 26)' : 'rgb(251, 251, 250)');
    await page.close();
  }
});
