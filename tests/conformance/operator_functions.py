# The operator module where tutorials use it: sorting results, reducing, mapping over pairs.
import operator
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import reduce


@dataclass
class Result:
    name: str
    seconds: float
    worker: str

    @property
    def label(self):
        return f"{self.name}@{self.worker}"


def job(n):
    return Result(f"job{n}", round(0.1 * (5 - n), 1), threading.current_thread().name.split("_")[0])


with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as pool:
    results = list(pool.map(job, range(5)))

print([r.name for r in sorted(results, key=operator.attrgetter("seconds"))])
print(sorted(((r.name, r.seconds) for r in results), key=operator.itemgetter(1), reverse=True)[:2])
print(list(map(operator.attrgetter("label"), results))[:2])
print(operator.attrgetter("name", "seconds")(results[0]))
print(operator.itemgetter(0, 2)("abc"), operator.itemgetter("k")({"k": 3}))
print(reduce(operator.add, range(10)), reduce(operator.mul, range(1, 6)))
print(list(map(operator.sub, [10, 20], [1, 2])), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.lt(1, 2), operator.eq("a", "a"), operator.contains([1, 2], 2), operator.not_(0))
print(operator.neg(5), operator.getitem([4, 5, 6], -1), operator.concat([1], [2]), operator.mod(7, 3))
print(operator.methodcaller("upper")("shout"), operator.methodcaller("split", ",")("a,b"))
print(operator.itemgetter(1), operator.attrgetter("a", "b"), operator.methodcaller("f", 1, k=2))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __lt__(self, other):
        return self.cents < other.cents


total = reduce(operator.add, [Money(150), Money(275)])
print(total.cents, operator.lt(Money(1), Money(2)))
try:
    operator.itemgetter(5)([1])
except IndexError as error:
    print("IndexError:", error)
