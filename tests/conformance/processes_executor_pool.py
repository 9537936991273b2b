# ProcessPoolExecutor: submit, map with chunksize, as_completed, and a worker's exception.
from concurrent.futures import ProcessPoolExecutor, as_completed
import os

calls = 0


def collatz_steps(n):
    global calls
    calls += 1
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def safe_divide(a, b):
    return a / b


def runs_elsewhere(parent_pid):
    return os.getpid() != parent_pid


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        future = executor.submit(collatz_steps, 27)
        print("steps for 27:", future.result())
        print("map:", list(executor.map(collatz_steps, [1, 2, 3, 6, 7, 9], chunksize=2)))
        futures = {executor.submit(collatz_steps, n): n for n in (5, 11, 19)}
        finished = sorted((futures[f], f.result()) for f in as_completed(futures))
        print("as_completed:", finished)
        print("elsewhere:", all(executor.map(runs_elsewhere, [os.getpid()] * 3)))
        failing = executor.submit(safe_divide, 1, 0)
        print("exception type:", type(failing.exception()).__name__)
        try:
            failing.result()
        except ZeroDivisionError as error:
            print("result() raised:", error)
        try:
            for value in executor.map(safe_divide, [6, 8], [3, 0]):
                print("quotient:", value)
        except ZeroDivisionError as error:
            print("map stopped:", error)
    print("parent calls:", calls)
