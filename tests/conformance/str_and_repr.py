# A class's __str__ and __repr__: print, str(), repr(), f-strings (with !r and !s), inside
# containers, and from threads.
import threading

class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def __str__(self):
        return f"{self.owner}: {self.balance}"

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"

class Plain:
    pass

class OnlyRepr:
    def __repr__(self):
        return "<only repr>"

a = Account("ann", 10)
print(a)
print(str(a), repr(a))
print(f"{a} / {a!r} / {a!s:>9}")
try:
    print(f"{a:>3}")
except TypeError as e:
    print(e)
print([a, Account("bob", 5)], (a,), {"k": a})
print(OnlyRepr(), [OnlyRepr()], f"{OnlyRepr()}")
p = Plain()
print(str(p).startswith("<__main__.Plain object at 0x"))

class Task(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
    def __str__(self):
        return f"Task#{self.n}"
    def run(self):
        print("running", self)

# One at a time: CPython's print writes its parts separately, and threads printing at once
# interleave them when __str__ runs Python code in between.
tasks = [Task(i) for i in range(3)]
for t in tasks:
    t.start()
    t.join()
print(*tasks, sep=", ")
