// Counts as the page writes them: digits grouped by commas (`2,558,000`), as
// `toLocaleString('en')` groups them. Done by hand because a page's first `toLocaleString`
// loads Intl's data (6-11 ms in Chromium), which fell inside the first run's frames.

/**
 * @param {number} count an integer
 * @returns {string}
 */
export function groupedDigits(count) {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
