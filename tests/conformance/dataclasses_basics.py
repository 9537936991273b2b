import queue
import threading
from dataclasses import dataclass, field, asdict, astuple, is_dataclass

@dataclass
class Point:
    x: int
    y: int = 0

@dataclass
class Order:
    id: int
    items: list = field(default_factory=list)
    note: str = "none"

    def total(self):
        return len(self.items)

@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)

@dataclass
class Point3(Point):
    z: int = 0

@dataclass
class Stats:
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self):
        self.label = f"stats-{self.count}"

p = Point(1, 2)
print(p, Point(5), p == Point(1, 2), p == Point(2, 1), p != Point(1, 2))
o = Order(7)
o.items.append("apple")
print(o, Order(8), o.total(), Order(9, ["a"], note="x"))
jobs = [Job(3, "c"), Job(1, "a"), Job(2, "b")]
print(sorted(jobs), min(jobs), Job(1, "x") < Job(2, "y"), Job(1, "x") == Job(1, "y"))
pq = queue.PriorityQueue()
for j in jobs:
    pq.put(j)
print([pq.get().name for _ in range(3)])
print(Point3(1, 2, 3), asdict(Point3(4, 5)), astuple(p), is_dataclass(p), is_dataclass(3))
s = Stats()
def bump():
    for _ in range(100):
        with s.lock:
            s.count += 1
ts = [threading.Thread(target=bump) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(s, s.label)
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
print(Point(x=3, y=4), Point(y=1, x=2))
