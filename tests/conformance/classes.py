# Classes: attributes, methods, class attributes, inheritance, super(), isinstance and type,
# exception classes of the program's own, and objects shared by threads.
import threading


class Counter:
    created = 0

    def __init__(self, start=0):
        self.value = start
        self.lock = threading.Lock()
        Counter.created += 1

    def increment(self, by=1):
        with self.lock:
            self.value += by
        return self.value


class NamedCounter(Counter):
    def __init__(self, name, start=0):
        super().__init__(start)
        self.name = name

    def increment(self, by=1):
        value = super().increment(by)
        return f"{self.name}={value}"


c = Counter()
print(c.increment(), c.increment(5), c.value)
n = NamedCounter("hits", 10)
print(n.increment(), n.name, Counter.created, n.created)
print(isinstance(n, Counter), isinstance(c, NamedCounter), type(n) is NamedCounter)
print(type(n).__name__, Counter.__name__, n.__class__.__name__)


def work(counter, times):
    for _ in range(times):
        counter.increment()


shared = Counter()
threads = [threading.Thread(target=work, args=(shared, 500)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("shared:", shared.value)


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B>" + super().who()


class C(A):
    def who(self):
        return "C>" + super().who()


class D(B, C):
    def who(self):
        return "D>" + super().who()


print(D().who())


class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, needed, available):
        super().__init__(f"needed {needed}, have {available}")
        self.needed = needed


class Account:
    interest = 0.5

    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        return self.balance


account = Account(100)
print(account.withdraw(30), Account.interest)
try:
    account.withdraw(500)
except BankError as e:
    print("bank error:", e, e.needed, type(e).__name__, repr(e), e.args)
try:
    raise BankError
except Exception as e:
    print("a class raised:", repr(e), str(e) == "")
try:
    raise BankError("one", 2)
except (KeyError, BankError) as e:
    print("two arguments:", e, e.args)
print(isinstance(InsufficientFunds(1, 2), Exception), isinstance(ValueError(), BankError))

print(type(5), type("s").__name__, isinstance(True, int), isinstance(3, (str, float)))


class Point:
    origin_count = 0

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)

    def as_tuple(self):
        return (self.x, self.y)


p = Point(1, 2).moved(3, 4)
p.label = "moved"
print(p.as_tuple(), p.label)
Point.origin_count += 2
print(Point.origin_count, p.origin_count)
method = p.as_tuple
print(method())
