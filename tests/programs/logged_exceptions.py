# Workers log the exceptions they handle, with their tracebacks, as tutorials' workers do.
import logging
import threading

logging.basicConfig(level=logging.INFO, format="%(levelname)s [%(threadName)s] %(message)s")
log = logging.getLogger("jobs")


def parse(job):
    return int(job)


def work(jobs):
    for job in jobs:
        try:
            log.info("job %s gives %d", job, parse(job))
        except ValueError:
            log.exception("job %r failed", job)


def lookup(prices, item):
    try:
        return prices[item]
    except KeyError as missing:
        raise LookupError(f"no price for {item}") from missing


for name, jobs in [("first", ["1", "x"]), ("second", ["2.5"])]:
    worker = threading.Thread(target=work, args=(jobs,), name=name)
    worker.start()
    worker.join()

try:
    lookup({"tea": 2}, "coffee")
except LookupError:
    logging.error("the order stopped", exc_info=True)
    logging.warning("without its traceback", exc_info=False)
    logging.exception("logged by the module")

log.error("nothing is being handled", exc_info=True)
log.info("done")
