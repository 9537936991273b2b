# dict methods for grouping and bookkeeping: setdefault, pop, popitem, update, get.
inventory = {"apples": 3}
inventory.setdefault("pears", 0)
inventory.setdefault("apples", 100)
print(inventory)

groups = {}
for word in ["ant", "bee", "asp", "bat", "cow"]:
    groups.setdefault(word[0], []).append(word)
print(groups)

print(inventory.pop("pears"), inventory.pop("plums", "none left"))
try:
    inventory.pop("plums")
except KeyError as err:
    print("KeyError:", err)

inventory.update({"kiwis": 4}, mangos=2)
inventory.update([("figs", 7)])
print(inventory)
print(inventory.popitem(), inventory)
try:
    {}.popitem()
except KeyError as err:
    print("KeyError:", err)

merged = {**{"a": 1}, **{"b": 2, "a": 3}}
print(merged, dict(zip("ab", [1, 2])))
print(list(merged.keys()), list(merged.values()), list(merged.items()))
copy = merged.copy()
copy.clear()
print(copy, merged, "a" in merged, merged.get("z", -1))
print({k: v for k, v in sorted(groups.items(), reverse=True)})
