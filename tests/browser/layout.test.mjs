// The page's layout: the program beside its output on a wide screen, stacked on a narrow one,
// a form that does not jump, and the keyboard's place kept across Run and Stop.
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { test } from 'node:test';
import { BROWSER, openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();

/** The viewport boxes of the editor and the log. */
const boxes = (page) =>
  page.evaluate(() => {
    const box = (selector) => {
      const { top, bottom, left, right } = document.querySelector(selector).getBoundingClientRect();
      return { top, bottom, left, right };
    };
    return { editor: box('#code-editor'), log: box('#log'), height: innerHeight, width: innerWidth };
  });

/** Classic WebDriver (WebKit) sizes the window, toolbar and all, not the page's viewport. */
const SKIP_WITHOUT_VIEWPORT = BROWSER === 'webkit' && 'classic WebDriver (WebKit) cannot set the viewport';

test('at 1440×900 the editor and the log are side by side in the first screen', { skip: SKIP_WITHOUT_VIEWPORT }, async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { editor, log, height } = await boxes(page);
  assert.ok(editor.right <= log.left, `the editor (right ${editor.right}) is left of the log (left ${log.left})`);
  assert.ok(editor.top < log.bottom && log.top < editor.bottom, 'they share rows of the screen');
  for (const [name, box] of Object.entries({ editor, log })) {
    assert.ok(box.top >= 0 && box.top < height - 200, `the ${name} starts in the first screen (top ${box.top})`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a narrow screen stacks them, the editor first, and a link with code opens with the code in view', { skip: SKIP_WITHOUT_VIEWPORT }, async () => {
  const code = deflateRawSync(Buffer.from('print("hi")\n')).toString('base64url');
  const page = await session.browser.newPage();
  await page.setViewportSize({ width: 420, height: 700 });
  await page.goto(`${session.server.url}?code=${code}`);
  await page.waitForFunction(() => window.threadplay?.config);
  const { editor, log, height } = await boxes(page);
  assert.ok(editor.bottom <= log.top, `the editor (bottom ${editor.bottom}) is above the log (top ${log.top})`);
  assert.ok(editor.top >= 0 && editor.top < height - 100, `the code is in view (top ${editor.top})`);
  await page.close();
});

test('the form does not jump: only the linked work’s fields show, from the start', { skip: BROWSER !== 'chromium' && 'layout-shift entries are Chromium’s' }, async () => {
  const { page, errors } = await openPage(session.browser, `${session.server.url}?work=cpu`);
  await page.getByText('Ready.').waitFor();
  const { shift, shown } = await page.evaluate(async () => {
    let shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const shown = [...document.querySelectorAll('[data-for-work]')]
      .filter((field) => getComputedStyle(field).display !== 'none')
      .map((field) => field.querySelector('input, select').name);
    return { shift, shown };
  });
  assert.deepEqual(shown, ['cpu_ms']);
  assert.ok(shift < 0.02, `cumulative layout shift ${shift}`);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [how, press] of [
  ['with the keyboard', async (page, name) => {
    await page.getByRole('button', { name }).focus();
    await page.keyboard.press('Enter');
  }],
  ['with the mouse', (page, name) => page.getByRole('button', { name }).click()],
]) {
  test(`focus stays on a control after Run and after Stop, pressed ${how}; hidden notes stay hidden`, async () => {
    const { page, errors } = await openPage(session.browser, `${session.server.url}?tasks=2&iterations=100&sleep_ms=5000&threads=2`);
    const focused = () => page.evaluate(() => document.activeElement?.textContent);
    await press(page, 'Run');
    await page.waitForFunction(() => document.querySelectorAll('#log .line').length >= 2);
    assert.equal(await focused(), 'Stop');
    await press(page, 'Stop');
    await page.waitForFunction(() => document.getElementById('stop-button').hidden);
    assert.equal(await focused(), 'Run');
    const shownButHidden = await page.evaluate(() =>
      [...document.querySelectorAll('[hidden]')].filter((element) => getComputedStyle(element).display !== 'none').map((element) => element.id),
    );
    assert.deepEqual(shownButHidden, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('after a run the log’s rows are drawn even out of view (a full-page screenshot shows them)', async () => {
  const { page, errors } = await openPage(session.browser, `${session.server.url}?tasks=2&iterations=2&sleep_ms=10&threads=2`);
  await page.evaluate(() => window.threadplay.run());
  const skipped = await page.evaluate(() =>
    [...document.querySelectorAll('#log .line')].filter((row) => getComputedStyle(row).contentVisibility !== 'visible').length,
  );
  assert.equal(skipped, 0);
  assert.deepEqual(errors, []);
  await page.close();
});
