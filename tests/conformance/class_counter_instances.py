# Class attributes shared by instances, instance attributes their own.
import threading

class Worker:
    created = 0
    lock = threading.Lock()

    def __init__(self, name):
        with Worker.lock:
            Worker.created += 1
            self.number = Worker.created
        self.name = name
        self.done = []

    def work(self, items):
        for item in items:
            self.done.append(item * self.number)

workers = [Worker(f"w{n}") for n in range(3)]
threads = [threading.Thread(target=w.work, args=([1, 2],)) for w in workers]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(Worker.created, [(w.name, w.number, w.done) for w in workers])
print(workers[0].created, hasattr(workers[0], "done"))
