# LoggerAdapter: its extra fields in every record of its calls (in place of the call's own),
# and its logger's level methods.
import logging, sys, threading
logging.basicConfig(format="%(name)s %(connid)s %(threadName)s %(message)s", stream=sys.stdout, level=logging.DEBUG)
adapter = logging.LoggerAdapter(logging.getLogger("net"), {"connid": 7})
adapter.info("hello %s", "x")
adapter.debug("the adapter's extra wins", extra={"connid": 1})
adapter.log(logging.ERROR, "err %d", 3)
def work(n):
    logging.LoggerAdapter(logging.getLogger("net.worker"), {"connid": n}).warning("from a thread")
t = threading.Thread(target=work, args=(9,), name="W"); t.start(); t.join()
print(adapter.name, adapter.extra, adapter.logger.name, adapter.isEnabledFor(10), adapter.getEffectiveLevel())
print(adapter.process("m", {}))
adapter.setLevel(30); print(adapter.logger.level, adapter.hasHandlers())
adapter.info("now filtered")
try:
    1 / 0
except ZeroDivisionError:
    adapter.error("failed", exc_info=False)
