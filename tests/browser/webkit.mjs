// WebKit for the suite: WebKitGTK's MiniBrowser, driven by WebKitWebDriver under Xvfb over
// classic W3C WebDriver (HTTP and JSON). WebKitWebDriver 2.50 has no WebDriver BiDi (it refuses a
// session that asks for `webSocketUrl`), so puppeteer-core cannot drive it; this layer gives the
// tests the same Playwright calls as the Firefox one. Classic WebDriver has no init scripts and
// no console events: errors are caught by hooks put into each document by the first command
// that reaches it, so an error thrown while a page loads, before that, is missed.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { findByLabel, findByRole, findByText } from './finders.mjs';

const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
// The clipboard readable by the page without a paste menu, as the other browsers are set up.
const MINIBROWSER_ARGS = ['--automation', '--javascript-can-access-clipboard=true', '--features=+DOMPasteAllowed'];
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** Playwright's default wait. */
const TIMEOUT_MS = 30_000;
/**
 * How long one command waits for a page's promise. A longer wait is a series of commands, so
 * other commands (a click on Stop while a run goes on) get their turn in between.
 */
const WAIT_MS = 50;
/** WebDriver's codes for the keys Playwright names. */
const KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};

/**
 * Starts a MiniBrowser of its own (Xvfb, WebKitWebDriver, one session).
 * @param {{ sharedMemory: boolean }} options `sharedMemory` switches on SharedArrayBuffer
 *   (`JSC_useSharedArrayBuffer=1`), as Safari has it on cross-origin isolated pages
 */
export async function launchWebKit({ sharedMemory }) {
  return new WebKitBrowser(await Session.start(sharedMemory), sharedMemory);
}

/**
 * A browser, and a context: each WebDriver session is a browser with storage of its own. As in
 * Playwright, closing a browser closes the contexts made from it.
 */
class WebKitBrowser {
  #session;
  #sharedMemory;
  #contexts = new Set();

  constructor(session, sharedMemory) {
    this.#session = session;
    this.#sharedMemory = sharedMemory;
  }

  newPage() {
    return this.#session.newPage();
  }

  async newContext() {
    const context = new WebKitBrowser(await Session.start(this.#sharedMemory), this.#sharedMemory);
    this.#contexts.add(context);
    return context;
  }

  /** The clipboard is granted by the launch's settings; nothing else is asked for. */
  async grantPermissions() {}

  async close() {
    await Promise.all([...this.#contexts].map((context) => context.close()));
    this.#contexts.clear();
    await this.#session.close();
  }
}

/**
 * The process groups of the drivers still running: they end with this process, however it ends
 * (a test file that runs out of time is ended with a signal).
 */
const running = new Set();
const killGroup = (pid) => {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
};
let watching = false;
function endWithThisProcess(pid) {
  running.add(pid);
  if (watching) return;
  watching = true;
  process.once('exit', () => running.forEach(killGroup));
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => process.exit(code));
}

/** A free loopback port for the driver (it cannot pick one itself). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * One WebKitWebDriver and its session. Commands go to the "current" window and frame, so each
 * is sent after switching there, one at a time.
 */
class Session {
  #driver;
  #url;
  /** The window kept open so that closing the last page does not end the session. */
  #keeper;
  /** Where commands go now: `{ handle, frames }`, null when unknown. */
  #at = null;
  #queue = Promise.resolve();

  /** Starts a driver and its session; once more if that fails (now and then one never answers). */
  static async start(sharedMemory) {
    try {
      return await Session.#startOnce(sharedMemory);
    } catch {
      return Session.#startOnce(sharedMemory);
    }
  }

  static async #startOnce(sharedMemory) {
    const port = await freePort();
    const env = { ...process.env };
    if (sharedMemory) env.JSC_useSharedArrayBuffer = '1';
    // Its own process group, so that closing ends Xvfb, the driver and the browser together.
    const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
      detached: true,
      stdio: 'ignore',
      env,
    });
    // A session left open must not keep the tests' process alive.
    driver.unref();
    endWithThisProcess(driver.pid);
    const session = new Session(driver, `http://127.0.0.1:${port}`);
    try {
      await session.#connect();
    } catch (error) {
      session.#kill();
      throw error;
    }
    return session;
  }

  constructor(driver, url) {
    this.#driver = driver;
    this.#url = url;
  }

  async #connect() {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        const status = await this.#request('GET', '/status', undefined, AbortSignal.timeout(1000));
        if (status.ready) break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error('WebKitWebDriver did not start', { cause: error });
      }
      await sleep(50);
    }
    const capabilities = {
      alwaysMatch: {
        browserName: 'MiniBrowser',
        timeouts: { pageLoad: PAGE_LOAD_TIMEOUT_MS },
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: MINIBROWSER_ARGS },
      },
    };
    const { sessionId } = await this.#request('POST', '/session', { capabilities }, AbortSignal.timeout(20_000));
    this.#url += `/session/${sessionId}`;
    // Bounded too: a start that never answers is retried (see `start`), not waited on forever.
    this.#keeper = await this.#request('GET', '/window', undefined, AbortSignal.timeout(10_000));
    this.#at = { handle: this.#keeper, frames: [] };
  }

  async #request(method, path, body, signal) {
    const response = await fetch(this.#url + path, {
      method,
      signal,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await response.json();
    if (!response.ok) throw new DriverError(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`, value.error);
    return value;
  }

  /**
   * Sends one command to the window and frame `at` (`frames`: the element of each frame on the
   * way down from the window).
   */
  send(at, method, path, body) {
    const command = this.#queue.then(async () => {
      if (this.#at?.handle !== at.handle) {
        await this.#request('POST', '/window', { handle: at.handle });
        this.#at = { handle: at.handle, frames: [] };
      }
      // A frame's document may have been replaced since: go down from the top every time.
      if (at.frames.length > 0 || this.#at.frames.length > 0) {
        this.#at = null;
        await this.#request('POST', '/frame', { id: null });
        for (const frame of at.frames) await this.#request('POST', '/frame', { id: frame });
        this.#at = at;
      }
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.#request(method, path, body, AbortSignal.timeout(COMMAND_TIMEOUT_MS));
        } catch (error) {
          if (error.name === 'TimeoutError') throw await this.#unanswered(method, path, error);
          // A script waits for the page's load to end before it runs; one that never ended is
          // given up on after PAGE_LOAD_TIMEOUT_MS, with the script not run, so it can go again.
          const script = path.startsWith('/execute/');
          if (!(error instanceof DriverError && error.code === 'timeout' && script && attempt < 3)) throw error;
        }
      }
    });
    this.#queue = command.catch(() => {});
    return command;
  }

  /**
   * The error for a command left unanswered, with what the driver still answers: its window
   * list needs only the browser's UI process, and the address waits for a load in progress
   * but never for the page's scripts, so the two tell a hung driver, a page still loading
   * and a page whose main thread is stuck apart.
   */
  async #unanswered(method, path, cause) {
    const probe = (what, probePath) =>
      this.#request('GET', probePath, undefined, AbortSignal.timeout(5_000)).then(
        (value) => `${what}: ${JSON.stringify(value)}`,
        (error) => `${what}: ${error.name === 'TimeoutError' ? 'no answer in 5 s' : error.message}`,
      );
    const state = [await probe('windows', '/window/handles'), await probe('address', '/url')];
    return new Error(`WebDriver ${method} ${path}: no answer in ${COMMAND_TIMEOUT_MS / 1000} s (${state.join('; ')})`, {
      cause,
    });
  }

  async newPage() {
    const { handle } = await this.send(this.#at ?? { handle: this.#keeper, frames: [] }, 'POST', '/window/new', {
      type: 'window',
    });
    return new WebKitPage(this, { handle, frames: [] });
  }

  async closeWindow(at) {
    await this.send(at, 'DELETE', '/window');
    this.#at = null;
  }

  /** Ends the session and its processes; again is a no-op. */
  async close() {
    if (!running.has(this.#driver.pid)) return;
    try {
      await this.#request('DELETE', '', undefined, AbortSignal.timeout(10_000));
    } finally {
      this.#kill();
    }
  }

  #kill() {
    running.delete(this.#driver.pid);
    killGroup(this.#driver.pid);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long one command may take. Each is short (waits are polls of short commands), but once
 * in about fifteen runs of the suite WebKitWebDriver left one unanswered, and the test file
 * then waited out its 300 s; this fails it sooner, naming the command and what the driver
 * still answered (see `#unanswered`).
 */
const COMMAND_TIMEOUT_MS = 60_000;

/**
 * How long a command waits for a page's load to end (WebDriver's default is 300 s): shorter
 * than COMMAND_TIMEOUT_MS, so that a load that never ends is an answer, not silence.
 */
const PAGE_LOAD_TIMEOUT_MS = 20_000;

/** An error WebKitWebDriver answered with; `code` is WebDriver's (`timeout`, `no such window`…). */
class DriverError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** Marks `undefined` in the JSON a page sends back (JSON has no such value). */
const UNDEFINED = '\u0000undefined';

/**
 * Page-side helpers every evaluation starts with: the per-document state (promises still
 * running, console errors and uncaught errors not yet collected) and `wait(id)`, which answers
 * with the outcome of promise `id`, or that it is still pending after WAIT_MS.
 */
const PRELUDE = `
const done = arguments[arguments.length - 1];
const state = (globalThis[Symbol.for('webkit.mjs')] ??= hook({ pending: new Map(), next: 0, logs: [] }));
function hook(state) {
  const error = console.error;
  console.error = function (...args) {
    state.logs.push({ type: 'error', text: args.map(String).join(' ') });
    return error.apply(this, args);
  };
  addEventListener('error', (event) => state.logs.push({ type: 'pageerror', text: event.message }));
  addEventListener('unhandledrejection', (event) =>
    state.logs.push({ type: 'pageerror', text: String(event.reason?.message ?? event.reason) }));
  return state;
}
function reply(outcome) {
  done({ ...outcome, logs: state.logs.splice(0), href: location.href });
}
function wait(id) {
  const promise = state.pending.get(id);
  if (!promise) return reply({ lost: true });
  let timer;
  const settled = promise.then(
    (value) => ({ value: JSON.stringify(value, (key, item) => (item === undefined ? ${JSON.stringify(UNDEFINED)} : item)) }),
    (error) => ({ error: String(error?.message ?? error) }),
  );
  const later = new Promise((resolve) => { timer = setTimeout(resolve, ${WAIT_MS}, { pending: id }); });
  Promise.race([settled, later]).then((outcome) => {
    clearTimeout(timer);
    if (!outcome.pending) state.pending.delete(id);
    reply(outcome);
  });
}
`;

/** A script that calls `source` with its arguments and answers as `wait` does. */
const startScript = (source) => `${PRELUDE}
let result;
try {
  result = Promise.resolve((${source})(...Array.prototype.slice.call(arguments, 0, -1)));
} catch (error) {
  result = Promise.reject(error);
}
const id = ++state.next;
state.pending.set(id, result);
wait(id);`;

const POLL_SCRIPT = `${PRELUDE}
wait(arguments[0]);`;

/** Thrown when the document an evaluation ran in went away (the page navigated). */
class DocumentGone extends Error {}

/** Parses what `wait` sent, with `undefined` back where the page had it. */
function decode(json) {
  const restore = (value) => {
    if (value === UNDEFINED) return undefined;
    if (Array.isArray(value)) return value.map(restore);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, restore(item)]));
    }
    return value;
  };
  return restore(JSON.parse(json));
}

/** A page (a window) or one of its frames: both evaluate, wait and find elements. */
class WebKitPage {
  #session;
  #at;
  /** The page's last known address; a frame's, as it was when found. */
  #href = 'about:blank';
  /** The page a frame belongs to (a page is its own): it gets the frame's console events. */
  #page;
  #handlers = { console: [], pageerror: [] };

  constructor(session, at, page = this) {
    this.#session = session;
    this.#at = at;
    this.#page = page;
    this.keyboard = new WebKitKeyboard(this);
  }

  /** Sends one WebDriver command to this page or frame. */
  send(method, path, body) {
    return this.#session.send(this.#at, method, path, body);
  }

  /** Runs the function `source` with `args` (element references allowed) and returns its value. */
  async call(source, args) {
    let reply = await this.send('POST', '/execute/async', { script: startScript(source), args });
    while (reply.pending) reply = await this.send('POST', '/execute/async', { script: POLL_SCRIPT, args: [reply.pending] });
    if (this.#at.frames.length === 0) this.#href = reply.href;
    this.#page.#deliver(reply.logs);
    if (reply.lost) throw new DocumentGone('the document was replaced before the function returned');
    if (reply.error !== undefined) throw new Error(reply.error);
    return decode(reply.value);
  }

  #deliver(logs) {
    for (const { type, text } of logs) {
      if (type === 'pageerror') for (const handler of this.#handlers.pageerror) handler(new Error(text));
      else for (const handler of this.#handlers.console) handler({ type: () => type, text: () => text });
    }
  }

  evaluate(fn, arg) {
    return this.call(fn.toString(), arg === undefined ? [] : [arg]);
  }

  /** Polls `fn` until it returns something truthy, through reloads of the page. */
  async waitForFunction(fn, arg, { timeout = TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      let value;
      try {
        value = await this.evaluate(fn, arg);
      } catch (error) {
        // An error thrown by `fn` is the test's; anything else is the page navigating.
        if (!(error instanceof DocumentGone) && !error.message.startsWith('WebDriver ')) throw error;
      }
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${fn}`);
      await sleep(50);
    }
  }

  async goto(url) {
    await this.send('POST', '/url', { url });
    await this.call('() => undefined', []);
  }

  /** WebDriver classic cannot run a script before a page's own. */
  async addInitScript() {
    throw new Error('WebKit through classic WebDriver has no init scripts');
  }

  url() {
    return this.#href;
  }

  async waitForURL(pattern, { timeout = TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    while (!pattern.test(await this.call('() => location.href', []))) {
      if (Date.now() > deadline) throw new Error(`the address never matched ${pattern}: ${this.url()}`);
      await sleep(20);
    }
  }

  /** `console` (messages with `type()` and `text()`: errors only) and `pageerror` (errors) */
  on(event, handler) {
    this.#handlers[event].push(handler);
  }

  /**
   * This page and every frame in it. Unlike Playwright's, it returns a promise: the frames
   * are found by asking the browser.
   */
  async frames() {
    const children = await this.send('POST', '/execute/sync', {
      script: 'return [...document.querySelectorAll("iframe, frame")]',
      args: [],
    });
    const frames = [this];
    for (const element of children) {
      const at = { handle: this.#at.handle, frames: [...this.#at.frames, element] };
      const frame = new WebKitPage(this.#session, at, this.#page);
      frame.#href = await frame.call('() => location.href', []);
      frames.push(...(await frame.frames()));
    }
    return frames;
  }

  close() {
    return this.#session.closeWindow(this.#at);
  }

  locator(selector) {
    return new WebKitLocator(this, '(selector) => [...document.querySelectorAll(selector)]', selector);
  }

  getByLabel(text, { exact = false } = {}) {
    return new WebKitLocator(this, findByLabel.toString(), { text, exact });
  }

  getByRole(role, { name, exact = false } = {}) {
    return new WebKitLocator(this, findByRole.toString(), { role, name, exact });
  }

  getByText(text) {
    return new WebKitLocator(this, findByText.toString(), { text });
  }

  selectOption(selector, value) {
    return this.locator(selector).selectOption(value);
  }
}

/** Presses keys and chords (`Control+Enter`) as Playwright names them, on the focused element. */
class WebKitKeyboard {
  #page;

  constructor(page) {
    this.#page = page;
  }

  async press(chord) {
    const keys = chord.split('+').map((key) => KEYS[key] ?? key);
    const actions = [
      ...keys.map((value) => ({ type: 'keyDown', value })),
      ...keys.reverse().map((value) => ({ type: 'keyUp', value })),
    ];
    await this.#page.send('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** Types `text` key by key (Enter for a newline), as one series of actions. */
  async type(text) {
    const actions = [...text].flatMap((character) => {
      const value = character === '\n' ? KEYS.Enter : character;
      return [
        { type: 'keyDown', value },
        { type: 'keyUp', value },
      ];
    });
    await this.#page.send('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }
}

/**
 * Elements found by a function run in the page, as Playwright's locators find them: again at
 * each use, waiting until one is there.
 */
class WebKitLocator {
  #page;
  #find;
  #query;

  /**
   * @param {WebKitPage} page
   * @param {string} find the source of a function that runs in the page and returns elements
   */
  constructor(page, find, query) {
    this.#page = page;
    this.#find = find;
    this.#query = query;
  }

  /** A WebDriver reference to the first match, waiting for one. */
  async #element({ timeout = TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const element = await this.#page.send('POST', '/execute/sync', {
        script: `return (${this.#find})(arguments[0])[0] ?? null`,
        args: [this.#query],
      });
      if (element) return element;
      if (Date.now() > deadline) throw new Error(`nothing matches ${JSON.stringify(this.#query)}`);
      await sleep(50);
    }
  }

  async #on(fn, arg) {
    return this.#page.call(fn.toString(), [await this.#element(), arg]);
  }

  waitFor(options) {
    return this.#element(options).then(() => undefined);
  }

  textContent() {
    return this.#on((element) => element.textContent);
  }

  allTextContents() {
    return this.#page.call(`(query) => (${this.#find})(query).map((element) => element.textContent)`, [this.#query]);
  }

  inputValue() {
    return this.#on((element) => element.value);
  }

  getAttribute(name) {
    return this.#on((element, name) => element.getAttribute(name), name);
  }

  isVisible() {
    return this.#page.call(
      `(query) => {
        const [element] = (${this.#find})(query);
        return Boolean(element) && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
      }`,
      [this.#query],
    );
  }

  isDisabled() {
    return this.#on((element) => element.matches(':disabled'));
  }

  boundingBox() {
    return this.#on((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    });
  }

  /**
   * Replaces the value by typing it over the selected text, so the browser sends `input` and,
   * on leaving, `change`. Selected, not emptied: an emptied field is a value no event told the
   * page of, which an answer the page was waiting for (the core reading an earlier edit) could
   * overwrite before the keys come, and they would add to the value it wrote.
   */
  async fill(value) {
    const element = await this.#element();
    await this.#page.call(
      `(element) => {
        element.focus();
        element.select();
      }`,
      [element],
    );
    // WebKit types "\n" as a key of that name, which inserts nothing: a newline is Enter.
    const text = value.replaceAll('\n', KEYS.Enter);
    await this.#page.send('POST', `/element/${element[ELEMENT]}/value`, { text });
    // The keys may reach the page after the command returns (seen on a busy machine): wait for
    // the value, as Playwright's fill does, so an event the test sends next sees it.
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await this.#page.call('(element) => element.value', [element])) !== value) {
      if (Date.now() > deadline) throw new Error(`typing ${JSON.stringify(value)} never filled ${JSON.stringify(this.#query)}`);
      await sleep(20);
    }
  }

  async click() {
    const element = await this.#element();
    await this.#page.send('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  async check() {
    if (!(await this.#on((element) => element.checked))) await this.click();
  }

  focus() {
    return this.#on((element) => element.focus());
  }

  async press(chord) {
    await this.focus();
    await this.#page.keyboard.press(chord);
  }

  /** Moves the pointer over the element, at `position` from its top left corner (its centre by default). */
  async hover({ position } = {}) {
    const element = await this.#element();
    const box = await this.#page.call(
      `(element) => {
        element.scrollIntoView({ block: 'center' });
        const { width, height } = element.getBoundingClientRect();
        return { width, height };
      }`,
      [element],
    );
    // WebDriver measures from the element's centre.
    const { x, y } = position ?? { x: box.width / 2, y: box.height / 2 };
    const move = { type: 'pointerMove', origin: element, x: Math.round(x - box.width / 2), y: Math.round(y - box.height / 2) };
    await this.#page.send('POST', '/actions', {
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [move] }],
    });
  }

  dispatchEvent(type) {
    return this.#on((element, type) => element.dispatchEvent(new Event(type, { bubbles: true })), type);
  }

  /** Picks the option with `value` and tells the page, as a person's choice would. */
  selectOption(value) {
    return this.#on((element, value) => {
      element.value = value;
      element.dispatchEvent(new Event('input', { bubbles: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }
}
