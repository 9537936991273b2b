# A timing decorator (it checks the time instead of printing it), stacked with a counter.
import functools
import time

def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        elapsed = time.perf_counter() - start
        print(f"{func.__name__} took at least {args[0]}s: {elapsed >= args[0]}")
        return result
    return wrapper

def counted(func):
    calls = 0
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        print(f"call {calls} of {func.__name__}")
        return func(*args, **kwargs)
    return wrapper

@timed
@counted
def work(seconds, label="job"):
    time.sleep(seconds)
    return f"{label} done"

print(work(0.01))
print(work(0.02, label="second"))
print(work.__name__)
