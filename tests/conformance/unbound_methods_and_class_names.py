# A built-in type's methods taken from the type (`key=str.lower`, `map(str.strip, …)`), and
# `__class__` on every kind of value, as exception handlers print it.
import threading

names = ["bob", "Alice", "carol", "alice", "Dave"]
print(sorted(names, key=str.lower))
print(list(map(str.upper, names[:2])), list(map(str.strip, ["  padded ", "tail  "])))
print(str.join(" + ", names[:3]), str.lower.__name__, repr(str.lower))

results = []
workers = [
    threading.Thread(target=list.append, args=(results, n * n)) for n in range(4)
]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print(sorted(results))

settings = {"retries": 3}
print(dict.get(settings, "retries"), dict.get(settings, "timeout", 30))
try:
    str.upper(42)
except TypeError as error:
    print("TypeError:", error)


def risky(n):
    if n == 0:
        return 1 / n
    if n == 1:
        return {}["missing"]
    return int("not a number")


for n in range(3):
    try:
        risky(n)
    except Exception as error:
        print(f"{error.__class__.__name__}: {error}")

print((5).__class__.__name__, "text".__class__.__name__, [].__class__.__name__)
print(type(2.5).__name__, (2.5).__class__ is float)


class Task:
    pass


print(Task().__class__.__name__, Task().__class__ is Task)
