# Building text: join over pieces, repetition, and str methods in a report.
rows = {"cpu": 93.456, "memory": 61.2, "disk": 7.0}
width = max(len(name) for name in rows)
lines = [f"{name.ljust(width)} {'#' * int(value // 10):<10} {value:5.1f}%" for name, value in rows.items()]
print("\n".join(lines))
header = " | ".join(name.upper() for name in rows)
print(header)
print("=" * len(header))
csv = "name,value\n" + "\n".join(f"{k},{v}" for k, v in rows.items())
parsed = [line.split(",") for line in csv.splitlines()[1:]]
print(parsed)
print("".join(reversed("threads")), "threads"[::-1], "threads"[1:4], "threads"[-3:])
