# Integer and float arithmetic as Python does it: floor division, modulo, rounding.
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 / 2, 2 ** 10, 2 ** -1)
print(round(2.5), round(3.5), round(2.675, 2), round(1234.5678, -2))
print(divmod(-7, 2), abs(-3.5), int("42"), int(3.99), float("1e3"))
print(0.1 + 0.2, 1 / 3, 10 ** 20, 2 ** 100)
print(max(3, 7, 5), min([4, 1, 9]), sum([0.5] * 4), pow(3, 4, 5))
print(f"{1/3:.3f}", f"{1e-5:.2e}", f"{123456789:,}", f"{0.5:%}")
print(True + True, 3 * "ab", [0] * 3, bool(0), bool([]), bool("x"))
