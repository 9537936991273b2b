import threading

def action():
    print("action runs")
    raise ValueError("action failed")

barrier = threading.Barrier(3, action=action)
results = []
lock = threading.Lock()

def worker(n):
    try:
        barrier.wait()
        outcome = "passed"
    except threading.BrokenBarrierError:
        outcome = "broken"
    except ValueError as e:
        outcome = f"ValueError: {e}"
    with lock:
        results.append(outcome)

threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
print(barrier.broken, barrier.n_waiting)
try:
    barrier.wait()
except threading.BrokenBarrierError:
    print("still broken")
barrier.reset()
print(barrier.broken)
