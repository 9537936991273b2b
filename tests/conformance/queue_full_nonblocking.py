# A bounded queue: put(block=False) raises Full, get_nowait raises Empty.
import queue

q = queue.Queue(maxsize=2)
print("maxsize:", q.maxsize)
q.put("a")
q.put_nowait("b")
print("full:", q.full(), "size:", q.qsize())
try:
    q.put("c", block=False)
except queue.Full:
    print("Full raised for c")
try:
    q.put("d", timeout=0.01)
except queue.Full as err:
    print("Full after timeout:", repr(err))
print(q.get(), q.get_nowait())
try:
    q.get(block=False)
except queue.Empty:
    print("Empty raised")
print("is Full an Exception:", issubclass(queue.Full, Exception))

lifo = queue.LifoQueue(maxsize=3)
for word in ["x", "y", "z"]:
    lifo.put(word)
print([lifo.get() for _ in range(3)])

pq = queue.PriorityQueue()
for item in [(3, "low"), (1, "high"), (2, "mid")]:
    pq.put(item)
while not pq.empty():
    print(pq.get())

simple = queue.SimpleQueue()
simple.put(1)
simple.put(2)
print("simple:", simple.get(), simple.qsize())
