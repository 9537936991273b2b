# Counters made by closures, shared by threads under a lock.
import threading

def make_counter():
    count = 0
    lock = threading.Lock()
    def increment(by=1):
        nonlocal count
        with lock:
            count += by
            return count
    def value():
        return count
    return increment, value

increment, value = make_counter()
threads = [threading.Thread(target=lambda: [increment() for _ in range(250)]) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("count:", value())
print("step:", increment(10))
