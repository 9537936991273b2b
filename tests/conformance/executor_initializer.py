# initializer= and initargs=: each worker of a ThreadPoolExecutor and of a Pool calls the
# initializer before its first job (a thread-local prefix, a process's own global).
import threading, time, multiprocessing
from concurrent.futures import ThreadPoolExecutor
local = threading.local()
initialised = []
def setup(prefix):
    local.prefix = prefix
    initialised.append(threading.current_thread().name)
def work(n):
    time.sleep(0.05)
    return f"{local.prefix}{n}"
with ThreadPoolExecutor(max_workers=2, initializer=setup, initargs=("job-",)) as pool:
    print(list(pool.map(work, range(4))))
print("initialised", sorted(initialised))

counter = None
def init_worker(start):
    global counter
    counter = start
def bump(x):
    global counter
    counter += 1
    return x * x
if __name__ == "__main__":
    with multiprocessing.Pool(2, initializer=init_worker, initargs=(100,)) as pool:
        print(pool.map(bump, range(6)))
    print("parent's counter is still", counter)
