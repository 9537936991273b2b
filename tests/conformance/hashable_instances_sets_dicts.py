import threading
from collections import defaultdict

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __eq__(self, other):
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Point3(Point):
    pass

class Loud(Point):
    def __eq__(self, other):
        return self.x == other.x

seen = set()
seen.add(Point(1, 2))
seen.add(Point(1, 2))
seen.add(Point(2, 1))
print(len(seen), Point(1, 2) in seen, Point(9, 9) not in seen)
seen.discard(Point(2, 1))
print(seen)
seen.remove(Point(1, 2))
print(seen, len(seen))
print(len(set([Point(0, 0), Point(0, 0), Point(0, 1)])))
print(len(frozenset((Point(5, 5), Point(5, 5)))))
print(len({Point(i % 3, 0) for i in range(10)}))
counts = {}
for p in [Point(1, 1), Point(2, 2), Point(1, 1), Point(1, 1)]:
    counts[p] = counts.get(p, 0) + 1
print(counts)
first = Point(7, 7)
d = {first: "first"}
d[Point(7, 7)] = "second"
print(d, list(d)[0] is first)
print(d.pop(Point(7, 7)), d)
print({Point(i, i): i for i in range(3)}[Point(2, 2)])
print(hash(Point(1, 2)) == hash((1, 2)))
print(Point3(1, 2) in {Point(1, 2)})
try:
    {Loud(1, 2)}
except TypeError as e:
    print("TypeError:", e)
class NoHash:
    __hash__ = None
try:
    d[NoHash()] = 1
except TypeError as e:
    print("TypeError:", e)
print(Loud.__hash__, NoHash.__hash__)

class Plain:
    pass
a, b = Plain(), Plain()
ids = {a: "a", b: "b"}
print(ids[a], ids[b], len({a, a, b}), a in ids, Plain() in ids)

groups = defaultdict(list)
lock = threading.Lock()
def worker(n):
    with lock:
        groups[Point(n % 2, 0)].append(n)
threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted((key.x, sorted(values)) for key, values in groups.items()))
del counts[Point(2, 2)]
print(counts)
print(d.setdefault(Point(3, 3), []), Point(3, 3) in d, d.get(Point(3, 3)))

class Traced:
    def __init__(self, key):
        self.key = key
    def __eq__(self, other):
        print("  eq", self.key, other.key)
        return self.key == other.key
    def __hash__(self):
        print("  hash", self.key)
        return hash(self.key)
    def __repr__(self):
        return f"Traced({self.key!r})"

print("set display")
traced = {Traced("a"), Traced("a"), Traced("b")}
print("dict store")
table = {Traced("a"): 1}
table[Traced("a")] = 2
print(table, len(traced))
print("lookups")
print(Traced("a") in traced, Traced("z") in table)
