# `any` and `all` over a generator expression stop at the first item that decides, as
# CPython's do: the rest of the generator is never run (`:=` and prints show where they stopped),
# even across nested `for` clauses; a shadowed `any` gets the items as usual.
def first_over(limit, values):
    last = None
    found = any((last := value) > limit for value in values)
    return found, last


print(first_over(2, range(10)))
print(first_over(20, range(10)))

checked = []
print(all((checked.append(n) or n < 3) for n in range(10)), checked)
print(any(x > 5 for x in []), all(x > 5 for x in []))
print(any(x for row in [[0, 0], [0, 7], [9]] for x in row if x != 9))
print(all(y for row in [[1, 2], [3, 0], [4]] for y in row))


def numbers():
    for i in range(5):
        print("yielding", i)
        yield i


print(any(i == 2 for i in numbers()))
print(sum(i for i in range(5)))


class Flag:
    def __init__(self, value):
        self.value = value

    def __bool__(self):
        print("asked", self.value)
        return self.value


print(all(Flag(v) for v in [True, False, True]))
try:
    print(all(1 / (2 - i) for i in range(5)))
except ZeroDivisionError as error:
    print("error:", error)


def shadowed():
    any = lambda items: "my any of " + str(list(items))
    return any(i for i in range(3))


print(shadowed())
