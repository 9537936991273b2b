# A Thread subclass keeps its result; the main thread collects them after join.
import threading

class SumThread(threading.Thread):
    def __init__(self, numbers, **kwargs):
        super().__init__(**kwargs)
        self.numbers = numbers
        self.total = None

    def run(self):
        self.total = sum(self.numbers)

chunks = [range(0, 100), range(100, 200), range(200, 300)]
workers = [SumThread(chunk, name=f"summer-{n}") for n, chunk in enumerate(chunks)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
for worker in workers:
    print(worker.name, worker.total, worker.is_alive())
print("grand total:", sum(w.total for w in workers))
