# try/except/else/finally, exceptions as values, and the built-in hierarchy.


def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError as e:
        print("caught:", e, repr(e))
        return None
    else:
        print("no error")
        return result
    finally:
        print("finally for", a, b)


print(divide(6, 3))
print(divide(1, 0))


def lookup(container, key):
    try:
        return container[key]
    except (KeyError, IndexError) as e:
        print("missing", e)
        return -1


print(lookup({"a": 1}, "a"), lookup({"a": 1}, "b"), lookup([1], 5))


def check(n):
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n


for n in [1, -2, 3]:
    try:
        print("ok", check(n))
    except ValueError as err:
        print("error:", err, err.args)

try:
    raise ValueError("bad value", 42)
except ValueError as e:
    print(e, e.args, repr(e))

for bad in ["abc", "12"]:
    try:
        print(int(bad))
    except ValueError as e:
        print("conversion:", e)

try:
    undefined_name
except NameError as e:
    print("name:", e)

try:
    [1, 2][3]
except LookupError as e:
    print("lookup catches index:", repr(e))

try:
    1 / 0
except ArithmeticError as e:
    print("arithmetic catches zero division:", e)

try:
    raise RuntimeError
except Exception as e:
    print("a class raised:", repr(e), str(e) == "")

try:
    raise TimeoutError("slow")
except (ValueError, TimeoutError) as e:
    print("tuple of classes:", e)

try:
    try:
        raise KeyError("k")
    except ValueError:
        print("not here")
except BaseException as e:
    print("passed on:", repr(e))

print(ValueError, repr(ValueError("v")), KeyError.__name__)
