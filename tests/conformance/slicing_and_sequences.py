# Slicing with steps, negative indexes and slice assignment on lists and strings.
letters = list("abcdefghij")
print(letters[::2], letters[1::2])
print(letters[::-1][:3], letters[-3:], letters[-1:-4:-1])
print(letters[2:8:3], letters[8:2:-2])
print("threading"[::-1], "threading"[3:-2], "abc"[5:], "abc"[-10:2])

nums = list(range(10))
print(nums[-2:], nums[:-7], nums[3:3], nums[::4], nums[100:])

data = [5, 3, 8, 3, 1]
data.insert(0, 9)
data.insert(100, 7)
data.insert(-1, 4)
print(data, data.index(3), data.count(3))
data.remove(3)
print(data)
try:
    data.remove(42)
except ValueError as err:
    print("ValueError:", err)
try:
    data.index(42)
except ValueError as err:
    print("ValueError:", err)
print(data.pop(), data.pop(0), data)
t = (1, 2, 3, 2)
print(t[1:], t.index(2), t.count(2), t[::-1])
