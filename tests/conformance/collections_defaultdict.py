# defaultdict grouping and counting, OrderedDict's order, and dict() over them.
import threading
from collections import OrderedDict, defaultdict

animals = [("mammal", "cat"), ("bird", "owl"), ("mammal", "dog"), ("fish", "cod"), ("bird", "jay")]
by_kind = defaultdict(list)
for kind, name in animals:
    by_kind[kind].append(name)
print(by_kind)
print(by_kind["mammal"], len(by_kind), "reptile" in by_kind, by_kind.get("reptile"))
print(by_kind["reptile"], len(by_kind), sorted(by_kind))
for kind, names in sorted(by_kind.items()):
    print(f"{kind}: {', '.join(names)}")

letters = defaultdict(int)
for ch in "hello world":
    letters[ch] += 1
print(letters, letters["z"], dict(letters))

unique = defaultdict(set)
for word in "a b a c b a".split():
    unique[len(word)].add(word)
print(sorted(unique[1]), list(unique.keys()))

nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
nested["x"]["z"] += 1
print(nested["x"]["y"], nested["x"]["z"], sorted(nested["x"].items()))

made = []

def default_name():
    made.append(len(made))
    return f"anonymous-{len(made)}"

names = defaultdict(default_name)
print(names[1], names[2], names[1], made)
print(names.default_factory is default_name, defaultdict(list).default_factory)
plain = defaultdict(None, {"a": 1})
print(plain)
try:
    plain["missing"]
except KeyError as error:
    print("KeyError", error)
print(isinstance(letters, dict), isinstance(letters, defaultdict), type(letters).__name__)
print(defaultdict(list, {"k": [1]}, extra=[2]), defaultdict(int, [("a", 1)]) == {"a": 1})
try:
    defaultdict(3)
except TypeError as error:
    print("TypeError", error)

# Threads append to lists in one defaultdict, each under its own key.
results = defaultdict(list)

def work(name):
    for i in range(3):
        results[name].append(i * i)

threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))

od = OrderedDict()
od["b"] = 2
od["a"] = 1
od["c"] = 3
print(od, list(od), list(od.values()))
od.move_to_end("b")
print(od)
od.move_to_end("c", last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(x=1, y=2) == OrderedDict(y=2, x=1), OrderedDict(x=1, y=2) == {"y": 2, "x": 1})
print(OrderedDict([("one", 1), ("two", 2)]), OrderedDict(), isinstance(od, dict))
lru = OrderedDict()
for key in ["a", "b", "c", "a", "d"]:
    if key in lru:
        lru.move_to_end(key)
    lru[key] = True
    if len(lru) > 3:
        lru.popitem(last=False)
print(list(lru))
try:
    OrderedDict().popitem()
except KeyError as error:
    print("KeyError", error)
try:
    od.move_to_end("nope")
except KeyError as error:
    print("KeyError", error)
print(dict([("a", 1), ("b", 2)]), dict(a=1), dict({"z": 0}, y=1), dict())
merged = {"a": 1}
merged.update({"b": 2}, c=3)
print(merged)
