# Counting words with a dict, then the most frequent with sorted and a key.
text = """the quick brown fox jumps over the lazy dog
the dog barks and the fox runs"""
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
top = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:3]
print(top)
print(max(counts, key=counts.get), min(len(w) for w in counts))
lengths = {word: len(word) for word in counts if len(word) > 3}
print(lengths)
print(" ".join(sorted({w[0] for w in counts})))
lines = [line.strip().title() for line in text.splitlines()]
print(lines)
