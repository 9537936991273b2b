# Pool workers each work on a copy of the parent's globals; the parent's stay untouched.
import multiprocessing
import os

tally = 0
seen = []
settings = {"mode": "parent"}


def record(item):
    global tally
    tally += item
    seen.append(item)
    settings["mode"] = "worker"
    return tally, len(seen), settings["mode"]


def identity_check(parent_pid):
    return os.getpid() != parent_pid, os.getppid() == parent_pid


def grow(items):
    items.append("added in worker")
    return len(items)


if __name__ == "__main__":
    parent_pid = os.getpid()
    # One worker: it keeps its own globals from one call to the next.
    with multiprocessing.Pool(1) as pool:
        print("worker view:", pool.map(record, [5, 10, 20]))
        print("next call:", pool.apply(record, (1,)))
        print("pid checks:", pool.apply(identity_check, (parent_pid,)))
        basket = ["apple"]
        print("worker saw", pool.apply(grow, (basket,)), "items; parent has", basket)
    print("parent tally:", tally)
    print("parent seen:", seen)
    print("parent settings:", settings)
    print("cpu count sane:", multiprocessing.cpu_count() >= 1, os.cpu_count() == multiprocessing.cpu_count())
