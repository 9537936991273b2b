# namedtuple: fields by name and by index, unpacking, equality with tuples, and threads
# reporting results as named tuples.
import threading
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(3, 4)
print(p, p.x, p.y, p[0], p[-1], p[:1], len(p))
x, y = p
print(x, y, list(p), tuple(p) if False else p == (3, 4), (3, 4) == p, p != (4, 3))
print(Point(x=1, y=2), Point(5, y=6), Point._fields, p._fields)
print(p._asdict(), p._replace(y=10), p)
print(Point._make([7, 8]), Point._make(range(2)))
print(isinstance(p, Point), isinstance(p, tuple), isinstance((3, 4), Point), type(p).__name__, type(p), Point)
print(hash(p) == hash((3, 4)), {p: "here"}[(3, 4)], p in [(3, 4)], sorted([Point(2, 1), Point(1, 2)]))
print(Point(1, 2) < Point(1, 3), max(Point(1, 9), Point(2, 0)), p + (5,))
print(f"{p.x}-{p.y}", "x=%s" % (p.x,), str(p), repr(p))

Employee = namedtuple("Employee", ["name", "role", "salary"])
staff = [Employee("ann", "dev", 120), Employee("bob", "ops", 90), Employee("cy", "dev", 100)]
print(sorted(staff, key=lambda e: e.salary))
print([e.name for e in staff if e.role == "dev"], sum(e.salary for e in staff))
for name, role, salary in staff:
    print(f"{name:<4}{role:<4}{salary:>5}")

Config = namedtuple("Config", "host, port, debug", defaults=[8080, False])
print(Config("localhost"), Config("example.org", 443, True))
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: Point(1, x=2),
            lambda: p._replace(z=1), lambda: Point._make([1])]:
    try:
        bad()
    except (TypeError, ValueError) as error:
        print(type(error).__name__, error)
for fields in ["a a", "a _b", "a 1b", "a class"]:
    try:
        namedtuple("T", fields)
    except ValueError as error:
        print("ValueError", error)
try:
    p.x = 5
except AttributeError as error:
    print("AttributeError", error)

Result = namedtuple("Result", "worker total")
results = [None] * 3

def work(index):
    results[index] = Result(f"worker-{index}", sum(range(index * 100)))

threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for result in results:
    print(result, result.total)
print(max(results, key=lambda r: r.total).worker)
