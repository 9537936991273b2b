// `threadplay serve`: isolation headers on every response, right MIME types, nothing outside www/.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

/** A raw request, so the path reaches the server exactly as written (no `..` clean-up). */
function get(path, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  });
}

const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'document-isolation-policy': 'isolate-and-require-corp',
};

test('it listens on loopback', () => {
  assert.equal(new URL(server.url).hostname, '127.0.0.1');
});

test('pages, scripts and the module have their MIME types and the isolation headers', async () => {
  const expected = {
    '/': 'text/html',
    '/js/main.js': 'text/javascript',
    '/pkg/threadplay.js': 'text/javascript',
    '/pkg/threadplay_bg.wasm': 'application/wasm',
    '/style.css': 'text/css',
  };
  for (const [path, type] of Object.entries(expected)) {
    const res = await get(path);
    assert.equal(res.statusCode, 200, path);
    assert.ok(res.headers['content-type'].startsWith(type), `${path}: ${res.headers['content-type']}`);
    for (const [name, value] of Object.entries(ISOLATION)) assert.equal(res.headers[name], value, `${path} ${name}`);
    // Pages may be framed by isolated hosts; the files they load stay their own.
    const resourcePolicy = type === 'text/html' ? 'cross-origin' : 'same-origin';
    assert.equal(res.headers['cross-origin-resource-policy'], resourcePolicy, path);
  }
});

test('paths that climb out of the site folder are not served', async () => {
  for (const path of ['/../Cargo.toml', '/%2e%2e/Cargo.toml', '/js/..%2f..%2fCargo.toml', '/..%5c..%5cCargo.toml', '//etc/passwd']) {
    const res = await get(path);
    assert.ok([400, 404].includes(res.statusCode), `${path} answered ${res.statusCode}`);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', `${path} error headers`);
  }
});

test('only GET and HEAD are allowed', async () => {
  assert.equal((await get('/', 'HEAD')).statusCode, 200);
  const post = await get('/', 'POST');
  assert.equal(post.statusCode, 405);
  assert.equal(post.headers['cross-origin-opener-policy'], 'same-origin');
});
