import threading

class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return f"Vector({self.x}, {self.y})"
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __bool__(self):
        return bool(self.x or self.y)

a = Vector(1, 2)
b = Vector(3, 4)
print(a + b, a * 3, 2 * a, a == Vector(1, 2), a != b, a == 5)
print(len(a), a[0], a[1], list(a) if False else [a[i] for i in range(len(a))])
if not Vector(0, 0):
    print("zero vector is falsy")
total = Vector(0, 0)
for v in [a, b, a]:
    total += v
print(total)

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __lt__(self, other):
        return self.cents < other.cents
    def __le__(self, other):
        return self.cents <= other.cents
    def __repr__(self):
        return f"${self.cents / 100:.2f}"
m1, m2 = Money(150), Money(99)
print(m1 < m2, m1 > m2, m2 <= m1, m1 >= m2)
if m2 < m1:
    print("m2 is cheaper")

class Bag:
    def __init__(self):
        self.items = []
        self.lock = threading.Lock()
    def __contains__(self, item):
        return item in self.items
    def __iter__(self):
        return iter(self.items)
    def __setitem__(self, key, value):
        with self.lock:
            self.items.append((key, value))
    def __call__(self, n):
        return n * len(self.items)

bag = Bag()
bag["a"] = 1
bag["b"] = 2
print(("a", 1) in bag, ("z", 0) not in bag)
for entry in bag:
    print("entry", entry)
print(bag(10), callable(bag))

class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1
print(list(Countdown(3)), [x * 2 for x in Countdown(2)])
for n in Countdown(2):
    print("count", n)

class Temperature:
    def __init__(self, c):
        self.c = c
    def __eq__(self, other):
        if not isinstance(other, Temperature):
            return NotImplemented
        return self.c == other.c
print(Temperature(5) == Temperature(5), Temperature(5) == 5, Temperature(1) != Temperature(2))
try:
    Money(1) + Money(2)
except TypeError as e:
    print("TypeError:", e)
