# A hand-made worker pool: N threads take jobs from a queue and put results in another.
import queue
import threading

jobs = queue.Queue()
results = queue.Queue()

def worker():
    while True:
        job = jobs.get()
        if job is None:
            break
        results.put((job, sum(range(job))))
        jobs.task_done()

pool = [threading.Thread(target=worker, name=f"pool-{n}") for n in range(3)]
for t in pool:
    t.start()
for job in [10, 100, 1000, 5]:
    jobs.put(job)
jobs.join()
for _ in pool:
    jobs.put(None)
for t in pool:
    t.join()
collected = sorted(results.get() for _ in range(results.qsize()))
print(collected)
print(all(not t.is_alive() for t in pool))
