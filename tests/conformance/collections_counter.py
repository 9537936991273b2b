# Counter: counting words and letters, most_common, arithmetic, and counting in threads.
import threading
from collections import Counter

text = """the quick brown fox jumps over the lazy dog
the dog barks and the fox runs away from the dog"""
words = Counter(text.split())
print(words)
print(words.most_common(3))
print(words["the"], words["dog"], words["cat"], "cat" in words, len(words))
print(words.total(), sum(words.values()))
for word, count in words.most_common():
    if count > 1:
        print(f"{word:>6}: {'*' * count}")

letters = Counter("mississippi")
print(letters, letters.most_common(1), sorted(letters.elements()))
letters.update("sip")
print(letters)
letters.subtract({"s": 10, "z": 1})
print(letters)
letters["i"] += 1
del letters["z"]
del letters["never there"]
print(letters, list(letters.keys()), list(letters.items()))
print(Counter(), Counter({"a": 3, "b": 1}), Counter(a=2, b=5), Counter([1, 1, 2, 3, 3, 3]))
a = Counter(x=3, y=1)
b = Counter(x=1, y=2, z=4)
print(a + b, a - b, b - a, a | b, a & b)
print(a == Counter(y=1, x=3), a == {"x": 3, "y": 1}, a != b)
print(isinstance(a, Counter), isinstance(a, dict), type(a).__name__, type(a))
print(dict(a), sorted(a), a.get("x"), a.get("q", 0))
print(Counter({"b": 2, "a": 2, "c": 3}).most_common())
print(Counter("abcab").most_common(0), Counter("aaa").most_common(5))

# Each thread counts its own words; the main thread adds the counts up after the joins.
chunks = ["red green blue red", "green green blue", "red yellow", "blue blue blue"]
partial = [None] * len(chunks)

def count_chunk(index):
    partial[index] = Counter(chunks[index].split())

threads = [threading.Thread(target=count_chunk, args=(i,)) for i in range(len(chunks))]
for t in threads:
    t.start()
for t in threads:
    t.join()
total = Counter()
for counts in partial:
    total.update(counts)
print(total, total.most_common(2))
print(sum(partial, Counter()))

# A shared counter updated under a lock.
shared = Counter()
lock = threading.Lock()

def tally(name, times):
    for _ in range(times):
        with lock:
            shared[name] += 1

workers = [threading.Thread(target=tally, args=(f"t{i}", 500)) for i in range(3)]
for t in workers:
    t.start()
for t in workers:
    t.join()
print(shared, shared.total())
