# The endless iterators (count, cycle, repeat) taken lazily: for loops with break, zip,
# islice, next(); and islice, chain, zip_longest, pairwise, tee over them and over lists.
import threading
from itertools import chain, count, cycle, islice, pairwise, repeat, tee, zip_longest

for n in count(10, 5):
    if n > 30:
        break
    print("count", n)
ids = count(1)
print(next(ids), next(ids), next(ids), ids)
print(list(zip(count(), "abc")), list(zip("xy", count(100, -10))))
print(list(islice(count(0.5, 0.25), 4)), count(2, 3), repeat("z", 2), repeat(None))
colors = cycle(["red", "green", "blue"])
print([next(colors) for _ in range(5)])
for i, color in enumerate(cycle("ab")):
    if i >= 4:
        break
    print(i, color)
print(list(repeat("ha", 3)), list(repeat(1, 0)), list(zip(range(3), repeat("same"))))
print(list(map(pow, range(5), repeat(2))))
print(list(islice("abcdefg", 3)), list(islice("abcdefg", 2, 5)), list(islice("abcdefg", 0, None, 2)))
print(list(islice(range(100), 95, None)), list(islice(count(), 3, 12, 4)), list(islice([], 3)))
numbers = iter(range(10))
print(list(islice(numbers, 3)), next(numbers), list(numbers))
print(list(chain("ab", [1, 2], (3,))), list(chain()), list(chain.from_iterable(["xy", "z"])))
print(list(islice(chain([1, 2], count(3)), 6)))
print(list(zip_longest("abc", [1])), list(zip_longest("ab", "wxyz", fillvalue="-")))
print(list(islice(zip_longest(count(), "ab"), 4)))
print(list(pairwise("abcd")), list(pairwise([1])), list(islice(pairwise(count()), 3)))
first, second = tee(islice(count(), 4))
print(next(first), next(first), list(second), list(first))
a, b, c = tee("xy", 3)
print(list(a), list(b), list(c))
for bad in [lambda: islice("abc", -1), lambda: islice("abc", 0, 2, 0), lambda: count("a"),
            lambda: list(chain([1], 5))]:
    try:
        bad()
    except (TypeError, ValueError) as error:
        print(type(error).__name__, error)
print(type(count()).__name__, type(count()), count, type(chain()).__name__)

# A generator that never ends, sliced: islice runs it for the items it takes, no more.
def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

print(list(islice(fibonacci(), 12)))
numbers = fibonacci()
print(list(islice(numbers, 5, 8)), next(numbers), list(islice(numbers, 0, 4, 2)), next(numbers))
print(list(islice((n * n for n in count(1)), 5)), sum(islice(fibonacci(), 20)))

# Threads take ticket numbers from one shared count: each number goes to one thread.
tickets = count(1)
taken = []
lock = threading.Lock()

def take(times):
    for _ in range(times):
        number = next(tickets)
        with lock:
            taken.append(number)

threads = [threading.Thread(target=take, args=(250,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(taken), len(set(taken)), min(taken), max(taken), next(tickets))
