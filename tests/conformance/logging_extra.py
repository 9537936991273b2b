# A logging call's extra= fields, which a format names like its own; what extra= may not
# overwrite; keywords checked only when the level lets the call through.
import logging, sys, threading
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s [%(user)s]", stream=sys.stdout)
log = logging.getLogger("app")
log.info("extra %s", "x", extra={"user": "ann"})
log.info("no extra field", extra={"user": "bob", "other": 1}, stacklevel=2, stack_info=False)
log.debug("filtered, so unchecked", bogus=1)
for bad in ("message", "asctime", "name", "levelno", "msg", "args", "threadName"):
    try:
        log.warning("x", extra={bad: 1})
    except KeyError as e:
        print(repr(e))
try:
    log.warning("x", foo=1)
except TypeError as e:
    print(e)
def work():
    log.info("from %s", threading.current_thread().name, extra={"user": "thread"})
t = threading.Thread(target=work, name="T"); t.start(); t.join()

# stacklevel=: the record names the caller's caller (or the call's own place, when the stack
# is not that deep).
where = logging.getLogger("where")
where.propagate = False
placed = logging.StreamHandler(sys.stdout)
placed.setFormatter(logging.Formatter("%(funcName)s:%(lineno)d %(message)s"))
where.addHandler(placed)


def helper(message, level):
    where.warning(message, stacklevel=level)


def caller():
    helper("from the caller", 2)
    helper("from the helper", 1)
    helper("too deep", 50)


caller()
helper("at module level", 2)
