# multiprocessing.Barrier, Condition and SimpleQueue: processes meet at a barrier, wait on a
# condition the main process notifies, and report through a queue.
import time
from multiprocessing import Barrier, Condition, Process, SimpleQueue


def meet(barrier, number, results):
    time.sleep(number * 0.1)
    print(f"process {number} arrives", flush=True)
    barrier.wait()
    results.put(number)


def wait_for_go(condition, number, results):
    with condition:
        condition.wait()
    results.put(f"go {number}")


if __name__ == "__main__":
    barrier = Barrier(4)
    results = SimpleQueue()
    processes = [Process(target=meet, args=(barrier, n, results)) for n in range(3)]
    for process in processes:
        process.start()
    time.sleep(0.6)
    print("main arrives, parties:", barrier.parties, "waiting:", barrier.n_waiting)
    barrier.wait()
    for process in processes:
        process.join()
    print("passed:", sorted(results.get() for _ in range(3)), results.empty())

    condition = Condition()
    waiters = [Process(target=wait_for_go, args=(condition, n, results)) for n in range(3)]
    for waiter in waiters:
        waiter.start()
    time.sleep(0.6)
    with condition:
        condition.notify_all()
    for waiter in waiters:
        waiter.join()
    print("woken:", sorted(results.get() for _ in range(3)))
