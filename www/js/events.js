// Run events as the page sees them. The wasm side packs five numbers an event (layout: `pack`
// in src/web.rs); the worker that drains them compacts each slice to 14 bytes an event (a bit
// field, an iteration, a time) in three typed arrays it hands over without copying. The page
// keeps those arrays as they came and reads events in place, so even a flood of events costs
// it no garbage and no object per event until one is needed.

/**
 * @typedef {'start' | 'line' | 'cpu' | 'sleep' | 'wait' | 'end'} EventKind
 * @typedef {{ kind: EventKind, task: number, iteration: number | null, worker: number,
 *             tMs: number }} RunEvent
 * @typedef {{ meta: Uint32Array, iteration: Int16Array, time: Float64Array }} CompactEvents
 */

/** In the order of `EventKind::ALL` in src/event.rs. */
export const KINDS = /** @type {const} */ (['start', 'line', 'cpu', 'sleep', 'wait', 'end']);
export const LINE = KINDS.indexOf('line');
const PACKED_EVENT_LEN = 5;
const KIND_BITS = 3;
const WORKER_BITS = 7;

/**
 * Compacts packed events (in a worker, before they are sent).
 * @param {Float64Array} packed
 * @returns {CompactEvents}
 */
export function compact(packed) {
  const length = Math.floor(packed.length / PACKED_EVENT_LEN);
  const events = { meta: new Uint32Array(length), iteration: new Int16Array(length), time: new Float64Array(length) };
  for (let i = 0, p = 0; i < length; i++, p += PACKED_EVENT_LEN) {
    events.meta[i] = packed[p] | (packed[p + 3] << KIND_BITS) | (packed[p + 1] << (KIND_BITS + WORKER_BITS));
    events.iteration[i] = packed[p + 2];
    events.time[i] = packed[p + 4];
  }
  return events;
}

/** One slice of a run's events, read in place. */
export class EventBatch {
  /** @param {CompactEvents} events */
  constructor({ meta, iteration, time }) {
    this.meta = meta;
    this.iteration = iteration;
    this.time = time;
    this.length = time.length;
  }

  /** @returns {number} the kind's index in KINDS */
  kindAt(i) {
    return this.meta[i] & ((1 << KIND_BITS) - 1);
  }

  taskAt(i) {
    return this.meta[i] >>> (KIND_BITS + WORKER_BITS);
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

  /** @returns {RunEvent} event `i` as an object */
  eventAt(i) {
    const iteration = this.iterationAt(i);
    return {
      kind: KINDS[this.kindAt(i)],
      task: this.taskAt(i),
      iteration: iteration < 0 ? null : iteration,
      worker: this.workerAt(i),
      tMs: this.tMsAt(i),
    };
  }
}

/**
 * The text a `line` event prints, as in the tutorial (and `Event::text` in the core).
 * @param {{ task: number, iteration: number | null }} event
 */
export function lineText(event) {
  return `Task ${event.task} - Iteration ${event.iteration}`;
}
