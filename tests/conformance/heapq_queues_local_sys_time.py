import heapq
import queue
import sys
import threading
import time

h = []
for n in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, n)
print(h, heapq.heappop(h), h)
data = [9, 4, 7, 1, 8]
heapq.heapify(data)
print(data, heapq.nlargest(2, data), heapq.nsmallest(3, [5, 2, 8, 1]))
tasks = [(2, "write"), (1, "read"), (3, "exec"), (1, "alpha")]
pq = queue.PriorityQueue()
for t in tasks:
    pq.put(t)
print([pq.get() for _ in range(pq.qsize())])
lq = queue.LifoQueue()
for i in range(3):
    lq.put(i)
print([lq.get() for _ in range(3)], lq.empty())
sq = queue.SimpleQueue()
sq.put("x"); print(sq.get(), sq.empty(), type(sq).__name__, type(pq).__name__)

local = threading.local()
local.name = "main"
def worker(n):
    local.name = f"worker-{n}"
    time.sleep(0.01)
    results.append((n, local.name))
results = []
ts = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(results), local.name)
try:
    print(threading.local().missing)
except AttributeError as e:
    print("AttributeError:", e)

print(sys.getswitchinterval(), sys.getrecursionlimit(), sys.maxsize, len(sys.argv))
sys.stdout.write("written\n")
print("to stderr", file=sys.stderr)
sys.stdout.flush()
t = time.gmtime(0)
print(t.tm_year, t.tm_mon, t.tm_wday, t[0], tuple(t)[:3])
print(time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(1764511509)))
print(time.ctime(1762000000), time.asctime(time.gmtime(1764511509)))
print(time.mktime(time.gmtime(1764511509)))
print(type(time.time_ns()).__name__, time.perf_counter_ns() >= 0)
def bye():
    sys.exit("leaving the thread")
th = threading.Thread(target=bye)
th.start(); th.join()
print("main still runs")
sys.exit(0)
print("never")
