import queue
import threading

jobs = queue.Queue(maxsize=2)

def worker():
    while True:
        job = jobs.get()
        if job is None:
            jobs.task_done()
            break
        print(f"working on {job}")
        jobs.task_done()

helper = threading.Thread(target=worker)
helper.start()
for job in range(5):
    jobs.put(job)
jobs.put(None)
jobs.join()
helper.join()
print("all work completed", jobs.qsize(), jobs.empty())
