// Each thread's place in the code: while a program runs, the editor marks the line each live
// thread is at, in the thread's colour; afterwards, a log line shows the line that printed it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();
const TEN_SLEEPERS = readFileSync(new URL('../programs/ten_sleepers.py', import.meta.url), 'utf8');
/** Lines of ten_sleepers.py: where the nappers sleep, and where the main thread joins them. */
const SLEEP_LINE = 9;
const JOIN_LINE = 19;

/**
 * Runs `code` through the hook and, while it runs, waits for the moment when ten threads sleep
 * and the main thread joins; returns what `positions()` and the editor's gutter showed then,
 * and what they show after the run.
 */
function watchPlaces(page, code) {
  return page.evaluate(
    async ([code, sleepLine, joinLine]) => {
      window.threadplay.config = { ...window.threadplay.config, code };
      const run = window.threadplay.run();
      let ended = false;
      run.then(() => (ended = true));
      let seen = null;
      while (!ended && !seen) {
        const places = window.threadplay.positions();
        const marks = [...document.querySelectorAll('#code-editor .cm-thread-marks')].filter((mark) => mark.title);
        const sleeping = places.filter((place) => place.line === sleepLine).length;
        // The gutter is drawn ten times a second at most, from the table `positions()` reads
        // at once: wait for a frame that drew the ten.
        const drawnTen = marks.some((mark) => mark.title.split(', ').length === 10);
        if (sleeping === 10 && places.some((place) => place.line === joinLine) && drawnTen && marks.length >= 2) {
          seen = {
            places,
            marks: marks.map((mark) => ({ title: mark.title, dots: mark.querySelectorAll('.cm-thread-dot').length })),
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const record = await run;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return {
        seen,
        status: record.status,
        after: window.threadplay.positions(),
        dotsAfter: document.querySelectorAll('#code-editor .cm-thread-dot').length,
      };
    },
    [code, SLEEP_LINE, JOIN_LINE],
  );
}

test('while ten threads sleep, the editor marks their line and the main thread at its join', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  const { seen, status, after, dotsAfter } = await watchPlaces(page, TEN_SLEEPERS);
  assert.equal(status, 'completed');
  assert.ok(seen, 'the places were seen while the program ran');
  const sleepers = seen.places.filter((place) => place.line === SLEEP_LINE).map((place) => place.thread);
  assert.deepEqual(
    sleepers.sort(),
    Array.from({ length: 10 }, (_, i) => `Thread-${i + 1} (nap)`).sort(),
  );
  assert.deepEqual(
    seen.places.filter((place) => place.line === JOIN_LINE).map((place) => place.thread),
    ['MainThread'],
  );
  // One mark per line: three dots and a count on the sleepers' line, the main thread's on its own.
  const sleepMark = seen.marks.find((mark) => mark.title.includes('Thread-1 (nap)'));
  assert.equal(sleepMark.dots, 3);
  assert.equal(sleepMark.title.split(', ').length, 10);
  assert.ok(seen.marks.some((mark) => mark.title === 'MainThread' && mark.dots === 1));
  assert.deepEqual(after, [], 'no thread has a place once the run is over');
  assert.equal(dotsAfter, 0, 'the marks are gone once the run is over');
  assert.deepEqual(errors, []);
});

test('after the run, clicking a printed line selects the line of the program that printed it', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  const code = 'import threading\n\ndef hello():\n    print("from a thread")\n\nthreading.Thread(target=hello).start()\nprint("from main")\n';
  await page.evaluate(async (code) => {
    window.threadplay.config = { ...window.threadplay.config, code };
    await window.threadplay.run();
  }, code);
  // A click on each row, as the reader's would land (dispatched in the page: the drivers' pointer
  // lands a few pixels off in a log the editor's selection just scrolled).
  const clickRow = (text) =>
    page.evaluate((text) => {
      [...document.querySelectorAll('#log .line')].find((row) => row.textContent.endsWith(text)).click();
      return document.querySelector('#code-editor .cm-activeLine')?.textContent;
    }, text);
  assert.equal(await clickRow('from a thread'), '    print("from a thread")');
  assert.equal(await clickRow('from main'), 'print("from main")');
  assert.deepEqual(errors, []);
});
