import threading
import time

words = ["pear", "fig", "banana", "kiwi", "apple", "plum"]
print(sorted(words, key=len))
print(sorted(words, key=lambda w: w[-1], reverse=True))
print(min(words, key=len), max(words, key=lambda w: len(w) % 3))
numbers = [5, 3, 9, 1]
numbers.sort(key=lambda n: -n)
print(numbers, max(numbers), min(3, 1, 2))


def slow_length(word):
    time.sleep(0.05)
    return len(word)


def sorter(name):
    ordered = sorted(words, key=slow_length)
    print(f"{name} {ordered}")


began = time.perf_counter()
pair = [threading.Thread(target=sorter, args=(f"t{n}",)) for n in range(2)]
for t in pair:
    t.start()
for t in pair:
    t.join()
print(round(time.perf_counter() - began, 1))
