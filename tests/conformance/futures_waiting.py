import concurrent.futures
import threading
import time

def work(n):
    time.sleep(n * 0.08)
    if n == 3:
        raise ValueError(f"bad {n}")
    return n * n

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:
    futures = {executor.submit(work, n): n for n in [4, 1, 3, 2]}
    for future in concurrent.futures.as_completed(futures):
        n = futures[future]
        try:
            print(n, "->", future.result())
        except ValueError as e:
            print(n, "raised", e, type(future.exception()).__name__)

with concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="dl") as executor:
    names = executor.map(lambda _: threading.current_thread().name, range(2))
    # Which worker takes which item depends on timing, in CPython too: only the prefix is sure.
    print(sorted({name.split("_")[0] for name in names}))
    results = executor.map(work, [1, 2, 4])
    print(type(results).__name__)
    for r in results:
        print("map result", r)

with concurrent.futures.ThreadPoolExecutor() as executor:
    print(executor._max_workers if hasattr(executor, "_max_workers") else "n/a")
    fs = [executor.submit(work, n) for n in [1, 6, 3]]
    done, not_done = concurrent.futures.wait(fs, return_when=concurrent.futures.FIRST_COMPLETED)
    print(len(done), len(not_done))
    result = concurrent.futures.wait(fs)
    print(len(result.done), len(result.not_done))
    print(fs[0].done(), fs[0].running(), fs[0].cancelled(), fs[2].exception())

def slow():
    time.sleep(0.3)
    return "slow"

with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
    first = executor.submit(slow)
    second = executor.submit(slow)
    print("cancel second:", second.cancel(), second.cancelled())
    print("cancel first:", first.cancel())
    try:
        second.result()
    except concurrent.futures.CancelledError:
        print("second was cancelled")
    try:
        for f in concurrent.futures.as_completed([first], timeout=0.05):
            print("unexpected")
    except concurrent.futures.TimeoutError as e:
        print("timed out:", e)
    print(first.result())
