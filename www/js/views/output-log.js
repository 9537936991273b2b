// The program's output, one row per printed line, appended once per frame.
//
// Only the newest MAX_ROWS rows stay in the DOM, behind a marker counting the earlier ones, so
// a flood of lines costs the page a bounded amount of layout; the run record keeps them all.
// While lines flood in, a frame draws at most ROWS_PER_FRAME of them (the newest; the window
// stays contiguous), and when the run ends `showLast` fills the whole window again if lines
// were skipped, newest rows first and the older ones above them a frame at a time, so no frame
// is long.
//
// Each frame's rows go in a block of their own that the browser may skip while out of view
// (`content-visibility: auto`). As single rows, every frame cost WebKit (under Xvfb, 2 cores)
// layout in proportion to all the rows above: 7 ms a frame at the start of a 256-task run, 24
// at its 500th row, and 50 ms near 2,000 rows in the backfill; as blocks, about the newest
// block's.
import { LINE } from '../transport/events.js';
import { groupedDigits } from './counts.js';
import { taskHue } from './task-hue.js';

/**
 * @typedef {import('../transport/events.js').RunEvent} RunEvent
 * @typedef {import('../transport/events.js').EventBatch} EventBatch
 */

const MAX_ROWS = 2000;
/**
 * More rows than the log shows (about 20). 400 a frame cost 50-100 ms of layout in WebKit (under
 * Xvfb, 2 cores) during a flood and in each frame of the backfill after it; 50 cost 10-30 ms.
 */
const ROWS_PER_FRAME = 50;

export class OutputLog {
  #element;
  #marker;
  /** @type {RunEvent[]} */
  #queued = [];
  /** Lines that arrived since the last frame but never needed a row. */
  #dropped = 0;
  /** Whether a frame skipped lines since `clear`, so the rows above the newest are missing. */
  #skippedAny = false;
  #hiddenLines = 0;
  /** Rows in the DOM. */
  #rowCount = 0;
  /** A row's height once one has been drawn: what a block not yet drawn is assumed to take. */
  #rowPx = 0;
  #frame = 0;

  /**
   * @param {HTMLElement} element the `role="log"` container
   * @param {(line: number) => void} onSelectLine gets the program's line that printed a clicked
   *   row
   */
  constructor(element, onSelectLine) {
    this.#element = element;
    this.#marker = document.createElement('div');
    this.#marker.className = 'earlier';
    element.addEventListener('click', (event) => {
      const row = /** @type {Element} */ (event.target).closest?.('.line[data-line]');
      if (row instanceof HTMLElement) onSelectLine(Number(row.dataset.line));
    });
  }

  clear() {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#queued = [];
    this.#dropped = 0;
    this.#skippedAny = false;
    this.#hiddenLines = 0;
    this.#removeRows();
  }

  /** @param {EventBatch} batch lines are shown; other kinds are ignored */
  append(batch) {
    // Only the newest lines can be drawn this frame: count the rest instead of keeping them
    // (or visiting them: the batch knows how many lines it holds).
    let shown = 0;
    let first = batch.length;
    while (first > 0 && shown < ROWS_PER_FRAME) {
      first -= 1;
      if (batch.kindAt(first) === LINE) shown += 1;
    }
    this.#dropped += batch.lineCount - shown;
    for (let i = first; i < batch.length; i++) if (batch.kindAt(i) === LINE) this.#queued.push(batch.eventAt(i));
    // A batch of state changes alone (a lock handed over) has nothing to draw.
    if (this.#queued.length > 0 || this.#dropped > 0) this.#frame ||= requestAnimationFrame(() => this.#flush());
  }

  /**
   * Shows the newest lines of a whole run: the rows on screen and the lines waiting for the
   * next frame if those are all of them, else redrawn.
   * @param {{ lastLines(count: number, skip?: number): RunEvent[], lineCount: number }} run
   */
  showLast(run) {
    cancelAnimationFrame(this.#frame);
    // Usually every line has its row, or gets it now: the rows stay.
    const toSkip = this.#dropped + Math.max(0, this.#queued.length - ROWS_PER_FRAME);
    if (!this.#skippedAny && toSkip === 0) {
      if (this.#queued.length > 0) this.#flush();
      return;
    }
    this.#frame = 0;
    this.#queued = [];
    this.#dropped = 0;
    this.#skippedAny = false;
    this.#removeRows();
    this.#hiddenLines = 0;
    const newest = run.lastLines(ROWS_PER_FRAME);
    // The emptied log follows its newest rows: asking where it was scrolled would only force a
    // layout (15-20 ms in WebKit at the end of a 256-task run).
    this.#draw(newest, run.lineCount - newest.length, true);
    // The older rows start in the frame after the one that draws these: the run's last frame
    // already holds the summary and the timeline's final drawing.
    this.#frame = requestAnimationFrame(() => this.#backfill(run));
  }

  /**
   * Puts the next older rows above the ones shown, a frame's worth at a time, keeping the view
   * still, until the window is full. Each frame reads its own rows from the run: reading all of
   * them at once took 6-9 ms in WebKit.
   * @param {{ lastLines(count: number, skip: number): RunEvent[] }} run
   */
  #backfill(run) {
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const wanted = Math.min(ROWS_PER_FRAME, MAX_ROWS - this.#rowCount, this.#hiddenLines);
      if (wanted <= 0) return;
      const chunk = run.lastLines(wanted, this.#rowCount);
      const heightBefore = this.#element.scrollHeight;
      this.#marker.after(this.#block(chunk));
      this.#element.scrollTop += this.#element.scrollHeight - heightBefore;
      this.#rowCount += chunk.length;
      this.#hiddenLines -= chunk.length;
      this.#showMarker();
      this.#backfill(run);
    });
  }

  #flush() {
    this.#frame = 0;
    const fresh = this.#queued.slice(-ROWS_PER_FRAME);
    const skipped = this.#queued.length - fresh.length + this.#dropped;
    this.#queued = [];
    this.#dropped = 0;
    // Asked before the rows change, the layout is still the last frame's: no layout is forced.
    const followBottom = this.#isScrolledToBottom();
    if (skipped > 0) {
      // Lines were skipped: the rows on screen are no longer next to the newest ones.
      this.#skippedAny = true;
      this.#hiddenLines += this.#rowCount;
      this.#removeRows();
    }
    this.#draw(fresh, skipped, followBottom);
  }

  /**
   * Appends rows, keeps at most MAX_ROWS (dropping the oldest blocks), and counts `skipped` more
   * lines as hidden; scrolls to the newest if `followBottom`.
   */
  #draw(lines, skipped, followBottom) {
    this.#marker.remove();
    this.#element.append(this.#block(lines));
    this.#rowCount += lines.length;
    let overflow = 0;
    while (this.#rowCount > MAX_ROWS) {
      const oldest = /** @type {Element} */ (this.#element.firstElementChild);
      overflow += oldest.childElementCount;
      this.#rowCount -= oldest.childElementCount;
      oldest.remove();
    }
    this.#hiddenLines += skipped + overflow;
    this.#showMarker();
    if (followBottom) this.#element.scrollTop = this.#element.scrollHeight;
  }

  /**
   * A block of rows. Read at the start of a frame, whose layout is the one just drawn, a row's
   * height costs nothing.
   * @param {RunEvent[]} lines
   */
  #block(lines) {
    this.#rowPx ||= this.#element.querySelector('.line')?.getBoundingClientRect().height ?? 0;
    const block = document.createElement('div');
    block.className = 'rows';
    block.style.containIntrinsicSize = `auto ${lines.length * (this.#rowPx || 16)}px`;
    block.append(...lines.map(row));
    return block;
  }

  #removeRows() {
    this.#element.replaceChildren();
    this.#rowCount = 0;
  }

  #showMarker() {
    if (this.#hiddenLines > 0) {
      this.#marker.textContent = `${groupedDigits(this.#hiddenLines)} earlier lines not shown`;
      this.#element.prepend(this.#marker);
    } else {
      this.#marker.remove();
    }
  }

  #isScrolledToBottom() {
    const { scrollTop, scrollHeight, clientHeight } = this.#element;
    return scrollHeight - scrollTop - clientHeight < 24;
  }
}

/**
 * A row: the time and worker as one padded cell (monospace keeps the columns), then the line; a
 * line written to standard error (a traceback, `logging`) is marked `stderr` in words and colour.
 * @param {RunEvent} event
 */
function row(event) {
  const line = document.createElement('div');
  line.className = event.stream === 'stderr' ? 'line stderr' : 'line';
  if (event.line !== undefined) {
    line.dataset.line = String(event.line);
    line.title = `Printed by line ${event.line}: click to show it`;
  }
  line.style.setProperty('--task-hue', String(taskHue(event.task)));
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.textContent = `${event.tMs.toFixed(1).padStart(9)} ms  worker ${String(event.worker).padEnd(2)}  `;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = asTerminalShows(event.text);
  line.append(meta);
  if (event.stream === 'stderr') {
    const stream = document.createElement('span');
    stream.className = 'stream';
    stream.textContent = 'stderr ';
    line.append(stream);
  }
  line.append(text);
  return line;
}

/**
 * What a terminal shows of a line: each carriage return takes the cursor back to the line's
 * start, and what follows writes over what was there (a spinner's frames, cleared, then the
 * answer). The record keeps the line as printed.
 * @param {string} text
 * @returns {string}
 */
export function asTerminalShows(text) {
  if (!text.includes('\r')) return text;
  let shown = '';
  for (const part of text.split('\r')) shown = part + shown.slice(part.length);
  return shown.trimEnd();
}
