// Getting cross-origin isolation on hosts that cannot send headers: the static build's
// service worker adds them (see sw.js). The first visit registers it and reloads once, so the
// worker controls the page; if the page is still not isolated after that, it runs without
// shared memory.
import { STATIC_BUILD } from './deployment.js';

const RELOADED = 'threadplay:reloaded-for-isolation';

/**
 * Resolves once the page can start: isolated, or as isolated as it will get. May reload the
 * page instead of resolving. Never rejects, and never waits for a service worker that failed:
 * the page then runs without isolation.
 * @returns {Promise<string | null>} why the service worker could not isolate the page, if it failed
 */
export async function settleIsolation() {
  if (!STATIC_BUILD || !('serviceWorker' in navigator)) return null;
  const url = new URL('../../sw.js', import.meta.url);
  let registration;
  try {
    registration = await navigator.serviceWorker.register(url, { scope: new URL('../', url).pathname });
  } catch (error) {
    // A private window may refuse service workers.
    return `its service worker, which isolates it on this host, could not be registered (${error?.message ?? error})`;
  }
  if (window.crossOriginIsolated || sessionStorage.getItem(RELOADED)) return null;
  // Once the worker is active, a reload is a navigation it controls, with the headers added.
  if (!(await activated(registration))) return 'its service worker, which isolates it on this host, failed to install';
  sessionStorage.setItem(RELOADED, '1');
  window.location.reload();
  await new Promise(() => {});
}

/**
 * Whether the registration's newest worker becomes active; false if it fails to install (a
 * file of the build missing), where `navigator.serviceWorker.ready` would wait forever.
 * @param {ServiceWorkerRegistration} registration
 * @returns {Promise<boolean>}
 */
function activated(registration) {
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  return new Promise((resolve) => {
    if (!worker) {
      resolve(false);
      return;
    }
    const check = () => {
      if (worker.state === 'activated') resolve(true);
      else if (worker.state === 'redundant') resolve(false);
    };
    worker.addEventListener('statechange', check);
    check();
  });
}

/**
 * Why this page cannot share memory with its workers, or null if it can. Isolation alone is not
 * enough: WebKit is isolated but has no SharedArrayBuffer unless it is switched on, and shared
 * memory is no use if the browser cannot send it to a worker.
 * @param {string | null} [isolationFailed] why the service worker could not isolate the page
 * @returns {string | null} a clause that completes "This page has no shared memory because …"
 */
export function sharedMemoryProblem(isolationFailed = null) {
  if (!window.crossOriginIsolated) {
    return isolationFailed ?? 'it is not cross-origin isolated, as an embed on a page without isolation is not';
  }
  if (typeof SharedArrayBuffer !== 'function') return 'this browser has no SharedArrayBuffer';
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }));
  } catch (error) {
    return `this browser cannot send shared WebAssembly memory to a worker: ${error?.message ?? error}`;
  } finally {
    port1.close();
    port2.close();
  }
  return null;
}
