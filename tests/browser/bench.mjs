// The benchmark (`./build.sh bench`): threadplay in headless Chromium against the real server,
// beside native Rust and the machine's python3, in one run. Every figure is the median of
// RUNS measurements after a warm-up. Writes target/bench/results.json and prints a Markdown
// table. Not a test: nothing here passes or fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser, runWatchingLongTasks, startServer } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${ROOT}target/release/threadplay`;
const RUNS = 5;
const CORES = cpus().length;
/** The CPU-bound scenario: one task per core, 4 × 100 ms of computation each. */
const CPU_BOUND = { tasks: CORES, iterations: 4, cpu_ms: 100, work: 'cpu' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Calls `measure` once to warm up, then RUNS times; returns the median. */
async function medianOf(measure) {
  await measure();
  const values = [];
  for (let i = 0; i < RUNS; i++) values.push(await measure());
  return median(values);
}

const server = await startServer();
const browser = await launchBrowser();
const results = { date: new Date().toISOString().slice(0, 10), machine: machine(), runs: RUNS };

try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.threadplay?.config);
  const runInPage = (config) =>
    page.evaluate(async (config) => {
      window.threadplay.config = { ...config };
      const record = await window.threadplay.run();
      if (record.status !== 'completed') throw new Error(record.error);
      return { wallMs: record.wallMs, lineCount: record.lineCount, deliveryMs: record.deliveryMs };
    }, config);

  const oneThread = await medianOf(async () => (await runInPage({ ...CPU_BOUND, threads: 1 })).wallMs);
  const allThreads = await medianOf(async () => (await runInPage({ ...CPU_BOUND, threads: CORES })).wallMs);
  results.cpu_speedup = { value: oneThread / allThreads, threads: CORES, goal: 0.92 * CORES };

  results.python_threads_speedup = { value: pythonSpeedup('threads') };
  results.python_processes_speedup = { value: pythonSpeedup('processes') };

  const doSomething = { preset: 'do-something', tasks: 2, threads: 2 };
  results.sleep_overhead_ms = {
    browser: (await medianOf(async () => (await runInPage(doSomething)).wallMs)) - 1000,
    native: (await medianOf(async () => nativeWallMs(['--preset', 'do-something']))) - 1000,
    python: (await medianOf(async () => pythonWallMs(['--preset', 'do-something']))) - 1000,
    goal: 2,
  };

  const wasmStepsPerMs = await page.evaluate(async () => (await window.threadplay.stats()).stepsPerMs);
  const nativeStepsPerMs = Number(execFileSync(CLI, ['calibrate'], { encoding: 'utf8' }));
  results.wasm_vs_native = { value: nativeStepsPerMs / wasmStepsPerMs, wasmStepsPerMs, nativeStepsPerMs };

  // A program's own figures: the tutorial's second example as written, and the interpreter's
  // speed on a CPU loop beside python3's, alone and on two threads with and without the GIL.
  const runProgram = (code, settings = {}) =>
    page.evaluate(
      async ([code, settings]) => {
        window.threadplay.config = { ...window.threadplay.config, ...settings, code };
        const record = await window.threadplay.run();
        if (record.status !== 'completed') throw new Error(JSON.stringify(record.error));
        return { wallMs: record.wallMs, printed: record.events.filter((e) => e.kind === 'line').map((e) => e.text) };
      },
      [code, settings],
    );
  const doSomethingProgram = readFileSync(`${ROOT}tests/programs/do_something.py`, 'utf8');
  results.program_sleep_overhead_ms = {
    browser: (await medianOf(async () => (await runProgram(doSomethingProgram, { model: 'gil' })).wallMs)) - 1000,
    native: (await medianOf(async () => nativeProgram(doSomethingProgram).wallMs)) - 1000,
  };
  const loopSeconds = (printed) => Number(printed.at(-1));
  const cpuLoop = cpuLoopProgram(1);
  const pythonLoop = await medianOf(async () => loopSeconds(execFileSync('python3', ['-c', cpuLoop], { encoding: 'utf8' }).trim().split('\n')));
  const browserLoop = await medianOf(async () => loopSeconds((await runProgram(cpuLoop, { model: 'gil' })).printed));
  const nativeLoop = await medianOf(async () => loopSeconds(nativeProgram(cpuLoop).printed));
  results.interpreter_vs_python = { browser: browserLoop / pythonLoop, native: nativeLoop / pythonLoop, pythonSeconds: pythonLoop };
  const twoThreads = async (model) => {
    const settings = { model, threads: 2 };
    const one = await medianOf(async () => loopSeconds((await runProgram(cpuLoopProgram(1), settings)).printed));
    const two = await medianOf(async () => loopSeconds((await runProgram(cpuLoopProgram(2), settings)).printed));
    return (2 * one) / two;
  };
  results.program_cpu_speedup = { threads: await twoThreads('threads'), gil: await twoThreads('gil') };

  const spread = { tasks: 4, iterations: 50, sleep_ms: 20, threads: 4 };
  const latencies = [];
  await runInPage(spread);
  for (let i = 0; i < RUNS; i++) latencies.push((await runInPage(spread)).deliveryMs);
  results.event_latency_ms = {
    p50: median(latencies.map((latency) => latency.p50)),
    p95: median(latencies.map((latency) => latency.p95)),
  };
  // The flood and start-up figures want the browser to themselves.
  await page.close();

  results.startup_ms = { cold: await medianOf(() => startupMs('cold')), warm: await medianOf(() => startupMs('warm')) };
  results.wasm_bytes = wasmBytes();
  Object.assign(results, await flood());
} finally {
  await browser.close();
  server.stop();
}

mkdirSync(`${ROOT}target/bench`, { recursive: true });
writeFileSync(`${ROOT}target/bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(table(results));

/** 1-thread wall over `threads`-thread wall of the CPU-bound scenario in Python. */
function pythonSpeedup(model) {
  const args = ['--model', model, '--work', 'cpu', '--cpu-ms', '100', '--iterations', '4', '--tasks', String(CORES)];
  const one = median(Array.from({ length: RUNS }, () => pythonWallMs([...args, '--threads', '1'])));
  const all = median(Array.from({ length: RUNS }, () => pythonWallMs([...args, '--threads', String(CORES)])));
  return one / all;
}

/** Runs the Python that `threadplay code` writes for these settings; returns its own timing. */
function pythonWallMs(args) {
  const program = execFileSync(CLI, ['code', ...args], { encoding: 'utf8' })
    // The listing rounds to centiseconds, as the tutorial does; the benchmark needs more.
    .replace('round(finish-start,2)', 'round((finish-start)*1000,3)');
  const output = execFileSync('python3', ['-c', program], { encoding: 'utf8' });
  return Number(output.match(/Finished in ([\d.]+) second/)[1]);
}

/**
 * A Python program whose threads each run 500,000 turns of the generated code's CPU loop; it
 * prints the seconds that took (after one turn alone, to warm up).
 */
function cpuLoopProgram(threads) {
  return [
    'import threading, time',
    'def work():',
    '    x = 0',
    '    for _ in range(500000):',
    '        x = (x * 1103515245 + 12345) & 0x7FFFFFFF',
    'work()',
    'start = time.perf_counter()',
    `threads = [threading.Thread(target=work) for _ in range(${threads})]`,
    'for t in threads:',
    '    t.start()',
    'for t in threads:',
    '    t.join()',
    'print(time.perf_counter() - start)',
  ].join('\n');
}

/** Runs a Python program with the native CLI: its wall time and printed lines. */
function nativeProgram(code) {
  const record = JSON.parse(
    execFileSync(CLI, ['run', '--json', '--model', 'gil', '--file', '-'], { input: code, encoding: 'utf8' }),
  );
  return { wallMs: record.report.wallMs, printed: record.events.filter((e) => e.kind === 'line').map((e) => e.text) };
}

function nativeWallMs(args) {
  const record = JSON.parse(execFileSync(CLI, ['run', '--json', ...args], { encoding: 'utf8' }));
  return record.report.wallMs;
}

/** From navigation to a pool ready to run (`window.threadplay` appears), with or without cache. */
async function startupMs(cache) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (cache === 'warm') {
    await page.goto(server.url);
    await page.waitForFunction(() => window.threadplay?.config);
  }
  await page.goto(server.url);
  const ms = await page.evaluate(async () => {
    while (!window.threadplay?.config) await new Promise((resolve) => setTimeout(resolve, 1));
    return performance.now();
  });
  await context.close();
  return ms;
}

function wasmBytes() {
  const sizes = (path) => {
    const bytes = readFileSync(`${ROOT}www/${path}`);
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  return { threads: sizes('pkg/threadplay_bg.wasm'), isolated: sizes('pkg-isolated/threadplay_bg.wasm') };
}

/** The largest run: lines delivered per second, and the longest main-thread task meanwhile. */
async function flood() {
  const page = await browser.newPage();
  await page.goto(`${server.url}?tasks=256&iterations=10000&sleep_ms=0&threads=${CORES}`);
  await page.waitForFunction(() => window.threadplay?.config);
  const measure = async () => {
    const run = await runWatchingLongTasks(page);
    return { perSecond: run.lineCount / (run.pageMs / 1000), longest: run.longestTaskMs };
  };
  await measure();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure());
  await page.close();
  return {
    events_per_s: { value: median(runs.map((run) => run.perSecond)) },
    // 0 means none long enough for the Long Tasks API (50 ms).
    longest_main_thread_task_ms: {
      value: median(runs.map((run) => run.longest)),
      worst: Math.max(...runs.map((run) => run.longest)),
    },
  };
}

function machine() {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const chromium = execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  const python = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
  return `${CORES} cores (${model}), ${chromium}, ${python}`;
}

function table(r) {
  const n = (value, digits = 2) => value.toFixed(digits);
  const longTask = (ms) => (ms === 0 ? 'none ≥ 50' : n(ms, 0));
  const rows = [
    ['cpu_speedup', `${n(r.cpu_speedup.value)}× on ${r.cpu_speedup.threads} threads`, `≥ ${n(r.cpu_speedup.goal)}×`],
    ['python_threads_speedup', `${n(r.python_threads_speedup.value)}×`, 'for comparison'],
    ['python_processes_speedup', `${n(r.python_processes_speedup.value)}×`, 'for comparison'],
    [
      'sleep_overhead_ms',
      `browser ${n(r.sleep_overhead_ms.browser)}, native ${n(r.sleep_overhead_ms.native)}, python ${n(r.sleep_overhead_ms.python)}`,
      '≤ 2 ms',
    ],
    ['wasm_vs_native', `${n(r.wasm_vs_native.value)}× native time`, 'lower is better'],
    [
      'program_sleep_overhead_ms',
      `browser ${n(r.program_sleep_overhead_ms.browser)}, native ${n(r.program_sleep_overhead_ms.native)}`,
      '≤ 2 ms',
    ],
    [
      'interpreter_vs_python',
      `browser ${n(r.interpreter_vs_python.browser)}×, native ${n(r.interpreter_vs_python.native)}× python3's time ` +
        `(python3 ${n(r.interpreter_vs_python.pythonSeconds, 3)} s)`,
      'lower is better',
    ],
    [
      'program_cpu_speedup',
      `2 threads: ${n(r.program_cpu_speedup.threads)}× without the GIL, ${n(r.program_cpu_speedup.gil)}× with it`,
      '',
    ],
    ['startup_ms', `cold ${n(r.startup_ms.cold, 0)}, warm ${n(r.startup_ms.warm, 0)}`, ''],
    [
      'wasm_bytes',
      `threads ${r.wasm_bytes.threads.raw} (gzip ${r.wasm_bytes.threads.gzip}), ` +
        `isolated ${r.wasm_bytes.isolated.raw} (gzip ${r.wasm_bytes.isolated.gzip})`,
      '',
    ],
    ['events_per_s', n(r.events_per_s.value, 0), ''],
    ['event_latency_ms', `p50 ${n(r.event_latency_ms.p50)}, p95 ${n(r.event_latency_ms.p95)}`, ''],
    [
      'longest_main_thread_task_ms',
      `${longTask(r.longest_main_thread_task_ms.value)} (worst run: ${longTask(r.longest_main_thread_task_ms.worst)})`,
      '< 100',
    ],
  ];
  return [
    `Benchmark of ${r.date} on ${r.machine}; medians of ${r.runs} runs after a warm-up.`,
    '',
    '| figure | value | goal |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
