// The static build's service worker, for hosts that cannot send headers (GitHub Pages and
// most static hosts): it adds the cross-origin isolation headers to every same-origin
// response, which gives the page SharedArrayBuffer and real threads once it controls the page,
// and it keeps a copy of the build so the page works offline after the first visit.
//
// Network first, so a new deployment is picked up at once; the cache answers when the network
// cannot. The pattern is the well-known "COI service worker", written for this site.

const CACHE = 'threadplay';
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Document-Isolation-Policy': 'isolate-and-require-corp',
};

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request).then(withIsolationHeaders));
});

/** Caches every file of the build, listed by `./build.sh dist` in precache.json. */
async function precache() {
  const files = await fetch('precache.json').then((response) => response.json());
  const cache = await caches.open(CACHE);
  await cache.addAll(files);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    // A page may be opened with any query: its settings live there, the file is the same.
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    throw offline;
  }
}

function withIsolationHeaders(response) {
  if (response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
