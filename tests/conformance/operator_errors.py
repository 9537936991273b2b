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
