# re: threads parse log lines with a compiled pattern and named groups, count words with
# findall, redact with sub (a template and a function), split on a pattern, and report the
# errors CPython reports for patterns that do not compile.
import re
import threading
from collections import Counter

LINE = re.compile(r"(?P<time>\d\d:\d\d:\d\d) \[(?P<level>[A-Z]+)\] (?P<thread>[\w-]+): (?P<message>.*)")
logs = [
    "10:00:01 [INFO] worker-1: started job 17 for alice@example.com",
    "10:00:02 [WARN] worker-2: retrying job 18 (attempt 2)",
    "10:00:03 [ERROR] worker-1: job 17 failed: timeout after 30s",
    "garbage line without a level",
    "10:00:05 [INFO] worker-3: finished job 19 in 1.25s for bob@example.org",
]
parsed = {}
lock = threading.Lock()


def parse(index, line):
    found = LINE.match(line)
    with lock:
        parsed[index] = found.groupdict() if found else None


threads = [threading.Thread(target=parse, args=(i, line)) for i, line in enumerate(logs)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for index in sorted(parsed):
    print(index, parsed[index])

levels = Counter(m.group("level") for m in map(LINE.match, logs) if m)
print(sorted(levels.items()))
words = re.findall(r"\b[a-z]+\b", " ".join(logs))
print(len(words), Counter(words).most_common(3))
print(re.findall(r"job (\d+)", " ".join(logs)))
print(re.findall(r"(\w+)@(\w+)\.(com|org)", " ".join(logs)))
print(re.sub(r"[\w.]+@[\w.]+", "<email>", logs[0]))
print(re.sub(r"(\d+)s\b", r"\1 seconds", logs[2]))
print(re.sub(r"job (?P<id>\d+)", r"task #\g<id>", logs[1]), re.subn(r"\d", "#", "a1b22c333"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples and 14 pears"))
print(re.split(r"\s*[,;]\s*", "alpha , beta;gamma ,delta"), re.split(r"(-)", "a-b-c", maxsplit=1))
print(re.split(r"x*", "axbc"), re.sub("x*", "-", "abxd"), re.findall(r"a*", "baaa"))

m = LINE.search(logs[2])
print(m.group(0) == logs[2], m.group(2, 3), m["thread"], m.start("message"), m.end(), m.span(1))
print(m.groups()[:2], m.lastindex, m.lastgroup, m.re is LINE, m.pos, m.endpos)
print(repr(re.search(r"o+", "foo boo")), re.search(r"z", "abc"), bool(re.match(r"ab", "abc")))
print(re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"), re.match(r"b", "ab"))
print(LINE.groups, sorted(LINE.groupindex.items()), LINE.pattern[:12], bool(LINE.flags & re.I))
print(re.compile("a", re.I | re.M), re.compile("b"), re.compile("c", re.S).flags & re.DOTALL > 0)
print([m.span() for m in re.finditer(r"\d+", "a1 b22 c333")])

print(re.findall(r"^\w+", "one\ntwo\nthree", re.M), re.findall(r"^\w+", "one\ntwo"))
print(re.findall(r"\w+$", "one\ntwo\n"), re.search(r"a.c", "a\nc"), re.search(r"a.c", "a\nc", re.S).group())
print(re.findall(r"HELLO", "hello Hello", re.IGNORECASE), re.search(r"(?i)straße", "STRASSE"))
print(re.findall(r"(?i:error|warn)ing \w+", "Warning x, ERRORING y, warnING z"), re.findall(r"a(?-i:B)", "AB ab aB", re.I))
print(re.findall(r"(a|ab)(c|bcd)(d*)", "abcd"), re.match(r"(a+)+b", "aaab").group(1))
print(re.findall(r"<.+?>", "<a><b>"), re.findall(r"<.+>", "<a><b>"), re.findall(r"\d{2,3}?", "12345"))
print(re.findall(r"(\w)\1", "aabbcd"), re.findall(r"(?P<c>\w)(?P=c)", "xxyzz"))
print(re.findall(r"foo(?=bar)", "foobar foobaz"), re.findall(r"foo(?!bar)", "foobar foobaz"))
print(re.findall(r"(?<=\$)\d+", "cost $30 or 40"), re.findall(r"(?<!\$)\b\d+", "cost $30 or 40"))
print(re.findall(r"[^aeiou\s]+", "threads run"), re.findall(r"[\d.-]+", "v1.2-3 x"), re.findall(r"[]a]", "a]b"))
pattern = re.compile(r"""
    (\d{3})   # area
    [-.\s]?   # separator
    (\d{4})   # number
""", re.VERBOSE)
print(pattern.findall("call 555-1234 or 555 9876"), re.escape("1+1=2? (yes) a.b"))
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world"), re.match(r"(a)(b)?", "a").groups("-"))

for bad in ["*a", "a**", "(ab", "ab)", "[ab", r"\q", "(?P<1>x)", r"(a)\2", "a{3,1}", "x(?<=a+)"]:
    try:
        re.compile(bad)
    except re.error as error:
        print(type(error).__name__, error)
try:
    re.sub("a", r"\9", "a")
except re.error as error:
    print("sub:", error)
try:
    re.match(r"(a)", "a").group(3)
except IndexError as error:
    print("IndexError:", error)


def first_number(pattern: re.Pattern, text: str) -> "re.Match | None":
    return pattern.search(text)


found = first_number(re.compile(r"\d+"), "job 42")
print(re.Match, type(found) is re.Match, isinstance(found, re.Pattern), isinstance(LINE, re.Pattern))
