// The live timeline: one row per worker (or per task), segments coloured by what the task was
// doing, drawn on a canvas as events arrive. Hover, or focus and use the arrow keys, for details;
// click (or press Enter on) a program's segment to see the line it began at.

import { KINDS } from '../transport/events.js';
import { SegmentColumns } from './segment-columns.js';

/**
 * @typedef {import('../transport/events.js').EventBatch} EventBatch
 * @typedef {'cpu' | 'sleep' | 'wait'} State
 * @typedef {{ task: number, worker: number, state: State, fromMs: number, toMs: number,
 *             line: number }} Segment `line`: in a program's run, the line the state began at
 *             (else -1)
 */

/**
 * @type {(State | undefined)[]} the state each kind (by its index in KINDS) begins; `end` none.
 * A started thread waits for its turn (a worker, or the GIL) until its first `cpu` or `line`.
 */
const STATE_OF_KIND = KINDS.map((kind) => ({ start: 'wait', line: 'cpu', cpu: 'cpu', sleep: 'sleep', wait: 'wait' })[kind]);
const LINE_KIND = KINDS.indexOf('line');
const START_KIND = KINDS.indexOf('start');
const STATE_WORDS = { cpu: 'computing', sleep: 'sleeping', wait: 'waiting for its turn' };
const DRAW_ORDER = /** @type {const} */ (['sleep', 'wait', 'cpu']);
/** The CSS custom properties the canvas paints with (see style.css). */
const PALETTE = [...DRAW_ORDER, 'idle', 'print', 'text', 'cursor'];
/** Beyond this many printed lines their marks would only fill the rows: none are drawn. */
const MAX_PRINT_MARKS = 5000;
const MAX_HEIGHT_PX = 360;
const AXIS_PX = 22;
const LABEL_PX = 72;
/** The most characters of a thread's name a row label shows. */
const LABEL_CHARS = 11;
const TICK_MS = 100;

export class Timeline {
  #canvas;
  #details;
  /** @type {HTMLSpanElement} resolves colours for the canvas */
  #probe;
  /** @type {'worker' | 'task'} */
  #rowsBy = 'worker';
  /** every finished segment, for the details of the one under the cursor */
  #segments = new SegmentColumns();
  /**
   * What the canvas paints: each state's segments, a task's on one worker joined where they
   * are under half a pixel apart. A lock handed over 80,000 times makes as many segments, and
   * drawing each one every frame took WebKit 13-23 ms a frame; joined, they are a few hundred.
   * @type {Record<State, { task: number, worker: number, fromMs: number, toMs: number }[]>}
   */
  #painted = { sleep: [], wait: [], cpu: [] };
  /** @type {Map<number, { task: number, worker: number, fromMs: number, toMs: number }>} the last painted run of each task, worker and state */
  #lastPainted = new Map();
  /**
   * Half a pixel, in ms, at the last drawing's scale. A run only ever widens its span (or a
   * new run starts over), so joins made at it stay under half a pixel when the canvas is drawn.
   */
  #joinMs = 0;
  /**
   * Each task's segment in progress, changed in place as the task changes state (a lock's
   * handovers would make an object apiece), with the index of its last finished one (or -1).
   * @type {Map<number, Omit<Segment, 'toMs'> & { last: number }>}
   */
  #open = new Map();
  /** @type {{ task: number, worker: number, tMs: number }[]} when each line was printed */
  #prints = [];
  #tasks = 1;
  /** @type {Map<number, string>} a program's thread names, by task */
  #names = new Map();
  #workers = 1;
  #endMs = 0;
  #startedAt = 0;
  #running = false;
  #frame = 0;
  #tick = 0;
  #cursor = { row: 0, ms: 0, shown: false };
  /** @type {Record<string, string> | null} the palette resolved, until the theme may change */
  #palette = null;
  /** @type {Segment | null} the segment under the cursor */
  #found = null;
  #onSelectLine;

  /**
   * @param {HTMLCanvasElement} canvas
   * @param {HTMLElement} details where hover and focus details are written
   * @param {(line: number) => void} onSelectLine gets the line a clicked segment began at
   */
  constructor(canvas, details, onSelectLine) {
    this.#canvas = canvas;
    this.#details = details;
    this.#onSelectLine = onSelectLine;
    this.#probe = document.createElement('span');
    this.#probe.hidden = true;
    canvas.after(this.#probe);
    canvas.addEventListener('mousemove', (event) => this.#pointAt(event));
    canvas.addEventListener('click', (event) => {
      this.#pointAt(event);
      this.#select();
    });
    canvas.addEventListener('mouseleave', () => this.#hideCursor());
    canvas.addEventListener('keydown', (event) => this.#step(event));
    canvas.addEventListener('blur', () => this.#hideCursor());
    new ResizeObserver(() => this.#schedule()).observe(canvas);
    // Colours change with the theme: the page's (an attribute of <html>) or the system's.
    const forgetPalette = () => {
      this.#palette = null;
      this.#schedule();
    };
    new MutationObserver(forgetPalette).observe(document.documentElement, { attributes: true });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', forgetPalette);
  }

  /**
   * Starts drawing a new run.
   * @param {{ tasks: number, threads: number, model: string }} config
   */
  reset({ tasks, threads, model }) {
    this.#segments = new SegmentColumns();
    this.#painted = { sleep: [], wait: [], cpu: [] };
    this.#lastPainted.clear();
    this.#joinMs = 0;
    this.#prints = [];
    this.#open.clear();
    this.#names.clear();
    this.#tasks = tasks;
    this.#workers = model === 'sequential' || model === 'async' ? 1 : Math.min(threads, tasks);
    this.#endMs = 0;
    this.#startedAt = performance.now();
    this.#running = true;
    this.#schedule();
  }

  /**
   * A flood's batches hold 10,000 events and more (each cost WebKit 5-13 ms): the usual one, a
   * line while its task computes, costs a few reads of the batch and one lookup.
   * @param {EventBatch} batch
   */
  add(batch) {
    const open = this.#open;
    const prints = this.#prints;
    let tasks = this.#tasks;
    let endMs = this.#endMs;
    for (let i = 0; i < batch.length; i++) {
      const kind = batch.kindAt(i);
      const task = batch.taskAt(i);
      const tMs = batch.tMsAt(i);
      if (task > tasks) tasks = task;
      if (tMs > endMs) endMs = tMs;
      const current = open.get(task);
      if (kind === LINE_KIND) {
        if (prints.length <= MAX_PRINT_MARKS) prints.push({ task, worker: batch.workerAt(i), tMs });
        // A print is a mark, not a state: the task goes on doing what it was doing.
        if (current) continue;
      }
      const worker = batch.workerAt(i);
      const state = STATE_OF_KIND[kind];
      if (kind === START_KIND) {
        const name = batch.textAt(i);
        if (name !== null) this.#names.set(task, name);
      }
      if (current && current.state === state && current.worker === worker) continue;
      if (current) this.#close(current, tMs);
      if (!state) {
        open.delete(task);
      } else if (current) {
        current.state = state;
        current.worker = worker;
        current.fromMs = tMs;
        current.line = batch.lineAt(i);
      } else {
        open.set(task, { task, state, worker, fromMs: tMs, line: batch.lineAt(i), last: -1 });
      }
      this.#workers = Math.max(this.#workers, worker + 1);
    }
    this.#tasks = tasks;
    this.#endMs = endMs;
    this.#schedule();
  }

  /** @param {number} wallMs */
  finish(wallMs) {
    this.#running = false;
    this.#endMs = Math.max(this.#endMs, wallMs);
    this.#schedule();
  }

  /** @param {'worker' | 'task'} rowsBy */
  setRows(rowsBy) {
    this.#rowsBy = rowsBy;
    this.#schedule();
  }

  #close(open, toMs) {
    this.#addPainted(open.task, open.worker, open.state, open.fromMs, toMs);
    // Back-to-back segments in the same state merge, so handovers don't pile up rectangles.
    if (open.last >= 0 && this.#segments.reaches(open.last, open.state, open.worker, open.fromMs)) {
      this.#segments.extend(open.last, toMs);
      return;
    }
    open.last = this.#segments.push(open, toMs);
  }

  #schedule() {
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
      clearTimeout(this.#tick);
      // While sleeping tasks send nothing, the open segments still grow: redraw now and then,
      // rarely enough to leave the CPU to the run.
      if (this.#running) this.#tick = setTimeout(() => this.#schedule(), TICK_MS);
    });
  }

  /** Adds a finished segment to what the canvas paints, joined to the last one it nearly touches. */
  #addPainted(task, worker, state, fromMs, toMs) {
    const key = (task * 4096 + worker) * DRAW_ORDER.length + DRAW_ORDER.indexOf(state);
    const last = this.#lastPainted.get(key);
    if (last && fromMs <= last.toMs + this.#joinMs) {
      last.toMs = Math.max(last.toMs, toMs);
      return;
    }
    const run = { task, worker, fromMs, toMs };
    this.#painted[state].push(run);
    this.#lastPainted.set(key, run);
  }

  /** A row's label: `worker 0`, `task 1`, or a program's thread name. */
  #label(row) {
    if (this.#rowsBy === 'worker') return `worker ${row}`;
    const name = this.#names.get(row + 1);
    // `Thread-1 (task1)` is labelled `Thread-1`: the name before its target's.
    return name ? name.split(' (')[0].slice(0, LABEL_CHARS) : `task ${row + 1}`;
  }

  #rowCount() {
    return this.#rowsBy === 'task' ? this.#tasks : this.#workers;
  }

  #rowOf(segment) {
    return this.#rowsBy === 'task' ? segment.task - 1 : segment.worker;
  }

  #nowMs() {
    const live = this.#running ? performance.now() - this.#startedAt : 0;
    return Math.max(this.#endMs, live, 1);
  }

  #geometry() {
    const rows = this.#rowCount();
    const rowPx = Math.max(1.5, Math.min(22, MAX_HEIGHT_PX / rows));
    const labels = rowPx >= 10;
    const left = labels ? LABEL_PX : 4;
    const width = this.#canvas.clientWidth || 600;
    return { rows, rowPx, labels, left, width, plot: width - left - 8, height: rows * rowPx + AXIS_PX, spanMs: this.#nowMs() };
  }

  #draw() {
    const canvas = this.#canvas;
    const g = this.#geometry();
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(g.width * ratio);
    const height = Math.round(g.height * ratio);
    // Resizing a canvas reallocates its backing store and restyles the page: only when its
    // size changes, not in every frame of a run.
    if (canvas.width !== width || canvas.height !== height) {
      canvas.style.height = `${g.height}px`;
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, g.width, g.height);
    // Resolved once per theme: each resolution is a style computation, and in a frame after
    // the log's new rows, a recalculation of the page's styles (2-8 ms in a flood's frames).
    const colour = (this.#palette ??= Object.fromEntries(PALETTE.map((name) => [name, this.#colour(name)])));
    const x = (ms) => g.left + (ms / g.spanMs) * g.plot;
    this.#joinMs = (0.5 * g.spanMs) / g.plot;

    ctx.fillStyle = colour.idle;
    ctx.fillRect(g.left, 0, g.plot, g.rows * g.rowPx);
    // Several tasks can share a worker's row (the event loop's): draw computing over waiting
    // over sleeping, so the row shows what the worker itself was doing.
    for (const state of DRAW_ORDER) {
      ctx.fillStyle = colour[state];
      const runs = new RowRuns((row, from, to) => ctx.fillRect(from, row * g.rowPx + 1, to - from, Math.max(1, g.rowPx - 2)));
      for (const run of this.#painted[state]) runs.add(this.#rowOf(run), x(run.fromMs), x(run.toMs));
      for (const open of this.#open.values()) {
        if (open.state === state) runs.add(this.#rowOf(open), x(open.fromMs), x(g.spanMs));
      }
      runs.flush();
    }

    if (this.#prints.length <= MAX_PRINT_MARKS) {
      ctx.fillStyle = colour.print;
      for (const mark of this.#prints) {
        ctx.fillRect(x(mark.tMs) - 1, this.#rowOf(mark) * g.rowPx + 1, 2, Math.max(1, g.rowPx - 2));
      }
    }

    ctx.fillStyle = colour.text;
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    if (g.labels) {
      for (let row = 0; row < g.rows; row++) {
        ctx.fillText(this.#label(row), 4, row * g.rowPx + g.rowPx / 2);
      }
    }
    const step = niceStep(g.spanMs / 6);
    ctx.textBaseline = 'top';
    for (let ms = 0; ms <= g.spanMs; ms += step) {
      ctx.fillRect(x(ms), g.rows * g.rowPx, 1, 4);
      // The last label ends at its tick when it would run past the canvas's edge.
      const label = formatMs(ms);
      const labelPx = ctx.measureText(label).width;
      const past = x(ms) + 2 + labelPx > g.width;
      ctx.fillText(label, past ? x(ms) - 2 - labelPx : x(ms) + 2, g.rows * g.rowPx + 6);
    }
    if (this.#cursor.shown) {
      ctx.fillStyle = colour.cursor;
      ctx.fillRect(x(this.#cursor.ms), 0, 1, g.rows * g.rowPx);
      ctx.strokeStyle = colour.cursor;
      ctx.strokeRect(g.left, this.#cursor.row * g.rowPx + 0.5, g.plot, g.rowPx - 1);
    }
  }

  /**
   * A colour from the canvas's CSS custom properties, resolved to one the canvas understands
   * (they may be written with `light-dark()` or `color-mix()`).
   */
  #colour(name) {
    this.#probe.style.color = `var(--${name})`;
    return getComputedStyle(this.#probe).color;
  }

  #pointAt(event) {
    const g = this.#geometry();
    const bounds = this.#canvas.getBoundingClientRect();
    const row = Math.floor((event.clientY - bounds.top) / g.rowPx);
    const ms = ((event.clientX - bounds.left - g.left) / g.plot) * g.spanMs;
    this.#showCursor(Math.min(Math.max(row, 0), g.rows - 1), Math.max(0, ms));
  }

  #step(event) {
    const g = this.#geometry();
    const moves = {
      ArrowLeft: [0, -g.spanMs / 50],
      ArrowRight: [0, g.spanMs / 50],
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
    };
    if (event.key === 'Enter') this.#select();
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const row = Math.min(Math.max(this.#cursor.row + move[0], 0), g.rows - 1);
    const ms = Math.min(Math.max(this.#cursor.ms + move[1], 0), g.spanMs);
    this.#showCursor(row, ms);
  }

  #showCursor(row, ms) {
    this.#cursor = { row, ms, shown: true };
    const here = this.#segments.covering(ms).filter((segment) => this.#rowOf(segment) === row);
    const found = here.sort((a, b) => DRAW_ORDER.indexOf(b.state) - DRAW_ORDER.indexOf(a.state))[0];
    this.#found = found ?? null;
    const place = `${this.#rowsBy} ${this.#rowsBy === 'task' ? row + 1 : row} at ${formatMs(ms)}`;
    const line = found && found.line >= 0 ? `, from line ${found.line} (click or Enter shows it)` : '';
    this.#details.textContent = found
      ? `${place}: task ${found.task} on worker ${found.worker} ${STATE_WORDS[found.state]} from ` +
        `${found.fromMs.toFixed(1)} to ${found.toMs.toFixed(1)} ms (${(found.toMs - found.fromMs).toFixed(1)} ms)${line}`
      : `${place}: idle`;
    this.#schedule();
  }

  #select() {
    if (this.#found && this.#found.line >= 0) this.#onSelectLine(this.#found.line);
  }

  #hideCursor() {
    this.#cursor.shown = false;
    this.#schedule();
  }
}

/**
 * A state's rectangles, one row at a time: the segments of a row that touch or overlap are
 * painted as one. A lock handed over 60,000 times in half a second makes that many segments
 * under a pixel wide each, and a rectangle apiece cost the page 640 ms of `fillRect`.
 */
class RowRuns {
  /** @type {Map<number, { from: number, to: number }>} each row's run not yet painted, in px */
  #pending = new Map();
  #paint;

  /** @param {(row: number, fromPx: number, toPx: number) => void} paint */
  constructor(paint) {
    this.#paint = paint;
  }

  /** A segment from `fromPx` to `toPx` (at least a pixel wide, so a short one still shows). */
  add(row, fromPx, toPx) {
    const to = Math.max(toPx, fromPx + 1);
    const run = this.#pending.get(row);
    // Half a pixel apart is too little to see: the rows' segments of a state in time order
    // join, and any others are painted as they come.
    if (run && fromPx <= run.to + 0.5 && to >= run.from - 0.5) {
      run.from = Math.min(run.from, fromPx);
      run.to = Math.max(run.to, to);
      return;
    }
    if (run) this.#paint(row, run.from, run.to);
    this.#pending.set(row, { from: fromPx, to });
  }

  flush() {
    for (const [row, run] of this.#pending) this.#paint(row, run.from, run.to);
    this.#pending.clear();
  }
}

/** A round step (1, 2 or 5 × a power of ten) near `roughMs`. */
function niceStep(roughMs) {
  const power = 10 ** Math.floor(Math.log10(Math.max(roughMs, 0.001)));
  const multiple = [1, 2, 5, 10].find((m) => m * power >= roughMs) ?? 10;
  return multiple * power;
}

function formatMs(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
  // Steps under 10 ms are fractions of one.
  return `${ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms)} ms`;
}
