# A process's queue closed by the parent: the parent puts and gets no more, while what the
# child put stays in the queue. (Not `empty()`: CPython's closes the reading end on the queue's
# own thread, so it raises OSError or gives False, as that thread is quick or not.)
import multiprocessing as mp


def child(queue):
    queue.put("from the child")


def shown(error):
    # The queue's repr holds its address, which differs from run to run.
    return type(error).__name__ + ": " + str(error).split(" object at ")[0]


if __name__ == "__main__":
    queue = mp.Queue()
    queue.put(1)
    print(queue.get())
    process = mp.Process(target=child, args=(queue,))
    process.start()
    process.join()
    queue.close()
    for name, call in [
        ("put", lambda: queue.put(2)),
        ("get", queue.get),
        ("get_nowait", queue.get_nowait),
        ("qsize", queue.qsize),
    ]:
        try:
            print(name, call())
        except (ValueError, OSError) as error:
            print(name, shown(error))
    queue.join_thread()
    print("done")
