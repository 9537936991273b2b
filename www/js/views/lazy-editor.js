// The code editors without CodeMirror's cost at start-up: the program shows at once as plain
// text (a textarea the reader can already type in, a <pre> for the listing), and CodeMirror (a
// 410 KB script to compile) replaces them when `upgrade()` is called, once the page is usable,
// keeping the text, the selection, the focus, the read-only state and the marks.

/**
 * @typedef {import('./editor.js').PythonEditor} PythonEditor
 * @typedef {import('./editor.js').Place} Place
 * @typedef {Parameters<typeof import('./editor.js').createPythonEditor>[1]} PythonEditorOptions
 */

/**
 * Loads CodeMirror's module (its evaluation is one task, about 45 ms here), then yields, so
 * that making a view is a task of its own.
 * @returns {Promise<typeof import('./editor.js')>}
 */
async function loadEditors() {
  const editors = await import('./editor.js');
  await new Promise((resolve) => setTimeout(resolve, 0));
  return editors;
}

/**
 * The Python editor: a textarea until `upgrade()`, then CodeMirror's.
 * @param {HTMLElement} parent
 * @param {PythonEditorOptions} options
 * @returns {Omit<PythonEditor, 'focus'> & { upgrade(): Promise<void> }}
 */
export function createLazyPythonEditor(parent, options) {
  const plain = document.createElement('textarea');
  plain.className = 'code-text';
  plain.spellcheck = false;
  plain.setAttribute('autocapitalize', 'off');
  plain.setAttribute('aria-label', options.label);
  plain.setAttribute('aria-describedby', options.describedBy);
  plain.addEventListener('input', () => options.onChange(plain.value));
  parent.append(plain);
  /** @type {PythonEditor | null} */
  let real = null;
  /** @type {Place | null} */
  let place = null;

  return {
    get text() {
      return real ? real.text : plain.value;
    },
    get hasFocus() {
      return real ? real.hasFocus : document.activeElement === plain;
    },
    setText(text) {
      if (real) {
        real.setText(text);
      } else {
        plain.value = text;
        plain.rows = text.split('\n').length;
      }
    },
    setReadOnly(readOnly) {
      if (real) real.setReadOnly(readOnly);
      else plain.readOnly = readOnly;
    },
    mark(found) {
      if (real) real.mark(found);
      else place = found;
    },
    /** The threads' marks need CodeMirror's gutter: none before the upgrade. */
    showThreads(places) {
      real?.showThreads(places);
    },
    selectLine(line) {
      if (real) {
        real.selectLine(line);
        return;
      }
      const lines = plain.value.split('\n');
      const index = Math.min(Math.max(line, 1), lines.length) - 1;
      const from = lines.slice(0, index).reduce((sum, text) => sum + text.length + 1, 0);
      plain.focus();
      plain.setSelectionRange(from, from + lines[index].length);
    },
    async upgrade() {
      if (real) return;
      const { createPythonEditor } = await loadEditors();
      const editor = createPythonEditor(parent, options);
      // What the reader typed so far is already theirs (onChange had it): not an edit again.
      editor.setText(plain.value);
      editor.setReadOnly(plain.readOnly);
      if (place) editor.mark(place);
      if (document.activeElement === plain) editor.focus(plain.selectionStart, plain.selectionEnd);
      plain.remove();
      real = editor;
    },
  };
}

/**
 * The read-only listing: a <pre> until `upgrade()`, then CodeMirror's view with line numbers.
 * @param {HTMLElement} parent
 * @param {{ label: string }} options
 * @returns {{ setText(text: string): void, upgrade(): Promise<void> }}
 */
export function createLazyListingView(parent, options) {
  const plain = document.createElement('pre');
  plain.className = 'code-text';
  plain.setAttribute('aria-label', options.label);
  parent.append(plain);
  /** @type {{ setText(text: string): void } | null} */
  let real = null;
  return {
    setText(text) {
      if (real) real.setText(text);
      else plain.textContent = text;
    },
    async upgrade() {
      if (real) return;
      const { createListingView } = await loadEditors();
      const listing = createListingView(parent, options);
      listing.setText(plain.textContent);
      plain.remove();
      real = listing;
    },
  };
}
