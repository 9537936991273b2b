# Results printed as a table, with f-string alignment and number formats.
rows = [("download", 3, 1.23456), ("parse", 12, 0.5), ("save", 1, 12.0)]
print(f"{'step':<10}|{'count':>6}|{'seconds':>9}")
print("-" * 27)
for name, count, seconds in rows:
    print(f"{name:<10}|{count:>6}|{seconds:>9.2f}")
total = sum(seconds for _, _, seconds in rows)
print(f"{'total':<10}|{sum(c for _, c, _ in rows):>6}|{total:>9.2f}")
print(f"{1234567:,} {0.25:.0%} {42:08.3f} {255:#x} {7:b}")
print("%-8s|%5d|%6.1f" % ("pct", 50, 99.95))
print("{:^12}".format("centre"), "{0}-{1}-{0}".format("a", "b"))
