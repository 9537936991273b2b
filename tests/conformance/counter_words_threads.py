# Words counted by several threads, each on a part, merged with Counter.
import threading
from collections import Counter

text = "one two three two three three four four four four".split()
parts = [text[i::3] for i in range(3)]
counts = [None] * 3

def count(index):
    counts[index] = Counter(parts[index])

threads = [threading.Thread(target=count, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
total = Counter()
for c in counts:
    total.update(c)
print(total.most_common(2), total["four"], total["five"])
print(sorted(total.elements())[:5])
