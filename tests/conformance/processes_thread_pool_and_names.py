# multiprocessing.pool.ThreadPool shares memory (threads); a one-process Pool's worker name.
import multiprocessing
import threading
from multiprocessing.pool import ThreadPool

shared = []
lock = threading.Lock()


def remember(item):
    with lock:
        shared.append(item)
    return item * 10


def whoami(_):
    return multiprocessing.current_process().name


if __name__ == "__main__":
    print("main:", multiprocessing.current_process().name)
    with ThreadPool(3) as pool:
        print("thread pool map:", pool.map(remember, [3, 1, 2]))
        print("threads see one process:", set(pool.map(whoami, range(4))))
    print("shared list filled by threads:", sorted(shared))

    with multiprocessing.Pool(1) as pool:
        print("pool worker:", set(pool.map(whoami, range(3))))
        print("worker memory:", pool.apply(remember, (7,)), sorted(shared))
    print("parent list unchanged:", sorted(shared))
    print("worker thread named after its target:", threading.Thread(target=print).name.endswith("(print)"))
