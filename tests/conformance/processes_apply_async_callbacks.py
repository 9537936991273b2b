# apply_async with callbacks: the callbacks run in the parent, so they can fill its list.
import multiprocessing

collected = []
failures = []


def cube(n):
    return n ** 3


def checked_inverse(n):
    if n == 0:
        raise ZeroDivisionError("cannot invert zero")
    return 1 / n


def on_result(value):
    collected.append(value)


def on_error(error):
    failures.append(f"{type(error).__name__}: {error}")


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    pending = [pool.apply_async(cube, (n,), callback=on_result) for n in range(5)]
    print("results via get:", [result.get() for result in pending])
    print("all ready:", all(result.ready() for result in pending))
    print("all successful:", all(result.successful() for result in pending))

    good = pool.apply_async(checked_inverse, (4,), callback=on_result, error_callback=on_error)
    bad = pool.apply_async(checked_inverse, (0,), callback=on_result, error_callback=on_error)
    good.wait()
    bad.wait()
    print("good:", good.get(), good.successful())
    print("bad successful:", bad.successful())
    try:
        bad.get()
    except ZeroDivisionError as error:
        print("get() re-raised:", error)

    pool.close()
    pool.join()
    print("collected:", sorted(collected))
    print("failures:", failures)
