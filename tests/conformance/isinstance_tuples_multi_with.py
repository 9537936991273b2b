# isinstance and issubclass take a tuple of types (any may match, nested tuples too); one
# with statement can hold several context managers, entered left to right, left in reverse.
import threading


class Shape:
    pass


class Circle(Shape):
    pass


class Square(Shape):
    pass


for thing in [Circle(), Square(), 3, 2.5, "s", None, True, [1]]:
    print(
        type(thing).__name__,
        isinstance(thing, (int, float)),
        isinstance(thing, (Circle, (str, list))),
        isinstance(thing, (Shape,)),
        isinstance(thing, ()),
    )
print(issubclass(Circle, (Square, Shape)), issubclass(bool, (str, int)), issubclass(Shape, (Circle, Square)))


class Step:
    def __init__(self, name, fail=False):
        self.name = name
        self.fail = fail

    def __enter__(self):
        print("enter", self.name)
        if self.fail:
            raise RuntimeError(f"{self.name} failed")
        return self.name.upper()

    def __exit__(self, kind, value, traceback):
        print("exit", self.name, kind.__name__ if kind else None)
        return False


with Step("a") as a, Step("b") as b, Step("c"):
    print("body", a, b)

# If a later manager fails to enter, only the ones already entered are left.
try:
    with Step("x"), Step("y", fail=True), Step("z"):
        print("not reached")
except RuntimeError as error:
    print("caught", error)

# Locks too: both are held in the body (an RLock's owner may take it again), released after.
first, second = threading.Lock(), threading.RLock()
with first, second:
    print(first.locked(), second.acquire(blocking=False))
    second.release()
print(first.locked())
