// The browsers the suite runs in, chosen by THREADPLAY_BROWSER: `chromium` (the default),
// `firefox`, `webkit` (WebKitGTK as it ships: no SharedArrayBuffer) or `webkit-sab` (WebKit with
// SharedArrayBuffer switched on, as Safari has it). Chromium is driven by Playwright. Playwright
// cannot drive a stock Firefox, so Firefox ESR is driven by puppeteer-core over WebDriver BiDi,
// and WebKit by classic WebDriver (webkit.mjs), each behind a thin layer with the Playwright
// calls the tests use (pages, frames, locators by CSS, label, role or text, the keyboard), so
// every test runs unchanged in all of them.
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { findByLabel, findByRole, findByText } from './finders.mjs';
import { launchWebKit } from './webkit.mjs';

const CHOSEN = process.env.THREADPLAY_BROWSER ?? 'chromium';
if (!['chromium', 'firefox', 'webkit', 'webkit-sab'].includes(CHOSEN)) {
  throw new Error(`THREADPLAY_BROWSER=${CHOSEN}: not chromium, firefox, webkit or webkit-sab`);
}
/** @type {'chromium' | 'firefox' | 'webkit'} */
export const BROWSER = CHOSEN === 'webkit-sab' ? 'webkit' : CHOSEN;
export const IN_FIREFOX = BROWSER === 'firefox';
export const IN_WEBKIT = BROWSER === 'webkit';
/** Whether the browser has SharedArrayBuffer on isolated pages: WebKit as it ships has not. */
export const SHARED_MEMORY = CHOSEN !== 'webkit';
/** Whether a page can be given a script that runs before its own (not over classic WebDriver). */
const INIT_SCRIPTS = !IN_WEBKIT;
/** A test's `skip` when it checks real threads: false, or why this browser has none. */
export const SKIP_WITHOUT_THREADS =
  !SHARED_MEMORY && 'no SharedArrayBuffer in WebKit as it ships, so no threads (the fallback has tests of its own)';
/** A test's `skip` when it changes a page before the page's scripts run: false, or why it cannot. */
export const SKIP_WITHOUT_INIT_SCRIPTS =
  !INIT_SCRIPTS && "classic WebDriver (WebKit) cannot run a script before the page's own";

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
// Without these, Chromium keeps dialling hosts this machine cannot reach.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// The same for Firefox, and the clipboard readable by the page without a paste prompt, as
// Chromium's clipboard permissions allow.
const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'dom.events.testing.asyncClipboard': true,
  'dom.events.asyncClipboard.readText': true,
};
/** Playwright's default wait. */
const TIMEOUT_MS = 30_000;

/**
 * Launches the suite's browser.
 * @param {string[]} [chromiumArgs] more Chromium switches (the other browsers have no equivalents)
 */
export async function launchBrowser(chromiumArgs = []) {
  if (IN_WEBKIT) return launchWebKit({ sharedMemory: SHARED_MEMORY });
  if (!IN_FIREFOX) return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...chromiumArgs] });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: FIREFOX_PREFS,
  });
  return new FirefoxBrowser(browser);
}

class FirefoxBrowser {
  #browser;

  constructor(browser) {
    this.#browser = browser;
  }

  async newPage() {
    return foregroundPage(await this.#browser.newPage());
  }

  /** A fresh browser context (its own storage and service workers). */
  async newContext() {
    return new FirefoxContext(await this.#browser.createBrowserContext());
  }

  close() {
    return this.#browser.close();
  }
}

class FirefoxContext {
  #context;

  constructor(context) {
    this.#context = context;
  }

  async newPage() {
    return foregroundPage(await this.#context.newPage());
  }

  /** The clipboard is granted by the launch's preferences; nothing else is asked for. */
  async grantPermissions() {}

  close() {
    return this.#context.close();
  }
}

/**
 * A new tab, brought to the front as Playwright's pages are: Firefox throttles the timers of
 * background tabs and their workers, which would starve the workers' heartbeats.
 */
async function foregroundPage(page) {
  await page.bringToFront();
  return new FirefoxPage(page);
}

/** A page or a frame: both evaluate, wait and find elements. */
class FirefoxPage {
  #target;

  /** @param {import('puppeteer-core').Page | import('puppeteer-core').Frame} target */
  constructor(target) {
    this.#target = target;
    this.keyboard = new FirefoxKeyboard(pageOf(this.#target));
  }

  evaluate(fn, arg) {
    return this.#target.evaluate(fn, arg);
  }

  waitForFunction(fn, arg, { timeout = TIMEOUT_MS } = {}) {
    return this.#target.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }

  async goto(url) {
    await this.#target.goto(url);
  }

  /** Runs `fn` in every document this page loads from now on, before its scripts. */
  async addInitScript(fn) {
    await pageOf(this.#target).evaluateOnNewDocument(fn);
  }

  url() {
    return this.#target.url();
  }

  /** @param {{ width: number, height: number }} size */
  setViewportSize({ width, height }) {
    return pageOf(this.#target).setViewport({ width, height });
  }

  async waitForURL(pattern, { timeout = TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    while (!pattern.test(this.url())) {
      if (Date.now() > deadline) throw new Error(`the address never matched ${pattern}: ${this.url()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** `console` (messages with `type()` and `text()`) and `pageerror` (errors) */
  on(event, handler) {
    pageOf(this.#target).on(event, handler);
  }

  frames() {
    return pageOf(this.#target)
      .frames()
      .map((frame) => new FirefoxPage(frame));
  }

  close() {
    return pageOf(this.#target).close();
  }

  locator(selector) {
    return new FirefoxLocator(this.#target, (selector) => [...document.querySelectorAll(selector)], selector);
  }

  getByLabel(text, { exact = false } = {}) {
    return new FirefoxLocator(this.#target, findByLabel, { text, exact });
  }

  getByRole(role, { name, exact = false } = {}) {
    return new FirefoxLocator(this.#target, findByRole, { role, name, exact });
  }

  getByText(text) {
    return new FirefoxLocator(this.#target, findByText, { text });
  }

  selectOption(selector, value) {
    return this.locator(selector).selectOption(value);
  }
}

/** Presses keys and chords (`Control+Enter`) as Playwright names them, and types text. */
class FirefoxKeyboard {
  #page;

  constructor(page) {
    this.#page = page;
  }

  async press(chord) {
    const keys = chord.split('+');
    const key = keys.pop();
    for (const modifier of keys) await this.#page.keyboard.down(modifier);
    await this.#page.keyboard.press(key);
    for (const modifier of keys.reverse()) await this.#page.keyboard.up(modifier);
  }

  /** Types `text` key by key (Enter for a newline). */
  type(text) {
    return this.#page.keyboard.type(text);
  }
}

/**
 * Elements found by a function run in the page, as Playwright's locators find them: again at
 * each use, waiting until one is there.
 */
class FirefoxLocator {
  #target;
  #find;
  #query;

  /**
   * @param {(query: any) => Element[]} find runs in the page
   */
  constructor(target, find, query) {
    this.#target = target;
    this.#find = find;
    this.#query = query;
  }

  async #all() {
    const handle = await this.#target.evaluateHandle(this.#find, this.#query);
    const properties = await handle.getProperties();
    await handle.dispose();
    return [...properties.values()].map((property) => property.asElement()).filter(Boolean);
  }

  /** The first match, waiting for one. */
  async #element({ timeout = TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const [first] = await this.#all();
      if (first) return first;
      if (Date.now() > deadline) throw new Error(`nothing matches ${JSON.stringify(this.#query)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async #on(fn, arg) {
    const element = await this.#element();
    try {
      return await element.evaluate(fn, arg);
    } finally {
      await element.dispose();
    }
  }

  waitFor(options) {
    return this.#element(options).then((element) => element.dispose());
  }

  textContent() {
    return this.#on((element) => element.textContent);
  }

  async allTextContents() {
    const elements = await this.#all();
    return Promise.all(elements.map((element) => element.evaluate((node) => node.textContent)));
  }

  inputValue() {
    return this.#on((element) => element.value);
  }

  getAttribute(name) {
    return this.#on((element, name) => element.getAttribute(name), name);
  }

  isVisible() {
    return this.#all().then(async ([element]) => {
      if (!element) return false;
      return element.evaluate((node) => {
        const style = getComputedStyle(node);
        return node.getClientRects().length > 0 && style.visibility !== 'hidden';
      });
    });
  }

  isDisabled() {
    return this.#on((element) => element.matches(':disabled'));
  }

  async boundingBox() {
    const element = await this.#element();
    return element.boundingBox();
  }

  /** Replaces the value by typing it, so the browser sends `input` and, on leaving, `change`. */
  async fill(value) {
    await this.#on((element) => {
      element.focus();
      element.value = '';
    });
    await pageOf(this.#target).keyboard.type(value);
  }

  async click() {
    const element = await this.#element();
    await element.click();
    await element.dispose();
  }

  async check() {
    if (!(await this.#on((element) => element.checked))) await this.click();
  }

  focus() {
    return this.#on((element) => element.focus());
  }

  async press(chord) {
    await this.focus();
    await new FirefoxKeyboard(pageOf(this.#target)).press(chord);
  }

  async hover({ position } = {}) {
    const element = await this.#element();
    await element.evaluate((node) => node.scrollIntoView({ block: 'center' }));
    const box = await element.boundingBox();
    const page = pageOf(this.#target);
    const { x, y } = position ?? { x: box.width / 2, y: box.height / 2 };
    await page.mouse.move(box.x + x, box.y + y);
    await element.dispose();
  }

  dispatchEvent(type) {
    return this.#on((element, type) => element.dispatchEvent(new Event(type, { bubbles: true })), type);
  }

  async selectOption(value) {
    const element = await this.#element();
    await element.select(value);
    await element.dispose();
  }
}

/** The page a frame belongs to (a page is its own). */
function pageOf(target) {
  return typeof target.page === 'function' ? target.page() : target;
}
