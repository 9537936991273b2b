# Workers meet at a barrier between two phases; no one starts phase two early.
import threading

barrier = threading.Barrier(3)
log = []
lock = threading.Lock()

def worker(n):
    with lock:
        log.append(("phase1", n))
    barrier.wait()
    with lock:
        log.append(("phase2", n))

threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
phases = [phase for phase, _ in log]
print(phases[:3], phases[3:])
print(sorted(n for phase, n in log if phase == "phase2"))
print(barrier.parties, barrier.n_waiting, barrier.broken)
