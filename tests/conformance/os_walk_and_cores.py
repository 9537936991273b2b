# os.walk over files threads wrote, and the usable cores (len(os.sched_getaffinity(0))), as the
# tutorials that count words in a folder of files with a pool do.
import os
from concurrent.futures import ThreadPoolExecutor

for folder in ["docs/a", "docs/b/deep", "docs/c"]:
    os.makedirs(folder, exist_ok=True)


def write(path, words):
    with open(path, "w") as file:
        file.write(" ".join(words))


jobs = {
    "docs/top.txt": ["one", "two"],
    "docs/a/x.txt": ["three"],
    "docs/b/y.txt": ["four", "five", "six"],
    "docs/b/deep/z.txt": ["seven"],
}
with ThreadPoolExecutor(2) as pool:
    list(pool.map(write, jobs, jobs.values()))

# The order of the walk is the file system's: sorted, it is the same everywhere.
for path, directories, files in sorted(os.walk("docs")):
    print(path, sorted(directories), sorted(files))


def count(path):
    with open(path) as file:
        return path, len(file.read().split())


paths = sorted(os.path.join(path, name) for path, _, names in os.walk("docs") for name in names)
with ThreadPoolExecutor(2) as pool:
    for path, words in pool.map(count, paths):
        print(path, words)
print(list(os.walk("missing")), type(os.walk(".")).__name__)
# Bottom-up, a directory comes after what is in it: emptied first, it can then go.
for path, directories, files in os.walk("docs", topdown=False):
    for name in files:
        os.remove(os.path.join(path, name))
    os.rmdir(path)
print(os.path.exists("docs"))
print(len(os.sched_getaffinity(0)) == os.cpu_count())
