# contextlib.redirect_stdout and redirect_stderr: what the program prints (its threads too)
# goes to the file for the with block, and the log gets only what it prints afterwards.
import contextlib
import io
import sys
import threading


def report(n):
    print(f"worker {n} reporting")


captured = io.StringIO()
with contextlib.redirect_stdout(captured) as target:
    print("same object:", target is captured)
    workers = [threading.Thread(target=report, args=(n,)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    sys.stdout.write("written to sys.stdout\n")
    print("to stderr, not redirected", file=sys.stderr)
print("captured lines:", captured.getvalue().splitlines())

errors = io.StringIO()
with contextlib.redirect_stderr(errors):
    print("a warning", file=sys.stderr)
    inner = io.StringIO()
    with contextlib.redirect_stdout(inner):
        print("inner")
        with contextlib.redirect_stdout(captured):
            print("innermost")
        print("inner again")
    print("stdout is not redirected here")
print("errors:", repr(errors.getvalue()))
print("inner:", repr(inner.getvalue()))
print("last:", captured.getvalue().splitlines()[-1])

with open("out.txt", "w") as file, contextlib.redirect_stdout(file):
    print("into a file")
with open("out.txt") as file:
    print("file holds:", repr(file.read()))
