// The code behind each run: the Python a tutorial would write, as an editor (editing it makes
// it the program that runs), and the Rust that runs the settings, with a copy button.
import { copyWithFeedback } from './clipboard.js';
import { createLazyListingView, createLazyPythonEditor } from './lazy-editor.js';
import { createTablist } from './tablist.js';

/**
 * @typedef {{ message: string, line: number, column: number }} ProgramError
 */

const LANGUAGES = ['python', 'rust'];

/**
 * @param {{ python: HTMLElement, rust: HTMLElement, panel: HTMLElement, editor: HTMLElement,
 *           rustView: HTMLElement, copy: HTMLButtonElement, note: HTMLElement,
 *           reset: HTMLButtonElement, error: HTMLButtonElement }} elements `editor` and
 *   `rustView` are where the Python editor and the Rust listing go
 * @param {{ onEdit(code: string): void, check(code: string): Promise<ProgramError | null> }} callbacks
 *   `onEdit('')` hands the run back to the settings; `check` is the core's compile check
 */
export function createCodePanel(
  { python, rust, panel, editor: editorHost, rustView, copy, note, reset, error },
  { onEdit, check },
) {
  let generated = { python: '', rust: '' };
  let program = '';
  let language = 'python';
  /** The text the reader last typed: only that is checked (see `check` below). */
  let typed = '';
  /** @type {ProgramError | null} the last run's error, while the editor holds the program that ran */
  let runFailure = null;

  const showError = (failure) => {
    error.hidden = !failure;
    if (!failure) return;
    error.dataset.line = String(failure.line);
    error.textContent = `Line ${failure.line}, column ${failure.column}: ${failure.message}`;
  };
  const editor = createLazyPythonEditor(editorHost, {
    label: 'Python program: edit it, then press Run',
    describedBy: 'code-note code-keys',
    onChange(code) {
      typed = code;
      runFailure = null;
      program = code;
      error.hidden = true;
      render();
      onEdit(program);
    },
    // The settings' own program always compiles, and one from a link or the test hook gets
    // checked when it runs: a checker started for those would compile its wasm module beside
    // the run (or on every embed of a tutorial that nobody edits).
    async check(code) {
      if (!program || code !== typed) return null;
      const failure = await check(code).catch(() => null);
      if (editor.text === code) showError(failure ?? runFailure);
      return failure;
    },
  });
  const listing = createLazyListingView(rustView, { label: 'The Rust that runs these settings (read-only)' });
  const tabs = createTablist([python, rust], (index) => {
    language = LANGUAGES[index];
    render();
  });

  const render = () => {
    tabs.show(LANGUAGES.indexOf(language));
    panel.setAttribute('aria-labelledby', (language === 'python' ? python : rust).id);
    editorHost.hidden = language !== 'python';
    rustView.hidden = language === 'python';
    listing.setText(generated.rust);
    note.textContent = program
      ? 'Your program: Run runs it as written. Model and threads still apply; the other settings do not.'
      : 'Generated from the settings. Edit it (or paste a tutorial’s program) to run your own.';
    reset.hidden = !program;
  };
  copy.addEventListener('click', () => copyWithFeedback(copy, language === 'python' ? editor.text : generated.rust));
  reset.addEventListener('click', () => {
    program = '';
    runFailure = null;
    editor.setText(generated.python);
    editor.mark(null);
    error.hidden = true;
    render();
    onEdit('');
  });
  error.addEventListener('click', () => editor.selectLine(Number(error.dataset.line)));

  return {
    /**
     * Shows the settings' listings and the program that runs ('' when the settings drive).
     * @param {{ python: string, rust: string }} listings
     * @param {string} code
     */
    show(listings, code) {
      generated = listings;
      program = code;
      // Never rewrite the text under the reader's cursor.
      if (!editor.hasFocus) editor.setText(program || generated.python);
      render();
    },

    /** @param {import('./thread-marks.js').ThreadPlace[]} places where each live thread is */
    showThreads(places) {
      editor.showThreads(places);
    },

    /**
     * Shows line `line` of the Python program, selected (a log line's or a timeline segment's).
     * @param {number} line
     */
    selectLine(line) {
      language = 'python';
      render();
      editor.selectLine(line);
    },

    /** @param {boolean} readOnly */
    setReadOnly(readOnly) {
      editor.setReadOnly(readOnly);
    },

    /**
     * Replaces the plain text views with CodeMirror's (highlighting, line numbers, errors marked
     * while typing): after start-up, which would otherwise wait for its 410 KB to compile.
     * @returns {Promise<void>}
     */
    async upgrade() {
      // One after the other, each in tasks of its own: together they were one 60-80 ms task.
      await editor.upgrade();
      await listing.upgrade();
    },

    /**
     * Shows where the program failed (or hides the note when it did not), and marks the place
     * in the editor while it still holds the program that ran.
     * @param {ProgramError | null | undefined} failure
     * @param {string} [code] the program that failed
     */
    showError(failure, code) {
      showError(failure);
      runFailure = (editor.text === code && failure) || null;
      if (!failure || runFailure) editor.mark(runFailure);
    },
  };
}
