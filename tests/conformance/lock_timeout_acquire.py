# acquire with a timeout gives up; a non-blocking acquire says at once.
import threading
import time

lock = threading.Lock()
lock.acquire()
print("locked:", lock.locked())
print("non-blocking:", lock.acquire(blocking=False))
start = time.perf_counter()
print("with timeout:", lock.acquire(timeout=0.05))
print("waited the timeout:", time.perf_counter() - start >= 0.05)

def release_later():
    time.sleep(0.02)
    lock.release()

threading.Thread(target=release_later).start()
print("got it:", lock.acquire(timeout=2))
lock.release()
print("locked:", lock.locked())
