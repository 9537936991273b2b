# Editing a list in place through slices: plain slices may grow or shrink the list,
# extended slices (a step) must be given exactly as many items as they pick.
playlist = ["intro", "verse", "chorus", "verse", "chorus", "bridge", "outro"]

# Replace two songs by three: the list grows.
playlist[1:3] = ["verse 1", "pre-chorus", "chorus 1"]
print(playlist)

# An empty slice is a place to insert at.
playlist[0:0] = ["tuning"]
playlist[len(playlist):] = ["encore"]
print(playlist)

# Assigning fewer items shrinks it; a reversed range is empty, so this inserts.
playlist[-3:] = ["finale"]
playlist[4:2] = ["solo"]
print(playlist, len(playlist))

# Every other slot, and the same backwards.
scores = list(range(10))
scores[::2] = [0] * 5
print(scores)
scores[::-3] = ["a", "b", "c", "d"]
print(scores)

# Deleting slices: odd positions, then the tail.
levels = list(range(12))
del levels[1::2]
print(levels)
del levels[-2:]
print(levels)
del levels[::-2]
print(levels)

# A slice assigned from the list itself reads it before writing.
mirror = [1, 2, 3]
mirror[len(mirror):] = mirror
mirror[:] = mirror[::-1]
print(mirror)

# CPython's errors: sizes must match for an extended slice; only iterables go in.
grid = list("abcdefg")
for step, items in [(2, "xy"), (3, [1, 2, 3]), (-1, range(3))]:
    try:
        grid[::step] = items
        print("assigned", grid)
    except ValueError as error:
        print("ValueError:", error)
try:
    grid[1:3] = 5
except TypeError as error:
    print("TypeError:", error)
try:
    grid[::2] = None
except TypeError as error:
    print("TypeError:", error)
