# Generators that delegate with `yield from` (values sent in pass through, the return value is
# the expression's, an exception thrown in reaches the inner generator), and close() running a
# generator's `except GeneratorExit` and `finally`: a pipeline of worker stages, one thread.
import threading


def averager():
    """Receives numbers, yields the running mean, returns the count when sent None."""
    total = count = 0
    mean = None
    while True:
        number = yield mean
        if number is None:
            return count
        total += number
        count += 1
        mean = total / count


def grouper(results, key):
    while True:
        results[key] = yield from averager()


def report(results):
    for key in sorted(results):
        print(f"  {key}: {results[key]} values")


results = {}
for key, values in {"temps": [20.5, 21.0, 19.5], "loads": [0.5, 0.75]}.items():
    group = grouper(results, key)
    next(group)
    for value in values:
        print(key, "mean so far", group.send(value))
    group.send(None)
report(results)


def numbers():
    yield 1
    yield 2
    return "numbers done"


def letters():
    yield "a"
    return "letters done"


def chained():
    first = yield from numbers()
    second = yield from letters()
    third = yield from [10, 20]
    print("returned:", first, second, third)


print(list(chained()))


def inner():
    try:
        yield "working"
    except ValueError as error:
        print("inner caught:", error)
        yield "recovered"
    yield "inner again"


def outer():
    result = yield from inner()
    yield f"outer after inner ({result})"


pipeline = outer()
print(next(pipeline))
print(pipeline.throw(ValueError("bad record")))
print(list(pipeline))


def stage(name):
    try:
        while True:
            item = yield
            print(f"{name} got {item}")
    except GeneratorExit:
        print(f"{name} closing")
        raise
    finally:
        print(f"{name} cleaned up")


def run_stage():
    worker = stage("worker stage")
    next(worker)
    worker.send("job 1")
    worker.send("job 2")
    worker.close()
    worker.close()
    print("closed twice without error")


thread = threading.Thread(target=run_stage)
thread.start()
thread.join()


def stubborn():
    ignored = False
    while True:
        try:
            yield
        except GeneratorExit:
            if ignored:
                raise
            ignored = True
            print("ignoring GeneratorExit")


gen = stubborn()
next(gen)
try:
    gen.close()
except RuntimeError as error:
    print("RuntimeError:", error)
never_started = stage("never started")
never_started.close()
print("a generator never started closes quietly")
