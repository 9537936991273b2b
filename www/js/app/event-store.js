// Every event of a run, kept as the batches arrived (14 bytes an event, in typed arrays), so
// that even the largest run, 2,560,000 lines, stays within a bounded amount of memory; the
// full log can be downloaded from here as text or CSV, produced in slices that leave the page
// responsive.
import { LINE } from '../transport/events.js';

/**
 * @typedef {import('../transport/events.js').EventBatch} EventBatch
 * @typedef {import('../transport/events.js').RunEvent} RunEvent
 */

/** Events the delivery percentiles are sampled from, at most (the lines among them count). */
const DELIVERY_SAMPLES = 10_000;
/** Lines written per slice of a download, between which the page answers input. */
const LINES_PER_SLICE = 20_000;

export class EventStore {
  /** @type {{ batch: EventBatch, arrivedAtMs: number }[]} */
  #chunks = [];
  length = 0;
  lineCount = 0;

  /**
   * @param {EventBatch} batch kept as it is
   * @param {number} arrivedAtMs when the batch reached the page, on the workers' shared clock
   *   (`performance.timeOrigin + performance.now()`)
   */
  append(batch, arrivedAtMs) {
    this.#chunks.push({ batch, arrivedAtMs });
    this.length += batch.length;
    this.lineCount += batch.lineCount;
  }

  /**
   * Every event as an object, in time order (events from separate processes can arrive a
   * little out of it).
   * @returns {RunEvent[]}
   */
  toArray() {
    const events = [];
    for (const { batch } of this.#chunks) {
      for (let i = 0; i < batch.length; i++) events.push(batch.eventAt(i));
    }
    return isSorted(events) ? events : events.sort((a, b) => a.tMs - b.tMs);
  }

  /**
   * How long lines took from the worker that printed them to the page: the 50th and 95th
   * percentiles, in ms.
   * @param {number} originMs when the run started, on the workers' shared clock
   * @returns {{ p50: number, p95: number } | null} null for a run without lines
   */
  deliveryMs(originMs) {
    // A flood's millions of events are sampled evenly, and only the samples read: sorting, or
    // even visiting, them all would block the page (the lines among them are the flood's).
    const stride = Math.max(1, Math.ceil(this.length / DELIVERY_SAMPLES));
    const delays = [];
    // Where the next sample is, counted from the start of the current batch.
    let next = 0;
    for (const { batch, arrivedAtMs } of this.#chunks) {
      for (; next < batch.length; next += stride) {
        if (batch.kindAt(next) === LINE) delays.push(arrivedAtMs - (originMs + batch.tMsAt(next)));
      }
      next -= batch.length;
    }
    if (delays.length === 0) return null;
    const sorted = Float64Array.from(delays).sort();
    const at = (share) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
    return { p50: at(0.5), p95: at(0.95) };
  }

  /**
   * The newest `count` printed lines before the newest `skip`, oldest first.
   * @param {number} count
   * @param {number} [skip]
   * @returns {RunEvent[]}
   */
  lastLines(count, skip = 0) {
    const lines = [];
    let toSkip = skip;
    for (let c = this.#chunks.length - 1; c >= 0 && lines.length < count; c--) {
      const { batch } = this.#chunks[c];
      for (let i = batch.length - 1; i >= 0 && lines.length < count; i--) {
        if (batch.kindAt(i) !== LINE) continue;
        if (toSkip > 0) toSkip -= 1;
        else lines.push(batch.eventAt(i));
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
    for (const { batch } of this.#chunks) {
      for (let i = 0; i < batch.length; i++) {
        if (batch.kindAt(i) !== LINE) continue;
        lines.push(formatLine(batch.eventAt(i), format));
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

/** A CSV field: quoted when it holds a comma, a quote or a line break (a program prints anything). */
function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function isSorted(events) {
  for (let i = 1; i < events.length; i++) if (events[i].tMs < events[i - 1].tMs) return false;
  return true;
}

/** @param {RunEvent} event */
function formatLine(event, format) {
  const text = event.text;
  return format === 'csv'
    ? `${event.tMs.toFixed(3)},${event.worker},${event.task},${event.iteration ?? ''},${csvField(text)}\n`
    : `${event.tMs.toFixed(1).padStart(10)} ms  worker ${String(event.worker).padEnd(2)}  ${text}\n`;
}
