# executor.map keeps the order of its inputs, whatever order the work finishes in.
import concurrent.futures
import time

def slow_square(n):
    time.sleep((5 - n) * 0.01)
    return n * n

with concurrent.futures.ThreadPoolExecutor(max_workers=5) as pool:
    for n, square in zip(range(5), pool.map(slow_square, range(5))):
        print(n, square)
    futures = [pool.submit(slow_square, n) for n in range(3)]
    print([f.result() for f in futures])
    print(sum(pool.map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])))
