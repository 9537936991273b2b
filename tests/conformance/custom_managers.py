# A manager of the program's own types: register() on a BaseManager subclass, proxies that
# forward exposed methods with copies, a proxytype of the program's, and child processes that
# share the manager's objects.
from multiprocessing import Lock, Process
from multiprocessing.managers import BaseManager, BaseProxy, SyncManager


class Tally:
    def __init__(self, start=0):
        self.count = start
        self.seen = []

    def add(self, amount, note=None):
        self.count += amount
        if note is not None:
            self.seen.append(note)
        return self.count

    def notes(self):
        return self.seen

    def keep(self, items):
        items.append("kept")
        return len(items)

    def _secret(self):
        return "hidden"


class Inventory:
    def __init__(self):
        self.items = {}

    def put(self, name, count):
        self.items[name] = self.items.get(name, 0) + count

    def report(self):
        return sorted(self.items.items())


def squares(limit):
    for number in range(limit):
        yield number * number


class IteratorProxy(BaseProxy):
    _exposed_ = ("__next__",)

    def __iter__(self):
        return self

    def __next__(self):
        return self._callmethod("__next__")


class LabProxy(BaseProxy):
    _exposed_ = ("add", "notes")

    def add(self, amount, note=None):
        return self._callmethod("add", (amount,), {"note": note})

    def notes(self):
        return self._callmethod("notes")


class LabManager(BaseManager):
    pass


LabManager.register("Tally", Tally)
LabManager.register("Quiet", Tally, exposed=("add",))
LabManager.register("squares", squares, proxytype=IteratorProxy)
LabManager.register("Lab", Tally, proxytype=LabProxy)


class StoreManager(SyncManager):
    pass


StoreManager.register("Inventory", Inventory)


def restock(inventory, name, count):
    inventory.put(name, count)


def count_up(tally, times, lock):
    for _ in range(times):
        with lock:
            tally.add(1)


if __name__ == "__main__":
    with LabManager() as manager:
        tally = manager.Tally(10)
        print("add ->", tally.add(5, note="first"))
        print("notes ->", tally.notes())
        print("exposed ->", tally._exposed_)
        print("has _secret:", hasattr(tally, "_secret"), "has count:", hasattr(tally, "count"))
        mine = ["a"]
        print("keep ->", tally.keep(mine), "mine is still", mine)
        notes = tally.notes()
        notes.append("local only")
        print("notes again ->", tally.notes())

        quiet = manager.Quiet()
        print("quiet exposed ->", quiet._exposed_, "has notes:", hasattr(quiet, "notes"))
        print("quiet add ->", quiet.add(2))

        print("squares ->", list(manager.squares(6)))
        lab = manager.Lab(1)
        print("lab ->", lab.add(2, note="two"), lab.notes())
        print("lab is a", type(lab).__name__)

        lock = Lock()
        workers = [Process(target=count_up, args=(tally, 25, lock)) for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        print("after 4 processes ->", tally.add(0))

    store = StoreManager()
    store.start()
    inventory = store.Inventory()
    shared = store.dict()
    shared["owner"] = "main"
    jobs = [
        Process(target=restock, args=(inventory, name, count))
        for name, count in [("bolts", 3), ("nuts", 5), ("bolts", 4)]
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    print("inventory ->", inventory.report())
    print("shared ->", dict(shared))
    store.shutdown()
