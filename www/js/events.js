// Run events as the page sees them, decoded from the packed numbers the workers forward
// (layout: `pack` in src/web.rs).

/**
 * @typedef {'start' | 'line' | 'cpu' | 'sleep' | 'wait' | 'end'} EventKind
 * @typedef {{ kind: EventKind, task: number, iteration: number | null, worker: number,
 *             tMs: number }} RunEvent
 */

/** In the order of `EventKind::ALL` in src/event.rs. */
const KINDS = /** @type {const} */ (['start', 'line', 'cpu', 'sleep', 'wait', 'end']);
const PACKED_EVENT_LEN = 5;

/**
 * @param {Float64Array} packed
 * @returns {RunEvent[]}
 */
export function unpackEvents(packed) {
  const events = [];
  for (let i = 0; i + PACKED_EVENT_LEN <= packed.length; i += PACKED_EVENT_LEN) {
    const iteration = packed[i + 2];
    events.push({
      kind: KINDS[packed[i]],
      task: packed[i + 1],
      iteration: iteration < 0 ? null : iteration,
      worker: packed[i + 3],
      tMs: packed[i + 4],
    });
  }
  return events;
}

/**
 * The text a `line` event prints, as in the tutorial (and `Event::text` in the core).
 * @param {RunEvent} event
 */
export function lineText(event) {
  return `Task ${event.task} - Iteration ${event.iteration}`;
}
