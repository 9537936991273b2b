# wait(FIRST_EXCEPTION) returns once one job fails; the others go on.
import concurrent.futures
import time

def job(n):
    time.sleep(0.05 * n)
    if n == 2:
        raise RuntimeError(f"job {n} failed")
    return n

with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(job, n) for n in (1, 2, 4)]
    done, pending = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_EXCEPTION)
    print(len(done), len(pending))
    failed = [f for f in done if f.exception() is not None]
    print([str(f.exception()) for f in failed])
    concurrent.futures.wait(pending)
    print(sorted(f.result() for f in futures if f.exception() is None))
