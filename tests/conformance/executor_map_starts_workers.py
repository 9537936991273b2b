# ThreadPoolExecutor.map submits every call at once: the workers it starts begin their first
# jobs before the results are read (the caller looks 50 ms later: whether a new worker's first
# line comes before the caller's next one is a race in CPython, 13 runs in 20 one way); the
# rest wait in the queue, and results come back in order. Lines that follow each other are
# 50 ms apart or more: with 20 ms, python3 beside a busy browser once printed two in the other
# order. (The workers log: a logged line is one write, where python3 -u writes a print's end
# apart.)
from concurrent.futures import ThreadPoolExecutor
import logging
import time

logging.basicConfig(format="%(threadName)s: %(message)s", level=logging.INFO)


def task(n):
    logging.info(f"sleeping {n}")
    time.sleep(n / 20)
    logging.info(f"done with {n}")
    return n * 10


with ThreadPoolExecutor(max_workers=2) as executor:
    print("main: mapping")
    results = executor.map(task, [5, 3, 1, 2])
    time.sleep(0.05)
    print("main: mapped, results not read yet")
    print("main: results", list(results))

with ThreadPoolExecutor(max_workers=3, thread_name_prefix="pool") as executor:
    futures = [executor.submit(task, n) for n in (4, 1)]
    print("main:", [future.result() for future in futures])
    print("main:", list(executor.map(pow, [2, 3], [5, 2])))
