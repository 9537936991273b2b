# min, max and sorted with key=, default= and several arguments.
words = ["pear", "fig", "banana", "kiwi"]
print(min(words, key=len), max(words, key=len))
print(min([], default="nothing"), max([], key=len, default=None))
print(sorted(words, key=lambda w: (len(w), w)))
print(max(3, 9, 4), min("b", "a", "c"))
print(min((3, "c"), (1, "z"), (1, "a")), max([2, 8, 5], key=lambda n: -n))
