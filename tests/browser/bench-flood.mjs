// The flood's figures in one browser, for the benchmark: `node bench-flood.mjs URL RUNS` with
// THREADPLAY_BROWSER naming the browser, which is chosen once per process (browsers.mjs), so
// bench.mjs runs this once for each. Prints, as JSON, each run's lines on the page per second
// and its longest main-thread task (Chromium's Long Tasks API, or elsewhere the longest stall
// of a 5 ms timer; 0: none of 50 ms), after a run to warm up.
import { launchBrowser, runWatchingLongTasks } from './harness.mjs';

const [url, runs] = process.argv.slice(2);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.threadplay?.config && document.querySelector('#code-editor .cm-editor'));
  const measured = [];
  for (let i = 0; i <= Number(runs); i++) {
    const run = await runWatchingLongTasks(page);
    if (i > 0) measured.push({ perSecond: run.lineCount / (run.pageMs / 1000), longest: run.longestTaskMs });
  }
  console.log(JSON.stringify(measured));
} finally {
  await browser.close();
}
