# A generator a `for` loop leaves paused (a `break`, a `return`) is closed at once when nothing
# else holds it, as CPython's reference counting does: its `finally` and `with` exits run
# before the next statement. One still held is left paused.
def numbers(label):
    try:
        for i in range(10):
            yield i
    finally:
        print(label, "cleaned up")

for n in numbers("break"):
    if n == 2:
        break
print("after break")

def first_over(limit):
    for n in numbers("return"):
        if n > limit:
            return n
print("first over 3:", first_over(3))

class Resource:
    def __enter__(self):
        print("open")
        return self
    def __exit__(self, *exc):
        print("close", exc[0])
        return False

def lines():
    with Resource():
        yield "a"
        yield "b"

for line in lines():
    print(line)
    break
print("after with-break")

g = numbers("kept")
for n in g:
    if n == 1:
        break
print("still kept: next is", next(g))
g.close()

def plain():
    for i in range(5):
        yield i
for n in plain():
    if n == 1:
        break
print("plain done")

def stubborn():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("exit seen")
        raise
for n in stubborn():
    break
print("end")
