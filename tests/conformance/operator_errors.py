# The errors operators raise on the wrong types, with CPython's messages (what a tutorial shows
# when it builds "Total: " + total), and sequences repeated by an int.


class P:
    pass


for text, compute in [
    ('"a" + 1', lambda: "a" + 1),
    ('[1] + (2,)', lambda: [1] + (2,)),
    ('(1,) + [2]', lambda: (1,) + [2]),
    ('"a" * "b"', lambda: "a" * "b"),
    ('[1] * 2.5', lambda: [1] * 2.5),
    ('2.5 * "a"', lambda: 2.5 * "a"),
    ('"n=" + 3.5', lambda: "n=" + 3.5),
    ('"x" + P()', lambda: "x" + P()),
    ('(1, 2) * 2', lambda: (1, 2) * 2),
    ('2 * (0,)', lambda: 2 * (0,)),
    ('(1,) * 0', lambda: (1,) * 0),
    ('1 / 0', lambda: 1 / 0),
    ('1.0 / 0', lambda: 1.0 / 0),
    ('5 % 0', lambda: 5 % 0),
    ('5.0 % 0', lambda: 5.0 % 0),
    ('7 // 0', lambda: 7 // 0),
    ('7.0 // 0', lambda: 7.0 // 0),
    ('1 + "a"', lambda: 1 + "a"),
    ('"%d" % 3', lambda: "%d" % 3),
    ('[1, 2] * 2', lambda: [1, 2] * 2),
]:
    try:
        print(text, "->", compute())
    except Exception as error:
        print(text, "->", type(error).__name__, error)


# `@` through a class's __matmul__, and the errors of in-place operators, which name them.
class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __matmul__(self, other):
        return Matrix([[sum(a * b for a, b in zip(row, col)) for col in zip(*other.rows)] for row in self.rows])

    def __rmatmul__(self, other):
        return "reflected"

    def __repr__(self):
        return f"Matrix({self.rows})"


square = Matrix([[1, 2], [3, 4]])
product = square
product @= square
print(square @ square, 5 @ square, product, square)
attempts = [
    lambda: 1 @ 2,
    lambda: True @ 1.5,
    lambda: 1.5 << 2,
    lambda: 1 | 2.5,
]
for attempt in attempts:
    try:
        attempt()
    except TypeError as error:
        print(error)
total = 1
for operand in ["s", None, 1.5]:
    try:
        total += operand
    except TypeError as error:
        print(error)
    try:
        total **= operand
    except TypeError as error:
        print(error)
    try:
        total <<= operand
    except TypeError as error:
        print(error)
