import threading
import time

def countdown(n):
    print("starting countdown", n)
    while n > 0:
        yield n
        n -= 1
    print("done counting")
    return "finished"

for x in countdown(3):
    print("got", x)

g = countdown(2)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("stopped:", e)
print(next(g, "default"))

def producer(items):
    for item in items:
        print(f"producing {item}")
        yield item * 10

print(list(producer([1, 2, 3])))
print(sum(producer([4, 5])))
print(sorted(producer([3, 1, 2]), reverse=True))
a, b = producer([7, 8])
print(a, b)
print(*producer([9]))

squares = (i * i for i in range(5))
print(type(squares).__name__)
print(list(squares))
print(list(squares))
print(sum(i * i for i in range(10)))
print(max(x % 7 for x in range(20)))
print([(i, j) for i in range(3) for j in range(i)])
print({k: v for k, v in zip("abc", range(3)) if v != 1})
print(", ".join(str(n) for n in range(4)))

def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], (3,), range(4, 6))))

def echo():
    received = yield "ready"
    while True:
        received = yield f"echo {received}"
e = echo()
print(next(e))
print(e.send("hi"))
print(e.send("there"))

def numbers():
    n = 0
    while True:
        yield n
        n += 1
for n in numbers():
    if n > 3:
        break
    print("n", n)

def worker(gen, name):
    for item in gen:
        time.sleep(0.01)
        print(name, item)

def tasks(k):
    for i in range(k):
        yield i
t = threading.Thread(target=worker, args=(tasks(3), "A"))
t.start(); t.join()

it = iter([1, 2, 3])
print(next(it), next(it))
for rest in it:
    print("rest", rest)

def fails():
    yield 1
    raise ValueError("inside")
try:
    for v in fails():
        print("v", v)
except ValueError as err:
    print("caught", err)
gen = fails()
print(list(enumerate(["a", "b"])))
def first_even(nums):
    return next((n for n in nums if n % 2 == 0), None)
print(first_even([1, 3, 4, 5]), first_even([1]))
