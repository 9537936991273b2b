# maxtasksperchild: a Pool's process ends after that many jobs and a new one, numbered with
# the program's processes, takes its place and runs the initializer first. One worker, so
# the order is CPython's on every run.
import multiprocessing as mp
import os

jobs_here = 0


def started(tag):
    global jobs_here
    jobs_here = 0
    print(tag, "starts", mp.current_process().name)


def job(n):
    global jobs_here
    jobs_here += 1
    return n * n, mp.current_process().name, jobs_here


if __name__ == "__main__":
    with mp.Pool(1, initializer=started, initargs=("worker",), maxtasksperchild=2) as pool:
        for square, name, count in pool.map(job, range(5), chunksize=1):
            print(square, name, count)
    with mp.Pool(processes=1, maxtasksperchild=1) as pool:
        pids = set()
        for n in range(3):
            square, name, count = pool.apply(job, (n,))
            pids.add(pool.apply(os.getpid))
            print("apply", square, name, count)
        print(len(pids), "processes for", 3, "pids")
    # (Its number is the next one, or the one after if CPython's pool above started a
    # successor to its last process before it was terminated: a race.)
    with mp.Pool(1, maxtasksperchild=None) as pool:
        names = [name for _, name, _ in pool.map(job, range(3))]
        print(len(set(names)), "process for", len(names), "jobs")
    for bad in (0, -2, 2.5, "3", True):
        try:
            mp.Pool(1, maxtasksperchild=bad)
            print("accepted", repr(bad))
        except ValueError as error:
            print(type(error).__name__, error)
