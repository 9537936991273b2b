// The closing lines, worded like the tutorials: "Finished in 1.00 second(s)", then the model's
// numbers and, in the race lab, the counter. The core works the figures out (`RunReport` in
// src/engine.rs); this only shows them.

import { groupedDigits } from './counts.js';

/**
 * @param {HTMLElement} element
 * @param {import('../app/runs.js').RunRecord} record
 */
export function showSummary(
  element,
  { finishedLine, sequentialMs, idealMs, parallelism, speedup, efficiency, counter, config },
) {
  const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const parts = [
    strong(finishedLine),
    span(`under ${config.model}`),
    span(`sequential ${seconds(sequentialMs)} (the tasks' own times added up)`),
    span(`ideal for this pool ${seconds(idealMs)}`),
    span(`speedup ${speedup.toFixed(2)}×`),
    span(`efficiency ${Math.round(efficiency * 100)}% of ${parallelism} at once`),
  ];
  if (counter) {
    const lost = counter.expected - counter.actual;
    const verdict = lost === 0 ? 'none lost' : `${groupedDigits(lost)} lost`;
    const line = strong(
      `Counter: expected ${groupedDigits(counter.expected)}, actual ${groupedDigits(counter.actual)}: ${verdict}`,
    );
    line.className = lost === 0 ? 'exact' : 'lost';
    parts.unshift(line);
  }
  element.replaceChildren(...parts);
}

/**
 * The closing lines of a program's run: its time, its threads, how it ran, and its error.
 * @param {HTMLElement} element
 * @param {import('../transport/pool-client.js').ProgramReport & { config: Record<string, any> }} report
 */
export function showProgramSummary(element, { wallMs, threads, lines, error, config }) {
  const parts = [
    strong(`Ran in ${(wallMs / 1000).toFixed(2)} second(s)`),
    span(`${threads} thread(s) started, ${groupedDigits(lines)} line(s) printed`),
    span(`under ${config.model} (${config.model === 'threads' ? 'no GIL: threads compute in parallel' : 'one GIL per process'})`),
    span(`${config.threads} worker(s) for its threads, one more for the main thread`),
  ];
  if (error) {
    const line = strong(`Line ${error.line}, column ${error.column}: ${error.message}`);
    line.className = 'lost';
    parts.unshift(line);
  }
  element.replaceChildren(...parts);
}

/**
 * @param {HTMLElement} element
 * @param {string} text
 */
export function showStatus(element, text) {
  element.textContent = text;
}

function strong(text) {
  const element = document.createElement('strong');
  element.textContent = text;
  return element;
}

function span(text) {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}
