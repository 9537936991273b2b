# Lists, tuples and sets built with *iterable items, from threads' results.
import threading

primes = [2, 3]
squares = (4, 9)


def countdown(n):
    while n > 0:
        yield n
        n -= 1


print([*primes, *squares, 0, *countdown(3)])
print((*primes, 10), (*squares,), {*primes, *squares, 2})
print([*range(3)], [*"abc"], [*{"key": 1}], sorted({*"threading"}))


class Parity:
    """Equal when both are odd or both even: a set of them keeps one of each."""

    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return hash(self.value % 2)

    def __eq__(self, other):
        return isinstance(other, Parity) and self.value % 2 == other.value % 2

    def __repr__(self):
        return f"Parity({self.value})"


print(len({*[Parity(1), Parity(3), Parity(2)]}))


class Pair:
    def __iter__(self):
        return iter(["left", "right"])


print([*Pair(), *Pair()], (*Pair(),))


def collect(*args):
    return args


print(collect(*primes, *squares), collect(*[], "alone"))

results = []
lock = threading.Lock()


def worker(name):
    with lock:
        results.append(name)


threads = [threading.Thread(target=worker, args=(f"t{i}",)) for i in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted([*results, "main"]))

for label, build in [
    ("list", lambda: [*1]),
    ("tuple", lambda: (*None, 2)),
    ("set", lambda: {*3.5}),
]:
    try:
        build()
    except TypeError as error:
        print(label, error)

first, *middle, last = [*primes, *squares]
print(first, middle, last)
