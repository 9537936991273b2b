# Sets of ids: who is in both, either, only one.
online = {101, 102, 105, 108}
premium = {102, 103, 105}
print(sorted(online & premium), sorted(online | premium))
print(sorted(online - premium), sorted(online ^ premium))
online.add(103)
online.discard(999)
print(len(online), 103 in online, premium <= online, premium.issubset(online))
seen = set()
duplicates = [x for x in [3, 1, 3, 2, 1, 4] if x in seen or seen.add(x)]
print(duplicates, sorted(seen))
print({n % 3 for n in range(10)}, frozenset({1, 2}) == {1, 2})
