// "Compare models": the same settings under every model, as a bar chart of wall times.

/**
 * @param {HTMLElement} section shown once there is something to compare
 * @param {HTMLOListElement} chart
 */
export function createComparison(section, chart) {
  return {
    /**
     * Shows (or updates) the bars; `results` maps a model to its wall time in ms.
     * @param {Map<string, number>} results
     * @param {string} subject what was run, for the heading's reader
     */
    show(results, subject) {
      section.hidden = false;
      chart.setAttribute('aria-label', `Wall time of ${subject} under each model`);
      const longest = Math.max(...results.values(), 1);
      const bars = [...results].map(([model, wallMs]) => {
        const item = document.createElement('li');
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = model;
        const bar = document.createElement('span');
        bar.className = `bar model-${model}`;
        bar.style.width = `${Math.max(1, (wallMs / longest) * 100)}%`;
        const value = document.createElement('span');
        value.className = 'value';
        value.textContent = `${(wallMs / 1000).toFixed(2)} s`;
        item.append(name, bar, value);
        return item;
      });
      chart.replaceChildren(...bars);
    },
  };
}
