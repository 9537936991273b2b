# Readers share, a writer waits for them: a reader count under a condition.
import threading

class ReadWriteLock:
    def __init__(self):
        self._readers = 0
        self._condition = threading.Condition()

    def acquire_read(self):
        with self._condition:
            self._readers += 1

    def release_read(self):
        with self._condition:
            self._readers -= 1
            if self._readers == 0:
                self._condition.notify_all()

    def acquire_write(self):
        self._condition.acquire()
        while self._readers > 0:
            self._condition.wait()

    def release_write(self):
        self._condition.release()

lock = ReadWriteLock()
data = {"value": 0}
reads = []
reads_lock = threading.Lock()

def reader():
    lock.acquire_read()
    try:
        with reads_lock:
            reads.append(data["value"] >= 0)
    finally:
        lock.release_read()

def writer():
    lock.acquire_write()
    try:
        data["value"] += 1
    finally:
        lock.release_write()

threads = [threading.Thread(target=reader) for _ in range(4)] + [threading.Thread(target=writer) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(data, len(reads), all(reads))
