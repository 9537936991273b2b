// The code editor as a reader uses it: CodeMirror with Python highlighting, errors marked where
// they are while typing and after a run, Ctrl+Enter to run, a keyboard way out, and the
// Python/Rust tabs on the arrow keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editorText, openPage, typeInEditor, useServerAndBrowser, waitForEditorText } from './harness.mjs';

const session = useServerAndBrowser();

const waitForRun = (page) =>
  page.evaluate(
    () => new Promise((resolve) => window.addEventListener('threadplay:run-complete', (event) => resolve(event.detail), { once: true })),
  );

/** The marks in the Python editor: each underline's text and 1-based line, and the gutter's markers. */
async function marks(page) {
  return page.evaluate(() => {
    const editor = document.getElementById('code-editor');
    const lines = [...editor.querySelectorAll('.cm-content > .cm-line')];
    return {
      underlined: [...editor.querySelectorAll('.cm-lintRange-error')].map((mark) => ({
        text: mark.textContent,
        line: lines.indexOf(mark.closest('.cm-line')) + 1,
      })),
      gutter: editor.querySelectorAll('.cm-lint-marker-error').length,
      note: document.getElementById('code-error').hidden ? null : document.getElementById('code-error').textContent,
    };
  });
}

/** Waits until the Python editor has an underlined error, and returns the marks. */
async function waitForMarks(page) {
  await page.waitForFunction(() => document.querySelector('#code-editor .cm-lintRange-error') !== null);
  return marks(page);
}

/** Whether the keyboard focus is inside the Python editor. */
const focusInEditor = (page) => page.evaluate(() => document.getElementById('code-editor').contains(document.activeElement));

test('the Python program is a labelled CodeMirror editor with highlighting and line numbers', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  // CodeMirror parses in slices of a few milliseconds: on a busy machine the colours come a
  // frame or two after the editor (WebKit missed them 2 times in 3 right after it). A boolean:
  // WebKitWebDriver timed out returning the span itself.
  await page.waitForFunction(() => document.querySelector('#code-editor .tok-keyword') !== null);
  const editor = await page.evaluate(() => {
    const root = document.querySelector('#code-editor .cm-editor');
    return {
      keywords: [...root.querySelectorAll('.tok-keyword')].map((token) => token.textContent),
      strings: root.querySelectorAll('.tok-string, .tok-string2').length,
      numbers: root.querySelectorAll('.tok-number').length,
      lineNumbers: root.querySelector('.cm-lineNumbers') !== null,
      role: root.querySelector('.cm-content').getAttribute('role'),
    };
  });
  assert.ok(editor.keywords.includes('import') && editor.keywords.includes('def'), editor.keywords.join(' '));
  assert.ok(editor.strings > 0 && editor.numbers > 0, 'strings and numbers are highlighted');
  assert.ok(editor.lineNumbers);
  assert.equal(editor.role, 'textbox');
  await page.getByLabel('Python program').waitFor();
  assert.deepEqual(errors, []);
});

test('a syntax error and a construct outside the subset are marked at their line while typing, before any run', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  await typeInEditor(page, 'x = 1\ny = = 2\nprint(y)\n');
  assert.deepEqual(await waitForMarks(page), {
    underlined: [{ text: '=', line: 2 }],
    gutter: 1,
    note: 'Line 2, column 5: SyntaxError: Expected an expression',
  });
  await typeInEditor(page, 'x = 1\nprint(2j)\n');
  await page.waitForFunction(() => document.getElementById('code-error').textContent.includes('complex'));
  const complex = await marks(page);
  assert.equal(complex.underlined.length, 1);
  assert.equal(complex.underlined[0].line, 2);
  assert.match(complex.note, /^Line 2, column \d+: Unsupported: /);
  // Fixed: the marks go once the check finds nothing.
  await typeInEditor(page, 'x = 1\nprint(x)\n');
  await page.waitForFunction(() => document.getElementById('code-error').hidden);
  await page.waitForFunction(() => document.querySelector('#code-editor .cm-lintRange-error') === null);
  assert.equal(await page.evaluate(() => window.threadplay.lastRun), null, 'nothing ran');
  assert.deepEqual(errors, []);
});

test('Tab indents by 4 spaces, and Ctrl+Enter in the editor runs the program there, keeping the focus', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  await typeInEditor(page, 'if True:\n');
  // The editor indented the new line; Shift+Tab, then Tab, takes it back and forth.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('print("ran from the editor")');
  await page.waitForFunction(() => window.threadplay.config.code === 'if True:\n    print("ran from the editor")');
  const completed = waitForRun(page);
  await page.keyboard.press('Control+Enter');
  const record = await completed;
  assert.equal(record.status, 'completed', JSON.stringify(record.error));
  assert.deepEqual(
    record.events.filter((event) => event.kind === 'line').map((event) => event.text),
    ['ran from the editor'],
  );
  assert.equal(await editorText(page, '#code-editor'), 'if True:\n    print("ran from the editor")', 'no line inserted');
  assert.ok(await focusInEditor(page), 'the focus stays in the editor');
  assert.deepEqual(errors, []);
});

test('a runtime exception marks its line in the editor after the run', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  await typeInEditor(page, 'x = 0\nprint("before")\nprint(1 / x)\n');
  const completed = waitForRun(page);
  await page.keyboard.press('Control+Enter');
  const record = await completed;
  assert.equal(record.status, 'failed');
  assert.equal(record.error.line, 3);
  const marked = await waitForMarks(page);
  assert.equal(marked.underlined.length, 1);
  assert.equal(marked.underlined[0].line, 3);
  assert.equal(marked.gutter, 1);
  assert.equal(marked.note, `Line 3, column ${record.error.column}: ZeroDivisionError: division by zero`);
  // The check of the typed text, due while the program ran, answers later and keeps the mark.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.deepEqual(await marks(page), marked);
  // The note takes the reader to the line.
  await page.locator('#code-error').click();
  assert.ok(await focusInEditor(page));
  assert.deepEqual(errors, []);
});

test('Tab stays in the editor, but Esc then Tab moves the focus out', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  await typeInEditor(page, 'print(1)\n');
  await page.keyboard.press('Tab');
  assert.ok(await focusInEditor(page), 'Tab indents');
  await page.waitForFunction(() => window.threadplay.config.code === 'print(1)\n    ');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await focusInEditor(page), false, 'Esc then Tab leaves');
  assert.equal(await page.evaluate(() => window.threadplay.config.code), 'print(1)\n    ', 'and inserts nothing');
  assert.match(await page.locator('#code-keys').textContent(), /Esc, then Tab/);
  assert.deepEqual(errors, []);
});

test('the Python and Rust tabs follow the arrow keys; the Rust is a read-only view', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  const python = page.getByRole('tab', { name: 'Python' });
  await python.focus();
  await page.keyboard.press('ArrowRight');
  const state = () =>
    page.evaluate(() => ({
      focused: document.activeElement.id,
      selected: document.querySelector('[role="tab"][aria-selected="true"]').id,
      tabStops: [...document.querySelectorAll('[role="tab"]')].map((tab) => tab.tabIndex),
      rustShown: !document.getElementById('code-rust').hidden,
      pythonShown: !document.getElementById('code-editor').hidden,
    }));
  assert.deepEqual(await state(), { focused: 'tab-rust', selected: 'tab-rust', tabStops: [-1, 0], rustShown: true, pythonShown: false });
  assert.match(await editorText(page, '#code-rust'), /fn /);
  assert.equal(await page.locator('#code-rust .cm-content').getAttribute('contenteditable'), 'false');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await state(), { focused: 'tab-python', selected: 'tab-python', tabStops: [0, -1], rustShown: false, pythonShown: true });
  await page.keyboard.press('End');
  assert.equal((await state()).selected, 'tab-rust');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await state()).selected, 'tab-python');
  assert.deepEqual(errors, []);
});

test('undo and redo follow the typing; Back to the settings’ program puts the generated code back', async () => {
  const { page, errors } = await openPage(session.browser, session.server.url);
  await typeInEditor(page, 'print("mine")');
  await page.waitForFunction(() => window.threadplay.config.code === 'print("mine")');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.threadplay.config.code !== 'print("mine")');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => window.threadplay.config.code === 'print("mine")');
  await page.getByRole('button', { name: 'Back to the settings’ program' }).click();
  await page.waitForFunction(() => window.threadplay.config.code === '');
  assert.match(await editorText(page, '#code-editor'), /threading\.Thread/);
  assert.deepEqual(errors, []);
});

test('Copy copies the shown language: the Python as edited, or the Rust', async () => {
  const context = await session.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.goto(session.server.url);
  await page.waitForFunction(() => window.threadplay?.config);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await typeInEditor(page, 'print("copied")\n');
  await page.locator('#copy-code').click();
  assert.equal(await clipboard(), 'print("copied")\n');
  await page.getByRole('tab', { name: 'Rust' }).click();
  await page.locator('#copy-code').click();
  assert.equal(await clipboard(), await editorText(page, '#code-rust'));
  assert.match(await clipboard(), /fn /);
  await context.close();
});

test('on a read-only page the editor takes no edits', async () => {
  const { page, errors } = await openPage(session.browser, `${session.server.url}?readonly=1`);
  const before = await editorText(page, '#code-editor');
  await typeInEditor(page, 'print("not taken")');
  assert.equal(await editorText(page, '#code-editor'), before);
  assert.equal(await page.evaluate(() => window.threadplay.config.code), '');
  assert.deepEqual(errors, []);
});

test('the program shows as plain text at once, and CodeMirror replaces it keeping what the reader typed there', async () => {
  const page = await session.browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A run holds CodeMirror back (its compile is one long task): the plain text stays meanwhile.
  await page.goto(`${session.server.url}?tasks=2&iterations=100&sleep_ms=5000&threads=2&autorun=1`);
  await page.waitForFunction(() => window.threadplay?.config);
  const plain = await page.evaluate(() => ({
    text: document.querySelector('#code-editor textarea')?.value,
    codeMirror: document.querySelector('#code-editor .cm-editor') !== null,
  }));
  assert.equal(plain.codeMirror, false);
  assert.match(plain.text, /import threading|concurrent\.futures/);
  await page.locator('#code-editor textarea').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('print("typed early")');
  await page.evaluate(() => window.threadplay.stop());
  assert.equal(await waitForEditorText(page, '#code-editor', /typed early/), 'print("typed early")');
  assert.equal(await focusInEditor(page), true, 'the focus moved into CodeMirror');
  assert.equal(await page.evaluate(() => window.threadplay.config.code), 'print("typed early")');
  assert.deepEqual(errors, []);
  await page.close();
});
