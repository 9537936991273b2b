# product, permutations, combinations and combinations_with_replacement, in CPython's order.
from itertools import combinations, combinations_with_replacement, permutations, product

print(list(product("ab", "xy")), list(product([0, 1], repeat=3)))
print(list(product("ab", [1, 2], repeat=2))[:5], len(list(product(range(4), repeat=3))))
print(list(product()), list(product("ab", [])), list(product("a", repeat=0)))
print(list(permutations("abc")), list(permutations([1, 2, 3], 2)))
print(list(permutations("ab", 3)), list(permutations("ab", 0)), len(list(permutations(range(5)))))
print(list(combinations("abcd", 2)), list(combinations(range(5), 3)))
print(list(combinations("ab", 3)), list(combinations("ab", 0)), list(combinations([], 0)))
print(list(combinations_with_replacement("abc", 2)), list(combinations_with_replacement([1, 2], 3)))
print(list(combinations_with_replacement("", 2)), list(combinations_with_replacement("", 0)))
pairs = [(a, b) for a, b in combinations([3, 5, 7, 9], 2) if (a + b) % 4 == 0]
print(pairs)
for first, second in permutations("xyz", 2):
    print(first + second, end=" ")
print()
grid = {(row, col): row * 3 + col for row, col in product(range(3), repeat=2)}
print(grid[(2, 1)], len(grid))
best = max(combinations([4, 1, 8, 3, 6], 3), key=sum)
print(best, sum(best))
it = permutations("abc", 2)
print(next(it), next(it), list(it))
print(type(product("a")).__name__, type(combinations("a", 1)))
for bad in [lambda: permutations("ab", -1), lambda: combinations("ab", -2), lambda: product("a", repeat=-1)]:
    try:
        bad()
    except ValueError as error:
        print("ValueError", error)
