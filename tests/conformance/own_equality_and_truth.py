# A class's own __eq__, __bool__, __len__ and unary operators, wherever Python asks for them:
# searching lists and tuples, bool(), any(), all(), filter(None, ...), abs() and -x.
import threading


class Ticket:
    def __init__(self, number, owner):
        self.number = number
        self.owner = owner

    def __eq__(self, other):
        return isinstance(other, Ticket) and self.number == other.number

    def __repr__(self):
        return f"Ticket({self.number}, {self.owner!r})"


sold = [Ticket(1, "ana"), Ticket(2, "bo"), Ticket(2, "cy"), Ticket(3, "di")]
print(Ticket(2, "someone") in sold, Ticket(9, "x") in sold, Ticket(9, "x") not in sold)
print(sold.count(Ticket(2, "?")), sold.index(Ticket(3, "?")), sold.index(Ticket(2, "?"), 2))
print(3 in sold, "ana" in sold)
sold.remove(Ticket(2, "?"))
print(sold)
try:
    sold.remove(Ticket(7, "?"))
except ValueError as error:
    print("ValueError:", error)
try:
    sold.index(Ticket(7, "nobody"))
except ValueError as error:
    print("ValueError:", error)
pair = (Ticket(5, "ed"), Ticket(6, "flo"))
print(Ticket(6, "?") in pair, pair.index(Ticket(6, "?")), pair.count(Ticket(5, "?")))
try:
    pair.index(Ticket(8, "?"))
except ValueError as error:
    print("ValueError:", error)


class Noisy:
    """Says when it is compared, to show the order CPython compares in."""

    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        print(f"  {self.name} == {getattr(other, 'name', other)}?")
        return self is other or getattr(other, "name", None) == self.name


crowd = [Noisy("a"), Noisy("b"), Noisy("c")]
print(Noisy("b") in crowd)
print(crowd[2] in crowd)


class Batch:
    def __init__(self, jobs):
        self.jobs = list(jobs)

    def __len__(self):
        return len(self.jobs)


class Switch:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        return self.on

    def __len__(self):
        return 99


batches = [Batch([]), Batch(["a"]), Batch(["b", "c"])]
print(bool(Batch([])), bool(Batch([1])), bool(Switch(False)), bool(Switch(True)), bool())
print(any([Batch([]), Switch(False)]), any(batches), all(batches), all(batches[1:]))
print(any(b for b in [Batch([]), Batch([])]), all(s for s in [Switch(True), Switch(True)]))
print([len(b) for b in filter(None, batches)])
print(["on" if s else "off" for s in [Switch(True), Switch(False)]], not Switch(False))


class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __neg__(self):
        return Vector(-self.x, -self.y)

    def __pos__(self):
        return self

    def __abs__(self):
        return (self.x**2 + self.y**2) ** 0.5

    def __invert__(self):
        return Vector(self.y, self.x)

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"


v = Vector(3, -4)
print(-v, +v, abs(v), ~v, abs(-v))
try:
    abs("text")
except TypeError as error:
    print("TypeError:", error)

# The same searches from threads: each thread's __eq__ calls run in that thread.
found = []
lock = threading.Lock()


def look_for(number):
    hit = Ticket(number, "?") in sold
    with lock:
        found.append((number, hit))


threads = [threading.Thread(target=look_for, args=(n,)) for n in range(1, 5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(found))
