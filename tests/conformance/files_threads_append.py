# Threads append to one log file under a lock; the main thread reads it back.
import os
import threading
import time

LOG = "worker_log.txt"
lock = threading.Lock()


def worker(number):
    for step in range(3):
        time.sleep(0.01 * (number + 1))
        with lock:
            with open(LOG, "a") as log:
                log.write(f"worker {number} step {step}\n")


if os.path.exists(LOG):
    os.remove(LOG)
threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

with open(LOG) as log:
    lines = log.readlines()
print(f"{len(lines)} lines, of which {sorted(lines)[0]!r} sorts first")
per_worker = {}
with open(LOG) as log:
    for line in log:
        _, number, _, step = line.split()
        per_worker.setdefault(number, []).append(int(step))
print(sorted(per_worker.items()))
print("size", os.path.getsize(LOG), "exists", os.path.exists(LOG), os.path.isfile(LOG))

try:
    with open("missing.txt") as missing:
        print(missing.read())
except FileNotFoundError as error:
    print("caught:", error, "| errno", error.errno, "| strerror", error.strerror, "| filename", error.filename)
    print("args", error.args, isinstance(error, OSError))

os.makedirs("results/daily", exist_ok=True)
os.makedirs("results/daily", exist_ok=True)
for day in ("mon", "tue"):
    with open(os.path.join("results/daily", day + ".txt"), "w") as out:
        print("report for", day, file=out)
print(sorted(os.listdir("results/daily")), os.path.isdir("results"), os.listdir("results"))
with open("results/daily/tue.txt") as report:
    print(repr(report.read()))
try:
    os.makedirs("results/daily")
except FileExistsError as error:
    print("caught:", error)
try:
    open("nowhere/file.txt", "w")
except FileNotFoundError as error:
    print("caught:", error)
os.remove(LOG)
print("after remove", os.path.exists(LOG))
try:
    os.remove(LOG)
except OSError as error:
    print("caught:", type(error).__name__, error)
