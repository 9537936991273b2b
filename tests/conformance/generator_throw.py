# gen.throw: an exception raised where a generator is paused, caught there or let out.
def gen():
    try:
        yield 1
    except ValueError as e:
        print("caught", e)
        yield 2
    yield 3

g = gen()
print(next(g))
print(g.throw(ValueError("boom")))
print(next(g))
def gen2():
    yield 1
    yield 2
h = gen2()
next(h)
try:
    h.throw(KeyError("k"))
except KeyError as e:
    print("out", repr(e))
print(list(h))
k = gen2()
try:
    k.throw(RuntimeError("early"))
except RuntimeError as e:
    print("early", e)
print(list(k))
