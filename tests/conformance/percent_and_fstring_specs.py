# Old-style % formatting next to f-string format specs for a small report.
rows = [("widget", 3, 2.5), ("gadget", 12, 10.125), ("doohickey", 1, 99.9)]

print("%-10s|%5s|%8s" % ("item", "qty", "price"))
for name, qty, price in rows:
    print("%-10s|%5d|%8.2f" % (name, qty, price))
print("%s items, %d%% discount, code %05d" % (len(rows), 15, 42))
print("%x %X %o %e" % (255, 255, 8, 12345.678))
print("%r and %s" % ("quoted", "plain"))
print("%(name)s is %(age)d" % {"name": "Ada", "age": 36})
print("%+d %+d % d" % (5, -5, 7))
print("%.3s|%10.4f|%-6d|" % ("abcdef", 3.14159265, 42))

total = sum(q * p for _, q, p in rows)
print(f"{'total':<10}|{sum(q for _, q, _ in rows):>5}|{total:>8.2f}")
print(f"{total:,.1f} {1234567:,} {0.256:.1%} {42:08.3f}")
print(f"{255:#x} {255:#o} {5:#b} {255:b}")
print(f"[{'mid':^9}] [{'mid':*^9}] [{7:+}] [{-7: }]")
print(f"{3.0:g} {1e20:g} {0.00001234:g} {123456789.0:g}")
width, digits = 12, 3
print(f"[{2 / 3:{width}.{digits}f}]")
print(f"{'repr':>8} {'x'!r} {rows[0]!s}")
