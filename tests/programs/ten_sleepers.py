import threading
import time

began = time.perf_counter()


def nap(length):
    print(f"napping {length} s")
    time.sleep(length)
    print("awake")


crew = []
for _ in range(10):
    worker = threading.Thread(target=nap, args=[1.5])
    worker.start()
    crew.append(worker)
for worker in crew:
    worker.join()
print(f"Finished in {round(time.perf_counter() - began, 1)} second(s)")
