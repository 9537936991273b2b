# At most two workers hold the semaphore at once; the rest wait their turn.
import threading
import time

slots = threading.Semaphore(2)
active = 0
most = 0
counter_lock = threading.Lock()

def visit(n):
    global active, most
    with slots:
        with counter_lock:
            active += 1
            most = max(most, active)
        time.sleep(0.1)
        with counter_lock:
            active -= 1

threads = [threading.Thread(target=visit, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("most at once:", most)
