// The link is the state: scenario settings and page flags live in the query string, so a
// copied address reopens the same configuration.

/**
 * @typedef {Record<string, number | string | null>} Config the scenario, keyed by link names
 */

/** The page's own link parameters, kept when the address bar follows the settings. */
const PAGE_FLAGS = ['autorun'];

/** @returns {string} the current link's query string, with its `?` */
export function currentQuery() {
  return window.location.search;
}

/** @returns {boolean} whether the link asks to run as soon as the page is ready */
export function wantsAutorun() {
  return new URLSearchParams(window.location.search).get('autorun') === '1';
}

/**
 * A configuration as a query string, leaving out empty values.
 * @param {Config} config
 * @returns {string}
 */
export function configToQuery(config) {
  const entries = Object.entries(config).filter(([, value]) => value !== null && value !== '');
  return new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
}

/**
 * Puts the scenario's canonical query in the address bar, keeping the page's own flags.
 * @param {string} scenarioQuery as the core writes it
 */
export function showInAddressBar(scenarioQuery) {
  const params = new URLSearchParams(scenarioQuery);
  const current = new URLSearchParams(window.location.search);
  for (const flag of PAGE_FLAGS) {
    if (current.has(flag)) params.set(flag, current.get(flag));
  }
  const search = params.toString();
  const url = new URL(window.location.href);
  url.search = search ? `?${search}` : '';
  window.history.replaceState(null, '', url);
}
