import atexit
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def slow_square(n):
    time.sleep(0.05)
    return n * n


def broken_callback(future):
    print("callback got", future.result())
    raise ValueError(f"no place for {future.result()}")


def leaves_with_exit():
    print("exit hook calls sys.exit")
    sys.exit(3)


def fails_at_exit(what):
    print("exit hook fails on", what)
    raise KeyError(what)


def registers_late():
    print("exit hook registers another")
    atexit.register(print, "never printed")


atexit.register(fails_at_exit, "cleanup")
atexit.register(leaves_with_exit)
atexit.register(registers_late)

with ThreadPoolExecutor(max_workers=1) as pool:
    pending = pool.submit(slow_square, 3)
    pending.add_done_callback(broken_callback)
    print("submitted")
print("pool closed, result", pending.result())
pending.add_done_callback(broken_callback)
print("the main thread goes on")
