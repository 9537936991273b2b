// Links with hostile values load, clamp or fall back, list what was adjusted, raise no console
// error and put no markup from the link into the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();

const HOSTILE = [
  ['negative', 'tasks=-5&iterations=-1&sleep_ms=-100&threads=-2', 4],
  ['zero', 'tasks=0&iterations=0&threads=0', 3],
  ['NaN and infinity', 'tasks=NaN&sleep_ms=1e309&cpu_ms=Infinity', 3],
  ['hex and fractions', 'tasks=0x10&iterations=2.5&threads=1e1', 3],
  ['empty', 'tasks=&model=&work=&preset=', 3],
  ['repeated keys', 'tasks=3&tasks=999&tasks=4&model=gil&model=async', 0],
  // HTTP servers refuse request lines over 64 KB (hyper answers 414), so the page's longest
  // link is 60 KB here; the core's parser is tested with 100 KB values (tests/scenario_limits.rs).
  ['60 KB values', `iterations=${'9'.repeat(30_000)}&model=${'x'.repeat(30_000)}`, 2],
  ['unicode', 'tasks=%D9%A3&model=%F0%9F%A7%B5&preset=%E2%80%AE', 3],
  ['script', `model=${encodeURIComponent('<script>alert(1)</script>')}&tasks=${encodeURIComponent('<b>3</b>')}`, 2],
  ['quotes', `preset=${encodeURIComponent('"><img src=x onerror=alert(1)>')}&work=${encodeURIComponent("' onmouseover='alert(1)")}`, 2],
  ['unknown models and presets', 'model=green-threads&preset=nope&sync=maybe&theme=neon', 4],
];

for (const [name, query, adjusted] of HOSTILE) {
  test(`hostile link: ${name}`, async () => {
    const { page, errors } = await openPage(session.browser, `${session.server.url}?${query}`);
    const state = await page.evaluate(() => ({
      config: window.threadplay.config,
      notices: window.threadplay.notices,
      shown: document.getElementById('notices').hidden ? '' : document.getElementById('notices').textContent,
      injected: document.querySelectorAll('img, iframe, object, embed, [onerror], [onmouseover], b').length,
      scripts: document.querySelectorAll('script').length,
    }));
    assert.equal(state.notices.length, adjusted, state.notices.join('\n'));
    if (adjusted > 0) assert.equal(state.shown, state.notices.join(' · '));
    assert.ok(state.config.tasks >= 1 && state.config.tasks <= 256);
    assert.ok(state.config.iterations >= 1 && state.config.iterations <= 10_000);
    assert.ok(state.config.threads >= 1 && state.config.threads <= 64);
    assert.ok(['sequential', 'threads', 'gil', 'processes', 'async'].includes(state.config.model));
    assert.equal(state.injected, 0);
    // The page's two modules (prestart.js, main.js) and the inline script that shows the chosen
    // work's fields at first paint.
    assert.equal(state.scripts, 3);
    for (const notice of state.notices) assert.ok(notice.length < 200, `long notice: ${notice.slice(0, 80)}…`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
