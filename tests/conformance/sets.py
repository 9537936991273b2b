s = {3, 1, 2}
print(s, len(s), 2 in s, 5 not in s)
s.add(10); s.add(1); s.discard(99)
print(s)
s.remove(3)
print(s, sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union([7, 8]), a.intersection(b, {4}), a.difference({1}), a.symmetric_difference(b))
print({1, 2} <= a, {1, 2} < {1, 2}, a >= {1}, a.issubset(b), a.issuperset({1, 2}), a.isdisjoint({9}))
print(set(), set([5, 5, 6]), frozenset([2, 1]), set("aab") == {"a", "b"})
print({x % 5 for x in range(20)}, {n * n for n in range(-3, 4)})
big = set(range(100, 0, -7))
print(big)
print(set(range(50)))
nums = {15, 7, 31, 63, 127, 255, 1000, 8, 16}
print(nums)
nums.discard(7); nums.add(23); nums.add(7)
print(nums, nums.pop(), nums)
t = {(1, 2), (0, 1), (5, 5)}
print(t)
f = {0.5, 1.5, -2.25, 3.0}
print(f)
c = a.copy(); c |= {100}; c &= {1, 100, 2}
print(c, a)
seen = set()
for w in [3, 1, 3, 2, 1]:
    if w not in seen:
        seen.add(w)
print(seen, bool(set()), hash(frozenset()) is not None)
print({True, 1, 1.0}, {False, 0})
u = {-1, -2, -8, 8, 0}
print(u)
s2 = set()
for i in range(30):
    s2.add(i * 37 % 101)
for i in range(0, 30, 3):
    s2.discard(i * 37 % 101)
for i in range(200, 210):
    s2.add(i)
print(s2)
try:
    {[1]}
except TypeError as e:
    print("TypeError:", e)
