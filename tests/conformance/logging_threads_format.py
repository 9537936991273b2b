# logging from threads: the thread name in each record, levels filtered.
import logging
import threading

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(levelname)s: %(message)s")
log = logging.getLogger("app")

def task(n):
    log.debug("hidden %d", n)
    log.info("working on %d", n)
    if n == 2:
        log.warning("slow item %d", n)

threads = [threading.Thread(target=task, args=(n,), name=f"Worker-{n}") for n in range(3)]
for t in threads:
    t.start()
    t.join()
log.error("done with %s items", len(threads))
