# Workers call task_done for every item so the producer can join() the queue.
import queue
import threading

tasks = queue.Queue()
totals = {}
totals_lock = threading.Lock()

def worker():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        name, amount = item
        with totals_lock:
            totals[name] = totals.get(name, 0) + amount
        tasks.task_done()

workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for n in range(12):
    tasks.put((["rent", "food", "fuel"][n % 3], n * 10))
tasks.join()
print("after join, unfinished:", tasks.unfinished_tasks)
print(sorted(totals.items()))
for _ in workers:
    tasks.put(None)
for w in workers:
    w.join()
print("empty:", tasks.empty(), "size:", tasks.qsize())
try:
    tasks.task_done()
except ValueError as err:
    print("ValueError:", err)
