// Sharing: copy the link, copy the embed code, and the embed's own view (compact, themed,
// read-only if asked, running the program its host page gave it) that tells its host page how
// tall it is.
import { copyWithFeedback } from '../views/clipboard.js';
import { currentLink, fullPageLink } from './url-state.js';

/** @typedef {import('./url-state.js').PageFlags} PageFlags */

// Shared with www/embed.js, on the host page: a frame's name carries its program, the host sizes
// the frame from the height it reports, and tells it the host's colour scheme.
const PROGRAM_NAME_PREFIX = 'threadplay:program:';
const RESIZE_MESSAGE = 'threadplay:resize';
const THEME_MESSAGE = 'threadplay:theme';

/**
 * What a tutorial author pastes: the embed script and a block with the program and the current
 * settings, which the script turns into a frame of the right height.
 * @param {string} program the program that runs ('' runs the settings' scenario)
 * @returns {string}
 */
export function embedCode(program) {
  const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  const settings = new URL(fullPageLink()).searchParams;
  settings.delete('code');
  const attributes = [...settings].map(([name, value]) => ` data-${escape(name)}="${escape(value)}"`).join('');
  const script = new URL('embed.js', new URL(window.location.pathname, window.location.origin)).href;
  return `<script src="${escape(script)}" defer></script>
<pre data-threadplay${attributes}>${escape(program)}</pre>`;
}

/**
 * The program the host page's embed script gave this frame, if it gave one.
 * @returns {string | undefined}
 */
export function hostProgram() {
  const program = window.name.startsWith(PROGRAM_NAME_PREFIX) ? window.name.slice(PROGRAM_NAME_PREFIX.length) : '';
  return program === '' ? undefined : program;
}

/**
 * Wires the Copy buttons of the full page.
 * @param {{ link: HTMLButtonElement, embed: HTMLButtonElement }} buttons
 * @param {() => string} program the program the page runs now
 */
export function wireCopyButtons({ link, embed }, program) {
  link.addEventListener('click', () => copyWithFeedback(link, currentLink()));
  embed.addEventListener('click', () => copyWithFeedback(embed, embedCode(program())));
}

/**
 * Shows the page as an embed: flags on the root element drive the CSS, the settings lock when
 * read-only, the "Open in threadplay" link follows the settings, and the host hears the height.
 * @param {PageFlags} flags
 * @param {{ settings: HTMLFieldSetElement[], openFull: HTMLAnchorElement }} elements
 * @returns {{ followSettings(): void }}
 */
export function applyViewFlags(flags, { settings, openFull }) {
  const root = document.documentElement;
  root.dataset.theme = flags.theme;
  if (flags.embed) root.dataset.embed = '';
  if (flags.controls) root.dataset.controls = '';
  if (flags.embed && flags.theme === 'auto') followHostTheme();
  for (const fieldset of settings) fieldset.disabled = flags.readonly;
  return {
    followSettings() {
      openFull.href = fullPageLink();
    },
    /** From when the page shows its configuration: the host then resizes the frame once. */
    reportHeight() {
      if (flags.embed) reportHeight();
    },
  };
}

/**
 * Takes the colour scheme the host page's embed script reports (www/embed.js): browsers do not
 * all let a frame from another origin see its host's. Without the script, the system's applies.
 */
function followHostTheme() {
  addEventListener('message', (event) => {
    const theme = event.data?.type === THEME_MESSAGE ? event.data.theme : null;
    if (event.source === window.parent && (theme === 'light' || theme === 'dark')) {
      document.documentElement.dataset.theme = theme;
    }
  });
}

/** Tells the host page the embed's height whenever it changes. */
function reportHeight() {
  let reported = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === reported) return;
    reported = height;
    window.parent.postMessage({ type: RESIZE_MESSAGE, height }, '*');
  }).observe(document.documentElement);
}
