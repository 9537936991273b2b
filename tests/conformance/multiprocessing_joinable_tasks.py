# Daemon workers take tasks from a JoinableQueue; join() returns once each is marked done.
import multiprocessing


def worker(tasks, done):
    while True:
        number = tasks.get()
        done.put(number * 10)
        tasks.task_done()


if __name__ == "__main__":
    tasks = multiprocessing.JoinableQueue()
    done = multiprocessing.Queue()
    for _ in range(2):
        multiprocessing.Process(target=worker, args=(tasks, done), daemon=True).start()
    for number in range(1, 9):
        tasks.put(number)
    tasks.join()
    print("all tasks done")
    answers = sorted(done.get() for _ in range(8))
    print(answers)
    print("left:", tasks.qsize(), done.qsize())
    try:
        tasks.task_done()
    except ValueError as error:
        print("ValueError:", error)
    plain = multiprocessing.Queue()
    print(hasattr(plain, "task_done"), hasattr(tasks, "task_done"))
