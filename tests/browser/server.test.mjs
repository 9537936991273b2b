// `threadplay serve`: isolation headers on every response, right MIME types, nothing outside www/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from './harness.mjs';

let server;
/** A site with symlinks that lead out of it, and one that stays inside. */
let trap;
let trapServer;
before(async () => {
  server = await startServer();
  trap = mkdtempSync(join(tmpdir(), 'threadplay-site-'));
  const site = join(trap, 'site');
  mkdirSync(join(site, 'pkg'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>site</title>');
  writeFileSync(join(site, 'pkg', 'threadplay.js'), 'export {};');
  writeFileSync(join(trap, 'secret.txt'), 'not for the web');
  symlinkSync(join(trap, 'secret.txt'), join(site, 'leak.txt'));
  symlinkSync('/etc', join(site, 'etc'));
  symlinkSync(join(site, 'index.html'), join(site, 'home.html'));
  trapServer = await startServer(site);
});
after(() => {
  server?.stop();
  trapServer?.stop();
  if (trap) rmSync(trap, { recursive: true, force: true });
});

/** A raw request, so the path reaches the server exactly as written (no `..` clean-up). */
function get(path, method = 'GET', target = server) {
  const { hostname, port } = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A file's bytes as sent to a browser that accepts `encodings`, with the response. */
function download(path, encodings) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: { 'accept-encoding': encodings } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
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
    '/js/app/main.js': 'text/javascript',
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
    // Pages are fetched afresh (Firefox would block a page it cached under another host);
    // files named without the site's version are revalidated, so a rebuild shows.
    assert.equal(res.headers['cache-control'], type === 'text/html' ? 'no-store' : 'no-cache', path);
  }
});

test('pages name their files under the site version, kept for good until any file changes', async () => {
  const site = join(trap, 'edited');
  mkdirSync(join(site, 'sub'), { recursive: true });
  mkdirSync(join(site, 'pkg'));
  writeFileSync(join(site, 'pkg', 'threadplay.js'), 'export {};');
  writeFileSync(join(site, 'app.js'), 'export const version = 1;');
  writeFileSync(join(site, 'sub', 'more.js'), 'export {};');
  writeFileSync(
    join(site, 'index.html'),
    '<script type="module" src="app.js"></script> <a href="https://example.org/app.js">out</a> ' +
      '<a href="?preset=x">link</a> <script src="missing.js"></script> <link href="../app.js">',
  );
  writeFileSync(join(site, 'sub', 'page.html'), '<script type="module" src="more.js"></script>');
  const edited = await startServer(site);
  try {
    const page = async (path) => (await fetch(new URL(path, edited.url))).text();
    const first = await page('/');
    const [, version] = first.match(/src="v\/([0-9a-f]{16})\/app\.js"/) ?? assert.fail(first);
    // Only the relative paths of files in the site change.
    assert.equal(
      first,
      `<script type="module" src="v/${version}/app.js"></script> <a href="https://example.org/app.js">out</a> ` +
        '<a href="?preset=x">link</a> <script src="missing.js"></script> <link href="../app.js">',
    );
    assert.equal(await page('/sub/page.html'), `<script type="module" src="../v/${version}/sub/more.js"></script>`);

    const kept = await fetch(new URL(`v/${version}/app.js`, edited.url));
    assert.equal(kept.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(kept.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.equal(await kept.text(), 'export const version = 1;');

    writeFileSync(join(site, 'app.js'), 'export const version = 22;');
    const [, next] = (await page('/')).match(/src="v\/([0-9a-f]{16})\/app\.js"/);
    assert.notEqual(next, version);
    // The old version's URL answers with the file as it is now, revalidated.
    const stale = await fetch(new URL(`v/${version}/app.js`, edited.url));
    assert.equal(stale.headers.get('cache-control'), 'no-cache');
    assert.equal(await stale.text(), 'export const version = 22;');
    assert.equal((await fetch(new URL(`v/${next}/../../index.html`, edited.url))).status, 200);
    assert.equal((await get(`/v/${next}/../../../secret.txt`, 'GET', edited)).statusCode, 404);
  } finally {
    edited.stop();
  }
});

test('paths that climb out of the site folder are not served', async () => {
  const spellings = [
    '/../Cargo.toml',
    '/%2e%2e/Cargo.toml',
    '/%2E%2E/%2E%2E/Cargo.toml',
    '/js/..%2f..%2fCargo.toml',
    '/..%5c..%5cCargo.toml',
    '/js\\..\\..\\Cargo.toml',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/.%2e/.%2e/Cargo.toml',
    '/js/%252e%252e/Cargo.toml',
  ];
  for (const path of spellings) {
    const res = await get(path);
    assert.ok([400, 404].includes(res.statusCode), `${path} answered ${res.statusCode}`);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', `${path} error headers`);
  }
});

test('symlinks that lead out of the site folder are not followed; ones inside are', async () => {
  for (const path of ['/leak.txt', '/etc/passwd', '/etc/hostname']) {
    const res = await get(path, 'GET', trapServer);
    assert.equal(res.statusCode, 404, path);
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', `${path} error headers`);
  }
  assert.equal((await get('/home.html', 'GET', trapServer)).statusCode, 200);
});

test('only GET and HEAD are allowed', async () => {
  assert.equal((await get('/', 'HEAD')).statusCode, 200);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const res = await get('/', method);
    assert.equal(res.statusCode, 405, method);
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', method);
  }
});

test('the module goes out compressed to browsers that accept brotli or gzip, and whole to others', async () => {
  const plain = await download('/pkg/threadplay_bg.wasm', 'identity');
  assert.equal(plain.res.headers['content-encoding'], undefined);
  assert.equal(plain.res.headers['content-type'], 'application/wasm');
  const brotli = await download('/pkg/threadplay_bg.wasm', 'gzip, deflate, br, zstd');
  assert.equal(brotli.res.headers['content-encoding'], 'br');
  assert.equal(brotli.res.headers['content-type'], 'application/wasm');
  assert.match(brotli.res.headers.vary, /accept-encoding/i);
  assert.equal(brotli.res.headers['cross-origin-embedder-policy'], 'require-corp');
  assert.ok(brotli.body.length < plain.body.length / 3, `${brotli.body.length} of ${plain.body.length} bytes`);
  assert.ok(brotliDecompressSync(brotli.body).equals(plain.body));
  const gzip = await download('/pkg/threadplay_bg.wasm', 'gzip');
  assert.equal(gzip.res.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gzip.body).equals(plain.body));
});
