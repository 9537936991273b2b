# Classes used with `with`: __enter__ and __exit__ run, even when the body raises.
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"open {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"close {self.name}")
        return False

with Resource("a") as a, Resource("b") as b:
    print("using", a.name, b.name)
try:
    with Resource("c"):
        raise KeyError("missing")
except KeyError as error:
    print("caught", error)
import threading

class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.kinds):
            print("suppressed", exc_type.__name__, exc)
            return True
        return False

with Suppress(ZeroDivisionError):
    print(1 / 0)
print("after the suppressed error")
lock = threading.Lock()
try:
    with lock:
        raise RuntimeError("inside the lock")
except RuntimeError as error:
    print(error, "and the lock is", "held" if lock.locked() else "free")
def early():
    with Resource("d"):
        return "returned"
print(early())
for n in range(2):
    with Resource(f"loop{n}"):
        if n == 0:
            continue
        break
