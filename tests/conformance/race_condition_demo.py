# Without a lock, an increment is three steps; with one, none is lost.
import threading

class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def safe_increment(self):
        with self.lock:
            self.value += 1

counter = Counter()

def hammer():
    for _ in range(1000):
        counter.safe_increment()

threads = [threading.Thread(target=hammer) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("with a lock:", counter.value)
