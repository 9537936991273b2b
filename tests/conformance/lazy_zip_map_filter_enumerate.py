import itertools
def gen(name, n):
    for i in range(n):
        print(f"  {name} yields {i}")
        yield i
z = zip(gen("a", 3), gen("b", 3))
print("zip made", type(z).__name__)
print(next(z))
for x, y in z:
    print("pair", x, y)
m = map(lambda v: v * 10, gen("m", 3))
print("map made", type(m).__name__)
print(next(m), list(m))
e = enumerate(gen("e", 2), start=1)
print("enumerate made", type(e).__name__)
for i, v in e:
    print("enum", i, v)
f = filter(lambda v: v % 2, gen("f", 4))
print("filter made", type(f).__name__)
print(next(f), next(f))
for i, c in zip(itertools.count(), "abc"):
    print(i, c)
squares = map(lambda n: n * n, itertools.count(1))
print([next(squares) for _ in range(4)])
evens = filter(lambda n: n % 2 == 0, itertools.count())
print(next(evens), next(evens), next(evens))
for i, n in enumerate(itertools.count(5)):
    if i == 3:
        break
    print(i, n)
print(list(zip([1, 2], [3, 4], [5])))
print(list(map(pow, [2, 3], [3, 2])))
print(list(enumerate("ab")), list(filter(None, [0, 1, "", "x"])))
z = zip([1, 2, 3], "ab")
print(list(z), list(z))
print(dict(zip("abc", range(3))))
from concurrent.futures import ThreadPoolExecutor

def numbers(n):
    for i in range(n):
        print("  produce", i)
        yield i

a, b = map(int, "3 4".split())
print(a + b)
x, y, z = map(lambda s: s.upper(), ["p", "q", "r"])
print(x, y, z)
print(*map(lambda n: n * 2, numbers(3)))
print(", ".join(map(str, numbers(3))))
print(dict(zip("abc", numbers(5))))
print(sum(map(lambda n: n * n, numbers(4))))
print(sorted(filter(lambda n: n % 2, numbers(6)), reverse=True))
for i, (left, right) in enumerate(zip(numbers(2), "xy"), 1):
    print(i, left, right)
m = map(lambda n: n + 100, numbers(1))
print(next(m), next(m, "done"))
try:
    next(filter(None, numbers(1)))
except StopIteration:
    print("StopIteration")
with ThreadPoolExecutor(max_workers=2) as pool:
    for i, r in zip(itertools.count(1), pool.map(lambda n: n * 3, [1, 2, 3])):
        print("result", i, r)
pipeline = map(lambda n: n + 1, filter(lambda n: n % 3 == 0, itertools.count()))
print([next(pipeline) for _ in range(4)])
print(list(zip(*[[1, 2], [3, 4]])))
print(any(map(lambda n: n > 1, [0, 1, 2])))
print(tuple(enumerate(numbers(2))))
print(list(map(lambda a, b: a * b, numbers(3), itertools.count(10))))
first, *rest = filter(lambda n: n > 0, [0, 1, 2, 3])
print(first, rest)
print(type(map(str, [])).__name__, type(filter(None, [])).__name__)
