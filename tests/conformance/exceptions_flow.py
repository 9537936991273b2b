# finally on every way out (return, break, continue, an exception), nested handlers and a bare
# raise.


def finally_return():
    try:
        return "from try"
    finally:
        print("finally runs before the return")


print(finally_return())

count = 0
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        count += 1
    finally:
        print("cleanup", i)
print("count", count)


def nested():
    try:
        try:
            raise KeyError("k")
        except ValueError:
            print("not here")
        finally:
            print("inner finally")
    except LookupError as e:
        print("outer caught", repr(e))
        try:
            raise
        except KeyError as again:
            print("re-raised and caught:", again)
    finally:
        print("outer finally")


nested()


def deep(n):
    if n == 0:
        raise ValueError("from the bottom")
    return deep(n - 1)


try:
    deep(50)
except ValueError as e:
    print("through 50 frames:", e)


def swallow():
    for attempt in range(3):
        try:
            if attempt < 2:
                raise RuntimeError(f"attempt {attempt}")
            print("attempt", attempt, "worked")
        except RuntimeError as e:
            print("retrying after", e)
        else:
            return attempt


print("took", swallow())

while True:
    try:
        print("in the loop")
        break
    finally:
        print("leaving the loop")

try:
    try:
        raise ValueError("first")
    finally:
        print("finally sees the exception go by")
except ValueError as e:
    print("then caught:", e)

try:
    raise ValueError("original") from KeyError("cause")
except ValueError as e:
    print("raise from:", e)

total = 0
for item in [1, "two", 3, None, 5]:
    try:
        total += item
    except TypeError:
        print("skipping", repr(item))
print("total", total)
