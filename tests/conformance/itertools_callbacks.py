# The itertools that call the program's functions: accumulate, starmap, takewhile, dropwhile,
# groupby. The functions print, so the order and number of calls show.
import threading
from itertools import accumulate, count, dropwhile, groupby, islice, starmap, takewhile

print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate(["a", "b", "c"])))
print(list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2, 3], initial=100)))
print(list(accumulate([], initial=7)), list(islice(accumulate(count(1)), 5)))

def multiply(total, n):
    print(f"  multiply({total}, {n})")
    return total * n

for product in accumulate([1, 2, 3, 4], multiply):
    print("running product", product)
print(list(accumulate([2, 3], func=lambda a, b: a - b)))

def power(base, exponent):
    print(f"  power({base}, {exponent})")
    return base ** exponent

for value in starmap(power, [(2, 5), (3, 2), (10, 3)]):
    print("got", value)
print(list(starmap(max, [(1, 9, 3), (7, 2)])), list(starmap(lambda *a: sum(a), [(), (1, 2)])))

def small(n):
    print(f"  small({n})?")
    return n < 4

print(list(takewhile(small, [1, 3, 5, 2, 1])))
print(list(takewhile(lambda n: n * n < 50, count())))

def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

numbers = fibonacci()
print(list(takewhile(lambda n: n < 100, numbers)), next(numbers))
print(sum(takewhile(lambda n: n < 4000000, (f for f in fibonacci() if f % 2 == 0))))
print(list(dropwhile(small, [1, 3, 5, 2, 1])))
print(list(dropwhile(lambda c: c != "x", "abcxyz")), list(dropwhile(bool, [1, 2])))
print(list(islice(dropwhile(lambda n: n < 10, count()), 3)))

data = "aaabccddddde"
print([(key, len(list(group))) for key, group in groupby(data)])
print([key for key, _ in groupby(sorted("mississippi"))])

def parity(n):
    print(f"  parity({n})")
    return n % 2

for key, group in groupby([1, 3, 5, 2, 4, 7], key=parity):
    print(key, list(group))
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
for letter, group in groupby(sorted(words), key=lambda w: w[0]):
    print(letter, list(group))
records = [("ann", "dev"), ("bob", "dev"), ("cy", "ops")]
print({role: [name for name, _ in members] for role, members in groupby(records, lambda r: r[1])})

# Each thread sums its own running totals; the results print after the joins, in order.
totals = [None] * 3

def run(index):
    totals[index] = list(accumulate(range(index * 3, index * 3 + 3), lambda a, b: a + b))

threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(totals)
