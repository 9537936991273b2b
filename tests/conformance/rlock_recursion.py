# An RLock can be taken again by the thread that holds it, as recursion needs.
import threading

lock = threading.RLock()

def factorial(n):
    with lock:
        if n <= 1:
            return 1
        return n * factorial(n - 1)

results = {}
def run(n):
    results[n] = factorial(n)

threads = [threading.Thread(target=run, args=(n,)) for n in (5, 10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results[5], results[10])
