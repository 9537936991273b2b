// The settings form: limits from the core, values in and out, Run on click or Ctrl/Cmd+Enter.

/**
 * @typedef {import('./pool-client.js').Limit} Limit
 * @typedef {import('./url-state.js').Config} Config
 */

/**
 * @param {HTMLFormElement} form with one number input per limit, named as in links
 * @param {Limit[]} limits
 * @param {() => void} onRun
 */
export function createControls(form, limits, onRun) {
  for (const limit of limits) {
    const input = form.elements.namedItem(limit.name);
    input.min = String(limit.min);
    input.max = String(limit.max);
    input.title = `${limit.min} to ${limit.max}`;
  }
  const runButton = form.querySelector('button[type="submit"]');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onRun();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    }
  });

  return {
    /** @returns {Config} the raw values as typed; the core validates them */
    read() {
      return Object.fromEntries(limits.map(({ name }) => [name, form.elements.namedItem(name).value]));
    },
    /** @param {Config} config */
    show(config) {
      for (const { name } of limits) form.elements.namedItem(name).value = String(config[name]);
    },
    /** @param {boolean} running */
    setRunning(running) {
      runButton.disabled = running;
      runButton.textContent = running ? 'Running…' : 'Run';
    },
  };
}
