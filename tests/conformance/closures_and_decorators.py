import time
import threading

def make_counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    return increment

c = make_counter()
print(c(), c(), c())

def timer(func):
    def wrapper(*args):
        start = time.perf_counter()
        result = func(*args)
        print(f"{func.__name__} done")
        return result
    return wrapper

def outer():
    x = 1
    def middle():
        def inner():
            return x + 1
        return inner()
    x = 10
    return middle()
print(outer())

adders = [lambda y, i=i: y + i for i in range(3)]
print([a(10) for a in adders])

def worker(n):
    results = []
    def run():
        results.append(n * 2)
    t = threading.Thread(target=run)
    t.start(); t.join()
    return results
print(worker(21))

def f():
    def g():
        return z
    try:
        g()
    except NameError as e:
        print("NameError:", e)
    z = 3
    return g()
print(f())

class K:
    def __init__(self, v):
        self.v = v
    def later(self):
        return lambda: self.v * 2
print(K(4).later()())

def deco(label):
    def wrap(fn):
        def inner(a):
            return f"{label}:{fn(a)}"
        return inner
    return wrap

@deco("x")
@deco("y")
def ident(a):
    return a
print(ident(5))
