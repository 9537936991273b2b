# Managers written as generators (contextlib.contextmanager) and contextlib.suppress, around locks.
import contextlib
import threading


@contextlib.contextmanager
def timed(label):
    print("start", label)
    try:
        yield label.upper()
    finally:
        print("end", label)

@contextlib.contextmanager
def swallow(kind):
    try:
        yield
    except kind as e:
        print("swallowed", repr(e))

with timed("a") as v:
    print("inside", v)

with swallow(ValueError):
    raise ValueError("bad")
print("after swallow")

try:
    with swallow(KeyError):
        raise ValueError("not mine")
except ValueError as e:
    print("escaped", e)

try:
    with timed("b"):
        raise RuntimeError("oops")
except RuntimeError as e:
    print("caught", e)

with contextlib.suppress(ZeroDivisionError, KeyError):
    print(1 / 0)
print("suppressed")

lock = threading.Lock()
@contextlib.contextmanager
def locked(name):
    with lock:
        yield name

results = []
def work(n):
    with locked(n) as me:
        results.append(me * 2)
ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(results))
