import concurrent.futures
import threading
import time


def square(n):
    time.sleep(0.05 * n)
    return n * n


def report(future):
    print(f"done: {future.result()} in {threading.current_thread().name}")


with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(square, n) for n in (3, 1, 2)]
    for future in futures:
        future.add_done_callback(report)
print("all done")
futures[0].add_done_callback(report)
print(sorted(f.result() for f in futures))
