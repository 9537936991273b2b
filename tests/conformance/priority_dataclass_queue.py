# Jobs ordered by priority in a PriorityQueue, worked by two threads.
import queue
import threading
from dataclasses import dataclass, field

@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)

jobs = queue.PriorityQueue()
for priority, name in [(3, "archive"), (1, "alert"), (2, "report"), (1, "backup")]:
    jobs.put(Job(priority, name))
print("queued:", jobs.qsize())
done = []
lock = threading.Lock()

def worker():
    while True:
        try:
            job = jobs.get_nowait()
        except queue.Empty:
            return
        with lock:
            done.append(job)

threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(done))
print([job.name for job in sorted(done)])
