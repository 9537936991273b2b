# Threads started with the low-level _thread module, as older books start them: the call
# returns at once, a lock is allocated and used as a context manager, and the main thread
# waits by sleeping, since these threads cannot be joined. A thread's uncaught exception is
# printed under the function it was started with.
import _thread
import time

print_lock = _thread.allocate_lock()
finished = []


def counter(worker_id, count, pause):
    for step in range(count):
        time.sleep(pause)
        with print_lock:
            print(f"[{worker_id}] => {step}")
    with print_lock:
        finished.append(worker_id)


def failing(reason):
    time.sleep(0.06)
    raise ValueError(reason)


for worker_id, pause in enumerate([0.04, 0.1, 0.14]):
    _thread.start_new_thread(counter, (worker_id, 3, pause))
print("started three counters")
_thread.start_new_thread(counter, (9,), {"count": 1, "pause": 0.02})
_thread.start_new_thread(failing, ("a thread's own failure",))
for wrong in ([1, 0.1], "args"):
    try:
        _thread.start_new_thread(counter, wrong)
    except TypeError as error:
        print("TypeError:", error)
try:
    _thread.start_new_thread(counter, (1, 1, 0.1), ["not", "a", "dict"])
except TypeError as error:
    print("TypeError:", error)

print(print_lock.acquire(), print_lock.locked(), print_lock.acquire(False))
print_lock.release()
time.sleep(0.6)
print("finished:", sorted(finished))
print(isinstance(_thread.get_ident(), int), _thread.error is RuntimeError, _thread.TIMEOUT_MAX > 0)
_thread.start_new_thread(counter, (7, 1, 5))
print("main thread exits: the rest are daemonic")
