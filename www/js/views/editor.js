// The code editors: CodeMirror 6 (bundled into lib/codemirror.js by build.sh) set up for the
// reader's Python program, and a read-only view for a listing. The panel logic is code-panel.js.
import {
  Annotation,
  bracketMatching,
  classHighlighter,
  Compartment,
  defaultKeymap,
  drawSelection,
  EditorState,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  history,
  historyKeymap,
  indentOnInput,
  indentUnit,
  indentWithTab,
  keymap,
  lineNumbers,
  lintGutter,
  linter,
  lintKeymap,
  Prec,
  python,
  setDiagnostics,
  syntaxHighlighting,
  Transaction,
} from '../../lib/codemirror.js';
import { showThreadPlaces, threadMarks } from './thread-marks.js';

/**
 * @typedef {{ message: string, line: number, column: number }} Place an error at a 1-based
 *   line and column, as the core reports it
 * @typedef {{ text: string, setText(text: string): void, setReadOnly(readOnly: boolean): void,
 *   mark(place: Place | null): void, selectLine(line: number): void, hasFocus: boolean,
 *   showThreads(places: import('./thread-marks.js').ThreadPlace[]): void,
 *   focus(anchor: number, head?: number): void }} PythonEditor
 */

/** How long typing pauses before the program is checked. */
const CHECK_DELAY_MS = 400;

/** Marks the page's own changes of the text, which are not the reader's edits. */
const fromPage = Annotation.define();

/** Colours from the page's palette (style.css), so both colour schemes read well. */
const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'transparent' },
  // The page's focus ring, around the gutters too (the content alone is the focused element).
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '2px' },
  '.cm-content:focus-visible': { outline: 'none' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 7%, transparent)' },
  '.cm-cursor': { borderLeftColor: 'var(--cursor)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent)',
  },
});

/**
 * The editor of the reader's Python program: highlighting, line numbers, 4-space indents,
 * bracket matching, undo and redo, and errors marked at their place.
 * @param {HTMLElement} parent
 * @param {{ label: string, describedBy: string, onChange(text: string): void,
 *           check(text: string): Promise<Place | null> }} options `onChange` gets the reader's
 *   edits (not `setText`'s); `check` finds the program's compile error, when typing pauses
 * @returns {PythonEditor}
 */
export function createPythonEditor(parent, { label, describedBy, onChange, check }) {
  const readOnly = new Compartment();
  /**
   * The last run's error while the text is still the one that ran: a check that ends after the
   * run (it was due when the run began) keeps it marked.
   * @type {Place | null}
   */
  let runError = null;
  const withRunError = (doc, found) =>
    runError && !(found && found.line === runError.line && found.column === runError.column && found.message === runError.message)
      ? [...diagnostics(doc, found), ...diagnostics(doc, runError)]
      : diagnostics(doc, found);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentUnit.of('    '),
        EditorState.tabSize.of(4),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        python(),
        syntaxHighlighting(classHighlighter),
        linter(async (view) => withRunError(view.state.doc, await check(view.state.doc.toString())), {
          delay: CHECK_DELAY_MS,
        }),
        lintGutter(),
        threadMarks,
        // Ctrl/⌘+Enter is the page's Run (controls.js listens on the document); here it would
        // insert a blank line first.
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => true }])),
        // Tab indents; Esc then Tab leaves the editor (CodeMirror's own escape from the trap).
        keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
        readOnly.of([]),
        theme,
        // Explicitly in the tab order (it is already, as an editable element), so that checkers
        // see that the scrolling region around it can be reached by keyboard.
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': describedBy, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          runError = null;
          if (update.transactions.some((tr) => tr.docChanged && !tr.annotation(fromPage))) {
            onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });

  return {
    get text() {
      return view.state.doc.toString();
    },
    get hasFocus() {
      return view.hasFocus;
    },
    /** @param {string} text */
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        // The first text is where undo stops, not an edit of an empty editor.
        annotations: [fromPage.of(true), ...(view.state.doc.length === 0 ? [Transaction.addToHistory.of(false)] : [])],
      });
    },
    /** @param {boolean} value */
    setReadOnly(value) {
      view.dispatch({ effects: readOnly.reconfigure(value ? EditorState.readOnly.of(true) : []) });
    },
    /**
     * Marks where the run failed in the gutter and underlines it, until the text changes; `null`
     * clears every mark.
     * @param {Place | null} place
     */
    mark(place) {
      runError = place;
      view.dispatch(setDiagnostics(view.state, diagnostics(view.state.doc, place)));
    },
    /** Marks where each live thread is; an empty list clears the marks. */
    showThreads(places) {
      showThreadPlaces(view, places);
    },
    /**
     * Focuses the editor with the cursor (or a selection) at these offsets: where the reader was
     * in the plain text it replaces (lazy-editor.js).
     * @param {number} anchor
     * @param {number} [head]
     */
    focus(anchor, head = anchor) {
      const clamp = (offset) => Math.min(Math.max(offset, 0), view.state.doc.length);
      view.dispatch({ selection: { anchor: clamp(anchor), head: clamp(head) }, scrollIntoView: true });
      view.focus();
    },
    /** Selects line `line` (1-based), scrolls to it and focuses the editor. */
    selectLine(line) {
      const { from, to } = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
      view.focus();
    },
  };
}

/**
 * A read-only listing with line numbers. Not editable, so Tab never stops in it.
 * @param {HTMLElement} parent
 * @param {{ label: string }} options
 * @returns {{ setText(text: string): void }}
 */
export function createListingView(parent, { label }) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      extensions: [
        lineNumbers(),
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        theme,
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    }),
  });
  return {
    /** @param {string} text */
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
  };
}

/**
 * The core's error as CodeMirror diagnostics: from its column to the end of the word there (a
 * point the core names has no length), on its line.
 * @param {EditorState['doc']} doc
 * @param {Place | null} place
 */
function diagnostics(doc, place) {
  if (!place || place.line < 1 || place.line > doc.lines) return [];
  const line = doc.line(place.line);
  let from = Math.min(line.from + Math.max(place.column - 1, 0), line.to);
  // Past the end of a line (a missing colon): underline its last character.
  if (from === line.to && line.length > 0) from -= 1;
  let to = from;
  while (to < line.to && /\w/.test(doc.sliceString(to, to + 1))) to += 1;
  if (to === from) to = Math.min(from + 1, line.to);
  return [{ from, to, severity: 'error', message: place.message, source: 'threadplay' }];
}
