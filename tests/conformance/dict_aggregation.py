# Aggregating records with dicts: sums, averages and grouping.
orders = [("ana", 30), ("bo", 12), ("ana", 8), ("cy", 40), ("bo", 3)]
totals = {}
counts = {}
for name, amount in orders:
    totals[name] = totals.get(name, 0) + amount
    counts[name] = counts.get(name, 0) + 1
averages = {name: totals[name] / counts[name] for name in totals}
print(totals)
print({name: round(avg, 2) for name, avg in averages.items()})
best = max(totals.items(), key=lambda item: item[1])
print(best)
inverted = {amount: name for name, amount in totals.items()}
print(sorted(inverted.items()))
merged = {**totals, "di": 0} if False else dict(totals, di=0)
print(merged, len(merged), "di" in merged)
del merged["di"]
print(list(merged.keys()), list(merged.values()))
