# What a text file does: modes, buffering until close, positions, and its errors.
import io

with open("notes.txt", "w") as notes:
    print(notes.name, notes.mode, notes.closed, notes.encoding)
    print("wrote", notes.write("héllo\nworld\n"), "characters")
    notes.writelines(["third\n", "fourth\n"])
print("closed after with:", notes.closed)

unclosed = open("notes.txt", "a")
unclosed.write("fifth\n")
with open("notes.txt") as reader:
    print("before close:", len(reader.readlines()), "lines")
unclosed.close()
with open("notes.txt") as reader:
    print("after close:", len(reader.readlines()), "lines")

open("dropped.txt", "w").write("written by a dropped file")
print(open("dropped.txt").read())

with open("notes.txt") as reader:
    print(repr(reader.readline()), reader.tell())
    print(repr(reader.read(3)), repr(reader.readline(2)))
    reader.seek(0)
    print(repr(reader.read(5)))
    print(reader.seek(0, 2) > 0, repr(reader.read()))

with open("scratch.txt", "w+") as scratch:
    scratch.write("abc")
    scratch.seek(0)
    print("w+ reads back", repr(scratch.read()), scratch.tell())

with open("notes.txt", "r+") as both:
    print("r+ read", repr(both.read(5)))
    both.write("!")
with open("notes.txt") as reader:
    print("r+ wrote at", reader.read().index("!"))

with open("notes.txt", "a+") as appending:
    print("a+ starts at the end:", repr(appending.read()))

for mode in ("x", "q", "rw", "rt+b"):
    try:
        open("notes.txt", mode)
    except (FileExistsError, ValueError) as error:
        print(mode, type(error).__name__, error)

reader = open("notes.txt")
try:
    reader.write("no")
except io.UnsupportedOperation as error:
    print("UnsupportedOperation:", error, isinstance(error, OSError), isinstance(error, ValueError))
try:
    reader.write(5)
except TypeError as error:
    print("TypeError:", error)
reader.close()
reader.close()
try:
    reader.read()
except ValueError as error:
    print("ValueError:", error)
for whence, offset in ((1, 5), (2, -1), (0, -1)):
    try:
        open("notes.txt").seek(offset, whence)
    except (ValueError, OSError) as error:
        print("seek", offset, whence, type(error).__name__, error)

buffer = io.StringIO()
buffer.write("one\n")
print("two", file=buffer)
print(repr(buffer.getvalue()), buffer.tell())
buffer.seek(0)
print([line for line in buffer])
print(io.StringIO("a\nb").readlines())
