# A program's exit: atexit's calls (last registered first, after every thread and process has
# ended), and the book-keeping tutorials do around it: a temporary directory to work in, the
# working directory changed and put back, open files closed.
import atexit
import gc
import io
import multiprocessing
import os
import tempfile
import threading
import time

start_dir = os.getcwd()
print("absolute:", os.path.isabs(start_dir), start_dir == os.path.abspath("."))

scratch = tempfile.TemporaryDirectory()
print("in /tmp:", os.path.dirname(scratch.name) == tempfile.gettempdir(), os.path.isdir(scratch.name))
print("named like CPython's:", os.path.basename(scratch.name).startswith("tmp"), len(os.path.basename(scratch.name)))
atexit.register(scratch.cleanup)
atexit.register(lambda: os.chdir(start_dir))
os.chdir(scratch.name)
print("moved:", os.getcwd() == scratch.name)

with open("notes.txt", "w") as notes:
    notes.write("written in the scratch directory\n")
print("there:", os.listdir(scratch.name), os.path.exists(os.path.join(scratch.name, "notes.txt")))
os.mkdir("sub")
os.chdir("sub")
print("relative chdir:", os.getcwd() == os.path.join(scratch.name, "sub"))
with open("../from_sub.txt", "w") as up:
    up.write("written through ..\n")
print("up one:", os.path.abspath("../from_sub.txt") == os.path.join(scratch.name, "from_sub.txt"))
os.chdir("..")
print("back:", os.getcwd() == scratch.name, sorted(os.listdir(".")))
os.chdir(os.path.join("sub", "..", ".."))
print("out of it:", os.getcwd() == os.path.dirname(scratch.name))
os.chdir(scratch.name)

log = open("log.txt", "w")
print("a file is IOBase:", isinstance(log, io.IOBase), isinstance("text", io.IOBase))


# (CPython's list of objects holds sys.stdout too, which this closes: nothing prints after.)
def close_open_files():
    for obj in gc.get_objects():
        if isinstance(obj, io.IOBase):
            obj.close()
    log.close()


atexit.register(close_open_files)
print("collected:", gc.collect() >= 0)

with tempfile.TemporaryDirectory(prefix="run-", suffix=".d") as path:
    name = os.path.basename(path)
    print("with:", name.startswith("run-"), name.endswith(".d"), os.path.isdir(path))
print("gone after with:", os.path.exists(path))
made = tempfile.mkdtemp()
print("mkdtemp stays:", os.path.isdir(made))
os.rmdir(made)


def goodbye(who, punctuation="!"):
    print("goodbye", who + punctuation, threading.current_thread().name)


atexit.register(goodbye, "first")
atexit.register(goodbye, "second", punctuation="?")


@atexit.register
def registered_last():
    print("registered last, called first; the scratch directory is still there:", os.path.isdir(scratch.name))


def never():
    print("never called")


atexit.register(never)
atexit.unregister(never)


def slow_worker():
    time.sleep(0.1)
    print("the worker ends before the exit calls")


def child_process():
    time.sleep(0.25)
    print("so does a child process")


if __name__ == "__main__":
    threading.Thread(target=slow_worker).start()
    multiprocessing.Process(target=child_process).start()
    print("the main thread ends")
    try:
        os.chdir("missing")
    except FileNotFoundError as error:
        print(error)
