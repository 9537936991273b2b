# What tutorials peek at: a semaphore's private counter, whether this thread owns an RLock,
# and sys.exc_info() inside and outside an except block.
import sys
import threading
import time

pool = threading.BoundedSemaphore(2)
print("free slots:", pool._value, "of", pool._initial_value)


def worker(n):
    with pool:
        print(f"worker {n} in, free slots: {pool._value}")
        time.sleep(0.3 * n)


threads = [threading.Thread(target=worker, args=(n,)) for n in (1, 2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("free slots after:", pool._value, threading.Semaphore(5)._value)

rlock = threading.RLock()
print("owned before:", rlock._is_owned())
with rlock:
    with rlock:
        print("owned inside:", rlock._is_owned())
        seen = []
        other = threading.Thread(target=lambda: seen.append(rlock._is_owned()))
        other.start()
        other.join()
        print("owned by the other thread:", seen[0])
print("owned after:", rlock._is_owned())

print(sys.exc_info())
try:
    {}["missing"]
except KeyError:
    kind, value, traceback = sys.exc_info()
    print(kind, repr(value), type(traceback).__name__)
    try:
        1 / 0
    except ZeroDivisionError:
        print(sys.exc_info()[:2])
    print(sys.exc_info()[0].__name__)
print(sys.exc_info())
