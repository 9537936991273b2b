# Splitting work into batches with islice, numbering with count.
import itertools

def batches(items, size):
    it = iter(items)
    while True:
        batch = list(itertools.islice(it, size))
        if not batch:
            return
        yield batch

for number, batch in zip(itertools.count(1), batches(range(10), 4)):
    print(number, batch)
print(list(itertools.chain([1, 2], (3,), "ab")))
print(list(itertools.product("ab", repeat=2)))
print(list(itertools.accumulate([1, 2, 3, 4])))
print([(k, len(list(g))) for k, g in itertools.groupby("aaabccd")])
