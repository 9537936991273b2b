from functools import total_ordering
import heapq
import queue
import threading
import random

class Task:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name
    def __lt__(self, other):
        return self.priority < other.priority
    def __repr__(self):
        return f"Task({self.priority}, {self.name!r})"

random.seed(7)
heap = []
for i in range(12):
    heapq.heappush(heap, Task(random.randint(1, 5), f"t{i}"))
print(heap)
print([heapq.heappop(heap).name for _ in range(6)])
print(heapq.heappushpop(heap, Task(0, "zero")), heapq.heapreplace(heap, Task(9, "nine")))
items = [Task(p, str(p)) for p in [5, 3, 8, 1, 9, 2]]
heapq.heapify(items)
print(items)
print(heapq.nsmallest(2, items), heapq.nlargest(2, items))
pairs = []
for p, n in [(2, "b"), (1, "a"), (2, "c"), (1, "d")]:
    heapq.heappush(pairs, (p, Task(p, n)))
print([heapq.heappop(pairs)[1].name for _ in range(4)])

class Loud:
    def __init__(self, n):
        self.n = n
    def __lt__(self, other):
        print("  lt", self.n, other.n)
        return self.n < other.n
h = []
for n in [3, 1, 2]:
    heapq.heappush(h, Loud(n))
print(heapq.heappop(h).n)

pq = queue.PriorityQueue()
def producer(base):
    for i in range(3):
        pq.put(Task(base + i, f"p{base}-{i}"))
threads = [threading.Thread(target=producer, args=(b,)) for b in (10, 0, 5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
while not pq.empty():
    print(pq.get())
pq.put((1, Task(1, "x")))
pq.put((0, Task(5, "y")))
print(pq.get(), pq.get_nowait())

class Plain:
    pass
try:
    heapq.heappush(h, Plain())
except TypeError as e:
    print("TypeError:", e)
try:
    heapq.heapify([Plain(), Plain()])
except TypeError as e:
    print("TypeError:", e)
import heapq

@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major = major
        self.minor = minor
    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __repr__(self):
        return f"v{self.major}.{self.minor}"

a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a < b, a <= c, a > b, b >= a, a >= c, b > a, a <= b, a == c, a != b)
print(sorted([b, a, Version(0, 9)]), max([a, b]), min([a, b]))
print(sorted([b, a, Version(0, 9)], reverse=True))
h = [b, a, Version(0, 1)]
heapq.heapify(h)
print(heapq.heappop(h))
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print("ValueError:", e)
