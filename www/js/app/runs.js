// The page's runs, one at a time: each run's record, the views it feeds while it goes (the log,
// the timeline, the editor's marks of where each thread is), and what the page says when it
// ends. main.js decides what runs (the configuration, the plan, the model); this runs it.
import { EventStore } from './event-store.js';
import { showProgramSummary, showStatus, showSummary } from '../views/summary.js';
import { configToQuery } from './url-state.js';

/**
 * @typedef {import('./url-state.js').Config} Config
 * @typedef {import('../transport/events.js').RunEvent} RunEvent
 * @typedef {import('../transport/pool-client.js').RunReport} RunReport
 * @typedef {import('../transport/pool-client.js').RunPlan} RunPlan
 * @typedef {import('../transport/runners.js').Runner} Runner
 * @typedef {Partial<RunReport> & { config: Config, status: 'running' | 'completed' | 'stopped' | 'failed',
 *             wallMs: number | null, crossOriginIsolated: boolean, events: RunEvent[],
 *             lineCount: number, eventCount: number, deliveryMs?: { p50: number, p95: number } | null,
 *             code?: string, error?: string | import('../transport/pool-client.js').ProgramError }} RunRecord
 *   `error` is a program's exception ({ message, line, column }) or why the run itself failed
 * @typedef {{ status: HTMLElement, summary: HTMLElement, log: import('../views/output-log.js').OutputLog,
 *             timeline: import('../views/timeline.js').Timeline,
 *             code: ReturnType<typeof import('../views/code-panel.js').createCodePanel>,
 *             positions: import('../views/positions.js').ThreadPositions }} RunViews
 * @typedef {{ runner: Runner, config: Config, plan: RunPlan, model: string, isolation: string,
 *             fallbackReason?: string, quietFallback: boolean }} RunRequest `model`: the one it
 *   runs under (the configuration's, or what it falls back to); `quietFallback`: the status
 *   line does not repeat why it fell back (an embed keeps to its one line)
 */

export class Runs {
  #views;
  /** @type {Promise<unknown>} */
  #queue = Promise.resolve();
  /** Whether a run is in progress (so a stop has something to end). */
  running = false;
  /** Runs asked for and not yet ended. */
  pending = 0;
  /** @type {EventStore | null} the last run's events, for downloads */
  #lastStore = null;

  /** @param {RunViews} views */
  constructor(views) {
    this.#views = views;
  }

  /**
   * Runs `once` after the run in progress (one at a time).
   * @template T
   * @param {() => Promise<T>} once
   * @returns {Promise<T>}
   */
  enqueue(once) {
    this.pending += 1;
    const next = this.#queue.then(once, once).finally(() => {
      this.pending -= 1;
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  /**
   * Runs a configuration, feeding the views while it goes.
   * @param {RunRequest} request
   * @returns {Promise<RunRecord>}
   */
  async execute({ runner, config, plan, model, isolation, fallbackReason, quietFallback }) {
    const views = this.#views;
    const program = config.code;
    const store = new EventStore();
    this.#lastStore = store;
    /** @type {RunRecord} */
    const record = {
      config,
      model,
      fallback: model !== config.model,
      status: 'running',
      wallMs: null,
      crossOriginIsolated: window.crossOriginIsolated,
      isolation,
      lineCount: 0,
      eventCount: 0,
    };
    if (program) record.code = program;
    if (fallbackReason) record.fallbackReason = fallbackReason;
    // The events as objects, made on first use: a flood's record stays small unless asked.
    let events = null;
    Object.defineProperty(record, 'events', { enumerable: true, get: () => (events ??= store.toArray()) });
    const runConfig = { ...config, model };
    this.running = true;
    views.log.clear();
    views.summary.replaceChildren();
    views.code.showError(null);
    views.timeline.reset(program ? { tasks: 1, threads: plan.poolSize, model } : runConfig);
    showStatus(
      views.status,
      program
        ? `Running your program under ${model}, its threads on ${runner.sharedMemory ? config.threads : 1} worker(s)…`
        : `Running ${config.tasks} task(s) under ${model} on ${config.threads} worker(s)…`,
    );
    /** @type {import('../transport/worker-rpc.js').RunListener} */
    const listener = {
      events(batch) {
        store.append(batch, performance.timeOrigin + performance.now());
        views.log.append(batch);
        views.timeline.add(batch);
        views.positions.learnNames(batch);
      },
      positions: (table) => views.positions.update(table),
    };
    try {
      const query = configToQuery(runConfig);
      const report = program
        ? await runner.runProgram(program, query, plan.poolSize, listener)
        : await runner.run(query, runConfig, listener);
      const status = report.error ? 'failed' : report.stopped ? 'stopped' : 'completed';
      Object.assign(record, report, { status });
      record.deliveryMs = store.deliveryMs(report.originMs);
      views.timeline.finish(report.wallMs);
      if (program) {
        showProgramSummary(views.summary, { ...report, config: runConfig });
        views.code.showError(report.error, program);
      } else {
        showSummary(views.summary, { ...report, config: runConfig });
      }
      // A stopped or failed run says so; the isolation line already tells why there is no
      // shared memory.
      const ended = report.error || report.stopped;
      const fallback = quietFallback ? undefined : fallbackReason;
      showStatus(views.status, ended ? doneText(report) : (fallback ?? doneText(report)));
    } catch (error) {
      Object.assign(record, { status: 'failed', error: String(error?.message ?? error) });
      views.timeline.finish(0);
      showStatus(views.status, `The run failed: ${record.error}`);
    } finally {
      this.running = false;
      views.positions.clear();
      record.lineCount = store.lineCount;
      record.eventCount = store.length;
      views.log.showLast(store);
    }
    return record;
  }

  /**
   * Saves the last run's printed lines as a file.
   * @param {'text' | 'csv'} format
   */
  async download(format) {
    if (!this.#lastStore) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await this.#lastStore.download(format));
    link.download = `threadplay-log.${format === 'csv' ? 'csv' : 'txt'}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}

/** @param {{ wallMs: number, stopped: boolean, error?: { message: string } }} report */
function doneText(report) {
  if (report.error) return `The program failed: ${report.error.message}`;
  if (report.stopped) return `Stopped after ${(report.wallMs / 1000).toFixed(2)} s; the lines so far are kept.`;
  return 'Done. Edit the settings (or the program) and run again.';
}
