# Loggers with handlers and formatters, as a threaded service configures them.
import logging
import sys
import threading
import time

log = logging.getLogger("service")
log.setLevel(logging.DEBUG)
console = logging.StreamHandler(sys.stdout)
console.setLevel(logging.INFO)
console.setFormatter(logging.Formatter("%(threadName)s | %(levelname)-8s | %(name)s | %(message)s"))
log.addHandler(console)
print(len(log.handlers), log.propagate, console.level, log.hasHandlers())


def worker(number):
    time.sleep(0.05 * number)
    log.debug("worker %d debug (not shown on the console)", number)
    log.info("worker %d started", number)
    child = logging.getLogger(f"service.worker{number}")
    child.warning("worker %d warns through its parent's handler", number)


threads = [threading.Thread(target=worker, args=(n,), name=f"W{n}") for n in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

audit = logging.FileHandler("audit.log", mode="w")
audit.setFormatter(logging.Formatter("{levelname}:{message}", style="{"))
log.addHandler(audit)
log.error("written to the console and the file")
log.removeHandler(audit)
audit.close()
log.error("console only")
with open("audit.log") as written:
    print(written.read(), end="")

errors = logging.StreamHandler(sys.stdout)
errors.setFormatter(logging.Formatter("root saw: %(message)s"))
logging.getLogger().addHandler(errors)
log.warning("propagates to the root's handler too")
log.propagate = False
log.warning("stays with its own handler")
print(logging.getLevelName(logging.WARNING), logging.getLevelName(10), logging.getLevelName(15))

bare = logging.getLogger("bare")
bare.propagate = False
bare.warning("no handler anywhere: the last resort prints to stderr")
bare.info("and not this")
quiet = logging.StreamHandler(sys.stdout)
quiet.setLevel(logging.CRITICAL)
bare.addHandler(quiet)
bare.error("filtered by the handler's level")
bare.critical("passes the handler's level")
print(console.formatter is not None, quiet.formatter)
