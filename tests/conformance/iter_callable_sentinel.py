# `iter(callable, sentinel)`: workers take jobs with `for job in iter(jobs.get, None)` until
# the sentinel, a blocking call each time; and the same over plain functions.
import queue
import threading

jobs = queue.Queue()
done = queue.Queue()


def worker(name):
    for job in iter(jobs.get, None):
        done.put((job, job * job))
    done.put((name, "stopped"))


workers = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(2)]
for w in workers:
    w.start()
for job in range(6):
    jobs.put(job)
for _ in workers:
    jobs.put(None)
for w in workers:
    w.join()

results = []
while not done.empty():
    results.append(done.get())
print(sorted(r for r in results if r[1] != "stopped"))
print(sorted(r[0] for r in results if r[1] == "stopped"))

readings = [3, 5, 8, 0, 13]
position = -1


def next_reading():
    global position
    position += 1
    return readings[position]


print(list(iter(next_reading, 0)))
lines = iter(["a", "b", "", "c"])
print(list(iter(lambda: next(lines), "")))
stream = iter(lambda: 7, 7)
print(next(stream, "empty"), list(stream))
