# A logging call that cannot be written (arguments its message does not take, a format field
# the record has not) is reported on standard error, as CPython's handleError does, and the
# program goes on.
import logging
import sys
import threading

logging.basicConfig(format="%(threadName)s: %(message)s", level=logging.INFO)


def work(n):
    logging.info("value", n)


worker = threading.Thread(target=work, args=(5,))
worker.start()
worker.join()
logging.warning("%d items", "x")
logging.warning("fine %s", "now")
typo = logging.getLogger("typo")
to_stdout = logging.StreamHandler(sys.stdout)
to_stdout.setFormatter(logging.Formatter("%(threadname)s %(message)s"))
typo.addHandler(to_stdout)
typo.propagate = False
typo.error("a field the record has not")
print("still running")
