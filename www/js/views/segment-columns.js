// A run's finished timeline segments, for the details of the one under the cursor, kept in
// typed columns rather than as objects: four threads handing a lock over 80,000 times make
// 160,000 segments, and as objects they were megabytes the garbage collector traced again and
// again while the run went on.

/** @typedef {import('./timeline.js').Segment} Segment */
/** @typedef {import('./timeline.js').State} State */

/** @type {State[]} */
const STATES = ['cpu', 'sleep', 'wait'];
const FIRST_CAPACITY = 1024;

export class SegmentColumns {
  length = 0;
  #task = new Uint32Array(FIRST_CAPACITY);
  #worker = new Uint16Array(FIRST_CAPACITY);
  #state = new Uint8Array(FIRST_CAPACITY);
  #line = new Int32Array(FIRST_CAPACITY);
  #fromMs = new Float64Array(FIRST_CAPACITY);
  #toMs = new Float64Array(FIRST_CAPACITY);

  /**
   * @param {Omit<Segment, 'toMs'>} open the segment so far
   * @param {number} toMs when it ended
   * @returns {number} the segment's index
   */
  push({ task, worker, state, fromMs, line }, toMs) {
    if (this.length === this.#task.length) this.#grow();
    const index = this.length++;
    this.#task[index] = task;
    this.#worker[index] = worker;
    this.#state[index] = STATES.indexOf(state);
    this.#line[index] = line;
    this.#fromMs[index] = fromMs;
    this.#toMs[index] = toMs;
    return index;
  }

  /**
   * Whether the segment at `index` is in `state` on `worker` and reaches `ms` (within 0.05 ms),
   * so that a segment beginning at `ms` in the same state continues it.
   */
  reaches(index, state, worker, ms) {
    return STATES[this.#state[index]] === state && this.#worker[index] === worker && this.#toMs[index] >= ms - 0.05;
  }

  /** Makes the segment at `index` end at `toMs`. */
  extend(index, toMs) {
    this.#toMs[index] = toMs;
  }

  /**
   * The segments under a point in time: only those are made objects.
   * @param {number} ms
   * @returns {Segment[]}
   */
  covering(ms) {
    const found = [];
    for (let i = 0; i < this.length; i++) {
      if (this.#fromMs[i] > ms || ms >= this.#toMs[i]) continue;
      found.push({
        task: this.#task[i],
        worker: this.#worker[i],
        state: STATES[this.#state[i]],
        fromMs: this.#fromMs[i],
        toMs: this.#toMs[i],
        line: this.#line[i],
      });
    }
    return found;
  }

  #grow() {
    const grown = (column) => {
      const bigger = new /** @type {any} */ (column.constructor)(column.length * 2);
      bigger.set(column);
      return bigger;
    };
    this.#task = grown(this.#task);
    this.#worker = grown(this.#worker);
    this.#state = grown(this.#state);
    this.#line = grown(this.#line);
    this.#fromMs = grown(this.#fromMs);
    this.#toMs = grown(this.#toMs);
  }
}
