// A reader's own Python program in the browser: the tutorials' programs unchanged, their
// threads on the Web Worker pool, errors that point at their line, links that carry the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  SKIP_WITHOUT_THREADS,
  checkLongestTask,
  editorText,
  finishedSeconds,
  openPage,
  runAndWatch,
  runWatchingLongTasks,
  typeInEditor,
  useServerAndBrowser,
  waitForEditorText,
} from './harness.mjs';
import { assertParallelSpeedup, assertTimingBound, measuringOtherLoad } from './machine-load.mjs';

const session = useServerAndBrowser();
const program = (name) => readFileSync(new URL(`../programs/${name}`, import.meta.url), 'utf8');
const TWO_TASKS = program('two_tasks.py');
const DO_SOMETHING = program('do_something.py');
const TEN_SLEEPERS = program('ten_sleepers.py');

/**
 * Sets `config.code` (and settings) through the hook and runs it, in `on` (a page and its
 * errors, from the test's earlier run: a reader runs one program after another in one page) or
 * in a new page. The record keeps the events these tests read (`eventKinds`, or all of them
 * when `null`): by default lines, and threads' starts and ends.
 */
async function runProgram(code, settings = {}, { eventKinds = ['start', 'line', 'end'], on = null } = {}) {
  const { page, errors } = on ?? (await openPage(session.browser, session.server.url));
  await page.evaluate(
    ([code, settings]) => {
      window.threadplay.config = { ...window.threadplay.config, ...settings, code };
    },
    [code, settings],
  );
  return { page, errors, ...(await runAndWatch(page, { eventKinds })) };
}

const lines = (record) => record.events.filter((event) => event.kind === 'line');

test('the two-task tutorial runs unchanged: lines arriving while it runs, its threads side by side, five seconds', async () => {
  const { page, record, rows, firstLineMs, endedMs, errors } = await runProgram(TWO_TASKS);
  assert.equal(record.crossOriginIsolated, true);
  assert.equal(record.status, 'completed', JSON.stringify(record.error));
  assert.equal(record.code, TWO_TASKS);
  const printed = lines(record).map((event) => event.text);
  assert.equal(printed.length, 11);
  assert.deepEqual(new Set(printed.slice(0, 2)), new Set(['Task 1 - Iteration 0', 'Task 2 - Iteration 0']));
  assert.equal(printed.at(-1), 'Both threads have finished.');
  // The log shows lines as they arrived; the record sorts them by time, and two threads printing
  // within a microsecond may swap (each worker's clock differs by a fraction of that).
  assert.deepEqual([...rows].sort(), [...printed].sort(), 'the log shows the printed lines');
  assert.equal(rows.at(-1), 'Both threads have finished.');
  // Side by side: each iteration's two lines come together.
  const times = lines(record).map((event) => event.tMs);
  for (let i = 0; i < 5; i += 1) {
    assert.ok(Math.abs(times[2 * i + 1] - times[2 * i]) < 100, `iteration ${i}: ${times[2 * i]} / ${times[2 * i + 1]} ms`);
  }
  assert.ok(record.wallMs >= 4990 && record.wallMs < 7000, `wall ${record.wallMs} ms`);
  assert.ok(firstLineMs < endedMs - 3000, `first line at ${firstLineMs} ms, run ended at ${endedMs} ms`);
  const names = record.events.filter((event) => event.kind === 'start').map((event) => event.text);
  assert.deepEqual(names, ['MainThread', 'Thread-1 (task1)', 'Thread-2 (task2)']);
  assert.match(await page.locator('#summary').textContent(), /2 thread\(s\) started/);
  assert.deepEqual(errors, []);
});

test('ten sleeping threads on the default pool of 2 finish in about 1.5 s: waiting holds no worker', async () => {
  const { record, errors } = await runProgram(TEN_SLEEPERS);
  assert.equal(record.status, 'completed', JSON.stringify(record.error));
  const printed = lines(record).map((event) => event.text);
  assert.deepEqual(printed.slice(0, 10), Array(10).fill('napping 1.5 s'));
  assert.deepEqual(printed.slice(10, 20), Array(10).fill('awake'));
  const finished = finishedSeconds(printed[20]);
  assert.ok(finished >= 1.5 && finished < 2.3, printed[20]);
  assert.ok(record.wallMs >= 1495 && record.wallMs < 2300, `wall ${record.wallMs} ms`);
  assert.deepEqual(errors, []);
});

test('do_something prints its own Finished line with the real elapsed time, GIL or not', async () => {
  let opened = null;
  for (const model of ['gil', 'threads']) {
    const run = await runProgram(DO_SOMETHING, { model }, { on: opened });
    opened = run;
    const { record } = run;
    const printed = lines(record).map((event) => event.text);
    assert.deepEqual(printed.slice(0, 4), ['Sleeping for 1 second', 'Sleeping for 1 second', 'Done sleeping', 'Done sleeping']);
    // One after the other the sleeps would take 2 s; overlapping, about 1.05 s on a quiet
    // machine. WebKit once took 1.6 s in CI, so the bound only tells the two apart.
    const finished = finishedSeconds(printed[4]);
    assert.ok(finished >= 0.99 && finished < 1.9, `${model}: ${printed[4]}`);
    assert.ok(record.wallMs >= 995 && record.wallMs < 1900, `${model}: wall ${record.wallMs} ms`);
  }
  const short = await runProgram(DO_SOMETHING.replace('time.sleep(1)', 'time.sleep(0.25)'), { model: 'gil' }, { on: opened });
  const shortFinished = finishedSeconds(lines(short.record).at(-1).text);
  assert.ok(shortFinished >= 0.25 && shortFinished < 0.8, lines(short.record).at(-1).text);
});

test('the GIL keeps two computing threads from speeding up; without it they run in parallel', { skip: SKIP_WITHOUT_THREADS }, async (t) => {
  const code = [
    'import threading, time',
    'def work():',
    '    x = 0',
    '    for _ in range(1000000):',
    '        x = (x * 1103515245 + 12345) & 0x7FFFFFFF',
    'def timed(took):',
    '    start = time.perf_counter()',
    '    work()',
    '    took.append(time.perf_counter() - start)',
    '# Once to warm up: the browser compiles hot wasm code again, faster, as it runs.',
    'work()',
    'for _ in range(5):',
    '    one = []',
    '    timed(one)',
    '    took = []',
    '    threads = [threading.Thread(target=timed, args=(took,)) for _ in range(2)]',
    '    for t in threads:',
    '        t.start()',
    '    for t in threads:',
    '        t.join()',
    '    timed(one)',
    '    print(min(one), min(took))',
  ].join('\n');
  // Each try prints one thread's time alone (the faster of just before and just after the
  // two), then the time the first of two threads took to finish the same work beside the
  // other. Under the GIL they take turns, so the first finishes near the end, at twice the time
  // alone; free, each has a core, so the first finishes in about the time alone. Unlike the
  // two threads' total time, that holds when the cores differ in speed: this machine's two
  // vCPUs ran the same loop at times 1.7× apart (python3 pinned to each), and free threads then
  // took the slower one's time. Interference only ever adds time (the browser's own threads
  // took 0.4-0.6 of a core in Firefox), and it comes and goes: each try's ratio compares times
  // taken within a second of each other (the fastest pair against the fastest thread alone,
  // from different tries, once gave free threads 1.53x in Chromium with no other process
  // running).
  let opened = null;
  const measure = async (model) => {
    const run = await runProgram(code, { model, threads: 2 }, { eventKinds: null, on: opened });
    opened = run;
    const { record } = run;
    const tries = lines(record).map((line) => line.text.split(' ').map(Number));
    const ratios = tries.map(([one, first]) => first / one).sort((a, b) => a - b);
    return { ratios, parallelMs: parallelMs(record.events), runMs: record.wallMs };
  };
  const gil = await measure('gil');
  // What the model promises, whatever the machine: under the GIL one thread runs Python at a
  // time; without it two run at once. The pairs are at most a third of the run (each try runs
  // one thread alone before and after), and less when the browser's own threads take a core:
  // WebKit with shared memory, on a slow moment of this host, ran them at once for 818 of
  // 3,525 ms (when the pairs were half of the run).
  // A tenth of the run is still hundreds of times what the GIL allows.
  assert.ok(gil.parallelMs < 2, `under the GIL two threads ran at once for ${gil.parallelMs.toFixed(2)} ms`);
  // Under the GIL every try shows the turns, so the median counts. Free, one try whose two
  // threads each had a core shows that they run at once; the browser's own threads take a
  // core now and then, which only adds time (in Firefox, with no other process running, the
  // median try once gave 1.51×). A third thread busy beside the two gives 1.5× exactly, and
  // in Chromium late in a suite run all five tries of one measure once did (1.48-1.60×, no
  // other process running), while measures just before and after had tries at 1.0×: up to
  // three measures are taken, and each is reported.
  const gilRatio = gil.ratios[Math.floor(gil.ratios.length / 2)];
  const shown = (ratios) => ratios.map((ratio) => ratio.toFixed(2)).join(', ');
  const MEASURES = 3;
  for (let attempt = 1; ; attempt++) {
    const { value: free, otherCores } = await measuringOtherLoad(() => measure('threads'));
    const freeAtOnce = `free threads ran at once for ${free.parallelMs.toFixed(0)} of ${free.runMs.toFixed(0)} ms`;
    t.diagnostic(freeAtOnce);
    assert.ok(free.parallelMs > 0.1 * free.runMs, freeAtOnce);
    const took = `the first of two threads took ${shown(free.ratios)}× one thread's time free, ${shown(gil.ratios)}× under the GIL`;
    t.diagnostic(took);
    const holds = gilRatio > 1.45 && free.ratios[0] < 1.3;
    if (holds || attempt === MEASURES) {
      // In WebKit, which composites the page on the CPU, reported only (see
      // assertParallelSpeedup): a suite run there failed this test once in 2026-12-02's last
      // run, not again in 9 alone.
      assertParallelSpeedup(t, holds, otherCores, `${took} (measure ${attempt} of ${MEASURES})`);
      return;
    }
  }
});

/**
 * How long two or more of a run's threads were running Python at once, from its events: a
 * thread runs from a `line` or `cpu` event until its next event of another kind (a started
 * thread waits for its turn).
 */
function parallelMs(events) {
  const running = new Set();
  let total = 0;
  let sinceMs = 0;
  for (const event of [...events].sort((a, b) => a.tMs - b.tMs)) {
    if (running.size >= 2) total += event.tMs - sinceMs;
    sinceMs = event.tMs;
    if (['line', 'cpu'].includes(event.kind)) running.add(event.task);
    else running.delete(event.task);
  }
  return total;
}

test('a lock keeps a shared counter exact, and the page keeps up with its handovers; an unprotected read-modify-write loses updates', { skip: SKIP_WITHOUT_THREADS }, async (t) => {
  const code = (body, times) =>
    [
      'import threading',
      'counter = 0',
      'lock = threading.Lock()',
      'def work():',
      '    global counter',
      `    for _ in range(${times}):`,
      body,
      'threads = [threading.Thread(target=work) for _ in range(4)]',
      'for t in threads:',
      '    t.start()',
      'for t in threads:',
      '    t.join()',
      'print(counter)',
    ].join('\n');
  // Four threads contending for one lock: tens of thousands of waits, each a state change the
  // timeline draws (a rectangle apiece once stalled Chromium's page for 310 ms). On the page's
  // pool of 2, one worker a core: four workers on 2 cores leave the page a fifth of the CPU
  // and stretch each of its tasks (and the collector's pauses) beyond what the page does.
  const { page } = await openPage(session.browser, session.server.url);
  await page.evaluate((code) => {
    window.threadplay.config = { ...window.threadplay.config, model: 'threads', threads: 2, code };
  }, code('        with lock:\n            counter += 1', 20000));
  // Watched the second time: the first starts the pool, which is the browser's own work
  // (50-90 ms in WebKit).
  await page.evaluate(async () => {
    await window.threadplay.run();
  });
  const locked = await runWatchingLongTasks(page);
  assert.equal(locked.status, 'completed');
  assert.deepEqual(await page.locator('#log .line .text').allTextContents(), ['80000']);
  checkLongestTask(t, locked);
  // Long enough for the threads to overlap for a while: a thread starts once the one before
  // it has run its first 1,024 instructions, and 20,000 turns took a millisecond or two.
  const racy = await runProgram(code('        seen = counter\n        counter = seen + 1', 200000), { model: 'threads', threads: 4 }, { on: { page, errors: [] } });
  assert.ok(Number(lines(racy.record)[0].text) < 800000, `no update lost: ${lines(racy.record)[0].text}`);
});

test('a runtime error shows a traceback, marked as standard error, and points at its line and column', async () => {
  const code = 'import threading\n\ndef task():\n    print("before")\n    print(1 / 0)\n\nt = threading.Thread(target=task)\nt.start()\nt.join()\n';
  const { page, record, rows } = await runProgram(code);
  assert.equal(record.status, 'failed');
  assert.deepEqual(
    { message: record.error.message, line: record.error.line, column: record.error.column },
    { message: 'ZeroDivisionError: division by zero', line: 5, column: 11 },
  );
  assert.ok(rows.includes('  File "<program>", line 5, in task'), rows.join('\n'));
  assert.deepEqual(
    lines(record).map((event) => [event.stream ?? 'stdout', event.text]),
    [
      ['stdout', 'before'],
      ['stderr', 'Exception in thread Thread-1 (task):'],
      ['stderr', 'Traceback (most recent call last):'],
      ['stderr', '  File "<program>", line 5, in task'],
      ['stderr', 'ZeroDivisionError: division by zero'],
    ],
  );
  const marked = await page.evaluate(() =>
    [...document.querySelectorAll('#log .line')].map((row) => [row.classList.contains('stderr'), row.querySelector('.stream')?.textContent ?? '']),
  );
  assert.deepEqual(marked, [[false, ''], ...Array(4).fill([true, 'stderr '])]);
  assert.equal(await page.locator('#code-error').textContent(), 'Line 5, column 11: ZeroDivisionError: division by zero');
});

test('a spinner thread\'s status line, cleared and written over by the main thread, shows as a terminal shows it', async () => {
  const code = [
    'import threading, time',
    'done = threading.Event()',
    'def spin():',
    "    for char in '|/-\\\\' * 20:",
    "        print('\\r' + char + ' thinking!', end='', flush=True)",
    '        if done.wait(0.02):',
    '            break',
    "    print('\\r' + ' ' * 11 + '\\r', end='')",
    'spinner = threading.Thread(target=spin)',
    'spinner.start()',
    'time.sleep(0.1)',
    'done.set()',
    'spinner.join()',
    "print('Answer: 42')",
    '',
  ].join('\n');
  const { record, rows } = await runProgram(code);
  assert.equal(record.status, 'completed', record.error?.message);
  // One line, as in python3's output: the spinner thread began it, the main thread ended it.
  const [line, ...more] = lines(record);
  assert.deepEqual(more, []);
  assert.match(line.text, /^\r\| thinking!\r.*\r {11}\rAnswer: 42$/s);
  assert.equal(record.events.find((event) => event.kind === 'start' && event.task === line.task)?.text, 'MainThread');
  assert.deepEqual(rows, ['Answer: 42']);
});

test('a syntax error and an unsupported construct are refused with their place, and no HTML gets in', async () => {
  const syntax = await runProgram('print("a")\nfor i in range(3)\n    print(i)\n');
  assert.equal(syntax.record.status, 'failed');
  assert.match(syntax.record.error.message, /^SyntaxError: /);
  assert.equal(syntax.record.error.line, 2);
  assert.equal(lines(syntax.record).length, 0);

  const { page, record } = await runProgram('x = 1\nmatch x:\n    case 1:\n        pass\n', {}, { on: syntax });
  assert.deepEqual(
    [record.error.line, record.error.column, record.error.message],
    [2, 1, "Unsupported: `match` statements are not part of threadplay's Python subset"],
  );
  const injected = await runProgram('print("<img src=x onerror=window.pwned=1>")', {}, { on: syntax });
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(injected.rows[0], '<img src=x onerror=window.pwned=1>');
  assert.deepEqual(syntax.errors, []);
  await page.close();
});

test('an endless loop is stopped by Stop; deep recursion and huge lists are errors, not crashes', async () => {
  const { page } = await openPage(session.browser, session.server.url);
  const record = await page.evaluate(async () => {
    window.threadplay.config = { ...window.threadplay.config, code: 'print("spin")\nwhile True:\n    pass\n' };
    const running = window.threadplay.run();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await window.threadplay.stop();
    return running;
  });
  assert.equal(record.status, 'stopped');
  assert.ok(record.wallMs < 2500, `stopped after ${record.wallMs} ms`);

  // The same page goes on: each failure leaves it able to run the next program.
  const opened = { page, errors: [] };
  const deep = await runProgram('def f(n):\n    return f(n + 1)\nf(0)\n', {}, { on: opened });
  assert.equal(deep.record.status, 'failed');
  assert.match(deep.record.error.message, /^RecursionError/);
  // Ten million items took the tab down before lists were bounded.
  const huge = await runProgram('x = [0] * 10**7\n', {}, { on: opened });
  assert.match(huge.record.error.message, /^MemoryError/);
  const summed = await runProgram('print(sum(i * i for i in range(10**6)))\n', {}, { on: opened });
  assert.equal(lines(summed.record)[0].text, '333332833333500000');
  const after = await runProgram('print("still alive")', {}, { on: opened });
  assert.equal(lines(after.record)[0].text, 'still alive');
  await page.close();
});

test('the link carries the program in its own parameter and reopens it', async () => {
  const code = DO_SOMETHING.replace('time.sleep(1)', 'time.sleep(0.05)');
  const { page } = await runProgram(code, { model: 'gil' });
  const link = new URL(page.url());
  assert.equal(link.searchParams.get('model'), 'gil');
  assert.match(link.search, /&code=[A-Za-z0-9_-]+$/, 'the code last, in its own parameter');
  const reopened = await openPage(session.browser, link.href);
  assert.equal(await reopened.page.evaluate(() => window.threadplay.config.code), code);
  assert.equal(await editorText(reopened.page, '#code-editor'), code);
  const { record } = await runAndWatch(reopened.page);
  const finished = finishedSeconds(lines(record).at(-1).text);
  assert.ok(finished >= 0.05 && finished < 0.6, lines(record).at(-1).text);
});

test('typing in the editor makes the program; model changes keep it, other settings regenerate the code', async () => {
  const { page } = await openPage(session.browser, session.server.url);
  assert.match(await editorText(page, '#code-editor'), /threading\.Thread/, 'the generated program is shown');
  await typeInEditor(page, 'print("mine")\n');
  await page.waitForFunction(() => window.threadplay.config.code === 'print("mine")\n');
  await page.selectOption('select[name="model"]', 'gil');
  await page.waitForFunction(() => window.threadplay.config.model === 'gil');
  assert.equal(await page.evaluate(() => window.threadplay.config.code), 'print("mine")\n');
  await page.locator('input[name="tasks"]').fill('3');
  await page.locator('input[name="tasks"]').dispatchEvent('change');
  await page.waitForFunction(() => window.threadplay.config.code === '' && window.threadplay.config.tasks === 3);
  await waitForEditorText(page, '#code-editor', /range\(1, 4\)/);
});

/**
 * Holds each request the page sends its workers for a plan (the core reading an edit) for `ms`,
 * in order, as a busy core or machine answers: the reader's next edit comes before the answer.
 * Counts them in `window.plansAsked`.
 * @param {import('playwright-core').Page} page
 * @param {number} ms
 */
function slowPlans(page, ms) {
  return page.evaluate((ms) => {
    const post = Worker.prototype.postMessage;
    window.plansAsked = 0;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message?.type !== 'threadplay:plan') return post.call(this, message, ...rest);
      window.plansAsked += 1;
      setTimeout(() => post.call(this, message, ...rest), ms);
    };
  }, ms);
}

test('an answer to an older edit never undoes a newer one: a setting changed while the typed program was read, a program typed while a setting was', async () => {
  const { page } = await openPage(session.browser, session.server.url);
  await typeInEditor(page, 'print("mine")\n');
  await page.waitForFunction(() => window.threadplay.config.code === 'print("mine")\n');
  await slowPlans(page, 1500);
  // The typing pauses and the page asks the core for the program's link; before the answer
  // comes, the reader sets the tasks, which replaces the program with the settings' own.
  await page.waitForFunction(() => window.plansAsked === 1);
  await page.locator('input[name="tasks"]').fill('3');
  await page.locator('input[name="tasks"]').dispatchEvent('change');
  await page.waitForFunction(() => window.threadplay.config.code === '' && window.threadplay.config.tasks === 3);
  assert.equal(await page.locator('input[name="tasks"]').inputValue(), '3');
  await waitForEditorText(page, '#code-editor', /range\(1, 4\)/);

  // The reader picks a model and types a program before the model's answer comes.
  await page.selectOption('select[name="model"]', 'gil');
  await typeInEditor(page, 'print("late")\n');
  await page.waitForFunction(
    () => window.threadplay.config.code === 'print("late")\n' && window.threadplay.config.model === 'gil',
    null,
    { timeout: 10_000 },
  );
  // The link follows the program once the answer to its last key comes.
  await page.waitForFunction(() => /&code=[A-Za-z0-9_-]+$/.test(location.search), null, { timeout: 10_000 });
  assert.equal(new URL(page.url()).searchParams.get('model'), 'gil');
  assert.equal(await page.evaluate(() => window.threadplay.config.code), 'print("late")\n');
  assert.equal(await editorText(page, '#code-editor'), 'print("late")\n');
});

test('a field being typed in keeps what the reader typed when the answer to their program comes', async () => {
  const { page } = await openPage(session.browser, session.server.url);
  // In one go, as a fast reader might within the 300 ms before the program is read: a program
  // typed, then the tasks emptied to type another number.
  await page.evaluate(async () => {
    const { EditorView } = await import(new URL('lib/codemirror.js', document.baseURI).href);
    const editor = EditorView.findFromDOM(document.querySelector('#code-editor'));
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: 'print("mine")\n' } });
    const tasks = document.querySelector('input[name="tasks"]');
    tasks.value = '';
    tasks.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => /[?&]code=[A-Za-z0-9_-]+$/.test(location.search), null, { timeout: 10_000 });
  assert.equal(await page.locator('input[name="tasks"]').inputValue(), '', 'the emptied field was not refilled');
  await page.locator('input[name="tasks"]').fill('5');
  await page.locator('input[name="tasks"]').dispatchEvent('change');
  await page.waitForFunction(() => window.threadplay.config.tasks === 5);
  assert.equal(await page.locator('input[name="tasks"]').inputValue(), '5');
});
