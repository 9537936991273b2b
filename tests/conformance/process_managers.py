# Processes sharing state through a manager: a dict, a list, a namespace, a value and a lock.
import multiprocessing
from multiprocessing import Manager, Pool, Process


def record_square(results, n):
    results[n] = n * n


def collect(names, name):
    names.append(name.upper())


def deposit(balance, lock, times):
    for _ in range(times):
        with lock:
            balance.value += 1


def square(args):
    shared, n = args
    shared[n] = n * n
    return n


def configure(ns):
    ns.mode = "fast"
    ns.workers = 4


if __name__ == "__main__":
    with Manager() as manager:
        results = manager.dict()
        jobs = [Process(target=record_square, args=(results, n)) for n in range(5)]
        for job in jobs:
            job.start()
        for job in jobs:
            job.join()
        print(sorted(results.items()))
        print(len(results), 3 in results, results.get(4), results.get(9, "none"))
        print(dict(sorted(results.items())) == {0: 0, 1: 1, 2: 4, 3: 9, 4: 16})
        print(type(results).__name__, isinstance(results, dict), results == dict(results))

        names = manager.list(["ada"])
        for name in ["grace", "alan"]:
            job = Process(target=collect, args=(names, name))
            job.start()
            job.join()
        print(names, len(names), names[0], names[-1], list(names))
        print(names + ["x"], "ALAN" in names, names.index("ALAN"), names.count("ada"))
        names.sort()
        print(names, names.pop(), names)

        balance = manager.Value("i", 0)
        lock = manager.Lock()
        depositors = [Process(target=deposit, args=(balance, lock, 50)) for _ in range(4)]
        for job in depositors:
            job.start()
        for job in depositors:
            job.join()
        print("balance:", balance.value, balance)

        settings = manager.Namespace()
        job = Process(target=configure, args=(settings,))
        job.start()
        job.join()
        print(settings, settings.mode, settings.workers)

        shared = manager.dict()
        with Pool(2) as pool:
            print(pool.map(square, [(shared, n) for n in range(6)]))
        print(sorted(shared.keys()), sorted(shared.values()))

        nested = manager.dict({"items": [1]})
        nested["items"].append(2)
        print("a copy comes out:", nested["items"])
        nested.values()[0].append(3)
        nested.items()[0][1].append(4)
        for key in nested:
            print("still", key, nested[key])
        copy = nested.copy()
        copy["items"] = []
        print(nested, type(copy).__name__)
        print(nested.pop("items"), nested, nested.setdefault("k", 0), nested)
        try:
            results["missing"]
        except KeyError as error:
            print("KeyError", error)
