// Run events as the page sees them. The wasm side packs eight numbers an event (layout: `pack`
// in src/web.rs); the worker that drains them compacts each slice to 14 bytes an event (a bit
// field, an iteration, a time) in three typed arrays it hands over without copying, plus, for a
// program's run, each event's index into the slice's printed texts and its line in the program. The page keeps those arrays
// as they came and reads events in place, so even a flood of events costs it no garbage and no
// object per event until one is needed.

/**
 * @typedef {'start' | 'line' | 'cpu' | 'sleep' | 'wait' | 'end'} EventKind
 * @typedef {{ kind: EventKind, task: number, iteration: number | null, worker: number,
 *             tMs: number, text?: string, stream?: 'stderr', line?: number }} RunEvent `text`:
 *             what a line printed; for a program's `start`, the thread's name; `stream`, on a
 *             line a program wrote to standard error (a traceback, `logging`); `line`, in a
 *             program's run, the line of the program that printed it or where the state began
 * @typedef {{ meta: Uint32Array, iteration: Int16Array, time: Float64Array,
 *             textIndex: Int32Array | null, texts: string[], line: Int32Array | null,
 *             lineCount: number, starts: Uint32Array }} CompactEvents `lineCount`: how many
 *             are lines; `starts`: the indices of the `start` events. Counted by the worker that
 *             compacts them, so the page's views need not each visit every event of a flood.
 */

/** In the order of `EventKind::ALL` in src/event.rs. */
export const KINDS = /** @type {const} */ (['start', 'line', 'cpu', 'sleep', 'wait', 'end']);
export const LINE = KINDS.indexOf('line');
const START = KINDS.indexOf('start');
const PACKED_EVENT_LEN = 8;
/**
 * The most events a worker drains into one message to the page: a flood arrives as many small
 * messages the page handles one task at a time, not one that blocks it.
 */
export const EVENTS_PER_MESSAGE = 16_384;
// The bit field: kind, worker, whether the line went to standard error, task.
const KIND_BITS = 3;
const WORKER_BITS = 7;
const STDERR_BIT = 1 << (KIND_BITS + WORKER_BITS);
const TASK_SHIFT = KIND_BITS + WORKER_BITS + 1;

/**
 * Compacts packed events (in a worker, before they are sent).
 * @param {Float64Array} packed
 * @param {string[]} texts what the events' text indices refer to (none in a scenario's run)
 * @returns {CompactEvents}
 */
export function compact(packed, texts) {
  const length = Math.floor(packed.length / PACKED_EVENT_LEN);
  const events = {
    meta: new Uint32Array(length),
    iteration: new Int16Array(length),
    time: new Float64Array(length),
    textIndex: texts.length > 0 ? new Int32Array(length) : null,
    texts,
    line: null,
    lineCount: 0,
    starts: new Uint32Array(0),
  };
  const starts = [];
  // Only a program's events have lines; a scenario's slices stay 14 bytes an event.
  for (let p = 7; p < packed.length; p += PACKED_EVENT_LEN) {
    if (packed[p] >= 0) {
      events.line = new Int32Array(length);
      break;
    }
  }
  for (let i = 0, p = 0; i < length; i++, p += PACKED_EVENT_LEN) {
    if (packed[p] === LINE) events.lineCount += 1;
    else if (packed[p] === START) starts.push(i);
    events.meta[i] =
      packed[p] | (packed[p + 3] << KIND_BITS) | (packed[p + 6] ? STDERR_BIT : 0) | (packed[p + 1] << TASK_SHIFT);
    events.iteration[i] = packed[p + 2];
    events.time[i] = packed[p + 4];
    if (events.textIndex) events.textIndex[i] = packed[p + 5];
    if (events.line) events.line[i] = packed[p + 7];
  }
  events.starts = Uint32Array.from(starts);
  return events;
}

/**
 * The buffers of compacted events, to transfer rather than copy.
 * @param {CompactEvents} events
 * @returns {ArrayBuffer[]}
 */
export function transferables(events) {
  const buffers = [events.meta.buffer, events.iteration.buffer, events.time.buffer, events.starts.buffer];
  if (events.textIndex) buffers.push(events.textIndex.buffer);
  if (events.line) buffers.push(events.line.buffer);
  return buffers;
}

/** One slice of a run's events, read in place. */
export class EventBatch {
  /** @param {CompactEvents} events */
  constructor({ meta, iteration, time, textIndex, texts, line, lineCount, starts }) {
    this.meta = meta;
    this.lineCount = lineCount;
    this.starts = starts;
    this.line = line;
    this.iteration = iteration;
    this.time = time;
    this.textIndex = textIndex;
    this.texts = texts;
    this.length = time.length;
  }

  /** @returns {number} the kind's index in KINDS */
  kindAt(i) {
    return this.meta[i] & ((1 << KIND_BITS) - 1);
  }

  taskAt(i) {
    return this.meta[i] >>> TASK_SHIFT;
  }

  /** @returns {boolean} whether event `i` is a line written to standard error */
  isStderrAt(i) {
    return (this.meta[i] & STDERR_BIT) !== 0;
  }

  /** @returns {number} the iteration, or -1 for events that have none */
  iterationAt(i) {
    return this.iteration[i];
  }

  workerAt(i) {
    return (this.meta[i] >>> KIND_BITS) & ((1 << WORKER_BITS) - 1);
  }

  tMsAt(i) {
    return this.time[i];
  }

  /** @returns {string | null} what the event printed (or, for a start, the thread's name) */
  textAt(i) {
    const index = this.textIndex ? this.textIndex[i] : -1;
    return index < 0 ? null : this.texts[index];
  }

  /** @returns {number} the event's line in the program, or -1 (a scenario's, or none) */
  lineAt(i) {
    return this.line ? this.line[i] : -1;
  }

  /** @returns {RunEvent} event `i` as an object; every `line` has its `text` */
  eventAt(i) {
    const iteration = this.iterationAt(i);
    const event = {
      kind: KINDS[this.kindAt(i)],
      task: this.taskAt(i),
      iteration: iteration < 0 ? null : iteration,
      worker: this.workerAt(i),
      tMs: this.tMsAt(i),
    };
    const text = this.textAt(i) ?? (event.kind === 'line' ? lineText(event) : null);
    if (text !== null) event.text = text;
    if (this.isStderrAt(i)) event.stream = 'stderr';
    const line = this.lineAt(i);
    if (line >= 0) event.line = line;
    return event;
  }
}

/**
 * The text a scenario's `line` event prints, as in the tutorial (and `Event::text` in the core).
 * @param {{ task: number, iteration: number | null }} event
 */
function lineText(event) {
  return `Task ${event.task} - Iteration ${event.iteration}`;
}
