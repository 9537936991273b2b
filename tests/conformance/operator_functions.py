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


# The in-place operators: a list grows where it is, a tuple or an int gives a new value.
class Tally:
    def __init__(self, count):
        self.count = count

    def __iadd__(self, more):
        self.count += more
        return self

    def __abs__(self):
        return Tally(-self.count)

    def __eq__(self, other):
        return isinstance(other, Tally) and other.count == self.count


batch = [1, 2]
grown = operator.iadd(batch, [3])
print(batch, grown is batch, operator.iadd((1, 2), (3,)))
tally = Tally(2)
print(operator.iadd(tally, 5) is tally, tally.count)
print(operator.isub(5, 2), operator.imul(3, 4), operator.ifloordiv(7, 2), operator.itruediv(7, 2))
print(operator.ipow(2, 10), operator.imod(7, 3), operator.iand(6, 3), operator.ior(4, 1))
print(operator.ixor(5, 1), operator.ilshift(1, 4), operator.irshift(32, 2))
print(operator.iconcat("thread", "-1"), reduce(operator.iadd, [[1], [2], [3]], []))

results = {}
print(operator.setitem(results, "worker-1", 42), results)
print(operator.delitem(results, "worker-1"), results)
slots = [0, 0, 0]
operator.setitem(slots, 1, "busy")
print(slots)
print(operator.countOf([1, 2, 2, Tally(1)], 2), operator.countOf([Tally(1), Tally(1)], Tally(1)))
print(operator.indexOf("abc", "c"), operator.indexOf([Tally(0), Tally(3)], Tally(3)))
try:
    operator.indexOf([1], 5)
except ValueError as error:
    print("ValueError:", error)
print(operator.index(5), operator.index(True))
try:
    operator.index(1.5)
except TypeError as error:
    print("TypeError:", error)
print(operator.abs(-3), operator.abs(Tally(2)).count, operator.inv(5))
print(operator.call(max, 1, 5, 2), operator.call(sorted, [3, 1], reverse=True))
print(operator.length_hint([1, 2]), operator.length_hint((1,)), operator.length_hint(5, 7), operator.length_hint({1: 2}), operator.length_hint(Tally(3), 4))
