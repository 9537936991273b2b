import functools
def f(a, b=2, *args, c, d=4, **kwargs):
    print(a, b, args, c, d, sorted(kwargs.items()))

f(1, c=3)
f(1, 5, 6, 7, c=8, e=9, z=0)
f(*[1, 2, 3], **{"c": 5, "q": 1})
def g(*args, **kwargs):
    return args, kwargs
print(g())
print(g(1, x=2))
def h(a, b, c):
    return a + b + c
for call in [lambda: h(1), lambda: h(1, 2, 3, 4), lambda: h(1, 2, c=3, a=1), lambda: h(), lambda: f(1), lambda: h(1, 2, d=3), lambda: h(1, **{"b": 2}, **{"b": 3})]:
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)
def k(x, y=1):
    return x
try:
    k(1, 2, 3)
except TypeError as e:
    print(e)
try:
    k()
except TypeError as e:
    print(e)
