// A bounded load test on loopback: 50 connections requesting the site's files for 10 s. Every
// answer must be a 200 with the isolation headers; the rate is reported, not asserted.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, test } from 'node:test';
import { startServer } from './harness.mjs';

const CONNECTIONS = 50;
const DURATION_MS = 10_000;
const PATHS = ['/', '/js/app/main.js', '/style.css', '/pkg/threadplay.js', '/favicon.svg'];

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

test(`${CONNECTIONS} connections for ${DURATION_MS / 1000} s: no errors`, async (t) => {
  const { hostname, port } = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const until = Date.now() + DURATION_MS;
  const tally = { ok: 0, failed: [] };
  const fetchOnce = (path) =>
    new Promise((resolve) => {
      const req = request({ hostname, port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          const isolated = res.headers['cross-origin-embedder-policy'] === 'require-corp';
          if (res.statusCode === 200 && isolated) tally.ok += 1;
          else tally.failed.push(`${path}: ${res.statusCode}`);
          resolve();
        });
      });
      req.on('error', (error) => {
        tally.failed.push(`${path}: ${error.message}`);
        resolve();
      });
      req.end();
    });
  const connection = async (index) => {
    for (let i = index; Date.now() < until; i++) await fetchOnce(PATHS[i % PATHS.length]);
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, index) => connection(index)));
  agent.destroy();
  t.diagnostic(`${tally.ok} responses, ${Math.round(tally.ok / (DURATION_MS / 1000))} per second`);
  assert.deepEqual(tally.failed.slice(0, 5), []);
  assert.ok(tally.ok > 1000, `only ${tally.ok} responses`);
});
