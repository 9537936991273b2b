// Where each thread of the running program is in the code: the table the VM samples (see
// `EventSink::position` in src/event.rs and `postEvents` in worker-rpc.js), named after the
// threads' start events, shown at most once a frame and read by the test hook.
/** @typedef {import('./thread-marks.js').ThreadPlace} ThreadPlace */

export class ThreadPositions {
  /** @type {Map<number, string>} a thread's name, by its task (lane) */
  #names = new Map();
  /** `[lane, line, …]`, as the worker sent it */
  #table = new Uint32Array(0);
  #frame = 0;
  #show;

  /** @param {(places: ThreadPlace[]) => void} show draws the places (the editor's marks) */
  constructor(show) {
    this.#show = show;
  }

  /** Forgets the run: no thread has a place. */
  clear() {
    this.#names.clear();
    this.update(new Uint32Array(0));
  }

  /**
   * Learns the threads' names from a batch's start events.
   * @param {import('../transport/events.js').EventBatch} batch
   */
  learnNames(batch) {
    for (const i of batch.starts) this.#names.set(batch.taskAt(i), batch.textAt(i) ?? '');
  }

  /** @param {Uint32Array} table the live threads' places, `[lane, line, …]` */
  update(table) {
    this.#table = table;
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      this.#show(this.places());
    });
  }

  /** @returns {ThreadPlace[]} where each live thread is now */
  places() {
    const places = [];
    for (let i = 0; i + 1 < this.#table.length; i += 2) {
      const task = this.#table[i];
      places.push({ task, thread: this.#names.get(task) || `Task ${task}`, line: this.#table[i + 1] });
    }
    return places;
  }
}
