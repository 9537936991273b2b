// The closing lines, worded like the tutorials: "Finished in 1.00 second(s)".

/**
 * @param {HTMLElement} element
 * @param {{ wallMs: number, sequentialMs: number, config: Record<string, number> }} record
 */
export function showSummary(element, { wallMs, sequentialMs, config }) {
  const speedup = wallMs > 0 ? sequentialMs / wallMs : 1;
  const finished = document.createElement('strong');
  finished.textContent = `Finished in ${(wallMs / 1000).toFixed(2)} second(s)`;
  const detail = document.createElement('span');
  detail.textContent =
    `Sequential ${(sequentialMs / 1000).toFixed(2)} s (the tasks' own times added up) · ` +
    `speedup ${speedup.toFixed(2)}× on ${config.threads} thread${config.threads === 1 ? '' : 's'}`;
  element.replaceChildren(finished, detail);
}

/**
 * @param {HTMLElement} element
 * @param {string} text
 */
export function showStatus(element, text) {
  element.textContent = text;
}
