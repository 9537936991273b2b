// The settings form: choices and limits from the core, values in and out, Run on click or
// Ctrl/Cmd+Enter, Stop on click or Esc, and only the fields that matter for the chosen work.

/**
 * @typedef {import('../transport/pool-client.js').Settings} Settings
 * @typedef {import('./url-state.js').Config} Config
 */

/**
 * @param {HTMLFormElement} form with one control per setting, named as in links
 * @param {Settings} settings
 * @param {{ onRun: () => void, onStop: () => void, onEdit: (changed: string) => void }} handlers
 */
export function createControls(form, { limits, choices, presets }, { onRun, onStop, onEdit }) {
  const field = (name) => form.elements.namedItem(name);
  for (const limit of limits) {
    const input = field(limit.name);
    input.min = String(limit.min);
    input.max = String(limit.max);
    input.title = `${limit.min} to ${limit.max}`;
  }
  for (const [name, values] of Object.entries(choices)) {
    field(name).append(...values.map((value) => new Option(value, value)));
  }
  field('preset').append(...presets.map(({ name, title }) => new Option(title, name)));
  const names = ['preset', ...Object.keys(choices), ...limits.map((limit) => limit.name)];
  const runButton = form.querySelector('button[type="submit"]');
  const stopButton = form.querySelector('#stop-button');
  stopButton.addEventListener('click', onStop);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onRun();
  });
  // Fields typed in and not yet left. An answer to another edit (the program, typed meanwhile)
  // leaves them as they are: the reader is replacing that value, and their own change comes
  // when they leave the field.
  const typing = new Set();
  form.addEventListener('input', (event) => typing.add(event.target.name));
  form.addEventListener('change', (event) => {
    typing.delete(event.target.name);
    onEdit(event.target.name);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun();
    } else if (event.key === 'Escape' && !stopButton.hidden) {
      event.preventDefault();
      onStop();
    }
  });

  return {
    /** @returns {Config} the values as chosen; the core validates them */
    read() {
      return Object.fromEntries(names.map((name) => [name, field(name).value]));
    },
    /** @param {Config} config */
    show(config) {
      for (const name of names) if (!typing.has(name)) field(name).value = String(config[name] ?? '');
      // The CSS shows only this work's fields (index.html sets the first before the first paint).
      document.documentElement.dataset.work = String(config.work);
    },
    /** @param {boolean} busy */
    setBusy(busy) {
      // A disabled or hidden button loses focus to the page: hand it to the button that
      // takes over, so a keyboard user stays where they were (Run ↔ Stop).
      const handOver = document.activeElement === (busy ? runButton : stopButton);
      for (const button of form.querySelectorAll('button')) button.disabled = busy && button !== stopButton;
      runButton.textContent = busy ? 'Running…' : 'Run';
      stopButton.hidden = !busy;
      if (handOver) (busy ? stopButton : runButton).focus({ preventScroll: true });
    },
  };
}
