// How busy the rest of the machine was while a test measured time. On a shared 2-core machine
// another process taking a core stretches every main-thread task and halves any speedup; the
// tests measure that load (Linux's /proc) and, when it was there, skip the tight bound and say
// so instead of failing on a time the page did not cause.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { IN_WEBKIT } from './browsers.mjs';

/**
 * Other processes using this much of a core on average make a timing bound meaningless: two
 * threads measured 2.25× one thread's time beside 0.49 cores of other work, on 2 cores.
 */
export const BUSY_CORES = 0.25;

/** Jiffies the machine's CPUs spent busy and in all, summed over its cores. */
function machineJiffies() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/**
 * Jiffies used by this process and everything it started (the server, the browser and its
 * helpers), including children they have already reaped.
 */
function ourJiffies() {
  const parents = new Map();
  const used = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // Ended while we looked.
    }
    // The command name, in parentheses, may hold spaces: the fields start after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(name), Number(fields[1]));
    // utime, stime, cutime, cstime (fields 14-17 of proc(5)).
    used.set(Number(name), fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0));
  }
  const ours = (pid) => {
    for (let at = pid; at > 1; at = parents.get(at) ?? 0) if (at === process.pid) return true;
    return false;
  };
  let sum = 0;
  for (const [pid, jiffies] of used) if (ours(pid)) sum += jiffies;
  return sum;
}

/**
 * Runs `work` and measures the cores other processes used meanwhile, on average: 0 on a machine
 * left to the test, 1 when another process kept one core busy. A process that ended during the
 * run counts as other, so the measure errs towards "busy".
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<{ value: T, otherCores: number }>}
 */
export async function measuringOtherLoad(work) {
  const machine = machineJiffies();
  const ours = ourJiffies();
  const value = await work();
  const machineAfter = machineJiffies();
  const others = machineAfter.busy - machine.busy - (ourJiffies() - ours);
  const elapsed = (machineAfter.total - machine.total) / availableParallelism();
  return { value, otherCores: elapsed > 0 ? Math.max(0, others / elapsed) : 0 };
}

/**
 * Checks a timing bound that holds on a machine left to the test: it holds, or else other
 * processes were busy meanwhile, and the test's output says that the bound was skipped.
 * @param {import('node:test').TestContext} t
 * @param {boolean} holds the bound
 * @param {number} otherCores from `measuringOtherLoad`
 * @param {string} message what was measured
 */
export function assertTimingBound(t, holds, otherCores, message) {
  if (holds) return;
  const load = `other processes used ${otherCores.toFixed(2)} cores meanwhile`;
  assert.ok(otherCores >= BUSY_CORES, `${message} (${load})`);
  t.diagnostic(`skipped a timing bound: ${message}; ${load}`);
}

/**
 * Checks a speedup that needs both cores for the run's workers. WebKit under Xvfb composites
 * the page with Mesa's software OpenGL: while a program computed, that and the page's main
 * thread took half a core (README: Browsers), so two workers often shared one core. There the
 * speedup is reported, never bounded.
 * @param {import('node:test').TestContext} t
 * @param {boolean} holds the bound
 * @param {number} otherCores from `measuringOtherLoad`
 * @param {string} message what was measured
 */
export function assertParallelSpeedup(t, holds, otherCores, message) {
  if (IN_WEBKIT) t.diagnostic(`not bounded in WebKit: ${message}`);
  else assertTimingBound(t, holds, otherCores, message);
}
