// The bundle's entry: the parts of CodeMirror 6 that www/js/editor.js uses, bundled by build.sh
// (`build_editor`) into one module, www/lib/codemirror.js, so the page loads no npm package at
// run time and has no bundler of its own.
export { Annotation, Compartment, EditorState, Prec, RangeSet, StateEffect, StateField, Transaction } from '@codemirror/state';
export { drawSelection, EditorView, gutter, GutterMarker, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
export { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
export { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
export { python } from '@codemirror/lang-python';
export { lintGutter, linter, lintKeymap, setDiagnostics } from '@codemirror/lint';
export { classHighlighter } from '@lezer/highlight';
