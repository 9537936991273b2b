# Parsing a small config-like text: splitlines keeps or drops the line endings (all of
# \n, \r\n and \r count), startswith/endswith take a tuple of choices and a window,
# replace can stop after a count, expandtabs lines columns up.
raw = "# settings\r\nname = demo\nmode\t= fast\rlevel =\t3\n\n"
print(raw.splitlines())
print(raw.splitlines(keepends=True))
print("".splitlines(), "one".splitlines(True), "a\n".splitlines())

for line in raw.splitlines():
    if line.startswith(("#", ";")):
        print("comment:", line)
    elif line.endswith(("fast", "slow")):
        print("speed:", line.expandtabs(4))
    elif line:
        print("entry:", line.replace(" ", "", 2).expandtabs())

# The window: like slicing the string first, negative positions from the end.
path = "/var/log/app.log.1"
print(path.startswith("log", 5), path.startswith("var", 1, 3), path.startswith("var", 1, 4))
print(path.endswith(".log", 0, -2), path.endswith(".log", -6, -2), path.endswith("", 99))
print(path.startswith("", len(path)), path.startswith(("x", "/v"), 0))

# replace: count limits how many, from the left; a negative count means all.
csv = "a,b,c,d,e"
print(csv.replace(",", ";", 1), csv.replace(",", ";", 3), csv.replace(",", ";", -1))
print(csv.replace(",", ";", 0), "aaa".replace("", "-", 2), "banana".replace("an", "AN", 1))

# expandtabs: tab stops are counted from the start of each line.
table = "id\tname\tscore\n7\tAda\t91\n12\tGrace Hopper\t88"
for size in (8, 4, 1, 0):
    print(repr(table.expandtabs(size)))
