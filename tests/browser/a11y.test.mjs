// Accessibility, checked with axe-core as a screen reader's user would meet the page: before and
// after a run, in dark mode, in an embed, and after a program's error. No serious or critical
// violation anywhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import { test } from 'node:test';
import { openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const packed = (program) => deflateRawSync(Buffer.from(program)).toString('base64url');
const FAILING = 'import threading\n\ndef worker():\n    print("working")\n    return 1 / 0\n\nworker()\n';

/**
 * The serious and critical violations axe finds on the page now, each as `rule: the elements`.
 * @returns {Promise<string[]>}
 */
async function violations(page) {
  return page.evaluate(async (source) => {
    if (!window.axe) {
      const script = document.createElement('script');
      script.textContent = source;
      document.head.append(script);
    }
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }, AXE);
}

/** Opens `query` and waits until the page is ready (Run enabled). */
async function open(query = '') {
  const { page, errors } = await openPage(session.browser, `${session.server.url}${query}`);
  return { page, errors };
}

const run = (page, code) =>
  page.evaluate(async (code) => {
    if (code !== undefined) window.threadplay.config = { ...window.threadplay.config, code };
    return (await window.threadplay.run()).status;
  }, code);

test('the page, before and after a run, in light and dark', async () => {
  for (const theme of ['light', 'dark']) {
    const { page, errors } = await open(`?theme=${theme}&tasks=2&iterations=2&sleep_ms=20`);
    assert.deepEqual(await violations(page), [], `${theme}, before a run`);
    assert.equal(await run(page), 'completed');
    assert.deepEqual(await violations(page), [], `${theme}, after a run`);
    assert.deepEqual(errors, []);
  }
});

test('after a program fails, its error marked in the editor and the log', async () => {
  const { page, errors } = await open();
  assert.equal(await run(page, FAILING), 'failed');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(errors, []);
});

test('an embed that shows a program and its output', async () => {
  const { page, errors } = await open(`?embed=1&code=${packed('print("hello")\n')}`);
  assert.deepEqual(await violations(page), [], 'before a run');
  assert.equal(await run(page), 'completed');
  assert.deepEqual(await violations(page), [], 'after a run');
  assert.deepEqual(errors, []);
});
