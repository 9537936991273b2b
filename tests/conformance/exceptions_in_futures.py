# An exception in submitted work comes back from result(), and does not stop the others.
import concurrent.futures

def divide(a, b):
    return a / b

with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(divide, 10, d) for d in (2, 0, 5)]
    for future in futures:
        try:
            print("result:", future.result())
        except ZeroDivisionError as error:
            print("failed:", error, type(future.exception()).__name__)
