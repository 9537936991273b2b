# A worker that reports its exception with the traceback module and carries on, as tutorials'
# thread pools do: print_exc, format_exc, print_exception and format_exception, chained too,
# and print_tb and format_tb.
import threading
import traceback


def parse(text):
    return int(text)


def work(item, results):
    try:
        results.append(10 / parse(item))
    except ZeroDivisionError:
        traceback.print_exc()
        last = traceback.format_exc().splitlines()[-1]
        print(f"{item!r}: recovered from {last}")
    except ValueError as error:
        print(f"{item!r}: lines of its traceback:", len(traceback.format_exception(error)))
        traceback.print_exception(error)


def lookup(table, key):
    try:
        return table[key]
    except KeyError as missing:
        raise LookupError(f"no entry {key!r}") from missing


results = []
threads = [threading.Thread(target=work, args=(item, results)) for item in ["5", "0", "five"]]
for thread in threads:
    thread.start()
    thread.join()
print("results", results)

try:
    lookup({}, "a")
except LookupError:
    traceback.print_exc()

print(traceback.format_exc(), end="")
never_raised = RuntimeError("made, not raised")
print(traceback.format_exception(never_raised))

# A traceback object's entries alone: print_tb and format_tb of __traceback__ and of what
# sys.exc_info() and a thread hook are given.
import sys

try:
    lookup({}, "b")
except LookupError as error:
    traceback.print_tb(sys.exc_info()[2])
    print("".join(traceback.format_tb(error.__traceback__)), end="")
print("never raised:", never_raised.__traceback__)


def show_the_entries(args):
    traceback.print_tb(args.exc_traceback, file=sys.stdout)


threading.excepthook = show_the_entries
failing = threading.Thread(target=lookup, args=({}, "c"))
failing.start()
failing.join()
