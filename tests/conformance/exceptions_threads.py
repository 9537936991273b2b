# Exceptions inside threads, locks released by `with` on the way out, and queue.Empty.
import queue
import threading

lock = threading.Lock()
results = []


def worker(n):
    try:
        with lock:
            if n == 2:
                raise RuntimeError(f"worker {n} failed")
            results.append(n)
    except RuntimeError as e:
        with lock:
            results.append(str(e))


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results, key=str))
print("lock free:", not lock.locked())

q = queue.Queue()
for i in range(3):
    q.put(i)
taken = []
while True:
    try:
        taken.append(q.get(timeout=0.05))
    except queue.Empty:
        print("queue empty after", taken)
        break

full = queue.Queue(maxsize=1)
full.put("x")
try:
    full.put("y", block=False)
except queue.Full:
    print("queue full")
