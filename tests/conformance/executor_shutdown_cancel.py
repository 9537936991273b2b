# shutdown(cancel_futures=True) cancels jobs that have not started yet.
from concurrent.futures import ThreadPoolExecutor
import threading

gate = threading.Event()

def job(n):
    gate.wait()
    return n * n

pool = ThreadPoolExecutor(max_workers=1)
first = pool.submit(job, 1)
rest = [pool.submit(job, n) for n in range(2, 6)]
while not first.running():
    pass
print("first running:", first.running(), "done:", first.done())
print("queued cancelled:", [f.cancelled() for f in rest])
# Cancelled before the gate opens: which thread runs next cannot decide what is cancelled.
pool.shutdown(wait=False, cancel_futures=True)
print("rest cancelled:", [f.cancelled() for f in rest])
print("rest done:", [f.done() for f in rest])
gate.set()
print("first result:", first.result())
pool.shutdown(wait=True)
try:
    pool.submit(job, 9)
except RuntimeError as err:
    print("RuntimeError:", err)

with ThreadPoolExecutor(max_workers=2) as ex:
    futures = [ex.submit(pow, 2, n) for n in range(5)]
print("after with:", [f.result() for f in futures])
print("all done:", all(f.done() for f in futures))
