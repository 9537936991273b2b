// The code behind each run: the Python a tutorial would write, as an editor (editing it makes
// it the program that runs), and the Rust that runs the settings, with a copy button.
import { copyWithFeedback } from './clipboard.js';

/**
 * @typedef {{ message: string, line: number, column: number }} ProgramError
 */

/** Spaces a Tab inserts: Python's usual indent. */
const INDENT = '    ';

/**
 * @param {{ python: HTMLButtonElement, rust: HTMLButtonElement, editor: HTMLTextAreaElement,
 *           rustText: HTMLElement, copy: HTMLButtonElement, note: HTMLElement,
 *           reset: HTMLButtonElement, error: HTMLButtonElement }} elements
 * @param {{ onEdit(code: string): void }} callbacks `onEdit('')` hands the run back to the settings
 */
export function createCodePanel({ python, rust, editor, rustText, copy, note, reset, error }, { onEdit }) {
  let generated = { python: '', rust: '' };
  let program = '';
  let language = 'python';
  /** After Escape, Tab leaves the editor instead of indenting (so the keyboard never gets stuck). */
  let tabLeaves = false;

  const render = () => {
    python.setAttribute('aria-selected', String(language === 'python'));
    rust.setAttribute('aria-selected', String(language === 'rust'));
    editor.hidden = language !== 'python';
    rustText.parentElement.hidden = language === 'python';
    rustText.textContent = generated.rust;
    note.textContent = program
      ? 'Your program: Run runs it as written. Model and threads still apply; the other settings do not.'
      : 'Generated from the settings. Edit it (or paste a tutorial’s program) to run your own.';
    reset.hidden = !program;
  };
  python.addEventListener('click', () => {
    language = 'python';
    render();
  });
  rust.addEventListener('click', () => {
    language = 'rust';
    render();
  });
  copy.addEventListener('click', () => copyWithFeedback(copy, language === 'python' ? editor.value : generated.rust));
  editor.addEventListener('input', () => {
    program = editor.value;
    error.hidden = true;
    render();
    onEdit(program);
  });
  editor.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') {
      tabLeaves = event.key === 'Escape';
      return;
    }
    if (event.shiftKey || tabLeaves || editor.readOnly) {
      tabLeaves = false;
      return;
    }
    event.preventDefault();
    editor.setRangeText(INDENT, editor.selectionStart, editor.selectionEnd, 'end');
    editor.dispatchEvent(new Event('input'));
  });
  reset.addEventListener('click', () => {
    program = '';
    editor.value = generated.python;
    error.hidden = true;
    render();
    onEdit('');
  });
  error.addEventListener('click', () => selectLine(editor, Number(error.dataset.line)));

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
      if (document.activeElement !== editor) editor.value = program || generated.python;
      render();
    },

    /** @param {boolean} readOnly */
    setReadOnly(readOnly) {
      editor.readOnly = readOnly;
    },

    /**
     * Shows where the program failed (or hides the note when it did not).
     * @param {ProgramError | null | undefined} failure
     */
    showError(failure) {
      error.hidden = !failure;
      if (!failure) return;
      error.dataset.line = String(failure.line);
      error.textContent = `Line ${failure.line}, column ${failure.column}: ${failure.message}`;
    },
  };
}

/** Selects line `line` (1-based) of the editor and scrolls to it. */
function selectLine(editor, line) {
  const lines = editor.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}
