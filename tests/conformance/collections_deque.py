# deque: both ends, maxlen, indexing, rotation, and a deque shared by threads.
import threading
import time
from collections import deque

d = deque()
print(d, len(d), bool(d))
d.append(1)
d.append(2)
d.appendleft(0)
print(d, len(d), bool(d), d[0], d[-1], 2 in d, 5 in d)
d.extend([3, 4])
d.extendleft(["b", "a"])
print(d, list(d))
print(d.pop(), d.popleft(), d)
d.rotate(2)
print("rotate 2:", d)
d.rotate(-3)
print("rotate -3:", d)
d[0] = "first"
print(d, d.count(2), d.index(3))
d.remove("first")
d.reverse()
print(d)
d.insert(1, "x")
print(d, d.maxlen)
d.clear()
print(d)
for end in ("pop", "popleft"):
    try:
        getattr(d, end)()
    except IndexError as error:
        print(end, "->", type(error).__name__, error)
try:
    print(deque([1])[3])
except IndexError as error:
    print("index ->", error)

recent = deque(maxlen=3)
for reading in [10, 20, 30, 40, 50]:
    recent.append(reading)
    print("recent", list(recent), recent)
recent.appendleft(5)
print(recent, recent.maxlen, sum(recent) / len(recent))
print(deque("abcdef", 2), deque(range(3), maxlen=0))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == [1, 2], deque([1]) != deque([2]))
copy = recent.copy()
copy.append(99)
print(recent, copy)
print([x * 2 for x in deque([1, 2, 3])], sorted(deque([3, 1, 2])), max(deque([4, 9, 2])))
first, *rest = deque([1, 2, 3])
print(first, rest)
print(isinstance(recent, deque), type(recent).__name__, type(recent), deque)

# Producers append to one deque at the same time: no append is lost.
shared = deque()

def produce(name, count):
    for i in range(count):
        shared.append((name, i))

producers = [threading.Thread(target=produce, args=(f"p{n}", 2000)) for n in range(4)]
for t in producers:
    t.start()
for t in producers:
    t.join()
print("produced", len(shared))
per_producer = {}
for name, i in shared:
    per_producer[name] = per_producer.get(name, 0) + 1
print(sorted(per_producer.items()))
print(all(shared.index((f"p{n}", 0)) < shared.index((f"p{n}", 1999)) for n in range(4)))

# Consumers pop from the left until it is empty: every item is taken exactly once.
taken = {}

def consume(name):
    mine = []
    while True:
        try:
            mine.append(shared.popleft())
        except IndexError:
            break
    taken[name] = mine

consumers = [threading.Thread(target=consume, args=(f"c{n}",)) for n in range(3)]
for t in consumers:
    t.start()
for t in consumers:
    t.join()
everything = []
for name in sorted(taken):
    everything.extend(taken[name])
print("consumed", len(everything), len(set(everything)), len(shared))

# A producer and a consumer handing work through a deque, with a condition to wait on.
jobs = deque()
ready = threading.Condition()
results = []

def worker():
    while True:
        with ready:
            while not jobs:
                ready.wait()
            job = jobs.popleft()
        if job is None:
            break
        results.append(job * job)

consumer = threading.Thread(target=worker)
consumer.start()
for job in [1, 2, 3, 4, None]:
    with ready:
        jobs.append(job)
        ready.notify()
    time.sleep(0.001)
consumer.join()
print("results", results)
