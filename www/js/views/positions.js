// Where each thread of the running program is in the code: the table the VM samples (see
// `EventSink::position` in src/event.rs and `postEvents` in worker-rpc.js), named after the
// threads' start events, shown ten times a second at most and read by the test hook.
/** @typedef {import('./thread-marks.js').ThreadPlace} ThreadPlace */

/**
 * How often the marks are redrawn at most. A computing thread moves between lines every few
 * milliseconds: redrawn every frame, its mark would flicker faster than anyone reads it, and
 * each redraw is the editor's layout on the main thread the workers share the cores with.
 */
const DRAW_EVERY_MS = 100;

export class ThreadPositions {
  /** @type {Map<number, string>} a thread's name, by its task (lane) */
  #names = new Map();
  /** `[lane, line, …]`, as the worker sent it */
  #table = new Uint32Array(0);
  #timer = 0;
  #frame = 0;
  #drawnAt = -Infinity;
  #show;

  /** @param {(places: ThreadPlace[]) => void} show draws the places (the editor's marks) */
  constructor(show) {
    this.#show = show;
  }

  /** Forgets the run: no thread has a place, from the next frame. */
  clear() {
    this.#names.clear();
    this.#table = new Uint32Array(0);
    this.#drawIn(0);
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
    this.#drawIn(Math.max(0, this.#drawnAt + DRAW_EVERY_MS - performance.now()));
  }

  /** Draws the table in the first frame after `waitMs`, or in an earlier one already due. */
  #drawIn(waitMs) {
    const inFrame = () => {
      this.#timer = 0;
      this.#frame ||= requestAnimationFrame(() => {
        this.#frame = 0;
        this.#drawnAt = performance.now();
        this.#show(this.places());
      });
    };
    if (waitMs === 0) {
      clearTimeout(this.#timer);
      inFrame();
    } else if (!this.#timer && !this.#frame) {
      this.#timer = setTimeout(inFrame, waitMs);
    }
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
