# round() ties to even (banker's rounding); floats that look like ties often are not, since
# 2.675 is stored a little below. divmod floors, so the remainder takes the divisor's sign.
print([round(x) for x in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5)])
print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(1.005, 2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(7), type(round(7.6)).__name__, type(round(7.6, 1)).__name__, round(7.25, 1))

for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5), (0, 3)]:
    q, r = divmod(a, b)
    print(f"divmod({a}, {b}) = {(q, r)}; check {q * b + r == a}")
print(divmod(7.5, 2), divmod(-7.5, 2), -7 // 2, -7 % 2, 7 % -2)

# Splitting seconds into units is divmod's classic use.
seconds = 200000
minutes, seconds = divmod(seconds, 60)
hours, minutes = divmod(minutes, 60)
days, hours = divmod(hours, 24)
print(f"{days}d {hours:02}h {minutes:02}m {seconds:02}s")

try:
    divmod(1, 0)
except ZeroDivisionError as error:
    print("ZeroDivisionError:", error)
