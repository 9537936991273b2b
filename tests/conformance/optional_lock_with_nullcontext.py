# A race-condition lesson's switch: the same counter, once with a real lock and once with
# contextlib.nullcontext standing in for it, on one thread so the count is exact either way.
import contextlib
import threading


def count_to(limit, guard):
    total = 0
    for _ in range(limit):
        with guard:
            total += 1
    return total


for use_lock in (True, False):
    guard = threading.Lock() if use_lock else contextlib.nullcontext()
    print(type(guard).__name__, count_to(1000, guard))

with contextlib.nullcontext("resource") as value:
    print("entered with", value)
with contextlib.nullcontext() as nothing:
    print("entered with", nothing)

try:
    with contextlib.nullcontext():
        raise ValueError("not swallowed")
except ValueError as error:
    print("still raised:", error)
