# timeit around functions: the calls happen, the timings are floats in a sensible range.
import threading
import time
import timeit

calls = []


def work():
    calls.append(1)
    return sum(range(50))


elapsed = timeit.timeit(work, number=200)
print(len(calls), type(elapsed).__name__, 0 <= elapsed < 5)
rounds = timeit.repeat(work, repeat=3, number=10)
print(len(calls), len(rounds), all(isinstance(r, float) for r in rounds))
timer = timeit.Timer(lambda: time.sleep(0.01))
print(0.03 <= timer.timeit(number=3) < 1)
print(len(timer.repeat(repeat=2, number=1)))
print(timeit.timeit(number=5) >= 0, timeit.timeit("pass", number=5) >= 0)

start = timeit.default_timer()
threads = [threading.Thread(target=time.sleep, args=(0.1,)) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("threads overlapped:", timeit.default_timer() - start < 0.3)
print(timeit.timeit(time.perf_counter, number=100_000) < 5)
