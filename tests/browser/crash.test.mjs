// A task that panics (fault=panic: task 1 at iteration 1) must not leave the page waiting: the
// run fails with the panic's message, the pool is rebuilt, and the next run completes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();

for (const model of ['threads', 'gil', 'sequential', 'async', 'processes']) {
  test(`a panicking task under ${model} fails the run, and the next run completes`, async () => {
    const { page } = await openPage(
      session.browser,
      `${session.server.url}?fault=panic&tasks=2&iterations=3&sleep_ms=50&threads=2&model=${model}`,
    );
    const started = Date.now();
    const failed = await page.evaluate(() => window.threadplay.run());
    assert.equal(failed.status, 'failed');
    assert.match(failed.error, /a task panicked: task 1 panicked at iteration 1 \(fault=panic\)/);
    assert.ok(Date.now() - started < 3000, `the failure took ${Date.now() - started} ms to show`);
    assert.match(await page.locator('#status').textContent(), /The run failed: a task panicked/);
    assert.ok(failed.events.some((event) => event.kind === 'line'), 'the lines before the panic are kept');

    const next = await page.evaluate(() => {
      window.threadplay.config = { ...window.threadplay.config, fault: 'none' };
      return window.threadplay.run();
    });
    assert.equal(next.status, 'completed', next.error);
    assert.equal(next.events.filter((event) => event.kind === 'line').length, 6);
    await page.close();
  });
}

test('the watchdog shuts down a worker that stops answering, instead of waiting forever', async () => {
  const { page } = await openPage(session.browser, session.server.url);
  const [message, tookMs] = await page.evaluate(async () => {
    const { WorkerConnection } = await import('/js/transport/worker-rpc.js');
    // A worker that serves requests the usual way, one of which never returns to its loop.
    const source = `import { serveRequests } from '${location.origin}/js/transport/worker-rpc.js';
      serveRequests({ hang() { for (;;) {} } }, Promise.resolve('ready'));`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const connection = new WorkerConnection(url, 'hanging', 1000);
    const started = performance.now();
    try {
      await connection.request('hang', {});
      return ['answered', 0];
    } catch (error) {
      return [error.message, performance.now() - started];
    }
  });
  assert.equal(message, 'the hanging worker stopped answering for 1 s (during: hang) and was shut down');
  assert.ok(tookMs >= 1000 && tookMs < 2500, `took ${tookMs} ms`);
  await page.close();
});
