# A generator shared by threads under a lock hands out unique ids.
import threading

def ids():
    n = 0
    while True:
        n += 1
        yield n

source = ids()
lock = threading.Lock()
taken = []

def take(count):
    for _ in range(count):
        with lock:
            taken.append(next(source))

threads = [threading.Thread(target=take, args=(50,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(taken), len(set(taken)), min(taken), max(taken))
