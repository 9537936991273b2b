import functools
import threading

class Account:
    rate = 0.05
    count = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        Account.count += 1

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError("negative balance")
        self._balance = value

    @staticmethod
    def describe(x):
        return f"account for {x}"

    @classmethod
    def opened(cls):
        return f"{cls.__name__}: {cls.count}"

    @classmethod
    def empty(cls, owner):
        return cls(owner)

a = Account("ann", 10)
print(a.balance)
a.balance = 25
print(a.balance, a._balance)
try:
    a.balance = -1
except ValueError as e:
    print("refused:", e)
print(Account.describe("bob"), a.describe("cy"))
b = Account.empty("dan")
print(b.owner, b.balance, Account.opened())

class Savings(Account):
    @property
    def interest(self):
        return self.balance * self.rate

s = Savings("eve", 200)
print(s.interest, s.balance)
try:
    s.interest = 3
except AttributeError as e:
    print("AttributeError:", e)

def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} with {args} {kwargs}")
        return func(*args, **kwargs)
    return wrapper

@logged
def add(a, b=0):
    return a + b

print(add(1, b=2), add.__name__)

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60))

square = functools.partial(pow, 2)
print(square(10))
print(functools.reduce(lambda x, y: x * y, [1, 2, 3, 4], 10))

lock = threading.Lock()
def synchronized(fn):
    @functools.wraps(fn)
    def inner(*a):
        with lock:
            return fn(*a)
    return inner

total = 0
@synchronized
def bump(n):
    global total
    for _ in range(n):
        total += 1

threads = [threading.Thread(target=bump, args=(1000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(total, threads[0].name)
