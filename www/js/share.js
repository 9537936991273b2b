// Sharing: copy the link, copy the embed code, and the embed's own view (compact, themed,
// read-only if asked) that tells its host page how tall it is.
import { copyWithFeedback } from './clipboard.js';
import { embedLink, fullPageLink } from './url-state.js';

/** @typedef {import('./url-state.js').PageFlags} PageFlags */

const RESIZE_MESSAGE = 'threadplay:resize';

/**
 * The iframe for the current settings, and the lines a host page needs to follow its height.
 * @returns {string}
 */
export function embedCode() {
  const src = embedLink().replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return `<iframe src="${src}" title="threadplay" width="100%" height="640" style="border:0"
  allow="cross-origin-isolated" loading="lazy"></iframe>
<script>
  addEventListener('message', (event) => {
    if (event.data?.type !== '${RESIZE_MESSAGE}') return;
    for (const frame of document.querySelectorAll('iframe[title="threadplay"]')) {
      if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';
    }
  });
</script>`;
}

/**
 * Wires the Copy buttons of the full page.
 * @param {{ link: HTMLButtonElement, embed: HTMLButtonElement }} buttons
 */
export function wireCopyButtons({ link, embed }) {
  link.addEventListener('click', () => copyWithFeedback(link, window.location.href));
  embed.addEventListener('click', () => copyWithFeedback(embed, embedCode()));
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
  for (const fieldset of settings) fieldset.disabled = flags.readonly;
  if (flags.embed) reportHeight();
  return {
    followSettings() {
      openFull.href = fullPageLink();
    },
  };
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
