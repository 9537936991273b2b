# A tour of string methods used when cleaning up text.
line = "key=value=more"
print(line.partition("="), line.rpartition("="), line.partition("#"))
print("42".zfill(5), "-42".zfill(5), "abc".zfill(2))
print("[" + "go".center(8) + "]", "[" + "go".center(7, "*") + "]")
print("[" + "left".ljust(8, ".") + "]", "[" + "right".rjust(8) + "]")
print("the quick brown fox".title(), "they're here".title())
print("Hello World".swapcase(), "hello".capitalize(), "ABC".casefold())
text = "first\nsecond\r\nthird\n\nfifth"
print(text.splitlines())
print("a\nb\n".splitlines(), "".splitlines())
print("  padded  ".strip(), "xxhixx".strip("x"), "--a--".lstrip("-"), "--a--".rstrip("-"))
print("a,b,,c".split(","), "a b  c".split(), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("report.txt".endswith((".txt", ".md")), "report".startswith("rep"))
print("banana".find("na"), "banana".rfind("na"), "banana".find("x"), "banana".count("a"))
print("banana".replace("a", "o"), "-".join(["x", "y", "z"]))
print("abc123".isalnum(), "123".isdigit(), "abc".isalpha(), "   ".isspace(), "Hi".isupper())
print(repr("a\tb"))
print("%s" % "ß".upper(), "straße".removesuffix("e"), "prefix_name".removeprefix("prefix_"))
