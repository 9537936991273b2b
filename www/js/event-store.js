// Every event of a run, kept compactly (14 bytes each, in typed arrays) so that even the
// largest run, 2,560,000 lines, stays within a bounded amount of memory; the full log can be
// downloaded from here as text or CSV, produced in slices that leave the page responsive.
import { eventAt, LINE, lineText } from './events.js';

/**
 * @typedef {import('./events.js').EventBatch} EventBatch
 * @typedef {import('./events.js').RunEvent} RunEvent
 */

const KIND_BITS = 3;
const WORKER_BITS = 7;
/** Lines written per slice of a download, between which the page answers input. */
const LINES_PER_SLICE = 20_000;

export class EventStore {
  /** @type {{ meta: Uint32Array, iteration: Int16Array, time: Float64Array }[]} */
  #chunks = [];
  length = 0;
  lineCount = 0;

  /** @param {EventBatch} batch */
  append(batch) {
    const chunk = {
      meta: new Uint32Array(batch.length),
      iteration: new Int16Array(batch.length),
      time: new Float64Array(batch.length),
    };
    for (let i = 0; i < batch.length; i++) {
      const kind = batch.kindAt(i);
      chunk.meta[i] = kind | (batch.workerAt(i) << KIND_BITS) | (batch.taskAt(i) << (KIND_BITS + WORKER_BITS));
      chunk.iteration[i] = batch.iterationAt(i);
      chunk.time[i] = batch.tMsAt(i);
      if (kind === LINE) this.lineCount += 1;
    }
    this.#chunks.push(chunk);
    this.length += batch.length;
  }

  /**
   * Every event as an object, in time order (events from separate processes can arrive a
   * little out of it).
   * @returns {RunEvent[]}
   */
  toArray() {
    const events = [];
    for (const chunk of this.#chunks) {
      const view = chunkView(chunk);
      for (let i = 0; i < chunk.time.length; i++) events.push(eventAt(view, i));
    }
    return isSorted(events) ? events : events.sort((a, b) => a.tMs - b.tMs);
  }

  /**
   * The newest `count` printed lines, oldest first.
   * @param {number} count
   * @returns {RunEvent[]}
   */
  lastLines(count) {
    const lines = [];
    for (let c = this.#chunks.length - 1; c >= 0 && lines.length < count; c--) {
      const view = chunkView(this.#chunks[c]);
      for (let i = this.#chunks[c].time.length - 1; i >= 0 && lines.length < count; i--) {
        if (view.kindAt(i) === LINE) lines.push(eventAt(view, i));
      }
    }
    return lines.reverse();
  }

  /**
   * The printed lines as a file, one per line: as text (`12.3 ms  worker 0  Task 1 - …`) or as
   * CSV with a header.
   * @param {'text' | 'csv'} format
   * @returns {Promise<Blob>}
   */
  async download(format) {
    const parts = format === 'csv' ? ['t_ms,worker,task,iteration,text\n'] : [];
    let lines = [];
    for (const chunk of this.#chunks) {
      const view = chunkView(chunk);
      for (let i = 0; i < chunk.time.length; i++) {
        if (view.kindAt(i) !== LINE) continue;
        lines.push(formatLine(eventAt(view, i), format));
        if (lines.length === LINES_PER_SLICE) {
          parts.push(lines.join(''));
          lines = [];
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      }
    }
    parts.push(lines.join(''));
    return new Blob(parts, { type: format === 'csv' ? 'text/csv' : 'text/plain' });
  }
}

/** The batch accessors over one stored chunk. */
function chunkView({ meta, iteration, time }) {
  return {
    kindAt: (i) => meta[i] & ((1 << KIND_BITS) - 1),
    workerAt: (i) => (meta[i] >>> KIND_BITS) & ((1 << WORKER_BITS) - 1),
    taskAt: (i) => meta[i] >>> (KIND_BITS + WORKER_BITS),
    iterationAt: (i) => iteration[i],
    tMsAt: (i) => time[i],
  };
}

function isSorted(events) {
  for (let i = 1; i < events.length; i++) if (events[i].tMs < events[i - 1].tMs) return false;
  return true;
}

/** @param {RunEvent} event */
function formatLine(event, format) {
  const text = lineText(event);
  return format === 'csv'
    ? `${event.tMs.toFixed(3)},${event.worker},${event.task},${event.iteration},${text}\n`
    : `${event.tMs.toFixed(1).padStart(10)} ms  worker ${String(event.worker).padEnd(2)}  ${text}\n`;
}
