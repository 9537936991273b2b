import threading
import time

slots = threading.Semaphore(2)
began = time.perf_counter()

def visit(n):
    with slots:
        time.sleep(0.2)

crowd = [threading.Thread(target=visit, args=(n,)) for n in range(6)]
for t in crowd:
    t.start()
for t in crowd:
    t.join()
print(f"{round(time.perf_counter() - began, 1)} s")
