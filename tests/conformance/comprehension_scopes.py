# A comprehension's loop variables are its own (CPython 3.12 runs it inline, as threadplay
# does): a name outside is not touched, closures see the variable, `:=` binds outside, and a
# function's threads each get their own.
import threading

x = 10
squares = [x * x for x in range(4)]
print("x is still", x, "after", squares)

rows = [[1, 2], [3, 4]]
print([[cell * 10 for cell in row] for row in rows])
x = [5, 6]
print("the outermost iterable is read outside:", [x for x in x])
print("closures share the loop variable:", [f() for f in [lambda: x for x in range(3)]])
print("a parameter of the same name wins:", [g(7) for g in [lambda x: x + 1 for x in range(2)]])
print("a generator inside sees it:", [sum(y for y in range(x)) for x in range(5)])
print("walrus binds outside:", [(last := x * 2) for x in range(3)], last)
print({k: [k for k in range(k)] for k in range(3)})


class Palette:
    names = ["red", "green"]
    upper = [name.upper() for name in names]


print(Palette.upper, "and the class has no 'name':", hasattr(Palette, "name"))


def totals():
    base = 100
    items = [base + i for i in range(3)]
    try:
        return items, i
    except NameError as error:
        return items, str(error)


print(totals())


def gen():
    yield from [i * i for i in range(3)]
    yield [c for c in "ab"]


print(list(gen()))

results = {}


def work(name, n):
    results[name] = [k * n for k in range(n)]


threads = [threading.Thread(target=work, args=(f"t{k}", k)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
try:
    print(k)
except NameError as error:
    print("after the comprehension:", error)
