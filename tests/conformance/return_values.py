# What functions and generators give back: `return a if test else b` (recursion's usual
# shape), inside and outside `try`, and a generator's return value on its StopIteration.


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def sign(x):
    return "negative" if x < 0 else ("zero" if x == 0 else "positive")


def first_word(text):
    words = text.split()
    return words[0] if words else None


def guarded(x):
    try:
        return 100 // x if x else -1
    finally:
        print("  guarded", x, "done")


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff" if n == 0 else "aborted"


def averager():
    total = count = 0
    while True:
        value = yield
        if value is None:
            return total / count if count else 0.0
        total += value
        count += 1


print([fib(n) for n in range(12)])
print([sign(x) for x in (-3, 0, 8)])
print(first_word("threads share memory"), first_word("   "))
print(guarded(7), guarded(0))

launch = countdown(3)
print(list(launch))
launch = countdown(2)
next(launch)
next(launch)
try:
    next(launch)
except StopIteration as stop:
    print("returned", stop.value, stop.args, repr(stop))

acc = averager()
next(acc)
for value in (10, 20, 60):
    acc.send(value)
try:
    acc.send(None)
except StopIteration as stop:
    print("average", stop.value, type(stop.value).__name__)

empty = averager()
next(empty)
try:
    empty.send(None)
except StopIteration as stop:
    print("empty average", stop.value)

plain = iter([])
try:
    next(plain)
except StopIteration as stop:
    print("plain", stop.value, stop.args)
