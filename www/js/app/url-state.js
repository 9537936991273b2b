// The link is the state: scenario settings and page flags live in the query string, so a
// copied address reopens the same configuration. The core reads the scenario settings; the
// page's own flags are read here.

/**
 * @typedef {Record<string, number | string | null>} Config the scenario, keyed by link names
 * @typedef {{ autorun: boolean, controls: boolean, embed: boolean, readonly: boolean,
 *   theme: 'light' | 'dark' | 'auto' }} PageFlags `controls`: an embed shows the settings form
 */

const SWITCHES = /** @type {const} */ (['autorun', 'controls', 'embed', 'readonly']);
const THEMES = ['light', 'dark', 'auto'];
/** The page's own link parameters, kept when the address bar follows the settings. */
const PAGE_FLAGS = [...SWITCHES, 'theme'];
/** Parameters that describe how the page is shown, not what it runs: a full-page link drops them. */
const EMBED_FLAGS = ['embed', 'readonly', 'theme', 'autorun', 'controls'];

/**
 * WebKit throws after 100 `history.replaceState` calls in 10 seconds, and a page that runs one
 * program after another (a test, a reader clicking through presets) changes its link faster.
 * The address bar takes at most this many links in any such window; later ones wait, and the
 * newest always lands. Until it does, the page reads its link from `pendingLink`.
 */
const ADDRESS_BAR_WRITES = { count: 50, windowMs: 10_000 };
/** When the recent writes happened, oldest first, at most `ADDRESS_BAR_WRITES.count`. */
const recentWrites = [];
/** @type {string | null} the newest link, not yet in the address bar */
let pendingLink = null;
let writeTimer = 0;

/** @returns {URL} the page's link: the address bar's, or the newer one waiting to go there */
function pageUrl() {
  return new URL(pendingLink ?? window.location.href);
}

/** @returns {string} the page's link, as the address bar shows it (or soon will) */
export function currentLink() {
  return pageUrl().href;
}

/** @returns {string} the current link's query string, with its `?` */
export function currentQuery() {
  return pageUrl().search;
}

/**
 * Reads the page's flags from the link; anything unreadable is off (or `auto`), with a notice.
 * @returns {{ flags: PageFlags, notices: string[] }}
 */
export function readPageFlags() {
  const params = new URLSearchParams(currentQuery());
  const notices = [];
  const flags = { autorun: false, controls: false, embed: false, readonly: false, theme: 'auto' };
  for (const name of SWITCHES) {
    const value = params.get(name);
    if (value === null) continue;
    flags[name] = value === '1';
    if (value !== '1' && value !== '0') notices.push(`${name}: ${JSON.stringify(value.slice(0, 24))} is not 0 or 1; using 0`);
  }
  const theme = params.get('theme');
  if (theme !== null) {
    if (THEMES.includes(theme)) flags.theme = /** @type {PageFlags['theme']} */ (theme);
    else notices.push(`theme: ${JSON.stringify(theme.slice(0, 24))} is not one of ${THEMES.join(', ')}; using auto`);
  }
  return { flags, notices };
}

/**
 * Whether the page starts no worker until its first Run: a tutorial's embed, so that a page
 * with ten of them stays light (unless it runs at once or shows its controls).
 * @param {PageFlags} flags
 */
export function waitsForFirstRun(flags) {
  return flags.embed && !flags.autorun && !flags.controls;
}

/**
 * A configuration's settings as a query string, leaving out empty values and the program (the
 * core packs that into the link itself).
 * @param {Config} config
 * @returns {string}
 */
export function configToQuery(config) {
  const entries = Object.entries(config).filter(([key, value]) => key !== 'code' && value !== null && value !== '');
  return new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
}

/**
 * Puts the scenario's canonical query in the address bar, keeping the page's own flags.
 * @param {string} scenarioQuery as the core writes it
 */
export function showInAddressBar(scenarioQuery) {
  const params = new URLSearchParams(scenarioQuery);
  const current = new URLSearchParams(currentQuery());
  for (const flag of PAGE_FLAGS) {
    if (current.has(flag)) params.set(flag, current.get(flag));
  }
  const link = linkTo(params);
  if (link === currentLink()) return;
  pendingLink = link;
  if (!writeTimer) writePendingLink();
}

function writePendingLink() {
  writeTimer = 0;
  const now = performance.now();
  if (recentWrites.length === ADDRESS_BAR_WRITES.count) {
    const wait = recentWrites[0] + ADDRESS_BAR_WRITES.windowMs - now;
    if (wait > 0) {
      writeTimer = setTimeout(writePendingLink, wait);
      return;
    }
    recentWrites.shift();
  }
  recentWrites.push(now);
  window.history.replaceState(null, '', pendingLink);
  pendingLink = null;
}

/**
 * The full page for the scenario in the address bar, without the embed's flags.
 * @returns {string}
 */
export function fullPageLink() {
  const params = new URLSearchParams(currentQuery());
  for (const flag of EMBED_FLAGS) params.delete(flag);
  return linkTo(params);
}

/** @param {URLSearchParams} params */
function linkTo(params) {
  const url = new URL(window.location.pathname, window.location.origin);
  const search = params.toString();
  url.search = search ? `?${search}` : '';
  return url.href;
}

/**
 * The program a link carries, unpacked here as the core packs it (raw deflate, then base64url),
 * for an embed that shows it before any worker starts.
 * @returns {Promise<string>} '' when the link has none
 * @throws if it is not a packed program (the core then says why, when the page starts it)
 */
export async function linkedProgram() {
  const packed = new URLSearchParams(currentQuery()).get('code');
  if (!packed) return '';
  const base64 = packed.replaceAll('-', '+').replaceAll('_', '/');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}
