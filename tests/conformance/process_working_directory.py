# Each process has its own working directory: a child that changes its own leaves its parent
# where it was, and what it wrote there is found through the path from the parent's.
import os
import tempfile
from multiprocessing import Process


def settle_in(name):
    os.mkdir(name)
    os.chdir(name)
    print("the child works in", os.path.basename(os.getcwd()))
    with open("note.txt", "w") as note:
        note.write(f"written in {name}")


def report():
    print("a child started now begins in", os.path.basename(os.getcwd()))


if __name__ == "__main__":
    base = tempfile.mkdtemp()
    os.chdir(base)
    child = Process(target=settle_in, args=("inner",))
    child.start()
    child.join()
    print("the parent is still in its directory:", os.getcwd() == base)
    print("the child's file:", os.listdir("inner"), open(os.path.join("inner", "note.txt")).read())
    os.chdir("inner")
    second = Process(target=report)
    second.start()
    second.join()
    print(os.path.abspath("x") == os.path.join(base, "inner", "x"))
