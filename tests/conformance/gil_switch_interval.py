# The switch interval CPython uses between threads, and threads that share a list.
import sys
import threading

print("switch interval:", sys.getswitchinterval())
shared = []

def append_many(tag):
    for n in range(1000):
        shared.append((tag, n))

threads = [threading.Thread(target=append_many, args=(tag,)) for tag in "ab"]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), sorted(set(tag for tag, _ in shared)))
print(sum(1 for tag, _ in shared if tag == "a"))
