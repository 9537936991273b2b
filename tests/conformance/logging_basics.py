# logging: the default level and format, basicConfig (only the first call counts, and a
# module-level call configures it first), loggers by name, levels, and records from threads.
import logging
import threading
import time

logging.info("not shown: the default level is WARNING")
logging.warning("shown with the default format")
logging.basicConfig(level=logging.DEBUG, format="%(levelname)-8s %(threadName)s: %(message)s")
logging.basicConfig(level=logging.ERROR)
logging.debug("debug %d of %s", 1, "two")
log = logging.getLogger("worker")
print(log is logging.getLogger("worker"), log.name)


def task(n):
    log.info("task %d starting", n)
    time.sleep(0.01 * n)
    log.info("task %d done", n)


threads = [threading.Thread(target=task, args=(i,), name=f"T{i}") for i in range(3)]
for t in threads:
    t.start()
    t.join()
log.setLevel(logging.WARNING)
log.info("hidden by the logger's level")
log.error("an error from %s", log.name)
logging.critical("root critical")
print(time.strftime("%Y") == time.strftime("%Y"), len(time.strftime("%H:%M:%S")))
