// The link is the state: scenario settings and page flags live in the query string, so a
// copied address reopens the same configuration.

/**
 * @typedef {Record<string, number>} Config the scenario, keyed by link names (`sleep_ms`, …)
 */

/** @returns {string} the current link's query string, with its `?` */
export function currentQuery() {
  return window.location.search;
}

/** @returns {boolean} whether the link asks to run as soon as the page is ready */
export function wantsAutorun() {
  return new URLSearchParams(window.location.search).get('autorun') === '1';
}

/**
 * A configuration as a query string, in the configuration's own key order.
 * @param {Config} config
 * @returns {string}
 */
export function configToQuery(config) {
  return new URLSearchParams(Object.entries(config).map(([key, value]) => [key, String(value)])).toString();
}

/**
 * Puts the configuration in the address bar, keeping the link's other parameters (`autorun`, …).
 * @param {Config} config
 */
export function showInAddressBar(config) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(config)) url.searchParams.set(key, String(value));
  window.history.replaceState(null, '', url);
}
