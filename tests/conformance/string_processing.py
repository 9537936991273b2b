# Parsing log lines with split, partition and str methods.
lines = [
    "2024-01-05 ERROR disk full on /var",
    "2024-01-05 INFO backup started",
    "2024-01-06 WARNING slow response: 2.5s",
    "2024-01-06 ERROR timeout talking to db",
]
levels = {}
for line in lines:
    date, level, message = line.split(" ", 2)
    levels.setdefault(level, []).append(message)
for level in sorted(levels):
    print(f"{level:<8}{len(levels[level])}")
errors = [m for m in levels["ERROR"] if "timeout" in m or m.startswith("disk")]
print(errors)
key, sep, value = "slow response: 2.5s".partition(": ")
print(key.title(), float(value.rstrip("s")) * 2, sep == ": ")
print("|".join(s.center(7, ".") for s in ["a", "bb", "ccc"]))
print("Mixed Case".swapcase(), "  padded  ".strip().zfill(10), "x".join("abc"))
