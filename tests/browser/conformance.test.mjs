// The conformance suite in the browser: every program in tests/conformance/ runs on the page as
// it opens (a pool of 2 workers, under the GIL) and prints the lines python3 prints, standard
// error merged in as a terminal shows it (tests/conformance.rs does the same natively).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openPage, useServerAndBrowser } from './harness.mjs';

const session = useServerAndBrowser();
const DIR = fileURLToPath(new URL('../conformance/', import.meta.url));
const PROGRAMS = readdirSync(DIR).filter((name) => name.endsWith('.py')).sort();

/**
 * A folder whose sitecustomize.py gives python3 the page's `os.cpu_count()`: the browser's
 * `navigator.hardwareConcurrency`, which WebKit rounds up (to 4 on 2 cores).
 */
function cpuCountShim(cpuCount) {
  const dir = mkdtempSync(join(tmpdir(), 'threadplay-cpu-count-'));
  writeFileSync(join(dir, 'sitecustomize.py'), `import os\nos.cpu_count = lambda: ${cpuCount}\n`);
  return dir;
}

/** What python3 prints for the program at `path`, with `shim` on its path. */
function python3Lines(path, shim) {
  const env = { ...process.env, PYTHONPATH: shim };
  const output = execFileSync('sh', ['-c', 'exec python3 -u "$0" 2>&1', path], { encoding: 'utf8', env });
  return output.split('\n').slice(0, -1);
}

test('every conformance program prints in the page what python3 prints', async () => {
  assert.ok(PROGRAMS.length >= 8, `${PROGRAMS.length} programs`);
  const { page, errors } = await openPage(session.browser, session.server.url);
  const shim = cpuCountShim(await page.evaluate(() => navigator.hardwareConcurrency));
  for (const name of PROGRAMS) {
    const code = readFileSync(`${DIR}${name}`, 'utf8');
    const record = await page.evaluate(async (code) => {
      window.threadplay.config = { ...window.threadplay.config, code };
      return window.threadplay.run();
    }, code);
    assert.equal(record.status, 'completed', `${name}: ${JSON.stringify(record.error)}`);
    const printed = record.events.filter((event) => event.kind === 'line').map((event) => event.text);
    assert.deepEqual(printed, python3Lines(`${DIR}${name}`, shim), `${name} prints what python3 prints`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
