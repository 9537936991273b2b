// threadplay's script for tutorial pages. Include it once, from where threadplay is hosted:
//
//   <script src="https://your.host/threadplay/embed.js" defer></script>
//   <pre data-threadplay data-model="gil">import threading
//   ...</pre>
//
// Every <pre data-threadplay> becomes a threadplay frame that runs the program it holds (an
// empty one runs the scenario its settings describe) and takes the height of what it shows.
// Its other data-* attributes are the link's settings and flags: data-model, data-threads,
// data-preset, data-autorun="1", data-readonly="1", data-theme="dark", …
//
// A classic script, not a module: a host page loads it from another origin, and a module
// from another origin needs CORS headers that many static hosts do not send.
(() => {
  'use strict';

  // Both are read by the page, in js/app/share.js: a frame's name carries its program, because a
  // link could not (servers refuse request lines over 64 KB).
  const PROGRAM_NAME_PREFIX = 'threadplay:program:';
  const RESIZE_MESSAGE = 'threadplay:resize';
  const THEME_MESSAGE = 'threadplay:theme';
  /** Before the frame reports its height: about what an embed with a short program shows. */
  const FIRST_HEIGHT_PX = 480;

  const script = document.currentScript;
  const playground = new URL('./', script.src);
  /** @type {Map<Window, HTMLIFrameElement>} */
  const frames = new Map();

  /** @param {HTMLPreElement} block */
  function frameFor(block) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(block.dataset)) {
      if (name !== 'threadplay') params.set(name, value);
    }
    params.set('embed', '1');
    const frame = document.createElement('iframe');
    frame.src = new URL(`?${params}`, playground).href;
    frame.name = PROGRAM_NAME_PREFIX + block.textContent.replace(/\s+$/, '');
    frame.title = block.getAttribute('aria-label') ?? 'threadplay';
    frame.allow = 'cross-origin-isolated';
    frame.loading = 'lazy';
    frame.style.cssText = `display: block; width: 100%; height: ${FIRST_HEIGHT_PX}px; border: 0`;
    frame.addEventListener('load', () => tellTheme(frame));
    return frame;
  }

  /**
   * The host's colour scheme, as its page is drawn: a frame from another origin does not see it
   * in every browser, so with theme=auto (the default) it hears it from here.
   * @returns {'light' | 'dark'}
   */
  function hostTheme() {
    // A page's <meta name="color-scheme"> applies without showing in its root's style.
    const meta = document.querySelector('meta[name="color-scheme"]')?.content ?? 'normal';
    const style = getComputedStyle(document.documentElement).colorScheme;
    const schemes = (style === 'normal' ? meta : style).split(/\s+/);
    if (!schemes.includes('dark')) return 'light';
    return !schemes.includes('light') || darkQuery.matches ? 'dark' : 'light';
  }

  /** @param {HTMLIFrameElement} frame */
  function tellTheme(frame) {
    frame.contentWindow?.postMessage({ type: THEME_MESSAGE, theme: hostTheme() }, playground.origin);
  }

  const darkQuery = matchMedia('(prefers-color-scheme: dark)');
  darkQuery.addEventListener('change', () => {
    for (const frame of frames.values()) tellTheme(frame);
  });

  function replaceBlocks() {
    for (const block of document.querySelectorAll('pre[data-threadplay]')) {
      const frame = frameFor(block);
      block.replaceWith(frame);
      frames.set(frame.contentWindow, frame);
    }
  }

  addEventListener('message', (event) => {
    if (event.origin !== playground.origin || event.data?.type !== RESIZE_MESSAGE) return;
    const frame = frames.get(event.source);
    const height = Number(event.data.height);
    if (frame && Number.isFinite(height) && height > 0) frame.style.height = `${Math.ceil(height)}px`;
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', replaceBlocks);
  else replaceBlocks();
})();
