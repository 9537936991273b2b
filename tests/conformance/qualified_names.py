class Worker:
    def run(self, x):
        return x
    class Inner:
        def go(self):
            pass
def outer():
    def inner(a):
        return a
    return inner
w = Worker()
for call in [lambda: w.run(), lambda: Worker.run(w, 1, 2), lambda: outer()(), lambda: Worker.Inner().go(1)]:
    try:
        call()
    except TypeError as e:
        print(e)
print(outer().__qualname__, Worker.run.__qualname__, Worker.Inner.go.__qualname__, (lambda: 0).__qualname__)
print(repr(outer()).split(" at ")[0], repr(w.run).split(" of ")[0])
