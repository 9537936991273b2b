# Layered settings: defaults, then a file, then the command line. `|` makes a new dict
# (the right side wins, keys keep their first position), `|=` updates in place.
defaults = dict.fromkeys(["host", "port", "debug"])
print(defaults)
defaults |= {"host": "localhost", "port": 8080, "debug": False}
from_file = {"port": 9000, "workers": 4}
from_cli = {"debug": True}

settings = defaults | from_file | from_cli
print(settings)
print(defaults)

# In place keeps the same object, and takes pairs too (as update() does).
alias = settings
settings |= [("timeout", 30), ("port", 9001)]
print(alias is settings, settings)

# fromkeys shares one value among all keys: a mutable one is the same object.
buckets = dict.fromkeys("abc", [])
buckets["a"].append(1)
print(buckets)
counts = dict.fromkeys(range(3), 0)
counts[1] += 5
print(counts, dict.fromkeys(()), dict.fromkeys("aab", "x"))

# Only dicts combine with `|`; `|=` accepts any pairs but not a non-iterable.
try:
    settings | [("a", 1)]
except TypeError as error:
    print("TypeError:", error)
try:
    settings |= 5
except TypeError as error:
    print("TypeError:", error)
try:
    settings |= ["ab", "cde"]
except ValueError as error:
    print("ValueError:", error)
