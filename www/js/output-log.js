// The program's output, one row per printed line, appended once per frame.
//
// Only the newest MAX_ROWS rows stay in the DOM, behind a marker counting the earlier ones, so
// a flood of lines costs the page a bounded amount of layout; the run record keeps them all.
import { lineText } from './events.js';

/** @typedef {import('./events.js').RunEvent} RunEvent */

const MAX_ROWS = 2000;
/** Successive tasks' hues step by the golden angle, so neighbours never look alike. */
const HUE_STEP_DEGREES = 137.5;

export class OutputLog {
  #element;
  #marker;
  /** @type {RunEvent[]} */
  #queued = [];
  #hiddenLines = 0;
  #frame = 0;

  /** @param {HTMLElement} element the `role="log"` container */
  constructor(element) {
    this.#element = element;
    this.#marker = document.createElement('div');
    this.#marker.className = 'earlier';
  }

  clear() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#queued = [];
    this.#hiddenLines = 0;
    this.#element.replaceChildren();
  }

  /** @param {RunEvent[]} events lines are shown; other kinds are ignored */
  append(events) {
    for (const event of events) if (event.kind === 'line') this.#queued.push(event);
    this.#frame ||= requestAnimationFrame(() => this.#flush());
  }

  #flush() {
    this.#frame = 0;
    const followBottom = this.#isScrolledToBottom();
    const skipped = Math.max(0, this.#queued.length - MAX_ROWS);
    const rows = document.createDocumentFragment();
    for (const event of this.#queued.slice(skipped)) rows.append(row(event));
    this.#queued = [];
    this.#marker.remove();
    this.#element.append(rows);
    const overflow = Math.max(0, this.#element.childElementCount - MAX_ROWS);
    for (let i = 0; i < overflow; i++) this.#element.firstElementChild.remove();
    this.#hiddenLines += skipped + overflow;
    if (this.#hiddenLines > 0) {
      this.#marker.textContent = `${this.#hiddenLines.toLocaleString('en')} earlier lines not shown`;
      this.#element.prepend(this.#marker);
    }
    if (followBottom) this.#element.scrollTop = this.#element.scrollHeight;
  }

  #isScrolledToBottom() {
    const { scrollTop, scrollHeight, clientHeight } = this.#element;
    return scrollHeight - scrollTop - clientHeight < 24;
  }
}

/** @param {RunEvent} event */
function row(event) {
  const line = document.createElement('div');
  line.className = 'line';
  line.style.setProperty('--task-hue', String(((event.task - 1) * HUE_STEP_DEGREES) % 360));
  line.append(
    cell('time', `${event.tMs.toFixed(1)} ms`),
    cell('worker', `worker ${event.worker}`),
    cell('text', lineText(event)),
  );
  return line;
}

function cell(className, text) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}
