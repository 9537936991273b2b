# Classes that order themselves: sorted, list.sort, min and max call the class's __lt__
# (or the reflected __gt__ when only that is defined). Sorting is stable, reverse=True too.
import threading


class Task:
    def __init__(self, name, priority):
        self.name = name
        self.priority = priority

    def __lt__(self, other):
        return self.priority < other.priority

    def __repr__(self):
        return f"{self.name}/{self.priority}"


# Workers file tasks one after another (joined in turn, so the order is fixed).
inbox = []
lock = threading.Lock()


def file_tasks(prefix, priorities):
    for n, priority in enumerate(priorities):
        with lock:
            inbox.append(Task(f"{prefix}{n}", priority))


for prefix, priorities in [("a", [3, 1, 2]), ("b", [2, 3, 1]), ("c", [1])]:
    worker = threading.Thread(target=file_tasks, args=(prefix, priorities))
    worker.start()
    worker.join()

print(inbox)
print(sorted(inbox))
print(sorted(inbox, reverse=True))
print(min(inbox), max(inbox))

# A key may give instances too; list.sort sorts in place.
pairs = [("x", Task("t1", 5)), ("y", Task("t2", 4)), ("z", Task("t3", 5))]
pairs.sort(key=lambda pair: pair[1])
print([name for name, _ in pairs])
print(max(pairs, key=lambda pair: pair[1])[0], min(pairs, key=lambda pair: pair[1])[0])


# Only __gt__: `a < b` is answered by `b > a`.
class Version:
    def __init__(self, text):
        self.parts = tuple(int(part) for part in text.split("."))

    def __gt__(self, other):
        return self.parts > other.parts

    def __repr__(self):
        return ".".join(map(str, self.parts))


versions = [Version(v) for v in ["1.10.0", "1.2.3", "1.2.10", "0.9"]]
print(sorted(versions), min(versions), max(versions))


# Without any ordering method, CPython names the operator that failed.
class Plain:
    pass


for attempt in (lambda: sorted([Plain(), Plain()]), lambda: max(Plain(), Plain())):
    try:
        attempt()
    except TypeError as error:
        print("TypeError:", error)
