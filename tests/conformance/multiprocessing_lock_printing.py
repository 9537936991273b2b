# A multiprocessing.Lock keeps each worker's report lines together; an Event starts them.
import multiprocessing


def work(lock, start, total, number):
    start.wait()
    with lock:
        total.value += number
    lock.acquire()
    try:
        pass
    finally:
        lock.release()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    print(lock)
    start = multiprocessing.Event()
    total = multiprocessing.Value("i", 0, lock=False)
    workers = [multiprocessing.Process(target=work, args=(lock, start, total, n)) for n in range(1, 6)]
    for worker in workers:
        worker.start()
    print("event set?", start.is_set())
    start.set()
    for worker in workers:
        worker.join()
    print("total:", total.value, total)
    with lock:
        print("held:", lock)
    print("free again:", lock.acquire(False), lock.acquire(False))
    lock.release()
    try:
        lock.release()
    except ValueError as error:
        print("ValueError:", error)
    rlock = multiprocessing.RLock()
    with rlock:
        with rlock:
            print(rlock)
    print(rlock)
    pool = multiprocessing.Semaphore(2)
    pool.acquire()
    print(pool, pool.get_value())
