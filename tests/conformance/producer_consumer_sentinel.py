# A producer hands work to two consumers through a queue; None tells each to stop.
import queue
import threading

tasks = queue.Queue()
results = []
results_lock = threading.Lock()

def producer(count):
    for n in range(count):
        tasks.put(n)
    for _ in range(2):
        tasks.put(None)

def consumer():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        with results_lock:
            results.append(item * item)
        tasks.task_done()

workers = [threading.Thread(target=consumer) for _ in range(2)]
for worker in workers:
    worker.start()
producer(10)
tasks.join()
for worker in workers:
    worker.join()
print(sorted(results))
print("all done:", tasks.empty(), len(results))
