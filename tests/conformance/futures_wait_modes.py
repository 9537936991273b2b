# concurrent.futures.wait with FIRST_COMPLETED and ALL_COMPLETED, and cancel().
from concurrent.futures import (ThreadPoolExecutor, wait, FIRST_COMPLETED,
                                ALL_COMPLETED, FIRST_EXCEPTION)
import threading

release = threading.Event()

def quick():
    return "quick"

def slow():
    release.wait()
    return "slow"

with ThreadPoolExecutor(max_workers=2) as pool:
    f_slow = pool.submit(slow)
    f_quick = pool.submit(quick)
    done, pending = wait([f_slow, f_quick], return_when=FIRST_COMPLETED)
    print("done:", [f.result() for f in done])
    print("pending:", len(pending))
    release.set()
    done, pending = wait([f_slow, f_quick], return_when=ALL_COMPLETED)
    print("all done:", sorted(f.result() for f in done), "pending:", len(pending))

def boom():
    raise KeyError("missing")

with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(boom), pool.submit(quick)]
    done, _ = wait(futures, return_when=FIRST_EXCEPTION)
    errors = [f.exception() for f in done if f.exception() is not None]
    print("exceptions:", [repr(e) for e in errors])

blocker = threading.Event()
with ThreadPoolExecutor(max_workers=1) as pool:
    busy = pool.submit(blocker.wait)
    waiting = pool.submit(quick)
    print("cancel queued:", waiting.cancel(), waiting.cancelled())
    blocker.set()
print("busy result:", busy.result(), "cancel finished:", busy.cancel())
