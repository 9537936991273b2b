# int(text, base): hex colours, binary flags and octal modes, as tutorials parse them.
for text, base in [("ff", 16), ("0xff", 16), ("0xFF", 0), ("0b101", 0), ("777", 8), (" -1_0 ", 10), ("z", 36), ("0x_1f", 16), ("+7", 8)]:
    print(text, base, int(text, base))
for text, base in [("12", 2), ("_1", 10), ("1__0", 10), ("--5", 10), ("0x", 16), ("", 10), ("g", 16)]:
    try:
        int(text, base)
    except ValueError as error:
        print("ValueError:", error)
for args in [(5, 10), ("1", 1), ("1", 37)]:
    try:
        int(*args)
    except (TypeError, ValueError) as error:
        print(type(error).__name__ + ":", error)
