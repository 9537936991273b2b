# A BoundedSemaphore refuses to be released more often than it was acquired.
import threading

slots = threading.BoundedSemaphore(2)
plain = threading.Semaphore(2)

print("acquire:", slots.acquire())
print("acquire:", slots.acquire())
print("third, non-blocking:", slots.acquire(blocking=False))
slots.release()
slots.release()
try:
    slots.release()
except ValueError as err:
    print("ValueError:", err)

plain.release()
count = 0
while plain.acquire(blocking=False):
    count += 1
print("plain semaphore handed out", count, "permits")

used = []
lock = threading.Lock()

def use(name):
    with slots:
        with lock:
            used.append(name)

threads = [threading.Thread(target=use, args=(f"job{i}",)) for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("jobs run:", sorted(used))
