// Getting cross-origin isolation on hosts that cannot send headers: the static build's
// service worker adds them (see sw.js). The first visit registers it and reloads once, so the
// worker controls the page; if the page is still not isolated after that, it runs without
// shared memory.
import { STATIC_BUILD } from './deployment.js';

const RELOADED = 'threadplay:reloaded-for-isolation';

/**
 * Resolves once the page can start: isolated, or as isolated as it will get. May reload the
 * page instead of resolving.
 * @returns {Promise<void>}
 */
export async function settleIsolation() {
  if (!STATIC_BUILD || !('serviceWorker' in navigator)) return;
  const url = new URL('../../sw.js', import.meta.url);
  await navigator.serviceWorker.register(url, { scope: new URL('../', url).pathname });
  if (window.crossOriginIsolated || sessionStorage.getItem(RELOADED)) return;
  // Once the worker is active, a reload is a navigation it controls, with the headers added.
  await navigator.serviceWorker.ready;
  sessionStorage.setItem(RELOADED, '1');
  window.location.reload();
  await new Promise(() => {});
}

/**
 * Why this page cannot share memory with its workers, or null if it can. Isolation alone is not
 * enough: WebKit is isolated but has no SharedArrayBuffer unless it is switched on, and shared
 * memory is no use if the browser cannot send it to a worker.
 * @returns {string | null} a clause that completes "This page has no shared memory because …"
 */
export function sharedMemoryProblem() {
  if (!window.crossOriginIsolated) {
    return 'it is not cross-origin isolated, as an embed on a page without isolation is not';
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
