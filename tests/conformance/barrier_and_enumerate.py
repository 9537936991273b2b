# threading.Barrier (each thread's place in the arrival order, parties, n_waiting),
# threading.enumerate and active_count.
import threading
import time

barrier = threading.Barrier(3)
arrivals = []
lock = threading.Lock()


def runner(n):
    time.sleep(0.02 * n)
    with lock:
        arrivals.append(n)
    place = barrier.wait()
    with lock:
        arrivals.append(("through", n, place))


threads = [threading.Thread(target=runner, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
# Which thread came first depends on the machine; what holds: all three came before any went
# through, and the places are 0, 1 and 2.
print(sorted(arrivals[:3]), sorted(place for (_, _, place) in arrivals[3:]))
print(barrier.parties, barrier.n_waiting, barrier.broken)
names = [t.name for t in threading.enumerate()]
print(names, threading.active_count())
worker = threading.Thread(target=time.sleep, args=(0.1,), name="sleeper")
worker.start()
print([t.name for t in threading.enumerate()], threading.active_count())
worker.join()
print([t.name for t in threading.enumerate()])
