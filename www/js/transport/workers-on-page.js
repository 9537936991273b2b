// The coordinator's pool workers are started by the page, not by the coordinator.
//
// Firefox ESR hangs now and then in `new Worker` called inside a worker: the call never returns
// (one start in 20 to 60 here, more on a busy machine, with or without wasm; the page's own
// `new Worker` never did in the same runs). wasm-bindgen-rayon starts the pool with
// `new Worker` wherever `initThreadPool` runs, so inside the coordinator `Worker` becomes a
// stand-in: it asks the page to start the real worker (`threadplay:spawn { url, options, port }`)
// and the two talk over a MessageChannel, relayed by the page. The stand-in has what
// wasm-bindgen-rayon uses: `postMessage` and message listeners.

const SPAWN = 'threadplay:spawn';

/** Inside a worker: from now on, `new Worker(url, options)` starts the worker on the page. */
export function startWorkersOnPage() {
  self.Worker = /** @type {any} */ (WorkerOnPage);
}

class WorkerOnPage extends EventTarget {
  #port;

  /**
   * @param {string | URL} url
   * @param {WorkerOptions} [options]
   */
  constructor(url, options) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    port1.onmessage = ({ data }) => {
      if ('error' in data) {
        // As an uncaught error in a nested worker would: it reaches this worker's global scope.
        self.dispatchEvent(new ErrorEvent('error', { message: data.error }));
      } else {
        this.dispatchEvent(new MessageEvent('message', { data: data.message }));
      }
    };
    postMessage({ type: SPAWN, url: String(url), options, port: port2 }, [port2]);
  }

  /** @param {unknown} message */
  postMessage(message) {
    this.#port.postMessage(message);
  }
}

/**
 * On the page: starts the worker a `threadplay:spawn` message asks for and relays between it
 * and the asking worker.
 * @param {any} data a message from a worker
 * @returns {Worker | null} the worker started, or null if `data` asks for none
 */
export function startRequestedWorker(data) {
  if (data?.type !== SPAWN) return null;
  const { url, options, port } = data;
  const worker = new Worker(url, options);
  worker.addEventListener('message', ({ data: message }) => port.postMessage({ message }));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    port.postMessage({ error: event.message || 'a pool worker crashed' });
  });
  port.onmessage = ({ data: message }) => worker.postMessage(message);
  return worker;
}
