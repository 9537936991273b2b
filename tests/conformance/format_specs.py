# Format specs tutorials print with: nan and inf, -0.0, '_' grouping of hex digits, %c, float
# overflow to inf, a class's own __format__ (f-strings, str.format and format()), and datetime
# specs as strftime reads them.
import datetime

nan = float("nan"); inf = float("inf")
print(f"{nan:.2f} {inf:.1f} {-inf:8.2f}|{nan}|{-0.0:.1f}|{-0.0}|{1234567:_x}|{1234567:,}|{0.000012345:.3e}|{nan:>6}|")
print("%c%c" % (65, "b"), "%5.1f%%" % 12.345, "%x %o %e" % (255, 8, 12345.678))
print(1e300 * 1e10, -1e300 * 1e10)
print(round(2.5), round(-0.5), round(1.25, 1), f"{2.675:.2f}", abs(-0.0))
print(f"{12:+d} {12: d} {-12:05d} {3.14159:g} {1e20:g} {0.0001:g} {123456789:e}")
print(f"{'x':*^9} {'abc':.2} {42:#b} {42:#o} {255:#X}")

import datetime
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        if spec == "USD":
            return f"${self.cents / 100:,.2f}"
        return format(self.cents / 100, spec)
    def __str__(self):
        return f"{self.cents} cents"
class Plain:
    pass
m = Money(123456)
print(f"{m:USD} {m:.1f} {m} {m!s:>14}|")
print("{:USD}".format(m), format(m, "USD"))
d = datetime.datetime(2024, 1, 2, 3, 4, 5)
print(f"{d:%Y-%m-%d %H:%M:%S} {d.date():%d/%m/%Y} {d}")
print("{:%H:%M}".format(d))
try:
    print(f"{Plain():>5}")
except TypeError as e:
    print("TypeError:", e)
