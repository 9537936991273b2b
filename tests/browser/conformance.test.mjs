// The conformance suite in the browser: every program in tests/conformance/ runs on the page as
// it opens (a pool of 2 workers, under the GIL) and prints the lines python3 prints, standard
// error merged in as a terminal shows it (tests/conformance.rs does the same natively).
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();
const DIR = fileURLToPath(new URL('../conformance/', import.meta.url));
const PROGRAMS = readdirSync(DIR).filter((name) => name.endsWith('.py')).sort();
/**
 * python3's output for a program, kept for the next browser of the suite: most programs mostly
 * sleep, and running them all again took python3 20 s a browser. tests/conformance.rs keeps
 * the outputs it agreed with (for python3's own `os.cpu_count()`) in the same layout:
 * `<version>/cpu-<N>/<program>.json`, holding the program's source and python3's lines.
 */
const CACHE = fileURLToPath(new URL('../../target/python3-output/', import.meta.url));
const PYTHON3 = execFileSync('python3', ['-c', "import platform; print('Python-' + platform.python_version())"], {
  encoding: 'utf8',
}).trim();
/**
 * python3 runs at a time, all before the page runs any: beside the page's workers (three at a
 * time while the page ran), a program whose threads are 50 ms apart printed in another order
 * once on 2 cores, and that output was kept for the next browsers. One at a time leaves a core
 * to the other WebKit run beside this one (build.sh), and costs little: the outputs the native
 * tests kept serve Chromium, and WebKit (4 cores to a page) runs again only the programs that
 * ask how many cores there are.
 */
const PARALLEL = 1;

/**
 * A folder whose sitecustomize.py gives python3 the page's `os.cpu_count()` (and as many usable
 * cores): the browser's `navigator.hardwareConcurrency`, which WebKit rounds up (to 4 on 2 cores).
 */
function cpuCountShim(cpuCount) {
  const dir = mkdtempSync(join(tmpdir(), 'threadplay-cpu-count-'));
  const cores = `os.cpu_count = lambda: ${cpuCount}\nos.sched_getaffinity = lambda pid: set(range(${cpuCount}))\n`;
  writeFileSync(join(dir, 'sitecustomize.py'), `import os\n${cores}`);
  return dir;
}

/**
 * What python3 prints for each program, with the page's `os.cpu_count()`, `PARALLEL` at a time.
 * @param {number} cpuCount
 * @returns {Promise<Map<string, string[]>>}
 */
async function python3Outputs(cpuCount) {
  const shim = cpuCountShim(cpuCount);
  const outputs = new Map();
  const slots = Array.from({ length: PARALLEL }, () => Promise.resolve());
  PROGRAMS.forEach((name, index) => {
    const slot = index % PARALLEL;
    slots[slot] = slots[slot].then(async () => outputs.set(name, await python3Lines(`${DIR}${name}`, shim, cpuCount)));
  });
  await Promise.all(slots);
  return outputs;
}

/**
 * The names through which a program can learn how many cores there are: `os.cpu_count()`,
 * `os.sched_getaffinity()` and the pools and executors whose default size it sets. python3 prints the same for a program
 * without any of them whatever the count, so its output kept for another count will do.
 */
const ASKS_CPU_COUNT = /cpu_count|sched_getaffinity|Pool|Executor|to_thread|run_in_executor/;

/** What python3 prints for the program at `path`, with `shim` on its path (or its kept copy). */
async function python3Lines(path, shim, cpuCount) {
  const source = readFileSync(path, 'utf8');
  const own = `cpu-${cpuCount}`;
  const versionDir = join(CACHE, PYTHON3);
  const others = existsSync(versionDir) && !ASKS_CPU_COUNT.test(source) ? readdirSync(versionDir) : [];
  for (const count of [own, ...others]) {
    const kept = join(versionDir, count, `${basename(path)}.json`);
    if (!existsSync(kept)) continue;
    const { source: keptSource, lines } = JSON.parse(readFileSync(kept, 'utf8'));
    if (keptSource === source) return lines;
  }
  const env = { ...process.env, PYTHONPATH: shim };
  // An empty directory of its own, as the page's run starts with no files.
  const cwd = mkdtempSync(join(tmpdir(), 'threadplay-conformance-'));
  const { stdout } = await promisify(execFile)('sh', ['-c', 'exec python3 -u "$0" 2>&1', path], {
    encoding: 'utf8',
    env,
    cwd,
  }).finally(() => rmSync(cwd, { recursive: true, force: true }));
  // A program may end without a newline: its unfinished line is a line of the log too.
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  mkdirSync(join(versionDir, own), { recursive: true });
  writeFileSync(join(versionDir, own, `${basename(path)}.json`), JSON.stringify({ source, lines }));
  return lines;
}

test('every conformance program prints in the page what python3 prints', async () => {
  assert.ok(PROGRAMS.length >= 8, `${PROGRAMS.length} programs`);
  const { page, errors } = await openPage(session.browser, session.server.url);
  const expectedLines = await python3Outputs(await page.evaluate(() => navigator.hardwareConcurrency));
  for (const name of PROGRAMS) {
    const code = readFileSync(`${DIR}${name}`, 'utf8');
    const record = await page.evaluate(async (code) => {
      window.threadplay.config = { ...window.threadplay.config, code };
      return window.threadplay.run();
    }, code);
    assert.equal(record.status, 'completed', `${name}: ${JSON.stringify(record.error)}`);
    const printed = record.events.filter((event) => event.kind === 'line').map((event) => event.text);
    assert.deepEqual(printed, expectedLines.get(name), `${name} prints what python3 prints`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
