// Sharing: every setting travels in the link and comes back; the address bar follows edits;
// Copy link and Copy embed code give what a reader or a tutorial author needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();

const EVERY_SETTING = {
  preset: 'race',
  tasks: 7,
  iterations: 3,
  sleep_ms: 250,
  threads: 5,
  cpu_ms: 40,
  increments: 123,
  model: 'gil',
  work: 'mixed',
  sync: 'atomic',
  fault: 'panic',
};

test('a link with every setting restores exactly that configuration, and so does its reload', async () => {
  const query = new URLSearchParams({ ...EVERY_SETTING, theme: 'dark', readonly: '1' }).toString();
  const { page, errors } = await openPage(session.browser, `${session.server.url}?${query}`);
  const read = () =>
    page.evaluate(() => ({
      config: window.threadplay.config,
      flags: window.threadplay.flags,
      form: Object.fromEntries(new FormData(document.getElementById('controls'))),
    }));
  const first = await read();
  // No program in the link: the settings drive the run.
  assert.deepEqual(first.config, { ...EVERY_SETTING, code: '' });
  assert.equal(first.flags.theme, 'dark');
  assert.equal(first.flags.readonly, true);
  assert.equal(await page.getByLabel('Tasks', { exact: true }).isDisabled(), true, 'read-only settings');
  const shared = page.url();
  assert.match(shared, /[?&]theme=dark/);
  assert.match(shared, /[?&]sync=atomic/);

  const { page: reopened } = await openPage(session.browser, shared);
  assert.deepEqual(await reopened.evaluate(() => window.threadplay.config), { ...EVERY_SETTING, code: '' });
  assert.equal(reopened.url(), shared);
  assert.deepEqual(errors, []);
});

test('the address bar follows edits before any run', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  await page.getByLabel('Model', { exact: true }).selectOption('async');
  await page.waitForURL(/\?model=async$/);
  await page.getByLabel('Tasks', { exact: true }).fill('9');
  await page.getByLabel('Tasks', { exact: true }).press('Tab');
  await page.waitForURL(/\?tasks=9&model=async$/);
  assert.equal(await page.evaluate(() => window.threadplay.lastRun), null);
  assert.deepEqual(errors, []);
});

test('Copy link and Copy embed code put the current settings on the clipboard', async () => {
  const context = await session.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(`${session.server.url}?preset=cpu-gil&tasks=3`);
  await page.waitForFunction(() => window.threadplay?.config);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await page.getByRole('button', { name: 'Copy link' }).click();
  assert.equal(await clipboard(), `${session.server.url}?preset=cpu-gil&tasks=3`);

  await page.getByRole('button', { name: 'Copy embed code' }).click();
  // embed.js, once per page, and a block it turns into a frame of the right height.
  assert.match(
    await clipboard(),
    /^<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" defer><\/script>\n<pre data-threadplay data-preset="cpu-gil" data-tasks="3"><\/pre>$/,
  );
  await context.close();
});

test('the embed links back to the full playground with the same settings', async () => {
  const { page } = await openPage(session.browser, `${session.server.url}?tasks=4&embed=1&theme=light`);
  assert.equal(await page.locator('header').isVisible(), false, 'no page chrome');
  assert.equal(await page.locator('#timeline').isVisible(), true);
  const open = page.getByRole('link', { name: 'Open in threadplay' });
  assert.equal(await open.getAttribute('href'), `${session.server.url}?tasks=4`);
  assert.equal(await open.getAttribute('target'), '_blank');
});

test('unreadable page flags and link versions fall back with a notice', async () => {
  const { page, errors } = await openPage(session.browser, `${session.server.url}?theme=neon&embed=yes&v=7`);
  const notices = await page.evaluate(() => window.threadplay.notices);
  assert.equal(notices.length, 3, notices.join('\n'));
  assert.match(await page.locator('#notices').textContent(), /theme: "neon" is not one of light, dark, auto; using auto/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'auto');
  assert.deepEqual(errors, []);
});
