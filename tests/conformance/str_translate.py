# str.maketrans and str.translate: a pool of threads encodes messages with a rot13 table,
# another table strips punctuation, and the errors CPython raises for bad tables.
import string
from concurrent.futures import ThreadPoolExecutor

lower = string.ascii_lowercase
rot13 = str.maketrans(lower + lower.upper(), lower[13:] + lower[:13] + lower[13:].upper() + lower[:13].upper())
strip = str.maketrans("", "", string.punctuation)
messages = ["Threads share memory!", "Processes do not.", "The GIL: one at a time?"]


def encode(message):
    return message.translate(strip).translate(rot13)


with ThreadPoolExecutor(max_workers=2) as pool:
    encoded = list(pool.map(encode, messages))
print(encoded)
print([text.translate(rot13) for text in encoded])

table = str.maketrans("abc", "xyz")
print("aabbcc".translate(table), table, str.translate("cab", table))
print("abc".translate({97: None, 98: "BB", 99: 100}), str.maketrans({"a": "1", 98: None}))
print(str.maketrans("aa", "xy"), str.maketrans("ab", "cd", "ba"), "tab".translate({}))
for bad in [
    lambda: str.maketrans("ab", "c"),
    lambda: str.maketrans({"ab": 1}),
    lambda: str.maketrans([1]),
    lambda: "a".translate({97: 1.5}),
]:
    try:
        bad()
    except (ValueError, TypeError) as error:
        print(type(error).__name__, error)
