# pprint of what workers gathered: a short dict is its repr with sorted keys, a long one an
# item a line, nested containers laid out within their parents, and the settings tutorials use.
import pprint
import threading

results = {}
lock = threading.Lock()


def worker(n):
    with lock:
        results[f"worker-{n}"] = {"squares": [i * i for i in range(n + 3)], "done": n % 2 == 0, "name": f"w{n}"}


threads = [threading.Thread(target=worker, args=(n,)) for n in (3, 0, 2, 1)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

pprint.pprint({"b": 2, "a": 1, "c": {"z": 1, "y": [3, 2, 1]}})
pprint.pprint(results)
pprint.pprint(results, width=40)
pprint.pprint(results, depth=1)
pprint.pprint(results, indent=4, width=60, sort_dicts=False)
pprint.pp({"zeta": 1, "alpha": 2})
pprint.pprint(list(range(40)), compact=True)
pprint.pprint(list(range(30)))
pprint.pprint((tuple(range(25)), ("one",), ()))
pprint.pprint({"sets": {5, 3, 9, 1}, "frozen": frozenset({"b", "a"}), "empty": set()}, width=30)
text = "threads share memory, so a shared counter needs a lock " * 3
pprint.pprint(text)
pprint.pprint({"note": text, "lines": "first line\nsecond line of the note\n"}, width=50)
pprint.pprint([[1, 2, [3, 4, [5, 6, [7, 8]]]], "x"], depth=2)
print(pprint.pformat({"b": [1, 2], "a": (3,)}), pprint.saferepr({"y": 1, "x": [2, {"d": 4, "c": 3}]}))
print(repr(pprint.pformat("a " * 50, width=30)))
for bad in [{"indent": -1}, {"width": 0}, {"depth": 0}]:
    try:
        pprint.pprint([1], **bad)
    except ValueError as error:
        print("ValueError:", error)
