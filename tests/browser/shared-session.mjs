// Runs a command (node --test and the browser test files) with one server and one browser for
// all the files: each file connects to them instead of starting its own. Firefox took 2.5 s to
// start and stop, and each browser's first page of a file found its caches cold, once per file.
//
//   THREADPLAY_BROWSER=firefox node tests/browser/shared-session.mjs node --test tests/browser/page.test.mjs
//
// A file that needs a browser of its own (Chromium with other switches, or a fresh context)
// still starts one.
import { spawn } from 'node:child_process';
import { launchSharedBrowser } from './browsers.mjs';
import { startServer } from './harness.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error('usage: node shared-session.mjs <command> [arguments…]');

const server = await startServer();
const browser = await launchSharedBrowser();
const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, THREADPLAY_SHARED_SERVER: server.url, THREADPLAY_SHARED_BROWSER: browser.endpoint },
});
// Ended from outside (CI's time limit), the files end too, and then the browser and server.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => child.kill(signal));
const status = await new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
await browser.close();
server.stop();
process.exit(status);
