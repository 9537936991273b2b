# itertools.filterfalse and itertools.compress: lazy filters over lists, generators and
# instances, beside filter, taking only the items they are asked for.
import itertools
import threading
from itertools import compress, filterfalse

jobs = ["build", "test", "lint", "deploy", "docs"]
passed = [True, False, 1, 0, "yes"]
print(list(compress(jobs, passed)))
print(list(compress(jobs, [1, 0])))
print(list(filterfalse(lambda job: len(job) > 4, jobs)))
print(list(filterfalse(None, [0, 1, "", "x", None, [], [0]])))
print(list(filter(None, [0, 1, "", "x"])), list(filterfalse(str.isdigit, "a1b22c")))
print(type(compress(jobs, passed)).__name__, type(filterfalse(None, [])))

calls = []


def is_even(n):
    calls.append(n)
    return n % 2 == 0


odds = filterfalse(is_even, itertools.count(1))
print(next(odds), next(odds), next(odds), "after calls", calls)
print(list(itertools.islice(compress(itertools.count(), itertools.cycle([1, 0, 0])), 4)))


def produced(limit):
    for n in range(limit):
        yield n * n


print(list(compress(produced(6), [n % 2 for n in range(6)])))
print(sum(filterfalse(lambda n: n % 3, produced(10))))


class Flags:
    def __init__(self, values):
        self.values = values

    def __iter__(self):
        return iter(self.values)


class Truthy:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        return self.value > 2


print(list(compress("abcd", Flags([0, 1, 1, 0]))))
print(list(compress("abcd", [Truthy(n) for n in range(1, 5)])))
print(list(filterfalse(None, [Truthy(1), Truthy(5)]))[0].value)

# Threads each take their share of a filtered list of work.
work = list(filterfalse(lambda n: n % 4 == 0, range(1, 21)))
totals = []
lock = threading.Lock()


def add_up(part):
    with lock:
        totals.append(sum(part))


threads = [threading.Thread(target=add_up, args=(work[i::2],)) for i in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(totals), sum(totals))
try:
    list(filterfalse(lambda n: 1 / n, [1, 0]))
except ZeroDivisionError as error:
    print("ZeroDivisionError:", error)
