import { launchBrowser, startServer } from './harness.mjs';
const server = await startServer(process.env.DIR);
const browser = await launchBrowser();
const out = { cold: [], warm: [] };
for (const cache of ['cold', 'warm', 'cold', 'warm', 'cold', 'warm', 'warm', 'warm']) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (cache === 'warm') {
    await page.goto(server.url);
    await page.waitForFunction(() => window.threadplay?.config);
  }
  await page.goto(server.url);
  const r = await page.evaluate(async () => {
    while (!window.threadplay?.config) await new Promise((resolve) => setTimeout(resolve, 1));
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((e) => `${e.name.replace(location.origin, '')} ${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)} (${e.transferSize})`);
    const marks = performance.getEntriesByType('mark').map((m) => `${m.name}@${m.startTime.toFixed(0)}`);
    return { now: performance.now(), dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, resp: nav.responseEnd, res, marks };
  });
  out[cache].push(Math.round(r.now));
  await context.close();
}
console.log(process.env.DIR ?? 'new', JSON.stringify(out));
await browser.close();
await server.close?.();
process.exit(0);
