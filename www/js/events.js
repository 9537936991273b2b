// Run events as the page sees them. Workers send them packed, five numbers each (layout:
// `pack` in src/web.rs); a batch reads them in place, so a flood of events costs no object per
// event until one is needed.

/**
 * @typedef {'start' | 'line' | 'cpu' | 'sleep' | 'wait' | 'end'} EventKind
 * @typedef {{ kind: EventKind, task: number, iteration: number | null, worker: number,
 *             tMs: number }} RunEvent
 */

/** In the order of `EventKind::ALL` in src/event.rs. */
export const KINDS = /** @type {const} */ (['start', 'line', 'cpu', 'sleep', 'wait', 'end']);
export const LINE = KINDS.indexOf('line');
const PACKED_EVENT_LEN = 5;

/** One message's worth of events, read in place. */
export class EventBatch {
  #packed;

  /** @param {Float64Array} packed */
  constructor(packed) {
    this.#packed = packed;
    this.length = Math.floor(packed.length / PACKED_EVENT_LEN);
  }

  /** @param {number} i @returns {number} the kind's index in KINDS */
  kindAt(i) {
    return this.#packed[i * PACKED_EVENT_LEN];
  }

  taskAt(i) {
    return this.#packed[i * PACKED_EVENT_LEN + 1];
  }

  /** @returns {number} the iteration, or -1 for events that have none */
  iterationAt(i) {
    return this.#packed[i * PACKED_EVENT_LEN + 2];
  }

  workerAt(i) {
    return this.#packed[i * PACKED_EVENT_LEN + 3];
  }

  tMsAt(i) {
    return this.#packed[i * PACKED_EVENT_LEN + 4];
  }
}

/**
 * One event as an object, from anything with the batch's accessors.
 * @param {{ kindAt(i: number): number, taskAt(i: number): number, iterationAt(i: number): number,
 *           workerAt(i: number): number, tMsAt(i: number): number }} source
 * @param {number} i
 * @returns {RunEvent}
 */
export function eventAt(source, i) {
  const iteration = source.iterationAt(i);
  return {
    kind: KINDS[source.kindAt(i)],
    task: source.taskAt(i),
    iteration: iteration < 0 ? null : iteration,
    worker: source.workerAt(i),
    tMs: source.tMsAt(i),
  };
}

/**
 * The text a `line` event prints, as in the tutorial (and `Event::text` in the core).
 * @param {{ task: number, iteration: number | null }} event
 */
export function lineText(event) {
  return `Task ${event.task} - Iteration ${event.iteration}`;
}
